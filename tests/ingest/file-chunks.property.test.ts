import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileChunks, fileLines, linesOf } from '../../src/ingest/file-chunks.ts';
import { lineLocator } from '../../src/ingest/line-locator.ts';
import { PROPERTY_TIMEOUT, anyText, check } from '../helpers/properties.ts';

/** Text rich in line ends of every kind. */
const text = fc.oneof(
  anyText(200),
  fc.string({ unit: fc.constantFrom('a', 'é', '\r', '\n', '\r\n', '😀'), maxLength: 60 }),
);

/** The text cut at the given fractions of its length (pieces may split a CRLF or a surrogate pair). */
function cut(whole: string, fractions: readonly number[]): string[] {
  const at = [...new Set(fractions.map((fraction) => Math.floor(fraction * whole.length)))]
    .filter((k) => k > 0)
    .sort((a, b) => a - b);
  return [0, ...at].map((start, k) => whole.slice(start, at[k] ?? whole.length)).filter((piece) => piece !== '');
}

const fractions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

describe('line splitting and line numbers', () => {
  it(
    'linesOf gives the lines of String.split on LF, CRLF and CR, however the text is cut',
    () => {
      check(
        fc.property(text, fractions, (whole, at) => {
          const expected = whole.split(/\r\n|\r|\n/u);
          // A final line end ends the last line; it starts no empty one.
          if (expected.at(-1) === '') expected.pop();
          expect([...linesOf(cut(whole, at))]).toEqual(expected.map((line, k) => ({ text: line, line: k + 1 })));
        }),
        700,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'fileChunks and fileLines read any bytes as Buffer#toString does',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'coauthor-chunks-property-'));
      const file = join(directory, 'data.txt');
      check(
        fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
          writeFileSync(file, bytes);
          const decoded = Buffer.from(bytes).toString('utf8');
          expect([...fileChunks(file)].join('')).toBe(decoded);
          expect([...fileLines(file)].map((line) => line.text)).toEqual(
            [...linesOf([decoded])].map((line) => line.text),
          );
        }),
        100,
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
