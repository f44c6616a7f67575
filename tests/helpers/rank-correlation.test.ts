import { describe, expect, it } from 'vitest';
import { pearson, ranks, spearman, topIndices } from './rank-correlation.ts';

describe('rank statistics', () => {
  it('ranks ascending from 1 and averages ties', () => {
    expect(ranks([10, 30, 20])).toEqual([1, 3, 2]);
    expect(ranks([5, 1, 5, 5, 0])).toEqual([4, 2, 4, 4, 1]);
    expect(ranks(new Float64Array([0.5, 0.5]))).toEqual([1.5, 1.5]);
  });

  it('gives 1 for the same order, -1 for the reverse, whatever the scale', () => {
    expect(spearman([1, 2, 3, 4], [10, 200, 3000, 40000])).toBeCloseTo(1, 15);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 15);
  });

  it('matches the textbook formula 1 - 6Σd²/(n(n²-1)) without ties', () => {
    // ranks a = 1..5, b = [2, 1, 4, 3, 5]: Σd² = 1+1+1+1+0 = 4, so 1 - 24/120 = 0.8
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('is the Pearson correlation of the tie-averaged ranks (scipy.stats.spearmanr convention)', () => {
    // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]).correlation = 0.9486832980505139
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.9486832980505139, 12);
  });

  it('is NaN when one side is constant and refuses mismatched lengths', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => pearson([1, 2], [1])).toThrow(/lengths differ/u);
  });

  it('picks the k largest, largest first, ties by lower index', () => {
    expect(topIndices([3, 9, 1, 9, 5], 3)).toEqual([1, 3, 4]);
    expect(topIndices([1, 2], 5)).toEqual([1, 0]);
  });
});
