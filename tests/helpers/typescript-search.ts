/**
 * The per-source search as it was in TypeScript (src/analysis/shortest-path-pass.ts before the search
 * moved to the WebAssembly kernel, search-kernel/kernel.as.ts), kept verbatim as the reference the
 * kernel must match bit for bit (tests/analysis/search-kernel.test.ts). Dependencies go straight into
 * the accumulators (no flush).
 */
import {
  type Behind,
  type PassAccumulators,
  type PassGraph,
  type SourceTotals,
  recordSourceTotals,
} from '../../src/analysis/shortest-path-pass.ts';

export interface TypescriptScratch {
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

export function typescriptScratch(graph: PassGraph, height = 64): TypescriptScratch {
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
export function typescriptRunSource(
  graph: PassGraph,
  weight: Int32Array,
  source: number,
  totalsAt: number,
  multiplicity: number,
  leaves: number,
  scratch: TypescriptScratch,
  totals: SourceTotals | null,
  accumulators: PassAccumulators | null,
  linearScaling = false,
  behind: Behind | null = null,
): number {
  const { offsets, neighbors } = graph;
  const { place, queue, sigma, delta, levelStart, levelMembers, successors, successorStart } = scratch;

  // Breadth first, a level at a time: level `depth` is queue places `from .. levelEnd`, and the next one
  // grows from `levelEnd`: an author already placed at or after it is one level further, so the edge to
  // it is on shortest paths. Authors per level (the nodes' weights; the authors behind a node at level
  // d are at d + k) are counted as the levels are expanded; `levelMembers` is all zeros between
  // searches. The source node holds the source alone at level 0; its other authors are at level 1.
  const twins = (weight[source] as number) - 1;
  const behindStart = behind === null ? null : behind.start;
  const behindCounts = behind === null ? null : behind.counts;
  place[source] = 0;
  queue[0] = source;
  sigma[0] = 1;
  levelStart[0] = 0;
  let tail = 1;
  let found = 0;
  let depth = 0;
  let reached = 1 + twins;
  let deepest = twins > 0 ? 1 : 0;
  levelMembers[1] = twins;
  for (let from = 0, levelEnd = 1; ;) {
    let members = 0;
    for (let head = from; head < levelEnd; head += 1) {
      const v = queue[head] as number;
      const count = weight[v] as number;
      members += count;
      // Paths go through each author of a node alike: an author one level further gets σ × (authors in
      // the node) from it.
      const sigmaV = head === 0 ? 1 : (sigma[head] as number) * count;
      successorStart[head] = found;
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
      if (behindStart !== null && behindCounts !== null) {
        const first = behindStart[v] as number;
        const last = behindStart[v + 1] as number;
        for (let k = first; k < last; k += 1) {
          const at = depth + 1 + k - first;
          levelMembers[at] = (levelMembers[at] as number) + (behindCounts[k] as number);
          reached += behindCounts[k] as number;
        }
        if (last - first + depth > deepest) deepest = last - first + depth;
      }
    }
    if (depth > 0) {
      levelMembers[depth] = (levelMembers[depth] as number) + members;
      reached += members;
    }
    if (levelEnd === tail) break;
    depth += 1;
    levelStart[depth] = levelEnd;
    from = levelEnd;
    levelEnd = tail;
  }
  successorStart[tail] = found;
  levelStart[depth + 1] = tail;
  if (depth > deepest) deepest = depth;
  if (twins > 0 && depth === 0) levelStart[2] = tail;

  // Dependencies, farthest first: δ(v) = σ(v) · Σ over successors w of (1 + δ(w))/σ(w).
  // With linear scaling (Geisberger, Sanders & Schultes 2008), a target t counts d(s, v)/d(s, t)
  // instead of 1: the same recursion with 1/d(s, w) for 1 gives δ/d(s, v).
  // Without accumulators (refinement searches) only the source's own sums are wanted.
  const betweenness = accumulators?.betweenness;
  if (betweenness !== undefined) {
    // Pulled rather than pushed: each node sums over its successors (one write per node instead of
    // one per shortest-path edge), read from the list the search wrote (no second scan of every
    // co-author). `delta` holds (authors in w) × (1 + δ(w))/σ(w) for the pull: δ and σ are per author.
    const extra = behind === null ? null : behind.extra;
    for (let d = depth; d >= 1; d -= 1) {
      const counted = multiplicity * (linearScaling ? d : 1);
      const own = linearScaling ? 1 / d : 1;
      const first = levelStart[d] as number;
      // Going backwards, one place's successors end where the next place's begin.
      let end = successorStart[levelStart[d + 1] as number] as number;
      for (let i = (levelStart[d + 1] as number) - 1; i >= first; i -= 1) {
        const begin = successorStart[i] as number;
        let pulled = 0;
        for (let k = begin; k < end; k += 1) pulled += delta[successors[k] as number] as number;
        end = begin;
        const v = queue[i] as number;
        const sigmaV = sigma[i] as number;
        // Authors behind v are reached through v alone: each adds 1 to its dependency.
        let dependency = sigmaV * pulled;
        if (extra !== null) dependency += extra[v] as number;
        betweenness[v] = (betweenness[v] as number) + counted * dependency;
        delta[i] = ((weight[v] as number) * (own + dependency)) / sigmaV;
      }
    }
    if (leaves > 0) betweenness[source] = (betweenness[source] as number) + leaves * (reached - 2);
  }

  // The totals from the level counts, by the code that reads the kernel's (the levels are what this reference checks).
  recordSourceTotals({ queue, levelStart, levelMembers }, deepest, reached, totalsAt, totals, accumulators, behind);

  // σ and δ are written before they are read by every search; the places and the level counts need clearing.
  for (let i = 0; i < tail; i += 1) place[queue[i] as number] = -1;
  for (let d = 1; d <= deepest; d += 1) levelMembers[d] = 0;
  return reached;
}
