import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileChunks, fileLines } from '../../src/ingest/file-chunks.ts';
import { lineLocator } from '../../src/ingest/line-locator.ts';
import { PROPERTY_TIMEOUT, anyText, check } from '../helpers/properties.ts';

/** Text rich in line ends of every kind. */
const text = fc.oneof(
  anyText(200),
  fc.string({ unit: fc.constantFrom('a', 'é', '\r', '\n', '\r\n', '😀'), maxLength: 60 }),
);

describe('line splitting and line numbers', () => {
  it(
    'fileChunks and fileLines read any bytes as Buffer#toString does, in pieces of any size',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'coauthor-chunks-property-'));
      const file = join(directory, 'data.txt');
      // Bytes rich in line ends and in UTF-8 sequences, whole and broken, besides any bytes at all.
      const piece = fc.constantFrom(
        [0x0a],
        [0x0d],
        [0x0d, 0x0a],
        [0x61],
        [0xc3, 0xa9],
        [0xc3],
        [0xf0, 0x9f, 0x98, 0x80],
        [0xf0, 0x9f],
        [0xef, 0xbb, 0xbf],
      );
      const bytesOf = fc.oneof(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(piece, { maxLength: 80 }).map((pieces) => Uint8Array.from(pieces.flat())),
      );
      check(
        fc.property(bytesOf, fc.integer({ min: 1, max: 24 }), (bytes, chunkBytes) => {
          writeFileSync(file, bytes);
          const decoded = Buffer.from(bytes).toString('utf8');
          expect([...fileChunks(file)].join('')).toBe(decoded);
          // The lines of String.split on LF, CRLF and CR; a final line end starts no empty line.
          const lines = decoded.split(/\r\n|\r|\n/u);
          if (lines.at(-1) === '') lines.pop();
          const expected = lines.map((text, k) => ({ text, line: k + 1 }));
          expect([...fileLines(file)]).toEqual(expected);
          // Small pieces: line ends, CRLFs and characters straddle them; lines outgrow the buffer.
          expect([...fileLines(file, undefined, chunkBytes)]).toEqual(expected);
        }),
        300,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'lineLocator gives 1 + the number of line ends before an offset',
    () => {
      check(
        fc.property(text, fc.double({ min: 0, max: 1, noNaN: true }), (whole, fraction) => {
          const offset = Math.floor(fraction * (whole.length + 1));
          const ends = [...whole.matchAll(/\r\n|\r|\n/gu)].filter(
            (match) => match.index + match[0].length <= offset,
          ).length;
          expect(lineLocator(whole)(offset)).toBe(ends + 1);
        }),
        700,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
