/**
 * Bytea values read with a binary `COPY … TO STDOUT`: a plain SELECT brings bytea as hex text (twice
 * the bytes, decoded after), four to six times slower for a few megabytes (2.6 MB: 18–47 ms against
 * 5–11 ms on the bench machine). For values read whole into memory; a snapshot's parts, streamed to a
 * file, have their own reader (version-snapshots.ts `BinaryCopyValues`).
 */
import { to as copyTo } from 'pg-copy-streams';
import type { DatabaseClient } from './database.ts';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_BYTES = SIGNATURE.length + 8;

/**
 * The values of a one-column binary COPY stream (PostgreSQL's documented format: signature, flags,
 * header extension, rows of length-prefixed fields, a trailer of -1), null for NULL. Views of `bytes`.
 */
export function binaryCopyColumn(bytes: Buffer): (Buffer | null)[] {
  const fail = (why: string): never => {
    throw new Error(`binary COPY: ${why}`);
  };
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE))
    fail('not a binary COPY stream');
  let at = HEADER_BYTES + bytes.readInt32BE(HEADER_BYTES - 4);
  const values: (Buffer | null)[] = [];
  for (;;) {
    if (at + 2 > bytes.length) fail('the stream ends before its trailer');
    const fields = bytes.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    if (fields !== 1) fail(`a row of ${fields} fields, not 1`);
    if (at + 4 > bytes.length) fail('the stream ends inside a row');
    const length = bytes.readInt32BE(at);
    at += 4;
    if (length === -1) {
      values.push(null);
      continue;
    }
    if (length < 0 || at + length > bytes.length) fail('the stream ends inside a value');
    values.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (at !== bytes.length) fail('bytes after the trailer');
  return values;
}

/** The bytea values of `select` (one column), in its order, read with a binary COPY on `client`. */
export async function copyByteaColumn(client: DatabaseClient, select: string): Promise<(Buffer | null)[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`)))
    chunks.push(chunk as Buffer);
  return binaryCopyColumn(Buffer.concat(chunks));
}
