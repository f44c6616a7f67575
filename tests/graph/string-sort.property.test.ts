/**
 * Property: `sortRowsByKey` orders rows exactly as a comparison sort by key in code-unit order
 * (`compareIds`), then by the tie-break (or the row), whatever the keys: shared prefixes, equal keys,
 * missing keys, astral characters and lone surrogates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/graph/network-columns.ts';
import { sortRowsByKey } from '../../src/graph/string-sort.ts';
import { check, expectKeyOrder, keysTiesAndRows } from '../helpers/properties.ts';

/** Keys from a small alphabet (many shared prefixes and equal keys), with a few of every kind of code unit. */
const key = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'ab', ' ', '-', 'é', '😀', '\uD800', '\uFFFF'), maxLength: 8 }),
  fc.string({ maxLength: 30 }),
  fc.constant(''),
);
const keysAndTies = keysTiesAndRows(key, 300);

describe('sortRowsByKey', () => {
  it('equals the comparison sort by key, then by row', () => {
    check(
      fc.property(keysAndTies, ({ keys, shuffled }) => {
        expectKeyOrder(sortRowsByKey(Int32Array.from(shuffled), keys), shuffled, keys);
      }),
      300,
    );
  });

  it('equals the comparison sort by key, then by the tie-break, then by the given order', () => {
    check(
      fc.property(keysAndTies, ({ keys, tie, shuffled }) => {
        expectKeyOrder(sortRowsByKey(Int32Array.from(shuffled), keys, Int32Array.from(tie)), shuffled, keys, tie);
      }),
      300,
    );
  });

  it('equals the comparison sort on rows that are a few ascending runs (merged, not quicksorted), with and without a tie-break', () => {
    // Rows sorted, then dealt into a few piles (each an ascending run, interleaving with the others)
    // and the piles put one after another.
    const runs = fc.array(fc.option(key, { nil: null }), { minLength: 64, maxLength: 2000 }).chain((keys) =>
      fc.record({
        keys: fc.constant(keys),
        tie: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: keys.length, maxLength: keys.length }),
        piles: fc.integer({ min: 1, max: Math.floor(keys.length / 64) }),
        deal: fc.array(fc.nat(), { minLength: keys.length, maxLength: keys.length }),
      }),
    );
    check(
      fc.property(runs, ({ keys, tie, piles, deal }) => {
        for (const ties of [undefined, Int32Array.from(tie)]) {
          const byKey = (a: number, b: number) =>
            compareIds(keys[a] ?? '', keys[b] ?? '') ||
            (ties === undefined ? a - b : (ties[a] as number) - (ties[b] as number) || a - b);
          const sorted = keys.map((_, row) => row).sort(byKey);
          const dealt: number[][] = Array.from({ length: piles }, () => []);
          sorted.forEach((row, k) => dealt[(deal[k] as number) % piles]?.push(row));
          const rows = Int32Array.from(dealt.flat());
          const expected = Array.from(rows).sort(byKey);
          const actual = Array.from(sortRowsByKey(rows, keys, ties));
          if (ties === undefined) expect(actual).toEqual(expected);
          // Equal keys and equal ties have no order of their own.
          else
            expect(actual.map((row) => [keys[row] ?? '', tie[row]])).toEqual(
              expected.map((row) => [keys[row] ?? '', tie[row]]),
            );
        }
      }),
      200,
    );
  });

  it('sorts long runs of one key, keys that differ only at the end, and astral characters by code unit', () => {
    const keys = [
      // U+1F600 is the code units D83D DE00: before U+FFFF in code-unit order, after it by code point.
      ...Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? `\uFFFF${i}` : `😀${i}`)),
      ...Array.from({ length: 500 }, () => 'same'),
      ...Array.from({ length: 500 }, (_, i) => `prefix-${'x'.repeat(40)}-${String(999 - i).padStart(4, '0')}`),
    ];
    const rows = Int32Array.from(keys.keys()).reverse();
    const expected = Array.from(keys.keys()).sort((a, b) => compareIds(keys[a] as string, keys[b] as string) || a - b);
    expect(Array.from(sortRowsByKey(rows, keys))).toEqual(expected);
  });
});
