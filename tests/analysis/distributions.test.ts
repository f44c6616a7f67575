/** The HTML report's distributions: degree, component sizes, and a metric's complementary cumulative distribution. */
import { describe, expect, it } from 'vitest';
import { componentSizeDistribution, degreeDistribution, tailDistribution } from '../../src/analysis/distributions.ts';
import { loadAcl2016And2017Network } from '../helpers/acl-slice.ts';

describe('degree and component-size distributions', () => {
  it('equal NetworkX on ACL 2016 + 2017 (degree_histogram, connected component sizes)', () => {
    const whole = loadAcl2016And2017Network();
    const degrees = new Map(degreeDistribution(whole.compact).map((entry) => [entry.value, entry.count]));
    // tests/reference/report_growth_reference.py ("degreeHistogram": nx.degree_histogram(G), non-zero entries).
    expect(degrees.size).toBe(67);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 77, 87, 105].map((k) => degrees.get(k))).toEqual([
      203, 887, 1534, 1363, 1196, 904, 617, 477, 1, 1, 1,
    ]);
    expect([...degrees.values()].reduce((a, b) => a + b, 0)).toBe(8883);
    // "componentSizes": the sizes of nx.connected_components(G), {size: components}.
    expect(componentSizeDistribution(whole.compact).map((entry) => [entry.value, entry.count])).toEqual([
      [1, 203],
      [2, 216],
      [3, 190],
      [4, 92],
      [5, 69],
      [6, 48],
      [7, 25],
      [8, 18],
      [9, 12],
      [10, 12],
      [11, 7],
      [12, 3],
      [13, 1],
      [14, 5],
      [16, 1],
      [17, 3],
      [18, 2],
      [19, 4],
      [20, 1],
      [21, 1],
      [28, 1],
      [29, 1],
      [34, 1],
      [41, 1],
      [5582, 1],
    ]);
  }, 60_000);
});

describe('tailDistribution', () => {
  it('gives P(X ≥ x) at each distinct positive value, zeros counted in the shares but not drawn', () => {
    expect(tailDistribution([0, 1, 2, 2, 4])).toEqual({
      points: [
        { value: 1, share: 4 / 5 },
        { value: 2, share: 3 / 5 },
        { value: 4, share: 1 / 5 },
      ],
      nonPositive: 1,
      total: 5,
    });
    expect(tailDistribution([0, 0])).toEqual({ points: [], nonPositive: 2, total: 2 });
  });

  it('thins many values to at most the points asked for, spread on a log scale, keeping the first and the largest', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => 1.001 ** i);
    const { points } = tailDistribution(values, 50);
    expect(points.length).toBeLessThanOrEqual(51);
    expect(points.length).toBeGreaterThan(40);
    expect(points[0]).toEqual({ value: 1, share: 1 });
    expect(points[points.length - 1]).toEqual({ value: 1.001 ** 9999, share: 1 / 10_000 });
    // Every point is on the exact curve: share = (values ≥ x) / total.
    for (const point of points)
      expect(point.share).toBeCloseTo(values.filter((value) => value >= point.value).length / values.length, 12);
  });
});
