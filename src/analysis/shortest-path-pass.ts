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
 * Scratch for one thread: allocated once, reset only where a search went. A search keeps its figures
 * by queue place (the order it reached authors in) rather than by author: the queue holds each level of
 * the search in one run, so the successors of an author, its σ and δ sit side by side in memory, and
 * only the first sight of an author (`place`) and its betweenness are random accesses.
 */
export interface PassScratch {
  /** Author → its place in the search's queue (−1: not reached yet). */
  readonly place: Int32Array;
  /** Queue place → author. */
  readonly queue: Int32Array;
  /** By queue place: shortest paths from the source (σ). */
  readonly sigma: Float64Array;
  /** By queue place: (1 + δ)/σ once the author's dependency δ is known (see `runSource`). */
  readonly delta: Float64Array;
  /** Level d of the search holds queue places `levelStart[d] .. levelStart[d + 1])`. */
  readonly levelStart: Int32Array;
  /** Authors at level d (the nodes' weights). */
  readonly levelMembers: Float64Array;
  /**
   * The search's shortest-path successors (as queue places), written as the search finds them: those
   * of the author at place i are `successors[successorStart[i] .. successorStart[i + 1])`, in
   * adjacency order.
   */
  readonly successors: Int32Array;
  readonly successorStart: Int32Array;
}

/** The largest height of the authors behind a node (hanging-parts.ts: a part has at most this many nodes). */
export const MAX_BEHIND_HEIGHT = 64;

export function passScratch(graph: PassGraph, height = MAX_BEHIND_HEIGHT): PassScratch {
  const { order } = graph;
  return {
    place: new Int32Array(order).fill(-1),
    queue: new Int32Array(order),
    sigma: new Float64Array(order),
    delta: new Float64Array(order),
    levelStart: new Int32Array(order + 2),
    levelMembers: new Float64Array(order + height + 2),
    successors: new Int32Array(graph.neighbors.length),
    successorStart: new Int32Array(order + 1),
  };
}

/**
 * Runs one source: a node of the search graph, which stands for `weight[node]` authors (see
 * `PassPlan.searchGraph`: closed twins and a co-author's leaves are one node; every weight is 1 in
 * sample mode). The search starts from one author of the source node; the node's other authors are one
 * hop away (closed twins are co-authors). `multiplicity` is how many sources this search stands for
 * (its twins and leaves in exact mode; 1 in sample mode). Per-source totals are written at `totalsAt`
 * (the source author). Returns the number of authors reached.
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
  const { offsets, neighbors } = graph;
  const { place, queue, sigma, delta, levelStart, levelMembers, successors, successorStart } = scratch;

  // Breadth first. The level being expanded ends at `levelEnd`, where the next one starts: an author
  // already placed at or after it is one level further, so the edge to it is on shortest paths.
  place[source] = 0;
  queue[0] = source;
  sigma[0] = 1;
  levelStart[0] = 0;
  let head = 0;
  let tail = 1;
  let depth = 0;
  let levelEnd = 1;
  let distanceSum = 0;
  let found = 0;
  while (head < tail) {
    if (head === levelEnd) {
      depth += 1;
      levelStart[depth] = head;
      levelEnd = tail;
    }
    const v = queue[head] as number;
    // Paths go through each author of a node alike: an author one level further gets σ × (authors in
    // the node) from it. The source node holds the source alone at level 0.
    const sigmaV = head === 0 ? 1 : (sigma[head] as number) * (weight[v] as number);
    successorStart[head] = found;
    head += 1;
    const end = offsets[v + 1] as number;
    for (let j = offsets[v] as number; j < end; j += 1) {
      const w = neighbors[j] as number;
      const at = place[w] as number;
      if (at === -1) {
        place[w] = tail;
        queue[tail] = w;
        sigma[tail] = sigmaV;
        successors[found++] = tail;
        tail += 1;
      } else if (at >= levelEnd) {
        sigma[at] = (sigma[at] as number) + sigmaV;
        successors[found++] = at;
      }
    }
  }
  successorStart[tail] = found;
  levelStart[depth + 1] = tail;
  // Authors per level: the nodes' weights, and the source node's other authors at level 1.
  const twins = (weight[source] as number) - 1;
  let deepest = depth;
  let reached = 1 + twins;
  levelMembers[1] = twins;
  if (twins > 0 && deepest === 0) {
    deepest = 1;
    levelStart[2] = tail;
  }
  if (behind === null) {
    for (let d = 1; d <= depth; d += 1) {
      let members = d === 1 ? twins : 0;
      for (let i = levelStart[d] as number; i < (levelStart[d + 1] as number); i += 1)
        members += weight[queue[i] as number] as number;
      levelMembers[d] = members;
      reached += members - (d === 1 ? twins : 0);
    }
  } else {
    // Authors behind a node at level d are at d + k; the source's own at k.
    const { start, counts } = behind;
    const top = depth + behind.height + 1;
    for (let d = 1; d <= top; d += 1) levelMembers[d] = 0;
    const lastLevel = twins > 0 && depth === 0 ? 1 : depth;
    for (let d = 0; d <= lastLevel; d += 1) {
      let members = d === 1 ? twins : 0;
      for (let i = levelStart[d] as number; i < (levelStart[d + 1] as number); i += 1) {
        const v = queue[i] as number;
        if (d > 0) members += weight[v] as number;
        const end = start[v + 1] as number;
        for (let k = start[v] as number; k < end; k += 1) {
          const at = d + 1 + k - (start[v] as number);
          levelMembers[at] = (levelMembers[at] as number) + (counts[k] as number);
          reached += counts[k] as number;
          if (at > deepest) deepest = at;
        }
      }
      if (d > 0) {
        levelMembers[d] = (levelMembers[d] as number) + members;
        reached += members - (d === 1 ? twins : 0);
      }
    }
  }
  for (let d = 1; d <= deepest; d += 1) distanceSum += d * (levelMembers[d] as number);

  // Dependencies, farthest first: δ(v) = σ(v) · Σ over successors w of (1 + δ(w))/σ(w).
  // With linear scaling (Geisberger, Sanders & Schultes 2008), a target t counts d(s, v)/d(s, t)
  // instead of 1: the same recursion with 1/d(s, w) for 1 gives δ/d(s, v).
  // Without accumulators (refinement searches) only the source's own sums are wanted.
  const betweenness = accumulators?.betweenness;
  if (betweenness !== undefined) {
    // Pulled rather than pushed: each node sums over its successors (one write per node instead of
    // one per shortest-path edge), read from the list the search wrote (no second scan of every
    // co-author). `delta` holds (authors in w) × (1 + δ(w))/σ(w) for the pull: δ and σ are per author.
    for (let d = depth; d >= 1; d -= 1) {
      const counted = multiplicity * (linearScaling ? d : 1);
      const own = linearScaling ? 1 / d : 1;
      for (let i = (levelStart[d + 1] as number) - 1; i >= (levelStart[d] as number); i -= 1) {
        const end = successorStart[i + 1] as number;
        let pulled = 0;
        for (let k = successorStart[i] as number; k < end; k += 1) pulled += delta[successors[k] as number] as number;
        const v = queue[i] as number;
        // Authors behind v are reached through v alone: each adds 1 to its dependency.
        const dependency = (sigma[i] as number) * pulled + (behind === null ? 0 : (behind.extra[v] as number));
        betweenness[v] = (betweenness[v] as number) + counted * dependency;
        delta[i] = ((weight[v] as number) * (own + dependency)) / (sigma[i] as number);
      }
    }
    if (leaves > 0) betweenness[source] = (betweenness[source] as number) + leaves * (reached - 2);
  }

  const distanceToSources = accumulators?.distanceToSources ?? null;
  const inverseDistanceToSources = accumulators?.inverseDistanceToSources ?? null;
  if (distanceToSources !== null && inverseDistanceToSources !== null) {
    for (let d = 1; d <= deepest; d += 1) {
      for (let i = levelStart[d] as number; i < (levelStart[d + 1] as number); i += 1) {
        const w = queue[i] as number;
        distanceToSources[w] = (distanceToSources[w] as number) + d;
        inverseDistanceToSources[w] = (inverseDistanceToSources[w] as number) + 1 / d;
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

  // σ and δ are written before they are read by every search; only the places need clearing.
  for (let i = 0; i < tail; i += 1) place[queue[i] as number] = -1;
  return reached;
}
