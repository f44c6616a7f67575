/**
 * Rank statistics for comparing estimated scores with exact ones.
 *
 * - `ranks`: 1-based ranks, ascending, ties get the average of the ranks they span (fractional ranking).
 * - `spearman`: Spearman's rank correlation = Pearson correlation of the two rank vectors (tie-corrected).
 * - `topIndices`: indices of the k largest values, largest first, ties by lower index.
 */

export function ranks(values: ArrayLike<number>): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number) || a - b,
  );
  const result = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end += 1;
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k += 1) result[order[k] as number] = averageRank;
    start = end;
  }
  return result;
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`pearson: lengths differ (${a.length} vs ${b.length})`);
  if (a.length < 2) throw new Error('pearson: needs at least two values');
  const meanA = a.reduce((sum, x) => sum + x, 0) / a.length;
  const meanB = b.reduce((sum, x) => sum + x, 0) / b.length;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const da = (a[i] as number) - meanA;
    const db = (b[i] as number) - meanB;
    covariance += da * db;
    varianceA += da * da;
    varianceB += db * db;
  }
  if (varianceA === 0 || varianceB === 0) return Number.NaN;
  return covariance / Math.sqrt(varianceA * varianceB);
}

export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}

export function topIndices(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: values.length }, (_, i) => i)
    .sort((x, y) => (values[y] as number) - (values[x] as number) || x - y)
    .slice(0, k);
}
