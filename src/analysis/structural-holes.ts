/**
 * Burt's structural holes, unweighted as NetworkX's defaults (every tie counts 1, whatever the joint
 * papers): with p_ij = 1/d_i the share of author i's ties that go to co-author j,
 * - constraint: c_i = Σ over co-authors j of (p_ij + Σ over co-authors q of both of p_iq·p_qj)²
 *   = (1/d_i²)·Σ_j (1 + Σ_q 1/d_q)². Low constraint: contacts who do not know each other (a broker);
 *   high: a closed circle (c = 1 with a single co-author, up to 1.125 in a triangle).
 *   NetworkX: `constraint(G)`.
 * - effective size: the co-authors less their redundancy, d_i − 2t_i/d_i with t_i the ties among them
 *   (the author's triangles). NetworkX: `effective_size(G)`.
 *
 * An author with no co-author: NetworkX returns NaN for both (undefined). GraphQL floats cannot be NaN,
 * so we return effective size 0 (no contacts, none of them non-redundant) and constraint 1 (no
 * brokerage at all: the value of an author whose whole network is one co-author), which keeps such
 * authors out of the broker end (low constraint) of a ranking.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { Triangles } from './triangles.ts';

type AdjacencyGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors'>;

/** The constraint given to an author with no co-author (NetworkX: NaN). */
export const ISOLATED_CONSTRAINT = 1;
/** The effective size given to an author with no co-author (NetworkX: NaN). */
export const ISOLATED_EFFECTIVE_SIZE = 0;

export function constraint(graph: AdjacencyGraph, triangles: Triangles): Float64Array {
  const { order: n, offsets } = graph;
  const result = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    const d = end - start;
    if (d === 0) {
      result[i] = ISOLATED_CONSTRAINT;
      continue;
    }
    let sum = 0;
    for (let j = start; j < end; j += 1) sum += (1 + (triangles.commonInverseDegree[j] as number)) ** 2;
    result[i] = sum / (d * d);
  }
  return result;
}

export function effectiveSize(graph: AdjacencyGraph, triangles: Triangles): Float64Array {
  const { order: n, offsets } = graph;
  const result = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const d = (offsets[i + 1] as number) - (offsets[i] as number);
    result[i] = d === 0 ? ISOLATED_EFFECTIVE_SIZE : d - (2 * (triangles.perAuthor[i] as number)) / d;
  }
  return result;
}
