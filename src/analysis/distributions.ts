/**
 * Distributions the report draws on log-log axes (`coauthor-graph report --html`): how many authors
 * have each number of co-authors, how many components have each size, and a metric's complementary
 * cumulative distribution P(X ≥ x), the usual way to show a heavy tail without binning (Clauset,
 * Shalizi & Newman 2009, "Power-law distributions in empirical data", §2).
 */
import { type CompactGraph, connectedComponents } from '../graph/compact-graph.ts';

/** A value and how many have it. */
export interface ValueCount {
  readonly value: number;
  readonly count: number;
}

/** Authors by number of co-authors (degree), every degree that occurs, 0 included, ascending. */
export function degreeDistribution(graph: Pick<CompactGraph, 'order' | 'offsets'>): ValueCount[] {
  const counts = new Map<number, number>();
  for (let v = 0; v < graph.order; v += 1) {
    const degree = (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
    counts.set(degree, (counts.get(degree) ?? 0) + 1);
  }
  return sortedCounts(counts);
}

/** Components by size (authors), every size that occurs, ascending. */
export function componentSizeDistribution(graph: Pick<CompactGraph, 'order' | 'offsets' | 'neighbors'>): ValueCount[] {
  const counts = new Map<number, number>();
  for (const size of connectedComponents(graph).sizes) counts.set(size, (counts.get(size) ?? 0) + 1);
  return sortedCounts(counts);
}

function sortedCounts(counts: Map<number, number>): ValueCount[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}

/** A point of a complementary cumulative distribution: the share of all values that are ≥ `value`. */
export interface TailPoint {
  readonly value: number;
  readonly share: number;
}

export interface TailDistribution {
  /** Ascending values; only positive ones (a log axis has no 0). */
  readonly points: readonly TailPoint[];
  /** Values that are 0 (or below): not on a log axis, so counted here. */
  readonly nonPositive: number;
  readonly total: number;
}

/**
 * P(X ≥ x) at the distinct positive values x of `values` (shares of all values, zeros included), thinned
 * to at most `maxPoints` points spread evenly on a log scale of x: the first point of each of
 * `maxPoints` equal log-width bins, the largest value always kept.
 */
export function tailDistribution(values: ArrayLike<number>, maxPoints = 200): TailDistribution {
  const total = values.length;
  const positive = Array.from(values)
    .filter((value) => value > 0 && Number.isFinite(value))
    .sort((a, b) => a - b);
  const nonPositive = total - positive.length;
  const all: TailPoint[] = [];
  for (let i = 0; i < positive.length; i += 1) {
    if (i > 0 && positive[i] === positive[i - 1]) continue;
    all.push({ value: positive[i] as number, share: (positive.length - i) / total });
  }
  if (all.length <= maxPoints) return { points: all, nonPositive, total };
  const low = Math.log((all[0] as TailPoint).value);
  const high = Math.log((all[all.length - 1] as TailPoint).value);
  const width = (high - low) / maxPoints;
  const points: TailPoint[] = [];
  let lastBin = -1;
  for (const point of all) {
    const bin = Math.min(maxPoints - 1, Math.floor((Math.log(point.value) - low) / width));
    if (bin !== lastBin) points.push(point);
    lastBin = bin;
  }
  const last = all[all.length - 1] as TailPoint;
  if (points[points.length - 1] !== last) points.push(last);
  return { points, nonPositive, total };
}
