/**
 * The seven centrality metrics of every author, computed once per loaded network and cached.
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
 * Joint papers are a strength: betweenness and closeness get no weight (hops only). The two power
 * iterations are NetworkX's, with its defaults (start 1/n, at most 100 rounds, stop when the L1 change
 * is below n·1e-6), so the values agree with NetworkX's to rounding. Where NetworkX would give up after
 * 100 rounds, we go on (up to 10,000) instead of failing: the same fixed point, reached later.
 */
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import closenessCentrality from 'graphology-metrics/centrality/closeness.js';
import { degreeCentrality } from 'graphology-metrics/centrality/degree.js';
import eigenvectorCentrality from 'graphology-metrics/centrality/eigenvector.js';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import type { CoauthorNetwork } from '../graph/network.ts';
import { compareIds } from '../graph/network.ts';
import { harmonicCentrality } from './harmonic.ts';

export const centralityMetrics = [
  'degree', 'weightedDegree', 'betweenness', 'closeness', 'harmonic', 'eigenvector', 'pagerank',
] as const;
export type CentralityMetric = (typeof centralityMetrics)[number];
export type CentralityScores = Readonly<Record<CentralityMetric, number>>;

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
}

const NETWORKX_DEFAULTS = { tolerance: 1e-6, maxIterations: 100 } as const;
const PATIENT = { tolerance: 1e-6, maxIterations: 10_000 } as const;

/** Runs a power iteration with NetworkX's defaults, and with more rounds if those do not converge. */
function powerIteration(run: (limits: { tolerance: number; maxIterations: number }) => Record<string, number>): Record<string, number> {
  try {
    return run(NETWORKX_DEFAULTS);
  } catch (error) {
    if (!/failed to converge/u.test((error as Error).message)) throw error;
    return run(PATIENT);
  }
}

export function computeCentrality(network: CoauthorNetwork): CentralityTable {
  const { graph } = network;
  const order = graph.order;
  const byMetric: Record<CentralityMetric, Map<string, number>> = {
    degree: toMap(order > 1 ? degreeCentrality(graph) : ones(network)),
    weightedDegree: new Map(graph.mapNodes((node) => [node, graph.reduceEdges(node, (sum, _e, attributes) => sum + attributes.weight, 0)])),
    // graphology's Brandes and closeness allocate stacks of size n and throw on an empty graph.
    betweenness: toMap(order > 0 ? betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }) : {}),
    closeness: toMap(order > 0 ? closenessCentrality(graph, { wassermanFaust: true }) : {}),
    harmonic: harmonicCentrality(graph),
    eigenvector: toMap(order > 0 ? powerIteration((limits) => eigenvectorCentrality(graph, { getEdgeWeight: 'weight', ...limits })) : {}),
    pagerank: toMap(order > 0 ? powerIteration((limits) => pagerank(graph, { getEdgeWeight: 'weight', alpha: 0.85, ...limits })) : {}),
  };

  const scores = new Map<string, CentralityScores>();
  for (const node of graph.nodes()) {
    const row = {} as Record<CentralityMetric, number>;
    for (const metric of centralityMetrics) row[metric] = byMetric[metric].get(node) ?? 0;
    scores.set(node, row);
  }

  const rankings = new Map<CentralityMetric, RankedAuthor[]>();
  return {
    scoresOf: (authorId) => scores.get(authorId),
    ranking(metric) {
      let ranking = rankings.get(metric);
      if (!ranking) {
        ranking = rank(byMetric[metric]);
        rankings.set(metric, ranking);
      }
      return ranking;
    },
  };
}

/** Scores closer than this (relative) are one score: float noise must not order equal authors. */
const SAME_SCORE = 1e-12;

function rank(scores: ReadonlyMap<string, number>): RankedAuthor[] {
  const sorted = [...scores].sort(([idA, a], [idB, b]) => (sameScore(a, b) ? compareIds(idA, idB) : b - a));
  const ranked: RankedAuthor[] = [];
  sorted.forEach(([authorId, score], i) => {
    const previous = ranked[i - 1];
    const shared = previous !== undefined && sameScore(previous.score, score);
    ranked.push({ rank: shared ? previous.rank : i + 1, authorId, score });
  });
  return ranked;
}

function sameScore(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_SCORE * Math.max(1, Math.abs(a), Math.abs(b));
}

function toMap(mapping: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(mapping));
}

/** NetworkX gives the single author of a one-node network a degree centrality of 1. */
function ones(network: CoauthorNetwork): Record<string, number> {
  return Object.fromEntries(network.graph.mapNodes((node) => [node, 1]));
}
