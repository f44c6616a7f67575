/**
 * Reads a file as text in fixed-size pieces, synchronously, so a large file is never held whole:
 * memory stays flat whatever the file's size. Characters split across pieces are joined by the
 * decoder. A callback hears how many bytes have been read, for progress reports.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

export type ProgressListener = (bytesRead: number, totalBytes: number) => void;

export function* fileChunks(
  file: string,
  options: { encoding?: 'utf8' | 'latin1'; onProgress?: ProgressListener } = {},
): Generator<string> {
  const descriptor = openSync(file, 'r');
  try {
    const total = fstatSync(descriptor).size;
    const decoder = new StringDecoder(options.encoding ?? 'utf8');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let read = 0;
    for (;;) {
      const count = readSync(descriptor, buffer, 0, CHUNK_BYTES, null);
      if (count === 0) break;
      read += count;
      options.onProgress?.(read, total);
      const text = decoder.write(buffer.subarray(0, count));
      if (text !== '') yield text;
    }
    const rest = decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(descriptor);
  }
}

/** The file's lines (without their ends; LF, CRLF or CR), one at a time, with 1-based numbers. */
export function* fileLines(file: string, onProgress?: ProgressListener): Generator<{ text: string; line: number }> {
  yield* linesOf(fileChunks(file, { onProgress }));
}

/** The lines of a text given in pieces (cut anywhere, even inside a CRLF), with 1-based numbers. */
export function* linesOf(chunks: Iterable<string>): Generator<{ text: string; line: number }> {
  let carry = '';
  let line = 0;
  let pendingCR = false;
  for (const chunk of chunks) {
    let text = carry + chunk;
    // A CRLF split across two pieces: the LF that starts this piece ends no new line.
    if (pendingCR && text.startsWith('\n')) text = text.slice(1);
    pendingCR = false;
    let start = 0;
    const hasCR = text.includes('\r');
    for (;;) {
      // Plain indexOf on LF-only text (the usual case) is several times faster than a regular expression.
      const lf = text.indexOf('\n', start);
      const cr = hasCR ? text.indexOf('\r', start) : -1;
      const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
      if (end < 0) break;
      const width = end === cr && text[end + 1] === '\n' ? 2 : 1;
      // A CR at the very end may be the first half of a CRLF: decide when the next piece comes.
      if (end === cr && end === text.length - 1) pendingCR = true;
      line += 1;
      yield { text: text.slice(start, end), line };
      start = end + width;
    }
    carry = text.slice(start);
  }
  if (carry !== '') {
    line += 1;
    yield { text: carry, line };
  }
}
