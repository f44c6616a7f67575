/**
 * The fused all-pairs pass: one breadth-first search per source author feeds betweenness (Brandes'
 * dependency accumulation), closeness (sum of distances, authors reached) and harmonic centrality
 * (sum of 1/d), all by hop count. The searches run in a WebAssembly kernel (search-kernel.ts), the same
 * in the main thread (small networks) and in worker threads (large ones).
 *
 * Two modes:
 * - exact: every source, except leaves (authors with one co-author whose co-author has others). A
 *   leaf's searches are its neighbour's shifted by one hop, so the neighbour's search stands for them:
 *   its dependencies count (1 + its leaves) times, each leaf adds (reached − 2) to its neighbour's
 *   betweenness, and the leaf's distance sum and harmonic sum are derived from the neighbour's
 *   (see `leafHarmonic`). On co-authorship networks this skips several per cent of all searches.
 *   The same holds for the source's eccentricity (its farthest hop distance, kept for the largest
 *   component's diameter): a leaf's is its neighbour's plus one.
 * - sample: a chosen set of sources; besides the dependencies, every author reached accumulates its
 *   distances and inverse distances to the sampled sources, for the estimators of closeness and
 *   harmonic centrality (Eppstein–Wang); the sources themselves get their exact sums.
 */

import type { RunnablePlan } from './all-pairs-centrality.ts';
import { DISTANCE_LANES } from './distance-batch.ts';
import { BATCH_LANES, SearchKernel } from './search-kernel.ts';

export { BATCH_LANES };

export interface PassGraph {
  readonly order: number;
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
}

/** Per-source results, written by whichever thread runs the source (each index by one thread only). */
export interface SourceTotals {
  /** Sum of hop distances from the source to every author it reaches. */
  readonly distanceSum: Float64Array;
  /** Authors reached, the source included. */
  readonly reached: Int32Array;
  /** Sum of 1/d over the authors reached. */
  readonly harmonic: Float64Array;
  /** For a source with leaves: a leaf's harmonic sum, Σ over t ≠ leaf of 1/(1 + d(source, t)). */
  readonly leafHarmonic: Float64Array;
  /** The source's eccentricity: the largest hop distance to an author it reaches (0 alone). */
  readonly eccentricity: Int32Array;
  /** Profiles of the searches from authors with hanging parts (see `Behind.profileStart`). */
  readonly profile: Float64Array;
}

/**
 * Authors behind nodes of the search graph (hanging-parts.ts): the authors of the parts hanging at a
 * node, reached only through it. Node v has `extra[v]` of them, `counts[start[v] + k − 1]` at k hops
 * from v (k = 1 ..). Exact mode only; null elsewhere.
 */
export interface Behind {
  readonly extra: Float64Array;
  readonly start: Int32Array;
  readonly counts: Float64Array;
  /** The largest k of any node. */
  readonly height: number;
  /**
   * Per author: where its search's profile goes in `SourceTotals.profile` (`profileStart[a] ..
   * profileStart[a + 1]`, empty for authors nothing hangs at). The profile of a search from a node
   * with parts of height h is F(1..h), the authors at each distance, then Φ(j) = Σ over authors t of
   * 1/(j + d(source, t)) for j = 1 .. h + 1: what the searches of its parts need of the rest.
   */
  readonly profileStart: Int32Array;
}

/** What a thread accumulates over the sources it runs, summed over threads at the end. */
export interface PassAccumulators {
  /** Raw dependency sums (each unordered pair counted from both ends). */
  readonly betweenness: Float64Array;
  /** Sample mode: Σ over sampled sources of d(source, author), and of 1/d. */
  readonly distanceToSources: Float64Array | null;
  readonly inverseDistanceToSources: Float64Array | null;
}

/**
 * Scratch for one thread: the search kernel (search-kernel.ts, WebAssembly) with the search graph's
 * arrays in its memory, bound at the first search on a graph and kept while the searches stay on it.
 * A search keeps its figures by queue place (the order it reached authors in) rather than by author:
 * the queue holds each level of the search in one run, so the successors of an author, its σ and δ sit
 * side by side in memory, and only the first sight of an author (`place`) and its betweenness are
 * random accesses. The dependencies are summed in the kernel's memory and added to the caller's
 * betweenness array by `flushSearches` (runPlanRange does it at the end of its range).
 */
export interface PassScratch {
  readonly kernel: SearchKernel;
  /** The largest height of the authors behind a node that the level counts make room for. */
  readonly height: number;
}

/** The largest height of the authors behind a node (hanging-parts.ts: a part has at most this many nodes). */
export const MAX_BEHIND_HEIGHT = 64;

export function passScratch(height = MAX_BEHIND_HEIGHT): PassScratch {
  return { kernel: new SearchKernel(), height };
}

/** Adds the dependencies of the searches run with this scratch into the accumulators they were run with. */
export function flushSearches(scratch: PassScratch): void {
  scratch.kernel.flush();
}

/**
 * Runs one source: a node of the search graph, which stands for `weight[node]` authors (see
 * `PassPlan.searchGraph`: closed twins and a co-author's leaves are one node; every weight is 1 in
 * sample mode). The search starts from one author of the source node; the node's other authors are one
 * hop away (closed twins are co-authors). `multiplicity` is how many sources this search stands for
 * (its twins and leaves in exact mode; 1 in sample mode). Per-source totals are written at `totalsAt`
 * (the source author). Returns the number of authors reached. The dependencies reach
 * `accumulators.betweenness` at the next `flushSearches`.
 *
 * The search itself (search-kernel/kernel.as.ts) goes breadth first, a level at a time, counting
 * shortest paths (σ) and the authors per level (the nodes' weights; the authors behind a node at level
 * d are at d + k), then sums dependencies farthest first: δ(v) = σ(v) · Σ over successors w of
 * (1 + δ(w))/σ(w), plus the authors behind v (reached through v alone). With linear scaling (Geisberger,
 * Sanders & Schultes 2008), a target t counts d(s, v)/d(s, t) instead of 1. A source's leaves each add
 * (reached − 2) to its betweenness. Without accumulators (refinement searches) only the source's own
 * sums are wanted. The per-source sums below are read from its level counts.
 */
export function runSource(
  graph: PassGraph,
  weight: Int32Array,
  source: number,
  totalsAt: number,
  multiplicity: number,
  leaves: number,
  scratch: PassScratch,
  totals: SourceTotals | null,
  accumulators: PassAccumulators | null,
  linearScaling = false,
  behind: Behind | null = null,
): number {
  const { kernel } = scratch;
  kernel.bind(graph, weight, behind, scratch.height);
  const deepest = kernel.run(source, multiplicity, leaves, linearScaling, accumulators?.betweenness ?? null);
  const reached = kernel.reached();
  recordSourceTotals(kernel, deepest, reached, totalsAt, totals, accumulators, behind);
  // The kernel cleared the places; the level counts are cleared here, once read.
  kernel.levelMembers.fill(0, 1, deepest + 1);
  return reached;
}

/**
 * Where the batch of a plan's searches that starts at `source` ends (before `to`): batches are aligned
 * to multiples of their width in the plan (`BATCH_LANES` sources of the exact pass, `DISTANCE_LANES`
 * refinement searches; the sample's searches one at a time), so a range split on such multiples runs
 * the same batches.
 */
export function batchEnd(plan: Pick<RunnablePlan, 'mode' | 'behind'>, source: number, to: number): number {
  const width = batchWidth(plan);
  return Math.min(to, (Math.floor(source / width) + 1) * width);
}

/** Searches a plan runs in one sweep (see `batchEnd`). */
export function batchWidth(plan: Pick<RunnablePlan, 'mode' | 'behind'>): number {
  if (plan.mode === 'exact') return BATCH_LANES;
  return plan.mode === 'refine' && plan.behind === null ? DISTANCE_LANES : 1;
}

/** The widest batch (`batchWidth`). */
export const MAX_BATCH_WIDTH = Math.max(BATCH_LANES, DISTANCE_LANES);

/** Per-lane results of a batch (see `runSourceBatch`), reused between batches. */
const batchReached = new Float64Array(BATCH_LANES);
const batchDeepest = new Int32Array(BATCH_LANES);
const noQueue = new Int32Array(0);

/**
 * `runSource` for up to BATCH_LANES sources at once (exact mode: dependencies always accumulated, no
 * linear scaling): `nodes[s]` (distinct nodes of the search graph) with `totalsAt[s]`,
 * `multiplicity[s]` and `leaves[s]`. One sweep over the adjacency serves every source that has a node
 * at the level being expanded (search-kernel/kernel.as.ts `runBatch`); the totals are the single
 * searches' exactly, the dependencies within rounding of theirs (summed in another order).
 */
export function runSourceBatch(
  graph: PassGraph,
  weight: Int32Array,
  nodes: ArrayLike<number>,
  totalsAt: ArrayLike<number>,
  multiplicity: ArrayLike<number>,
  leaves: ArrayLike<number>,
  count: number,
  scratch: PassScratch,
  totals: SourceTotals,
  accumulators: PassAccumulators,
  behind: Behind | null = null,
): void {
  const { kernel } = scratch;
  kernel.bind(graph, weight, behind, scratch.height);
  kernel.runBatch(nodes, multiplicity, leaves, count, accumulators.betweenness, batchReached, batchDeepest);
  for (let s = 0; s < count; s += 1) {
    const levelMembers = kernel.laneMembers[s] as Float64Array;
    const deepest = batchDeepest[s] as number;
    const levels = { queue: noQueue, levelStart: noQueue, levelMembers };
    recordSourceTotals(levels, deepest, batchReached[s] as number, totalsAt[s] as number, totals, null, behind);
    levelMembers.fill(0, 1, deepest + 1);
  }
}

/** A search's levels as the kernel (or the reference search in the tests) leaves them. */
export interface SearchLevels {
  /** Queue place → author. */
  readonly queue: Int32Array;
  /** Level d holds queue places `levelStart[d] .. levelStart[d + 1])`. */
  readonly levelStart: Int32Array;
  /** Authors at level d (the nodes' weights; the authors behind a node counted at their own depth). */
  readonly levelMembers: Float64Array;
}

/**
 * What a search adds from its level counts alone: the source's totals (distance sum, reached, harmonic
 * and leaf-harmonic sums, eccentricity, the profile of the authors behind it) and, in sample mode, each
 * reached author's distance sums to the sources.
 */
export function recordSourceTotals(
  levels: SearchLevels,
  deepest: number,
  reached: number,
  totalsAt: number,
  totals: SourceTotals | null,
  accumulators: PassAccumulators | null,
  behind: Behind | null,
): void {
  const { queue, levelStart, levelMembers } = levels;
  let distanceSum = 0;
  for (let d = 1; d <= deepest; d += 1) distanceSum += d * (levelMembers[d] as number);

  const distanceToSources = accumulators?.distanceToSources ?? null;
  const inverseDistanceToSources = accumulators?.inverseDistanceToSources ?? null;
  if (distanceToSources !== null && inverseDistanceToSources !== null) {
    for (let d = 1; d <= deepest; d += 1) {
      const inverse = 1 / d;
      const end = levelStart[d + 1] as number;
      for (let i = levelStart[d] as number; i < end; i += 1) {
        const w = queue[i] as number;
        distanceToSources[w] = (distanceToSources[w] as number) + d;
        inverseDistanceToSources[w] = (inverseDistanceToSources[w] as number) + inverse;
      }
    }
  }
  if (totals !== null) {
    let harmonic = 0;
    let shifted = 1; // the source itself, one hop from its leaf
    for (let d = 1; d <= deepest; d += 1) {
      const count = levelMembers[d] as number;
      harmonic += count / d;
      shifted += count / (d + 1);
    }
    totals.distanceSum[totalsAt] = distanceSum;
    totals.reached[totalsAt] = reached;
    totals.harmonic[totalsAt] = harmonic;
    totals.leafHarmonic[totalsAt] = shifted - 0.5; // less the leaf itself
    totals.eccentricity[totalsAt] = deepest;
    if (behind !== null) {
      const from = behind.profileStart[totalsAt] as number;
      const width = (behind.profileStart[totalsAt + 1] as number) - from;
      if (width > 0) {
        const height = (width - 1) / 2;
        for (let k = 1; k <= height; k += 1)
          totals.profile[from + k - 1] = k <= deepest ? (levelMembers[k] as number) : 0;
        for (let j = 1; j <= height + 1; j += 1) {
          let phi = 0;
          for (let d = 1; d <= deepest; d += 1) phi += (levelMembers[d] as number) / (j + d);
          totals.profile[from + height + j - 1] = phi;
        }
      }
    }
  }
}
