/**
 * The metrics of a time window's network (graph/year-window.ts), computed on request: every local
 * metric exact (degree, weighted degree, eigenvector, PageRank, coreness, clustering, constraint,
 * effective size), the graph statistics, and betweenness, closeness and harmonic exact when the window
 * is small (n·(n + E) up to `IN_THREAD_LIMIT`, as the whole network at load), else estimated from a
 * sample of `sampleSize` sources per large component (the same estimator as the whole network's first
 * values: `exact: false`, `sampleSize`). It is plain data, so a request worker computes it and the
 * server only keeps it (see work/request-tasks.ts).
 */
import type { CoauthorNetwork } from '../graph/network.ts';
import {
  DEFAULT_SAMPLE_SIZE,
  computeAllPairsCentralitySync,
  estimateAllPairsCentralitySync,
} from './all-pairs-centrality.ts';
import { IN_THREAD_LIMIT } from './analyzed-network.ts';
import { type CentralityColumns, centralityTable, computeLocalCentrality } from './centrality.ts';
import { type GraphStats, computeGraphStats } from './graph-stats.ts';

export interface WindowAnalysis {
  readonly columns: CentralityColumns;
  readonly stats: GraphStats;
}

/** Whether a window's betweenness, closeness and harmonic are computed exactly on request. */
export function windowIsSmall(window: Pick<CoauthorNetwork, 'compact'>): boolean {
  const { order, edgeCount } = window.compact;
  return order * (order + edgeCount) <= IN_THREAD_LIMIT;
}

export function analyzeWindow(window: CoauthorNetwork, sampleSize = DEFAULT_SAMPLE_SIZE): WindowAnalysis {
  const local = computeLocalCentrality(window);
  const small = windowIsSmall(window);
  const allPairs = small
    ? computeAllPairsCentralitySync(window.compact)
    : estimateAllPairsCentralitySync(window.compact, { sampleSize });
  const table = centralityTable(window, local, allPairs, {
    exact: small,
    sampleSize: small ? null : sampleSize,
    computedAt: new Date(),
    fromCache: false,
  });
  return { columns: table.columns(), stats: computeGraphStats(window, local.figures) };
}
