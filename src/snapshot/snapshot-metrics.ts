/**
 * Centrality tables to and from a snapshot's metric columns. A snapshot keeps every metric's values
 * by author row and, per metric, how they were obtained (exact, or estimated from a sample of k
 * sources, and when): a server started from it serves them as they are and says so.
 */
import type { StoredCentrality } from '../analysis/analyzed-network.ts';
import {
  type CentralityColumns,
  type CentralityMetric,
  type MetricOrigin,
  centralityMetrics,
  isAllPairsMetric,
} from '../analysis/centrality.ts';
import type { SnapshotMetrics, StoredOrigin } from './snapshot-file.ts';
import { SnapshotFormatError } from './zip-store.ts';

function stored(origin: MetricOrigin): StoredOrigin {
  return { exact: origin.exact, sampleSize: origin.sampleSize, computedAt: origin.computedAt.toISOString() };
}

/** Metrics normalised to at most 1 (NetworkX's definitions); the others are only never negative. */
const UPPER_BOUND: Partial<Record<CentralityMetric, number>> = {
  degree: 1,
  betweenness: 1,
  closeness: 1,
  eigenvector: 1,
  pagerank: 1,
  clustering: 1,
};

export function snapshotMetricsOf(columns: CentralityColumns): SnapshotMetrics {
  const origins: Record<string, StoredOrigin> = {};
  for (const metric of centralityMetrics)
    origins[metric] = stored(isAllPairsMetric(metric) ? columns.allPairsOrigin : columns.localOrigin);
  return { scores: { ...columns.scores }, origins, pathFigures: columns.pathFigures ?? null };
}

/**
 * The stored metrics as the analysis takes them, or null when the snapshot lacks one of today's
 * metrics (made by an older version: they are then computed again) or holds no all-pairs values.
 */
export function storedCentralityOf(metrics: SnapshotMetrics, fromCache: boolean): StoredCentrality | null {
  const scores: Partial<Record<CentralityMetric, Float64Array>> = {};
  for (const metric of centralityMetrics) {
    const values = metrics.scores[metric];
    if (values === undefined || metrics.origins[metric] === undefined) return null;
    const highest = UPPER_BOUND[metric] ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i] as number;
      if (!Number.isFinite(value) || value < 0 || value > highest * (1 + 1e-9))
        throw new SnapshotFormatError(`metric ${metric} holds ${value} for author row ${i}`);
    }
    scores[metric] = values;
  }
  const origin = (metric: CentralityMetric): MetricOrigin => {
    const { exact, sampleSize, computedAt } = metrics.origins[metric] as StoredOrigin;
    const date = new Date(computedAt);
    if (Number.isNaN(date.getTime()))
      throw new SnapshotFormatError(`metric ${metric} has an unreadable date "${computedAt}"`);
    if (!exact && !(Number.isInteger(sampleSize) && (sampleSize as number) > 0))
      throw new SnapshotFormatError(`metric ${metric} is an estimate without a sample size`);
    return { exact: exact === true, sampleSize: exact ? null : sampleSize, computedAt: date, fromCache };
  };
  const figures = metrics.pathFigures ?? null;
  if (
    figures !== null &&
    !(
      Number.isFinite(figures.averageShortestPathLength) &&
      figures.averageShortestPathLength >= 0 &&
      Number.isInteger(figures.diameter) &&
      figures.diameter >= 0
    )
  ) {
    throw new SnapshotFormatError(`the path figures are not numbers a network can have (${JSON.stringify(figures)})`);
  }
  return {
    columns: {
      scores: scores as Record<CentralityMetric, Float64Array>,
      localOrigin: origin('degree'),
      allPairsOrigin: origin('betweenness'),
      pathFigures: figures,
    },
  };
}
