import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/bench/paths-during-pass.ts';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([3], 0.99)).toBe(3);
    expect(percentile([1, 2], 0.5)).toBe(1);
  });
});
