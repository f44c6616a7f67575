/**
 * Degree assortativity: the Pearson correlation of the numbers of co-authors at the two ends of a tie,
 * every tie taken in both directions (Newman 2002). Positive when prolific collaborators work with each
 * other. NetworkX: `degree_assortativity_coefficient(G)`. Undefined (NetworkX: NaN) when there are no
 * ties or every tie joins authors of equal degree: then null.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';

type AdjacencyGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors'>;

export function degreeAssortativity(graph: AdjacencyGraph): number | null {
  const { order: n, offsets, neighbors } = graph;
  const entries = neighbors.length;
  if (entries === 0) return null;
  // Σx = Σy = Σ_v d_v², Σx² = Σ_v d_v³ over tie ends; Σxy over ties in both directions.
  let sum = 0;
  let squares = 0;
  let products = 0;
  for (let v = 0; v < n; v += 1) {
    const start = offsets[v] as number;
    const end = offsets[v + 1] as number;
    const d = end - start;
    sum += d * d;
    squares += d * d * d;
    let neighbourDegrees = 0;
    for (let j = start; j < end; j += 1) {
      const w = neighbors[j] as number;
      neighbourDegrees += (offsets[w + 1] as number) - (offsets[w] as number);
    }
    products += d * neighbourDegrees;
  }
  const mean = sum / entries;
  const variance = squares / entries - mean * mean;
  if (!(variance > (1e-12 * squares) / entries)) return null;
  return (products / entries - mean * mean) / variance;
}
