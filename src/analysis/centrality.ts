/**
 * The centrality and structure metrics of every author, as one table per state of the computation.
 *
 * Definitions match NetworkX 2.8 (see README, "Metrics"):
 * - degree: distinct co-authors / (n − 1)                       `degree_centrality(G)`
 * - weightedDegree: sum of joint-paper counts over co-authors     `G.degree(weight="weight")`
 * - betweenness: hop-count shortest paths, normalized            `betweenness_centrality(G)`
 * - closeness: hop distances, Wasserman–Faust scaling            `closeness_centrality(G)`
 * - harmonic: sum of 1/d over reachable authors                  `harmonic_centrality(G)`
 * - eigenvector: joint papers as tie strength                    `eigenvector_centrality(G, weight="weight")`
 * - pagerank: alpha 0.85, joint papers as tie strength           `pagerank(G, alpha=0.85, weight="weight")`
 *   (eigenvector and PageRank iterated to the fixed point: power-iteration.ts)
 * - coreness: k-core number                                      `core_number(G)`
 * - clustering: local clustering coefficient, unweighted         `clustering(G)`
 * - constraint, effectiveSize: Burt's structural holes, unweighted `constraint(G)`, `effective_size(G)`
 *   (with a tie weighting asked for: `constraint(G, weight="weight")`, `effective_size(G, weight="weight")`)
 *   (authors without co-authors: constraint 1, effective size 0 where NetworkX gives NaN)
 *
 * The local metrics (all but the three below) are cheap and always exact. Betweenness, closeness and harmonic need a search
 * from every author (all-pairs-centrality.ts); on a large network they are first estimated from a
 * sample, and each table says how its values were obtained (`originOf`).
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import { compareIds } from '../graph/network.ts';
import { type AllPairsScores, type PathFigures, computeAllPairsCentralitySync } from './all-pairs-centrality.ts';
import { averageClustering, localClustering, transitivity } from './clustering.ts';
import { coreNumbers, degeneracy } from './coreness.ts';
import { eigenvectorAndPagerank } from './power-iteration.ts';
import { constraint, effectiveSize, weightedConstraint, weightedEffectiveSize } from './structural-holes.ts';
import { type TieWeighting, weightedCompact, weightingSource } from '../graph/tie-weighting.ts';
import { type ScoreOrder, scoreOrder } from './score-order.ts';
import { countTriangles } from './triangles.ts';

export const centralityMetrics = [
  'degree',
  'weightedDegree',
  'betweenness',
  'closeness',
  'harmonic',
  'eigenvector',
  'pagerank',
  'coreness',
  'clustering',
  'constraint',
  'effectiveSize',
] as const;
export type CentralityMetric = (typeof centralityMetrics)[number];
export type CentralityScores = Readonly<Record<CentralityMetric, number>>;

/** The metrics that need a search from every author. */
export const allPairsMetrics = ['betweenness', 'closeness', 'harmonic'] as const satisfies readonly CentralityMetric[];
export type AllPairsMetric = (typeof allPairsMetrics)[number];

export function isAllPairsMetric(metric: CentralityMetric): metric is AllPairsMetric {
  return (allPairsMetrics as readonly string[]).includes(metric);
}

/**
 * Metrics ranked lowest first: low constraint marks a broker (co-authors who do not know each other),
 * the position a ranking by constraint is asked for.
 */
export const ascendingMetrics = ['constraint'] as const satisfies readonly CentralityMetric[];

export function ranksAscending(metric: CentralityMetric): boolean {
  return (ascendingMetrics as readonly string[]).includes(metric);
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

/**
 * A ranking whose entries are made when asked for: a page of the API decodes the ids of its own
 * authors only (on a DBLP-sized network, making every author's entry held the event loop for seconds
 * at the first ranking asked for).
 */
export interface RankingList {
  readonly length: number;
  /** The entries at places `start` (included) to `end` (excluded) of the ranking, bounded to it. */
  slice(start: number, end: number): RankedAuthor[];
}

export interface CentralityTable {
  scoresOf(authorId: string): CentralityScores | undefined;
  /** Every author, best first: score descending (ascending for `ascendingMetrics`), then id. */
  ranking(metric: CentralityMetric): readonly RankedAuthor[];
  /** The same ranking, its entries made a page at a time (ordered once per metric, as `ranking`). */
  rankingList(metric: CentralityMetric): RankingList;
  originOf(metric: CentralityMetric): MetricOrigin;
  /** Every metric's scores by author index, and where they came from: enough to rebuild the table elsewhere (a worker). */
  columns(): CentralityColumns;
  /** The largest component's path figures from the same pass as the all-pairs metrics (null: none yet). */
  pathFigures(): PathFigures | null;
}

export interface CentralityColumns {
  readonly scores: Readonly<Record<CentralityMetric, Float64Array>>;
  readonly localOrigin: MetricOrigin;
  readonly allPairsOrigin: MetricOrigin;
  readonly pathFigures?: PathFigures | null;
}

/** The metrics that need no all-pairs search, by author index, and the network figures computed with them. */
export interface LocalScores {
  readonly degree: Float64Array;
  readonly weightedDegree: Float64Array;
  readonly eigenvector: Float64Array;
  readonly pagerank: Float64Array;
  readonly coreness: Float64Array;
  readonly clustering: Float64Array;
  readonly constraint: Float64Array;
  readonly effectiveSize: Float64Array;
  readonly figures: StructureFigures;
  readonly computedAt: Date;
}

/** Whole-network figures that come out of the local metrics' computation. */
export interface StructureFigures {
  /** The largest coreness. NetworkX: max(core_number(G).values()). */
  readonly degeneracy: number;
  /** NetworkX: transitivity(G). */
  readonly transitivity: number;
  /** NetworkX: average_clustering(G). */
  readonly averageClustering: number;
}

/** The metrics that depend on how ties are weighted (tie-weighting.ts), by author index. */
export const weightedMetrics = [
  'weightedDegree',
  'eigenvector',
  'pagerank',
] as const satisfies readonly CentralityMetric[];
export type WeightedMetric = (typeof weightedMetrics)[number];
export type WeightedScores = Readonly<Record<WeightedMetric, Float64Array>>;

export function isWeightedMetric(metric: CentralityMetric): metric is WeightedMetric {
  return (weightedMetrics as readonly string[]).includes(metric);
}

/** Weighted degree, eigenvector and PageRank with `weighting`'s tie strengths (the sum of strengths; NetworkX's definitions with weight = the strength). */
export function computeWeightedScores(
  network: Pick<CoauthorNetwork, 'compact' | 'columns'>,
  weighting: TieWeighting,
): WeightedScores {
  return weightedScoresOf(weightedCompact(weightingSource(network), weighting));
}

/** The ties a local metric reads: the adjacency and each tie's weight. */
export type TieGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors' | 'weights'>;

/** Weighted degree, eigenvector and PageRank with `graph`'s weights as the tie strengths. */
export function weightedScoresOf(graph: TieGraph): WeightedScores {
  const weightedDegree = new Float64Array(graph.order);
  for (let v = 0; v < graph.order; v += 1) {
    let sum = 0;
    for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1)
      sum += graph.weights[j] as number;
    weightedDegree[v] = sum;
  }
  return { weightedDegree, ...eigenvectorAndPagerank(graph) };
}

/**
 * Burt's measures, unweighted unless a tie weighting is asked for (NetworkX's defaults); with one, as
 * NetworkX `constraint(G, weight="weight")` and `effective_size(G, weight="weight")` with the weighting's
 * strengths (structural-holes.ts).
 */
export const structureMetrics = ['constraint', 'effectiveSize'] as const satisfies readonly CentralityMetric[];
export type StructureMetric = (typeof structureMetrics)[number];
export type StructureScores = Readonly<Record<StructureMetric, Float64Array>>;

export function isStructureMetric(metric: CentralityMetric): metric is StructureMetric {
  return (structureMetrics as readonly string[]).includes(metric);
}

/** Constraint and effective size with `weighting`'s tie strengths as weights (joint papers included: weighted). */
export function computeWeightedStructure(
  network: Pick<CoauthorNetwork, 'compact' | 'columns'>,
  weighting: TieWeighting,
): StructureScores {
  const graph = weightedCompact(weightingSource(network), weighting);
  return {
    constraint: weightedConstraint(graph, graph.weights),
    effectiveSize: weightedEffectiveSize(graph, graph.weights),
  };
}

/** `table` with some metrics replaced by `weighted` (scores under a tie weighting). */
export function withWeightedScores(
  network: Pick<CoauthorNetwork, 'authorIds' | 'authorIndex'>,
  table: CentralityTable,
  weighted: WeightedScores | StructureScores,
): CentralityTable {
  const columns = table.columns();
  return tableOfColumns(network, { ...columns, scores: { ...columns.scores, ...weighted } });
}

/** The metrics `LocalScores` holds. */
export const localMetrics = [
  'degree',
  'weightedDegree',
  'eigenvector',
  'pagerank',
  'coreness',
  'clustering',
  'constraint',
  'effectiveSize',
] as const satisfies readonly CentralityMetric[];

/** `table` with its local metrics replaced by `local` (and their origin by when `local` was computed); its all-pairs values kept. */
export function withLocalScores(
  network: Pick<CoauthorNetwork, 'authorIds' | 'authorIndex'>,
  table: CentralityTable,
  local: LocalScores,
): CentralityTable {
  const columns = table.columns();
  const scores = { ...columns.scores };
  for (const metric of localMetrics) scores[metric] = local[metric];
  return tableOfColumns(network, {
    ...columns,
    scores,
    localOrigin: { exact: true, sampleSize: null, computedAt: local.computedAt, fromCache: false },
  });
}

/** `table` under `weighting`: itself for joint papers, else with the weighted metrics computed again (in this thread). */
export function tableUnderWeighting(
  network: CoauthorNetwork,
  table: CentralityTable,
  weighting: TieWeighting,
): CentralityTable {
  return weighting === 'jointPapers'
    ? table
    : withWeightedScores(network, table, computeWeightedScores(network, weighting));
}

/**
 * The local metrics, with joint papers as the tie strengths: they read the network's ties alone, so a
 * worker thread computes them from the compact graph's shared arrays (curation-step.ts).
 */
export function computeLocalCentrality(network: { readonly compact: TieGraph }): LocalScores {
  return localScoresOf(structureScoresOf(network.compact), weightedScoresOf(network.compact));
}

/** The local metrics from their two parts (computed apart: `structureScoresOf`, `weightedScoresOf`). */
export function localScoresOf(structure: UnweightedLocalScores, weighted: WeightedScores): LocalScores {
  return {
    degree: structure.degree,
    weightedDegree: weighted.weightedDegree,
    eigenvector: weighted.eigenvector,
    pagerank: weighted.pagerank,
    coreness: structure.coreness,
    clustering: structure.clustering,
    constraint: structure.constraint,
    effectiveSize: structure.effectiveSize,
    figures: structure.figures,
    computedAt: structure.computedAt,
  };
}

/** The local metrics that read the ties but not their weights: degree, coreness, clustering and Burt's measures. */
export type UnweightedLocalScores = Omit<LocalScores, keyof WeightedScores>;

/** `computeLocalCentrality` but the weighted scores (`weightedScoresOf`): a worker thread can compute these beside those. */
export function structureScoresOf(graph: TieGraph): UnweightedLocalScores {
  const n = graph.order;
  const degree = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    // NetworkX gives the single author of a one-node network a degree centrality of 1.
    degree[v] = n > 1 ? ((graph.offsets[v + 1] as number) - (graph.offsets[v] as number)) / (n - 1) : 1;
  }
  const cores = coreNumbers(graph);
  const triangles = countTriangles(graph);
  const clustering = localClustering(graph, triangles);
  return {
    degree,
    coreness: Float64Array.from(cores),
    clustering,
    constraint: constraint(graph, triangles),
    effectiveSize: effectiveSize(graph, triangles),
    figures: {
      degeneracy: degeneracy(cores),
      transitivity: transitivity(graph, triangles),
      averageClustering: averageClustering(clustering),
    },
    computedAt: new Date(),
  };
}

/** Every metric exact, computed in this thread: for small networks, reports and tests. */
export function computeCentrality(network: CoauthorNetwork): CentralityTable {
  const local = computeLocalCentrality(network);
  return centralityTable(network, local, computeAllPairsCentralitySync(network.compact), {
    exact: true,
    sampleSize: null,
    computedAt: new Date(),
    fromCache: false,
  });
}

export function centralityTable(
  network: CoauthorNetwork,
  local: LocalScores,
  allPairs: AllPairsScores,
  allPairsOrigin: MetricOrigin,
): CentralityTable {
  const columns: Record<CentralityMetric, Float64Array> = {
    degree: local.degree,
    weightedDegree: local.weightedDegree,
    betweenness: allPairs.betweenness,
    closeness: allPairs.closeness,
    harmonic: allPairs.harmonic,
    eigenvector: local.eigenvector,
    pagerank: local.pagerank,
    coreness: local.coreness,
    clustering: local.clustering,
    constraint: local.constraint,
    effectiveSize: local.effectiveSize,
  };
  const localOrigin: MetricOrigin = { exact: true, sampleSize: null, computedAt: local.computedAt, fromCache: false };
  return tableOfColumns(network, {
    scores: columns,
    localOrigin,
    allPairsOrigin,
    pathFigures: allPairs.figures ?? null,
  });
}

/** A table over scores already computed (by author index of `network`). */
export function tableOfColumns(
  network: Pick<CoauthorNetwork, 'authorIds' | 'authorIndex'> & {
    /** The rows sorted by id, where the network has them (rankings then compare no ids). */
    readonly columns?: { readonly authorIdIndex: Int32Array };
    /** One row's id, where the network decodes them one at a time (a page then decodes its own only). */
    readonly authorIdAt?: (row: number) => string;
  },
  table: CentralityColumns,
): CentralityTable {
  const { scores: columns, localOrigin, allPairsOrigin } = table;
  const lists = new Map<CentralityMetric, RankingList>();
  const rankings = new Map<CentralityMetric, readonly RankedAuthor[]>();
  const idAt = network.authorIdAt ?? ((row: number) => network.authorIds[row] as string);
  const rankingList = (metric: CentralityMetric): RankingList => {
    let list = lists.get(metric);
    if (list === undefined) {
      const scores = columns[metric];
      // A window's network carries the whole network's columns: their id order serves only when the
      // window holds every author (its rows are then the whole network's).
      const idOrder = network.columns?.authorIdIndex;
      list = rankedList(
        scores,
        idAt,
        rankOrder(
          scores,
          ranksAscending(metric),
          () => network.authorIds,
          idOrder?.length === scores.length ? idOrder : undefined,
        ),
      );
      lists.set(metric, list);
    }
    return list;
  };
  return {
    scoresOf(authorId) {
      const index = network.authorIndex.get(authorId);
      if (index === undefined) return undefined;
      const row: Partial<Record<CentralityMetric, number>> = {};
      for (const metric of centralityMetrics) row[metric] = columns[metric][index] as number;
      return row as Record<CentralityMetric, number>;
    },
    ranking(metric) {
      let ranking = rankings.get(metric);
      if (!ranking) {
        const list = rankingList(metric);
        ranking = list.slice(0, list.length);
        rankings.set(metric, ranking);
      }
      return ranking;
    },
    rankingList,
    originOf: (metric) => (isAllPairsMetric(metric) ? allPairsOrigin : localOrigin),
    columns: () => table,
    pathFigures: () => table.pathFigures ?? null,
  };
}

/**
 * Every author by `scores`, best first (`ascending`: lowest first), equal scores by id, each with its
 * rank (equal scores share the first one's): score-order.ts. `idOrder` is the rows sorted by id (the
 * network's `columns.authorIdIndex`); without it the ids of equal scores are compared.
 */
export function rank(
  scores: Float64Array,
  ids: readonly string[],
  ascending: boolean,
  idOrder?: Int32Array,
): RankedAuthor[] {
  const list = rankedList(
    scores,
    (row) => ids[row] as string,
    rankOrder(scores, ascending, () => ids, idOrder),
  );
  return list.slice(0, list.length);
}

/** The order of `rank`; `ids` are read only to compare equal scores when there is no `idOrder`. */
function rankOrder(
  scores: Float64Array,
  ascending: boolean,
  ids: () => readonly string[],
  idOrder: Int32Array | undefined,
): ScoreOrder {
  if (idOrder !== undefined) return scoreOrder(scores, { idOrder }, ascending);
  const byId = ids();
  return scoreOrder(scores, { compare: (a, b) => compareIds(byId[a] as string, byId[b] as string) }, ascending);
}

/** The entries of a ranking in `order`, made for the places asked for. */
function rankedList(scores: Float64Array, idAt: (row: number) => string, { order, ranks }: ScoreOrder): RankingList {
  return {
    length: order.length,
    slice(start, end) {
      const from = Math.max(0, Math.min(start, order.length));
      const to = Math.max(from, Math.min(end, order.length));
      const entries = new Array<RankedAuthor>(to - from);
      for (let i = from; i < to; i += 1) {
        const row = order[i] as number;
        entries[i - from] = { rank: ranks[i] as number, authorId: idAt(row), score: scores[row] as number };
      }
      return entries;
    },
  };
}
