/**
 * Property: `sortRowsByBytes` orders a UTF-8 column's rows exactly as a comparison sort of their
 * strings in code-unit order (`compareIds`), then by the tie-break (or the row), for strings without
 * characters from U+E000 up: shared prefixes longer than the four bytes it compares at a time, strings
 * that end inside those four bytes, NUL characters, equal and missing strings, two- and three-byte
 * characters. Columns with a character from U+E000 up are recognised (`bytesSortAsStrings`), and
 * `sortedIndex`, which then sorts the strings, orders every column as `compareIds` does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSortAsStrings, sortRowsByBytes } from '../../src/graph/byte-sort.ts';
import { sortedIndex, utf8Column } from '../../src/graph/columns.ts';
import { compareIds } from '../../src/graph/network-columns.ts';
import { check, expectKeyOrder, keysTiesAndRows } from '../helpers/properties.ts';

/** Strings from a small alphabet (long shared prefixes, equal strings), below U+E000 throughout. */
const key = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'abcd', ' ', '\u0000', 'é', 'ü', '中', '\u0001'), maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('x', 'y'), minLength: 3, maxLength: 6 }).map((tail) => `prefix-shared-${tail}`),
  fc.string({ unit: 'binary', maxLength: 20 }).map((text) => text.replace(/[^\u0000-\uD7FF]/gu, 'z')),
  fc.constant(''),
);
const keysAndTies = keysTiesAndRows(key, 400);

describe('sortRowsByBytes', () => {
  it('equals the comparison sort by string, then by row', () => {
    check(
      fc.property(keysAndTies, ({ keys, shuffled }) => {
        const column = utf8Column(keys);
        expect(bytesSortAsStrings(column)).toBe(true);
        expectKeyOrder(sortRowsByBytes(Int32Array.from(shuffled), column), shuffled, keys);
      }),
      300,
    );
  });

  it('equals the comparison sort by string, then by the tie-break', () => {
    check(
      fc.property(keysAndTies, ({ keys, tie, shuffled }) => {
        const sorted = sortRowsByBytes(Int32Array.from(shuffled), utf8Column(keys), Int32Array.from(tie));
        expectKeyOrder(sorted, shuffled, keys, tie);
      }),
      300,
    );
  });

  it('sorts thousands of strings that share long prefixes, end at every depth or repeat', () => {
    const keys = [
      ...Array.from({ length: 600 }, () => 'same-string'),
      ...Array.from({ length: 1500 }, (_, i) => `author-${'x'.repeat(i % 23)}-${String(2999 - i).padStart(5, '0')}`),
      ...Array.from({ length: 300 }, (_, i) => 'abcdefgh'.slice(0, i % 9)),
      ...Array.from({ length: 300 }, (_, i) => `abcd\u0000${'\u0000'.repeat(i % 5)}`),
    ];
    const rows = Int32Array.from(keys.keys()).reverse();
    const expected = Array.from(keys.keys()).sort((a, b) => compareIds(keys[a] as string, keys[b] as string) || a - b);
    expect(Array.from(sortRowsByBytes(rows, utf8Column(keys)))).toEqual(expected);
  });
});

describe('sortedIndex', () => {
  it('tells the columns whose bytes sort otherwise than their code units, and sorts every column by code unit', () => {
    // U+1F600 is the code units D83D DE00: before U+FFFF in code-unit order, after it by code point and in UTF-8.
    const astral = ['\uFFFF', '😀', 'a', '\uE000b', '😀a'];
    expect(bytesSortAsStrings(utf8Column(astral))).toBe(false);
    expect(bytesSortAsStrings(utf8Column(['\uD800 lone']))).toBe(false);
    expect(bytesSortAsStrings(utf8Column(['\uDFFF', 'é', '中']))).toBe(false);
    expect(bytesSortAsStrings(utf8Column(['é', '中', '\uD7FF', null]))).toBe(true);
    check(
      fc.property(
        fc.array(
          fc.option(fc.oneof(key, fc.string({ unit: fc.constantFrom('a', '😀', '\uFFFF', '\uE000', 'é') })), {
            nil: null,
          }),
          { maxLength: 200 },
        ),
        (keys) => {
          const expected = Array.from(keys.keys()).sort((a, b) => compareIds(keys[a] ?? '', keys[b] ?? '') || a - b);
          expect(Array.from(sortedIndex(utf8Column(keys), keys))).toEqual(expected);
        },
      ),
      200,
    );
  });
});
