import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../src/bench/paths-during-pass.ts';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([3], 0.99)).toBe(3);
    expect(percentile([1, 2], 0.5)).toBe(1);
  });
});

describe('median (of the rounds’ percentiles)', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    // One disturbed round moves it no further than the next round's value.
    expect(median([2, 2.1, 90, 1.9, 2.05])).toBe(2.05);
  });
});
