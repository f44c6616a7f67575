/**
 * Clustering of the co-authorship network, unweighted (a tie is a tie, however many joint papers):
 * - local clustering coefficient of an author: the share of pairs of its co-authors who also wrote
 *   together, 2T / (d(d − 1)) with T its triangles and d its co-authors; 0 when d < 2.
 *   NetworkX: `clustering(G)`.
 * - average clustering: the mean local coefficient over all authors, those with fewer than two
 *   co-authors counted as 0. NetworkX: `average_clustering(G)`.
 * - transitivity: 3 × triangles / connected triples, Σ 2T / Σ d(d − 1); 0 without triangles.
 *   NetworkX: `transitivity(G)`.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { Triangles } from './triangles.ts';

type AdjacencyGraph = Pick<CompactGraph, 'order' | 'offsets'>;

export function localClustering(graph: AdjacencyGraph, triangles: Triangles): Float64Array {
  const { order: n, offsets } = graph;
  const clustering = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    const d = (offsets[v + 1] as number) - (offsets[v] as number);
    clustering[v] = d < 2 ? 0 : (2 * (triangles.perAuthor[v] as number)) / (d * (d - 1));
  }
  return clustering;
}

export function averageClustering(clustering: Float64Array): number {
  if (clustering.length === 0) return 0;
  let sum = 0;
  for (const c of clustering) sum += c;
  return sum / clustering.length;
}

export function transitivity(graph: AdjacencyGraph, triangles: Triangles): number {
  if (triangles.total === 0) return 0;
  let triples = 0;
  for (let v = 0; v < graph.order; v += 1) {
    const d = (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
    triples += d * (d - 1);
  }
  return (6 * triangles.total) / triples;
}
