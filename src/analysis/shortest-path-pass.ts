/**
 * The fused all-pairs pass: one breadth-first search per source author feeds betweenness (Brandes'
 * dependency accumulation), closeness (sum of distances, authors reached) and harmonic centrality
 * (sum of 1/d), all by hop count. Plain typed arrays and no imports, so the same code runs in the
 * main thread (small networks) and in worker threads (large ones).
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
}

/** What a thread accumulates over the sources it runs, summed over threads at the end. */
export interface PassAccumulators {
  /** Raw dependency sums (each unordered pair counted from both ends). */
  readonly betweenness: Float64Array;
  /** Sample mode: Σ over sampled sources of d(source, author), and of 1/d. */
  readonly distanceToSources: Float64Array | null;
  readonly inverseDistanceToSources: Float64Array | null;
}

/** Scratch for one thread: allocated once, reset only where a search went. */
export interface PassScratch {
  readonly distance: Int32Array;
  readonly sigma: Float64Array;
  readonly delta: Float64Array;
  readonly queue: Int32Array;
  readonly levelCount: Float64Array;
}

export function passScratch(order: number): PassScratch {
  return {
    distance: new Int32Array(order).fill(-1),
    sigma: new Float64Array(order),
    delta: new Float64Array(order),
    queue: new Int32Array(order),
    levelCount: new Float64Array(order + 1),
  };
}

/**
 * Runs one source. `multiplicity` is how many sources this search stands for (1 + its leaves in exact
 * mode; 1 in sample mode). Returns the number of authors reached.
 */
export function runSource(
  graph: PassGraph,
  source: number,
  multiplicity: number,
  leaves: number,
  scratch: PassScratch,
  totals: SourceTotals | null,
  accumulators: PassAccumulators | null,
  linearScaling = false,
): number {
  const { offsets, neighbors } = graph;
  const { distance, sigma, delta, queue, levelCount } = scratch;

  distance[source] = 0;
  sigma[source] = 1;
  queue[0] = source;
  let head = 0;
  let tail = 1;
  let deepest = 0;
  let distanceSum = 0;
  levelCount[0] = 1;
  while (head < tail) {
    const v = queue[head++] as number;
    const next = (distance[v] as number) + 1;
    const sigmaV = sigma[v] as number;
    const end = offsets[v + 1] as number;
    for (let j = offsets[v] as number; j < end; j += 1) {
      const w = neighbors[j] as number;
      const dw = distance[w] as number;
      if (dw === -1) {
        distance[w] = next;
        sigma[w] = sigmaV;
        queue[tail++] = w;
        distanceSum += next;
        if (next > deepest) {
          deepest = next;
          levelCount[next] = 0;
        }
        levelCount[next] = (levelCount[next] as number) + 1;
      } else if (dw === next) {
        sigma[w] = (sigma[w] as number) + sigmaV;
      }
    }
  }

  // Dependencies, farthest first: δ(v) = σ(v) · Σ over successors w of (1 + δ(w))/σ(w).
  // With linear scaling (Geisberger, Sanders & Schultes 2008), a target t counts d(s, v)/d(s, t)
  // instead of 1: the same recursion with 1/d(s, w) for 1 gives δ/d(s, v).
  // Without accumulators (refinement searches) only the source's own sums are wanted.
  const betweenness = accumulators?.betweenness;
  if (betweenness !== undefined) {
    // Pulled rather than pushed: each author sums over its successors (one write per author instead
    // of one per shortest-path edge). `delta` first holds δ(w), then (1 + δ(w))/σ(w) for the pull.
    for (let i = tail - 1; i > 0; i -= 1) {
      const v = queue[i] as number;
      const next = (distance[v] as number) + 1;
      const end = offsets[v + 1] as number;
      let pulled = 0;
      for (let j = offsets[v] as number; j < end; j += 1) {
        const w = neighbors[j] as number;
        if (distance[w] === next) pulled += delta[w] as number;
      }
      const dependency = (sigma[v] as number) * pulled;
      betweenness[v] = (betweenness[v] as number) + multiplicity * (linearScaling ? next - 1 : 1) * dependency;
      delta[v] = ((linearScaling ? 1 / (next - 1) : 1) + dependency) / (sigma[v] as number);
    }
    if (leaves > 0) betweenness[source] = (betweenness[source] as number) + leaves * (tail - 2);
  }

  const distanceToSources = accumulators?.distanceToSources ?? null;
  const inverseDistanceToSources = accumulators?.inverseDistanceToSources ?? null;
  if (distanceToSources !== null && inverseDistanceToSources !== null) {
    for (let i = 1; i < tail; i += 1) {
      const w = queue[i] as number;
      const d = distance[w] as number;
      distanceToSources[w] = (distanceToSources[w] as number) + d;
      inverseDistanceToSources[w] = (inverseDistanceToSources[w] as number) + 1 / d;
    }
  }
  if (totals !== null) {
    let harmonic = 0;
    let shifted = 1; // the source itself, one hop from its leaf
    for (let d = 1; d <= deepest; d += 1) {
      harmonic += (levelCount[d] as number) / d;
      shifted += (levelCount[d] as number) / (d + 1);
    }
    totals.distanceSum[source] = distanceSum;
    totals.reached[source] = tail;
    totals.harmonic[source] = harmonic;
    totals.leafHarmonic[source] = shifted - 0.5; // less the leaf itself
    totals.eccentricity[source] = deepest;
  }

  for (let i = 0; i < tail; i += 1) {
    const w = queue[i] as number;
    distance[w] = -1;
    sigma[w] = 0;
    delta[w] = 0;
  }
  return tail;
}
