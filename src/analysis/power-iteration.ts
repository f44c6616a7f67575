/**
 * PageRank and eigenvector centrality on the compact graph, with joint papers as tie strength: the
 * same iterations as NetworkX 2.8's `pagerank(G, alpha=0.85, weight="weight")` (its SciPy version)
 * and `eigenvector_centrality(G, weight="weight")`: start 1/n, stop when the L1 change is below
 * n × tolerance (1e-6), at most `maxIterations` rounds. Where NetworkX would give up after 100 rounds,
 * these go on (up to 10,000, then fail): the same fixed point, reached later.
 *
 * - PageRank: x ← α·(x·D⁻¹W + Σ dangling x / n) + (1 − α)/n, where D is weighted degree; an author
 *   with no co-author (a dangling node) spreads its score evenly.
 * - Eigenvector: x ← (A + I)·x with weights, normalized to unit Euclidean length each round.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';

export interface PowerIterationOptions {
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

const DEFAULTS = { tolerance: 1e-6, maxIterations: 10_000 } as const;

export class ConvergenceError extends Error {}

type WeightedGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors' | 'weights'>;

export function pagerankScores(graph: WeightedGraph, alpha = 0.85, options: PowerIterationOptions = {}): Float64Array {
  const { tolerance, maxIterations } = { ...DEFAULTS, ...options };
  const { order: n, offsets, neighbors, weights } = graph;
  if (n === 0) return new Float64Array(0);
  const outWeight = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    let sum = 0;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1) sum += weights[j] as number;
    outWeight[v] = sum;
  }
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let round = 0; round < maxIterations; round += 1) {
    let dangling = 0;
    next.fill(0);
    for (let v = 0; v < n; v += 1) {
      const xv = x[v] as number;
      const out = outWeight[v] as number;
      if (out === 0) {
        dangling += xv;
        continue;
      }
      const share = xv / out;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1) {
        const w = neighbors[j] as number;
        next[w] = (next[w] as number) + share * (weights[j] as number);
      }
    }
    const base = alpha * (dangling / n) + (1 - alpha) / n;
    let change = 0;
    for (let v = 0; v < n; v += 1) {
      const value = alpha * (next[v] as number) + base;
      next[v] = value;
      change += Math.abs(value - (x[v] as number));
    }
    [x, next] = [next, x];
    if (change < n * tolerance) return x;
  }
  throw new ConvergenceError(`power-iteration: PageRank did not converge in ${maxIterations} rounds`);
}

export function eigenvectorScores(graph: WeightedGraph, options: PowerIterationOptions = {}): Float64Array {
  const { tolerance, maxIterations } = { ...DEFAULTS, ...options };
  const { order: n, offsets, neighbors, weights } = graph;
  if (n === 0) return new Float64Array(0);
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let round = 0; round < maxIterations; round += 1) {
    next.set(x);
    for (let v = 0; v < n; v += 1) {
      const xv = x[v] as number;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1) {
        const w = neighbors[j] as number;
        next[w] = (next[w] as number) + xv * (weights[j] as number);
      }
    }
    let squares = 0;
    for (let v = 0; v < n; v += 1) squares += (next[v] as number) ** 2;
    const norm = Math.sqrt(squares) || 1;
    let change = 0;
    for (let v = 0; v < n; v += 1) {
      const value = (next[v] as number) / norm;
      next[v] = value;
      change += Math.abs(value - (x[v] as number));
    }
    [x, next] = [next, x];
    if (change < n * tolerance) return x;
  }
  throw new ConvergenceError(`power-iteration: eigenvector centrality did not converge in ${maxIterations} rounds`);
}
