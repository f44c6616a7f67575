/**
 * Property: looking a string up in a UTF-8 column by its bytes (`findUtf8`) finds what comparing
 * decoded strings finds, in JavaScript's code-unit order (`compareIds`), for strings mixing ASCII,
 * accents, characters of U+E000–U+FFFF and characters beyond U+FFFF (the one place where UTF-8 byte
 * order and code-unit order disagree), and for keys with a lone surrogate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUtf8, findUtf8, sortedIndex, utf8Column } from '../../src/graph/columns.ts';
import { compareIds } from '../../src/graph/network.ts';
import { check } from '../helpers/properties.ts';

/** Units chosen so that the orders disagree often: U+FFFD and U+E000 against U+1F600 and U+10000. */
const text = fc.string({
  unit: fc.constantFrom('a', 'b', 'é', '\u07ff', '\ud7ff', '\ue000', '\ufffd', '\u{10000}', '\u{1f600}', '\u{10ffff}'),
  maxLength: 5,
});

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

describe('UTF-8 column lookups', () => {
  it('compare bytes in code-unit order', () => {
    check(
      fc.property(text, text, (a, b) => {
        const column = utf8Column([a]);
        expect(sign(compareUtf8(column.bytes, 0, column.offsets[1] as number, Buffer.from(b, 'utf8')))).toBe(
          sign(compareIds(a, b)),
        );
      }),
      500,
    );
  });

  it('find every string of a column and no other', () => {
    check(
      fc.property(fc.array(text, { maxLength: 30 }), fc.array(text, { maxLength: 10 }), (values, others) => {
        const column = utf8Column(values);
        const index = sortedIndex(column);
        for (const value of values) {
          const row = findUtf8(column, index, value);
          expect(values[row]).toBe(value);
          expect(row).toBe(values.indexOf(value));
        }
        for (const other of others) expect(findUtf8(column, index, other)).toBe(values.indexOf(other));
        // A column sorted already needs no index.
        const sorted = [...new Set(values)].sort(compareIds);
        const sortedColumn = utf8Column(sorted);
        for (const [row, value] of sorted.entries()) expect(findUtf8(sortedColumn, null, value)).toBe(row);
      }),
      300,
    );
  });

  it('find every string and no other in columns long enough to be searched block by block', () => {
    check(
      fc.property(
        fc.array(text, { minLength: 129, maxLength: 700 }),
        fc.array(text, { maxLength: 20 }),
        (values, others) => {
          const column = utf8Column(values);
          const index = sortedIndex(column);
          for (const value of [...values, ...others])
            expect(findUtf8(column, index, value)).toBe(values.indexOf(value));
          const sorted = [...new Set(values)].sort(compareIds);
          const sortedColumn = utf8Column(sorted);
          for (const value of [...sorted, ...others])
            expect(findUtf8(sortedColumn, null, value)).toBe(sorted.indexOf(value));
        },
      ),
      100,
    );
  });

  it('never match a key with a lone surrogate to the replacement character its encoding would give', () => {
    const column = utf8Column(['\ufffd', 'a\ufffd']);
    const index = sortedIndex(column);
    expect(findUtf8(column, index, '\ufffd')).toBe(0);
    expect(findUtf8(column, index, '\ud800')).toBe(-1);
    expect(findUtf8(column, index, 'a\udc00')).toBe(-1);
  });
});
