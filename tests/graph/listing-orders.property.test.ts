/**
 * Property: the orders by papers and by co-authors, counted out of the name order (`countedOut`), are
 * exactly what a comparison sort by count (most first) and then by the name order gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countedOut } from '../../src/graph/network-columns.ts';
import { check } from '../helpers/properties.ts';

/** A permutation of 0..n−1 (the name order) and a count per row, many of them equal. */
const ordersAndCounts = fc.integer({ min: 0, max: 200 }).chain((n) =>
  fc.record({
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    counts: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5000 })), {
      minLength: n,
      maxLength: n,
    }),
  }),
);

describe('countedOut', () => {
  it('equals the comparison sort by count, most first, then by the given order', () => {
    check(
      fc.property(ordersAndCounts, ({ order, counts }) => {
        const rank = new Int32Array(order.length);
        order.forEach((row, k) => (rank[row] = k));
        const expected = [...order].sort(
          (a, b) => (counts[b] as number) - (counts[a] as number) || (rank[a] as number) - (rank[b] as number),
        );
        expect([...countedOut(Int32Array.from(order), (row) => counts[row] as number)]).toEqual(expected);
      }),
      300,
    );
  });

  it('keeps the order of rows with equal counts', () => {
    expect([...countedOut(Int32Array.of(3, 1, 2, 0), () => 7)]).toEqual([3, 1, 2, 0]);
    expect([...countedOut(Int32Array.of(3, 1, 2, 0), (row) => [1, 0, 1, 2][row] as number)]).toEqual([3, 2, 0, 1]);
  });
});
