/**
 * The seven centrality metrics of every author, as one table per state of the computation.
 *
 * Definitions match NetworkX 2.8 (see README, "Metrics"):
 * - degree: distinct co-authors / (n − 1)                       `degree_centrality(G)`
 * - weightedDegree: sum of joint-paper counts over co-authors     `G.degree(weight="weight")`
 * - betweenness: hop-count shortest paths, normalized            `betweenness_centrality(G)`
 * - closeness: hop distances, Wasserman–Faust scaling            `closeness_centrality(G)`
 * - harmonic: sum of 1/d over reachable authors                  `harmonic_centrality(G)`
 * - eigenvector: joint papers as tie strength                    `eigenvector_centrality(G, weight="weight")`
 * - pagerank: alpha 0.85, joint papers as tie strength           `pagerank(G, alpha=0.85, weight="weight")`
 *
 * The four local metrics are cheap and always exact. Betweenness, closeness and harmonic need a search
 * from every author (all-pairs-centrality.ts); on a large network they are first estimated from a
 * sample, and each table says how its values were obtained (`originOf`).
 */
import type { CoauthorNetwork } from '../graph/network.ts';
import { compareIds } from '../graph/network.ts';
import { type AllPairsScores, computeAllPairsCentralitySync } from './all-pairs-centrality.ts';
import { eigenvectorScores, pagerankScores } from './power-iteration.ts';

export const centralityMetrics = [
  'degree', 'weightedDegree', 'betweenness', 'closeness', 'harmonic', 'eigenvector', 'pagerank',
] as const;
export type CentralityMetric = (typeof centralityMetrics)[number];
export type CentralityScores = Readonly<Record<CentralityMetric, number>>;

/** The metrics that need a search from every author. */
export const allPairsMetrics = ['betweenness', 'closeness', 'harmonic'] as const satisfies readonly CentralityMetric[];
export type AllPairsMetric = (typeof allPairsMetrics)[number];

export function isAllPairsMetric(metric: CentralityMetric): metric is AllPairsMetric {
  return (allPairsMetrics as readonly string[]).includes(metric);
}

/** How a metric's values were obtained. */
export interface MetricOrigin {
  readonly exact: boolean;
  /** Sources sampled per large component, when estimated; null when exact. */
  readonly sampleSize: number | null;
  readonly computedAt: Date;
  /** Read back from the cache of an earlier run on the same inputs. */
  readonly fromCache: boolean;
}

export interface RankedAuthor {
  /** 1-based competition rank: authors with equal scores share a rank ("1, 2, 2, 4"). */
  readonly rank: number;
  readonly authorId: string;
  readonly score: number;
}

export interface CentralityTable {
  scoresOf(authorId: string): CentralityScores | undefined;
  /** Every author, best first: score descending, then id. */
  ranking(metric: CentralityMetric): readonly RankedAuthor[];
  originOf(metric: CentralityMetric): MetricOrigin;
  /** Every metric's scores by author index, and where they came from: enough to rebuild the table elsewhere (a worker). */
  columns(): CentralityColumns;
}

export interface CentralityColumns {
  readonly scores: Readonly<Record<CentralityMetric, Float64Array>>;
  readonly localOrigin: MetricOrigin;
  readonly allPairsOrigin: MetricOrigin;
}

/** The four metrics that need no all-pairs search, by author index. */
export interface LocalScores {
  readonly degree: Float64Array;
  readonly weightedDegree: Float64Array;
  readonly eigenvector: Float64Array;
  readonly pagerank: Float64Array;
  readonly computedAt: Date;
}

export function computeLocalCentrality(network: CoauthorNetwork): LocalScores {
  const graph = network.compact;
  const n = graph.order;
  const degree = new Float64Array(n);
  const weightedDegree = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    let sum = 0;
    for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1) sum += graph.weights[j] as number;
    weightedDegree[v] = sum;
    // NetworkX gives the single author of a one-node network a degree centrality of 1.
    degree[v] = n > 1 ? ((graph.offsets[v + 1] as number) - (graph.offsets[v] as number)) / (n - 1) : 1;
  }
  return { degree, weightedDegree, eigenvector: eigenvectorScores(graph), pagerank: pagerankScores(graph), computedAt: new Date() };
}

/** Every metric exact, computed in this thread: for small networks, reports and tests. */
export function computeCentrality(network: CoauthorNetwork): CentralityTable {
  const local = computeLocalCentrality(network);
  return centralityTable(network, local, computeAllPairsCentralitySync(network.compact), { exact: true, sampleSize: null, computedAt: new Date(), fromCache: false });
}

export function centralityTable(network: CoauthorNetwork, local: LocalScores, allPairs: AllPairsScores, allPairsOrigin: MetricOrigin): CentralityTable {
  const columns: Record<CentralityMetric, Float64Array> = {
    degree: local.degree,
    weightedDegree: local.weightedDegree,
    betweenness: allPairs.betweenness,
    closeness: allPairs.closeness,
    harmonic: allPairs.harmonic,
    eigenvector: local.eigenvector,
    pagerank: local.pagerank,
  };
  const localOrigin: MetricOrigin = { exact: true, sampleSize: null, computedAt: local.computedAt, fromCache: false };
  return tableOfColumns(network, { scores: columns, localOrigin, allPairsOrigin });
}

/** A table over scores already computed (by author index of `network`). */
export function tableOfColumns(network: Pick<CoauthorNetwork, 'authorIds' | 'authorIndex'>, table: CentralityColumns): CentralityTable {
  const { scores: columns, localOrigin, allPairsOrigin } = table;
  const rankings = new Map<CentralityMetric, RankedAuthor[]>();
  return {
    scoresOf(authorId) {
      const index = network.authorIndex.get(authorId);
      if (index === undefined) return undefined;
      const row = {} as Record<CentralityMetric, number>;
      for (const metric of centralityMetrics) row[metric] = columns[metric][index] as number;
      return row;
    },
    ranking(metric) {
      let ranking = rankings.get(metric);
      if (!ranking) {
        ranking = rank(columns[metric], network.authorIds);
        rankings.set(metric, ranking);
      }
      return ranking;
    },
    originOf: (metric) => (isAllPairsMetric(metric) ? allPairsOrigin : localOrigin),
    columns: () => table,
  };
}

/** Scores closer than this (relative) are one score: float noise must not order equal authors. */
const SAME_SCORE = 1e-12;

function rank(scores: Float64Array, ids: readonly string[]): RankedAuthor[] {
  const order = Array.from({ length: ids.length }, (_, i) => i);
  order.sort((a, b) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sameScore(sa, sb) ? compareIds(ids[a] as string, ids[b] as string) : sb - sa;
  });
  const ranked: RankedAuthor[] = [];
  order.forEach((index, i) => {
    const score = scores[index] as number;
    const previous = ranked[i - 1];
    const shared = previous !== undefined && sameScore(previous.score, score);
    ranked.push({ rank: shared ? previous.rank : i + 1, authorId: ids[index] as string, score });
  });
  return ranked;
}

function sameScore(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_SCORE * Math.max(1, Math.abs(a), Math.abs(b));
}
