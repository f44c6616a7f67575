/**
 * PageRank and eigenvector centrality on the compact graph, with joint papers as tie strength:
 * NetworkX 2.8's definitions (`pagerank(G, alpha=0.85, weight="weight")` and
 * `eigenvector_centrality(G, weight="weight")`), iterated to the fixed point rather than stopped where
 * NetworkX's default tolerance (an L1 change below n·1e-6) happens to stop: on the ACL Anthology that
 * default leaves scores about 1e-5 (relative) off, and rankings change with it.
 *
 * - PageRank: x ← α·(x·D⁻¹W + Σ dangling x / n) + (1 − α)/n, start 1/n, where D is weighted degree; an
 *   author with no co-author (a dangling node) spreads its score evenly, as NetworkX does by default.
 * - Eigenvector: x ← (A + I)·x with weights, normalized to unit Euclidean length each round, start 1/n.
 *   NetworkX iterates A + I, not A: the same principal eigenvector (the shift adds 1 to every
 *   eigenvalue), but it cannot oscillate on bipartite parts. On a disconnected network the limit is the
 *   eigenvector of the component with the largest eigenvalue; the other components' scores decay to 0.
 *
 * Stopping rule: after each round, the largest change of any score relative to its own value,
 * c = max_v |x_k(v) − x_{k−1}(v)| / max(x_k(v), floor). Power iteration shrinks the error by a factor ρ
 * per round (the ratio of the second-largest eigenvalue to the largest, in modulus), and once the
 * dominant error mode leads, a score's remaining error is its last change × ρ/(1 − ρ). We stop when that
 * estimate is at most `RELATIVE_ERROR` (1e-12, a 100× margin under the promised 1e-10):
 * - PageRank: ρ ≤ α = 0.85 always (Haveliwala & Kamvar 2003), so c ≤ 1e-12·(1 − α)/α ≈ 1.8e-13, where
 *   c is the change one plain step G·x (G the PageRank map above) would make from the current x. Every
 *   PageRank score is at least (1 − α)/n, so no floor is needed. In L1 the bound is rigorous: G
 *   contracts by α, so ‖x − x*‖₁ ≤ ‖Gx − x‖₁/(1 − α). To get there in fewer rounds the iterates are
 *   combined by Chebyshev semi-iteration: on an undirected network G's eigenvalues are real and within
 *   [−α, α] (D⁻¹W is similar to a symmetric matrix; dangling authors add a block-triangular part), so
 *   x_{k+1} = ω_{k+1}(G·x_k − x_{k−1}) + x_{k−1} with the Chebyshev weights ω cuts the error by about
 *   α/(1 + √(1 − α²)) ≈ 0.56 per round instead of 0.85 (Golub & Van Loan, §11.2.8): about a third of
 *   the rounds, the same fixed point. What is returned is the plain step G·x that passed the test.
 * - Eigenvector (plain power iteration): ρ = (λ₂ + 1)/(λ₁ + 1) is not known in advance; it is
 *   measured as the ratio of successive changes, c_k / c_{k−1} (this ratio tends to ρ), and we stop
 *   when c_k·ρ̂/(1 − ρ̂) ≤ 1e-12. Scores below `EIGENVECTOR_FLOOR` (1e-6; a unit vector's entries are
 *   at most 1) are held to an absolute 1e-18 instead, so the decaying scores of other components (0 in
 *   the exact solution) do not keep the iteration going.
 * Either way the iteration also stops when the iterates stop changing at double precision (c ≤ 1e-15:
 * a few units in the last place), since no further round can improve them. Both rules are checked in the
 * tests against NetworkX run to a tolerance that leaves it within 1e-11 of a direct solve (see
 * tests/reference/README.md): every score agrees to 1e-10 relative.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';

export interface PowerIterationOptions {
  /** Rounds before giving up with a `ConvergenceError`. */
  readonly maxIterations?: number;
}

const DEFAULTS = { maxIterations: 100_000 } as const;

/** The error (relative to each score) the stopping rule aims at: 100× under the promised 1e-10. */
export const RELATIVE_ERROR = 1e-12;
/** A change this small (relative) is rounding: the iterates have stopped changing at double precision. */
const STAGNANT = 1e-15;
/** Eigenvector scores below this are held to an absolute error instead of a relative one. */
export const EIGENVECTOR_FLOOR = 1e-6;

export class ConvergenceError extends Error {
  override readonly name = 'ConvergenceError';
}

type WeightedGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors' | 'weights'>;

export function pagerankScores(graph: WeightedGraph, alpha = 0.85, options: PowerIterationOptions = {}): Float64Array {
  const { maxIterations } = { ...DEFAULTS, ...options };
  const { order: n, offsets, neighbors, weights } = graph;
  if (n === 0) return new Float64Array(0);
  const outWeight = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    let sum = 0;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1) sum += weights[j] as number;
    outWeight[v] = sum;
  }
  // The error of plain steps shrinks by at least α per round: a change c leaves at most c·α/(1 − α).
  const enough = (RELATIVE_ERROR * (1 - alpha)) / alpha;
  // Chebyshev weights for a spectrum in [−α, α]: ω₁ = 1, ω₂ = 1/(1 − α²/2), ω_{k+1} = 1/(1 − α²ω_k/4).
  let omega = 1;
  let previous = new Float64Array(n).fill(1 / n); // x_{k−1} (unused in the first round, where ω = 1)
  let x = new Float64Array(n).fill(1 / n);
  const step = new Float64Array(n);
  for (let round = 0; round < maxIterations; round += 1) {
    // step = G·x: one plain PageRank step from x.
    let dangling = 0;
    step.fill(0);
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
        step[w] = (step[w] as number) + share * (weights[j] as number);
      }
    }
    const base = alpha * (dangling / n) + (1 - alpha) / n;
    let change = 0;
    for (let v = 0; v < n; v += 1) {
      const value = alpha * (step[v] as number) + base;
      step[v] = value;
      const relative = Math.abs(value - (x[v] as number)) / Math.abs(value);
      if (relative > change) change = relative;
    }
    if (change <= enough || change <= STAGNANT) return step;
    // x_{k+1} = ω·(G·x_k − x_{k−1}) + x_{k−1}, written over x_{k−1}.
    omega = round === 0 ? 1 : round === 1 ? 1 / (1 - (alpha * alpha) / 2) : 1 / (1 - (alpha * alpha * omega) / 4);
    for (let v = 0; v < n; v += 1)
      previous[v] = omega * ((step[v] as number) - (previous[v] as number)) + (previous[v] as number);
    [previous, x] = [x, previous];
  }
  throw new ConvergenceError(`power-iteration: PageRank did not converge in ${maxIterations} rounds`);
}

export function eigenvectorScores(graph: WeightedGraph, options: PowerIterationOptions = {}): Float64Array {
  const { maxIterations } = { ...DEFAULTS, ...options };
  const { order: n, offsets, neighbors, weights } = graph;
  if (n === 0) return new Float64Array(0);
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let previousChange = Number.POSITIVE_INFINITY;
  let previousRate = 1;
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
      const relative = Math.abs(value - (x[v] as number)) / Math.max(value, EIGENVECTOR_FLOOR);
      if (relative > change) change = relative;
    }
    [x, next] = [next, x];
    if (change <= STAGNANT) return x;
    // ρ̂ = c_k / c_{k−1}, the larger of the last two estimates (one round's ratio can dip while several
    // error modes still mix); below 1 only once the iteration contracts (it may not in the first rounds).
    const rate = change / previousChange;
    const estimate = Math.max(rate, previousRate);
    if (estimate < 1 && (change * estimate) / (1 - estimate) <= RELATIVE_ERROR) return x;
    previousChange = change;
    previousRate = rate;
  }
  throw new ConvergenceError(`power-iteration: eigenvector centrality did not converge in ${maxIterations} rounds`);
}
