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
 *   the exact solution) do not keep the iteration going. On the ACL Anthology ρ ≈ 0.85 (λ₁ ≈ 317.5,
 *   λ₂ ≈ 269.4, and the most negative eigenvalue ≈ −142), about 200 rounds. So the plain rounds start
 *   from a vector already at the fixed point to about 1e-13, got in about a third of the products by
 *   Chebyshev iteration (Saad, "Numerical Methods for Large Eigenvalue Problems", §7.4; Rutishauser
 *   1969): A is symmetric, so its spectrum is real, and x_k = T_k((A − c)/e)·x_0 with the Chebyshev
 *   polynomial T_k on an interval [c − e, c + e] that holds every eigenvalue but λ₁ shrinks every
 *   other eigenvector's share by 1/T_k((λ₁ − c)/e), about 0.51 per round on the ACL Anthology. The
 *   interval comes from a few Lanczos steps from x_0 (the extreme eigenvalues of their tridiagonal
 *   matrix: the largest ≈ λ₁, the next ≈ λ₂ from below, the smallest ≈ λ_min from above, which is
 *   why the interval is widened below it). Wrong ends only slow the Chebyshev rounds down: the plain
 *   rounds and their stopping rule decide when the scores are at the fixed point, as before (and when
 *   they do not within 100 rounds of the Chebyshev iterate, whose changes can linger at rounding level
 *   without showing a rate, the plain rounds start over from x_0, as before), and the fixed point is
 *   the same (the principal eigenvector is nonnegative, so |x| is as close to it as x).
 * Either way the iteration also stops when the iterates stop changing at double precision (c ≤ 1e-15:
 * a few units in the last place), since no further round can improve them. Both rules are checked in the
 * tests against NetworkX run to a tolerance that leaves it within 1e-11 of a direct solve (see
 * tests/reference/README.md): every score agrees to 1e-10 relative.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { ProductKernel } from './product-kernel.ts';

export interface PowerIterationOptions {
  /** Rounds (products with the matrix, the eigenvector's Chebyshev rounds included) before giving up with a `ConvergenceError`. */
  readonly maxIterations?: number;
  /**
   * The products in the WebAssembly kernel where the graph fits (product-kernel.ts; the default), or
   * (false) in the TypeScript loops below: the same values, bit for bit.
   */
  readonly kernel?: boolean;
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
  return alone(graph, pagerankSteps(graph, alpha, options), productsOf(graph, options));
}

export function eigenvectorScores(graph: WeightedGraph, options: PowerIterationOptions = {}): Float64Array {
  return alone(graph, eigenvectorSteps(graph, options), productsOf(graph, options));
}

/** The kernel for the graph's products, or null for the TypeScript loops (see `PowerIterationOptions.kernel`). */
function productsOf(graph: WeightedGraph, options: PowerIterationOptions): ProductKernel | null {
  return options.kernel === false || graph.order === 0 ? null : ProductKernel.for(graph);
}

/**
 * Eigenvector and PageRank of one graph together: the same scores as `eigenvectorScores` and
 * `pagerankScores`, bit for bit, in about three quarters of the time. Both iterations multiply by the
 * same adjacency every round, so while both run, each round reads the adjacency once for both
 * (`pairedProduct`): the gathers from a co-author's two values hit one cache line. Each score's sum
 * is made from the same terms in the same order as alone.
 */
export function eigenvectorAndPagerank(
  graph: WeightedGraph,
  alpha = 0.85,
  options: PowerIterationOptions = {},
): { readonly eigenvector: Float64Array; readonly pagerank: Float64Array } {
  const eigenvector = eigenvectorSteps(graph, options);
  const pagerank = pagerankSteps(graph, alpha, options);
  const kernel = productsOf(graph, options);
  // The loops' interleaved vectors (the kernel has its own).
  const pair = new Float64Array(kernel === null ? 2 * graph.order : 0);
  let a = eigenvector.next();
  let b = pagerank.next();
  while (!a.done && !b.done) {
    if (kernel === null) pairedProduct(graph, a.value, b.value, pair);
    else kernel.paired(a.value.x, b.value.x, a.value.out, b.value.out);
    a = eigenvector.next();
    b = pagerank.next();
  }
  while (!a.done) {
    product(graph, kernel, a.value);
    a = eigenvector.next();
  }
  while (!b.done) {
    product(graph, kernel, b.value);
    b = pagerank.next();
  }
  return { eigenvector: a.value, pagerank: b.value };
}

/** A product an iteration asks for: `out` = A·`x`, made before the iteration is resumed. */
interface Product {
  readonly x: Float64Array;
  readonly out: Float64Array;
}

/** An iteration as steps: it yields each product it needs and returns its scores. */
type Steps = Generator<Product, Float64Array, void>;

/** Runs an iteration's products one by one. */
function alone(graph: WeightedGraph, steps: Steps, kernel: ProductKernel | null): Float64Array {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    product(graph, kernel, step.value);
  }
}

/** One product, in the kernel when there is one. */
function product(graph: WeightedGraph, kernel: ProductKernel | null, { x, out }: Product): void {
  if (kernel === null) adjacencyProduct(graph, x, out);
  else kernel.product(x, out);
}

function* pagerankSteps(graph: WeightedGraph, alpha: number, options: PowerIterationOptions): Steps {
  const { maxIterations } = { ...DEFAULTS, ...options };
  const { order: n, offsets, weights } = graph;
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
  const share = new Float64Array(n);
  for (let round = 0; round < maxIterations; round += 1) {
    // step = G·x: one plain PageRank step from x. Ties are symmetric (the same weight from both ends),
    // so each author gathers its co-authors' shares, reading across memory where spreading its own
    // share would read and write there.
    let dangling = 0;
    for (let v = 0; v < n; v += 1) {
      const xv = x[v] as number;
      const out = outWeight[v] as number;
      if (out === 0) dangling += xv;
      share[v] = out === 0 ? 0 : xv / out;
    }
    yield { x: share, out: step };
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

function* eigenvectorSteps(graph: WeightedGraph, options: PowerIterationOptions): Steps {
  const { maxIterations } = { ...DEFAULTS, ...options };
  const n = graph.order;
  if (n === 0) return new Float64Array(0);
  const start = yield* chebyshevStart(graph, maxIterations);
  if (start.rounds > 0) {
    // From the Chebyshev iterate, the plain rounds' stopping rule usually holds at once. Should the
    // changes linger at rounding level without showing a rate, the plain iteration starts over from
    // x_0, as it ran before the Chebyshev rounds (the rule is met on its way down, above that level).
    const budget = Math.min(maxIterations - start.rounds, PLAIN_ROUNDS_AFTER_CHEBYSHEV);
    const polished = yield* plainRounds(graph, start.vector, budget);
    if (polished !== null) return polished;
  }
  const used = start.rounds > 0 ? start.rounds + PLAIN_ROUNDS_AFTER_CHEBYSHEV : 0;
  const plain = yield* plainRounds(graph, new Float64Array(n).fill(1 / n), maxIterations - used);
  if (plain !== null) return plain;
  throw new ConvergenceError(`power-iteration: eigenvector centrality did not converge in ${maxIterations} rounds`);
}

/** `out` = A·x for the symmetric weighted adjacency A, gathered row by row. */
function adjacencyProduct(graph: WeightedGraph, x: Float64Array, out: Float64Array): void {
  const { order: n, offsets, neighbors, weights } = graph;
  let j = offsets[0] as number;
  for (let v = 0; v < n; v += 1) {
    const end = offsets[v + 1] as number;
    let sum = 0;
    for (; j < end; j += 1) sum += (weights[j] as number) * (x[neighbors[j] as number] as number);
    out[v] = sum;
  }
}

/**
 * Both products at once: `first.out` = A·`first.x` and `second.out` = A·`second.x`, the two vectors
 * interleaved in `pair` (2·order) so that each co-author's two values are read together. Each sum has
 * the terms `adjacencyProduct` adds, in its order.
 */
function pairedProduct(graph: WeightedGraph, first: Product, second: Product, pair: Float64Array): void {
  const { order: n, offsets, neighbors, weights } = graph;
  const { x: x1, out: out1 } = first;
  const { x: x2, out: out2 } = second;
  for (let v = 0; v < n; v += 1) {
    pair[2 * v] = x1[v] as number;
    pair[2 * v + 1] = x2[v] as number;
  }
  let j = offsets[0] as number;
  for (let v = 0; v < n; v += 1) {
    const end = offsets[v + 1] as number;
    let sum1 = 0;
    let sum2 = 0;
    for (; j < end; j += 1) {
      const weight = weights[j] as number;
      const at = 2 * (neighbors[j] as number);
      sum1 += weight * (pair[at] as number);
      sum2 += weight * (pair[at + 1] as number);
    }
    out1[v] = sum1;
    out2[v] = sum2;
  }
}

/** Plain rounds from a Chebyshev iterate before starting over from x_0. */
const PLAIN_ROUNDS_AFTER_CHEBYSHEV = 100;

/** Plain rounds x ← (A + I)·x/‖…‖ from `x` until the stopping rule holds (the vector), or null after `rounds`. */
function* plainRounds(
  graph: WeightedGraph,
  start: Float64Array,
  rounds: number,
): Generator<Product, Float64Array | null, void> {
  const n = graph.order;
  let x: Float64Array = start;
  let next: Float64Array = new Float64Array(n);
  let previousChange = Number.POSITIVE_INFINITY;
  let previousRate = 1;
  for (let round = 0; round < rounds; round += 1) {
    // next = (A + I)·x.
    yield { x, out: next };
    let squares = 0;
    for (let v = 0; v < n; v += 1) {
      const sum = (next[v] as number) + (x[v] as number);
      next[v] = sum;
      squares += sum * sum;
    }
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
  return null;
}

/** Lanczos steps that estimate the spectrum's ends for the Chebyshev rounds. */
const LANCZOS_STEPS = 12;
/** The interval's lower end: the smallest Ritz value, lowered by this share of the spectrum's width. */
const LOWER_END_MARGIN = 0.1;
/** The Chebyshev rounds hand over to the plain rounds once an iterate changes this little (relative, as the plain rounds measure). */
const CHEBYSHEV_HANDOVER = 1e-13;

/**
 * The start of the plain rounds: the unit vector of x_0 = (1, …, 1) after Chebyshev rounds on the
 * interval that the Lanczos estimates give, or x_0 itself when they give none (a network whose
 * Krylov space from x_0 has three dimensions or fewer, or whose top two Ritz values coincide).
 */
function* chebyshevStart(
  graph: WeightedGraph,
  maxRounds: number,
): Generator<Product, { readonly vector: Float64Array; readonly rounds: number }, void> {
  const n = graph.order;
  const start = (): Float64Array => new Float64Array(n).fill(1 / Math.sqrt(n));
  const ends = yield* spectrumEnds(graph, start());
  if (ends === null) return { vector: start(), rounds: 0 };
  const lower = ends.smallest - LOWER_END_MARGIN * (ends.largest - ends.smallest);
  const center = (lower + ends.second) / 2;
  const halfWidth = (ends.second - lower) / 2;
  // Saad's recurrence for x_k = T_k((A − c)/e)·x_0 / T_k((λ₁ − c)/e): σ₁ = e/(λ₁ − c),
  // σ_{k+1} = 1/(2/σ₁ − σ_k), x_{k+1} = (2σ_{k+1}/e)·(A − c)·x_k − σ_k·σ_{k+1}·x_{k−1}. The recurrence is
  // linear, so both vectors it holds are scaled by the same factor each round to keep x_k a unit vector.
  const sigma1 = halfWidth / (ends.largest - center);
  let older: Float64Array = new Float64Array(n); // x_{k−1} (zero before the first round, whose carry is 0 anyway)
  let latest: Float64Array = start(); // x_k, a unit vector
  let spare: Float64Array = new Float64Array(n); // x_{k+1}, made this round
  let sigma = sigma1;
  let round = 0;
  while (round < maxRounds) {
    const sigmaNext = round === 0 ? sigma1 : 1 / (2 / sigma1 - sigma);
    const scale = round === 0 ? sigma1 / halfWidth : (2 * sigmaNext) / halfWidth;
    const carry = round === 0 ? 0 : sigma * sigmaNext;
    yield { x: latest, out: spare };
    let squares = 0;
    for (let v = 0; v < n; v += 1) {
      const value = scale * ((spare[v] as number) - center * (latest[v] as number)) - carry * (older[v] as number);
      spare[v] = value;
      squares += value * value;
    }
    const inverse = 1 / Math.sqrt(squares);
    let change = 0;
    for (let v = 0; v < n; v += 1) {
      const value = (spare[v] as number) * inverse;
      const before = latest[v] as number;
      const relative = Math.abs(value - before) / Math.max(Math.abs(value), EIGENVECTOR_FLOOR);
      if (relative > change) change = relative;
      spare[v] = value;
      latest[v] = before * inverse;
    }
    [older, latest, spare] = [latest, spare, older];
    sigma = sigmaNext;
    round += 1;
    if (change <= CHEBYSHEV_HANDOVER) break;
  }
  for (let v = 0; v < n; v += 1) latest[v] = Math.abs(latest[v] as number);
  return { vector: latest, rounds: round };
}

interface SpectrumEnds {
  readonly largest: number;
  readonly second: number;
  readonly smallest: number;
}

/**
 * The largest, second largest and smallest eigenvalues of the tridiagonal matrix of `LANCZOS_STEPS`
 * Lanczos steps from the unit vector `start` (no reorthogonalization: a dozen steps lose little), or
 * null when the steps end early (the Krylov space has at most three dimensions) or the top two coincide.
 */
function* spectrumEnds(graph: WeightedGraph, start: Float64Array): Generator<Product, SpectrumEnds | null, void> {
  const n = graph.order;
  const alphas: number[] = [];
  const betas: number[] = [];
  let before: Float64Array = new Float64Array(n);
  let q: Float64Array = start;
  let product: Float64Array = new Float64Array(n);
  let beta = 0;
  for (let step = 0; step < LANCZOS_STEPS; step += 1) {
    yield { x: q, out: product };
    let alpha = 0;
    for (let v = 0; v < n; v += 1) alpha += (product[v] as number) * (q[v] as number);
    alphas.push(alpha);
    let squares = 0;
    for (let v = 0; v < n; v += 1) {
      const r = (product[v] as number) - alpha * (q[v] as number) - beta * (before[v] as number);
      product[v] = r;
      squares += r * r;
    }
    beta = Math.sqrt(squares);
    if (step === LANCZOS_STEPS - 1 || !(beta > 1e-12 * Math.abs(alpha))) break;
    betas.push(beta);
    for (let v = 0; v < n; v += 1) product[v] = (product[v] as number) / beta;
    [before, q, product] = [q, product, before];
  }
  const m = alphas.length;
  if (m <= 3) return null;
  const largest = tridiagonalEigenvalue(alphas, betas, m - 1);
  const second = tridiagonalEigenvalue(alphas, betas, m - 2);
  if (!(largest - second > 1e-9 * Math.abs(largest))) return null;
  return { largest, second, smallest: tridiagonalEigenvalue(alphas, betas, 0) };
}

/** The k-th smallest eigenvalue (from 0) of the symmetric tridiagonal matrix with diagonal `alphas` and off-diagonal `betas`, by bisection on Sturm counts. */
function tridiagonalEigenvalue(alphas: readonly number[], betas: readonly number[], k: number): number {
  const m = alphas.length;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < m; i += 1) {
    const radius = Math.abs(betas[i - 1] ?? 0) + Math.abs(betas[i] ?? 0);
    low = Math.min(low, (alphas[i] as number) - radius);
    high = Math.max(high, (alphas[i] as number) + radius);
  }
  // How many eigenvalues lie below x: the negative pivots of the LDLᵀ factorization of T − x.
  const countBelow = (x: number): number => {
    let count = 0;
    let pivot = 1;
    for (let i = 0; i < m; i += 1) {
      pivot = (alphas[i] as number) - x - (i > 0 ? (betas[i - 1] as number) ** 2 / pivot : 0);
      if (pivot === 0) pivot = -Number.MIN_VALUE;
      if (pivot < 0) count += 1;
    }
    return count;
  };
  for (let round = 0; round < 200 && high - low > 1e-13 * Math.max(Math.abs(low), Math.abs(high)); round += 1) {
    const middle = (low + high) / 2;
    if (countBelow(middle) > k) high = middle;
    else low = middle;
  }
  return (low + high) / 2;
}
