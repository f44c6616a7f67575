/**
 * Burt's structural holes, unweighted by default as NetworkX's defaults (every tie counts 1, whatever the joint
 * papers): with p_ij = 1/d_i the share of author i's ties that go to co-author j,
 * - constraint: c_i = Σ over co-authors j of (p_ij + Σ over co-authors q of both of p_iq·p_qj)²
 *   = (1/d_i²)·Σ_j (1 + Σ_q 1/d_q)². Low constraint: contacts who do not know each other (a broker);
 *   high: a closed circle (c = 1 with a single co-author, up to 1.125 in a triangle).
 *   NetworkX: `constraint(G)`.
 * - effective size: the co-authors less their redundancy, d_i − 2t_i/d_i with t_i the ties among them
 *   (the author's triangles). NetworkX: `effective_size(G)`.
 *
 * With tie strengths (a `weighting` asked for), `weightedConstraint` and `weightedEffectiveSize` below
 * follow NetworkX's weighted definitions.
 *
 * An author with no co-author: NetworkX returns NaN for both (undefined). GraphQL floats cannot be NaN,
 * so we return effective size 0 (no contacts, none of them non-redundant) and constraint 1 (no
 * brokerage at all: the value of an author whose whole network is one co-author), which keeps such
 * authors out of the broker end (low constraint) of a ranking.
 */
import type { CompactGraph, TieWeights } from '../graph/compact-graph.ts';
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
    const d = (offsets[i + 1] as number) - (offsets[i] as number);
    result[i] = d === 0 ? ISOLATED_CONSTRAINT : (triangles.constraintSums[i] as number) / (d * d);
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

/**
 * Burt's constraint with tie strengths (NetworkX `constraint(G, weight="weight")`): p_ij = w_ij / s_i,
 * s_i = Σ_j w_ij (the share of i's tie strength that goes to j), and
 * c_i = Σ over co-authors j of (p_ij + Σ over co-authors q of both of p_iq·p_qj)². With every weight 1
 * it is the unweighted constraint. An author with no co-author gets `ISOLATED_CONSTRAINT`.
 * O(Σ_i Σ_{q ∈ N(i)} d_q): one sweep over the wedges, with a scratch row per author.
 */
export function weightedConstraint(graph: AdjacencyGraph, weights: TieWeights): Float64Array {
  const { order: n, offsets, neighbors } = graph;
  const strength = strengths(graph, weights);
  const result = new Float64Array(n);
  // For the author i being computed: share[j] = p_ij for co-authors j (stamped by i), indirect[j] = Σ_q p_iq·p_qj.
  const share = new Float64Array(n);
  const indirect = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i += 1) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    if (start === end) {
      result[i] = ISOLATED_CONSTRAINT;
      continue;
    }
    const si = strength[i] as number;
    for (let k = start; k < end; k += 1) {
      const j = neighbors[k] as number;
      stamp[j] = i;
      share[j] = (weights[k] as number) / si;
      indirect[j] = 0;
    }
    for (let k = start; k < end; k += 1) {
      const q = neighbors[k] as number;
      const piq = share[q] as number;
      const sq = strength[q] as number;
      for (let m = offsets[q] as number; m < (offsets[q + 1] as number); m += 1) {
        const j = neighbors[m] as number;
        if (stamp[j] === i) indirect[j] = (indirect[j] as number) + (piq * (weights[m] as number)) / sq;
      }
    }
    let sum = 0;
    for (let k = start; k < end; k += 1) {
      const j = neighbors[k] as number;
      sum += ((share[j] as number) + (indirect[j] as number)) ** 2;
    }
    result[i] = sum;
  }
  return result;
}

/**
 * Burt's effective size with tie strengths (NetworkX `effective_size(G, weight="weight")`):
 * Σ over co-authors j of (1 − Σ over co-authors q of i of p_iq·m_jq), p_iq = w_iq / s_i and
 * m_jq = w_jq / max_x w_jx (j's tie to q against j's strongest tie). With every weight 1 it is the
 * unweighted effective size. An author with no co-author gets `ISOLATED_EFFECTIVE_SIZE`.
 */
export function weightedEffectiveSize(graph: AdjacencyGraph, weights: TieWeights): Float64Array {
  const { order: n, offsets, neighbors } = graph;
  const strength = strengths(graph, weights);
  const strongest = new Float64Array(n);
  for (let v = 0; v < n; v += 1)
    for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k += 1)
      strongest[v] = Math.max(strongest[v] as number, weights[k] as number);
  const result = new Float64Array(n);
  const share = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i += 1) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    if (start === end) {
      result[i] = ISOLATED_EFFECTIVE_SIZE;
      continue;
    }
    const si = strength[i] as number;
    for (let k = start; k < end; k += 1) {
      const q = neighbors[k] as number;
      stamp[q] = i;
      share[q] = (weights[k] as number) / si;
    }
    let sum = 0;
    for (let k = start; k < end; k += 1) {
      const j = neighbors[k] as number;
      let redundancy = 0;
      for (let m = offsets[j] as number; m < (offsets[j + 1] as number); m += 1) {
        const q = neighbors[m] as number;
        if (stamp[q] === i) redundancy += (share[q] as number) * (weights[m] as number);
      }
      sum += 1 - redundancy / (strongest[j] as number);
    }
    result[i] = sum;
  }
  return result;
}

function strengths(graph: AdjacencyGraph, weights: TieWeights): Float64Array {
  const { order: n, offsets } = graph;
  const strength = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    let sum = 0;
    for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k += 1) sum += weights[k] as number;
    strength[v] = sum;
  }
  return strength;
}
