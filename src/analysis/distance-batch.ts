/**
 * Searches that want only the authors at each distance from their source (the refinement searches of
 * the estimates: a source's distance sum, reach, harmonic sums and eccentricity come from those
 * counts alone), up to `DISTANCE_LANES` sources in one sweep: a multi-source breadth-first search
 * (Then et al., VLDB 2014) with a bit per source. `seen[v]` holds the sources that have reached v,
 * `frontier[v]` those that reach it at the level being expanded; expanding a level scans each of its
 * nodes' co-authors once for every source that has the node at that level, so the sources share the
 * scans of the levels they have in common. No path counts and no successors are kept (the single
 * search's kernel keeps both for the dependencies), and the level counts are whole numbers, the single
 * search's exactly: so the totals made from them are too.
 */
import type { PassGraph } from './shortest-path-pass.ts';

/** Sources searched together (one bit each of an int32). */
export const DISTANCE_LANES = 32;

/** Per lane: the authors at each distance (`members[d]`, d ≥ 1), the farthest level, the authors reached. */
export interface LaneLevels {
  readonly members: Float64Array;
  readonly deepest: number;
  readonly reached: number;
}

interface Scratch {
  readonly seen: Int32Array;
  readonly frontier: Int32Array;
  readonly next: Int32Array;
  /** The nodes of the level being expanded, and of the next one. */
  readonly current: Int32Array;
  readonly upcoming: Int32Array;
  /** Every node any lane has reached (to clear `seen` after). */
  readonly visited: Int32Array;
}

let kept: Scratch | null = null;

function scratchFor(order: number): Scratch {
  if (kept === null || kept.seen.length < order) {
    kept = {
      seen: new Int32Array(order),
      frontier: new Int32Array(order),
      next: new Int32Array(order),
      current: new Int32Array(order),
      upcoming: new Int32Array(order),
      visited: new Int32Array(order),
    };
  }
  return kept;
}

/**
 * The level counts of the searches from `nodes[0 .. count)` (count ≤ DISTANCE_LANES) on `graph`, whose
 * node v stands for `weight[v]` authors: as the single search counts them (search-kernel/kernel.as.ts
 * `run`), a source node's other authors one hop away, every other node's at its own distance.
 */
export function distanceLevels(
  graph: PassGraph,
  weight: Int32Array,
  nodes: ArrayLike<number>,
  count: number,
): LaneLevels[] {
  if (count < 1 || count > DISTANCE_LANES)
    throw new RangeError(`distance-batch: ${count} sources, expected 1 to ${DISTANCE_LANES}`);
  const { offsets, neighbors } = graph;
  const { seen, frontier, next, visited } = scratchFor(graph.order);
  let { current, upcoming } = scratchFor(graph.order);
  // counts[d · DISTANCE_LANES + lane]: authors at distance d (grown as the levels go deeper).
  let counts = new Float64Array(16 * DISTANCE_LANES);
  const reached = new Float64Array(count);
  const deepest = new Int32Array(count);
  let visitedCount = 0;
  let currentCount = 0;
  for (let lane = 0; lane < count; lane += 1) {
    const v = nodes[lane] as number;
    const twins = (weight[v] as number) - 1;
    reached[lane] = 1 + twins;
    if (twins > 0) {
      counts[DISTANCE_LANES + lane] = twins;
      deepest[lane] = 1;
    }
    if (seen[v] === 0) {
      visited[visitedCount++] = v;
      current[currentCount++] = v;
    }
    seen[v] = (seen[v] as number) | (1 << lane);
    frontier[v] = seen[v] as number;
  }
  for (let depth = 1; currentCount > 0; depth += 1) {
    let upcomingCount = 0;
    for (let i = 0; i < currentCount; i += 1) {
      const v = current[i] as number;
      const bits = frontier[v] as number;
      frontier[v] = 0;
      const end = offsets[v + 1] as number;
      for (let j = offsets[v] as number; j < end; j += 1) {
        const w = neighbors[j] as number;
        const fresh = bits & ~(seen[w] as number);
        if (fresh === 0) continue;
        const before = next[w] as number;
        if (before === 0) upcoming[upcomingCount++] = w;
        next[w] = before | fresh;
      }
    }
    if (upcomingCount === 0) break;
    if ((depth + 1) * DISTANCE_LANES > counts.length) {
      const larger = new Float64Array(counts.length * 2);
      larger.set(counts);
      counts = larger;
    }
    const row = depth * DISTANCE_LANES;
    for (let i = 0; i < upcomingCount; i += 1) {
      const w = upcoming[i] as number;
      const bits = next[w] as number;
      next[w] = 0;
      if (seen[w] === 0) visited[visitedCount++] = w;
      seen[w] = (seen[w] as number) | bits;
      frontier[w] = bits;
      const authors = weight[w] as number;
      for (let rest = bits; rest !== 0; rest &= rest - 1) {
        const lane = 31 - Math.clz32(rest & -rest);
        counts[row + lane] = (counts[row + lane] as number) + authors;
        reached[lane] = (reached[lane] as number) + authors;
        if (depth > (deepest[lane] as number)) deepest[lane] = depth;
      }
    }
    [current, upcoming] = [upcoming, current];
    currentCount = upcomingCount;
  }
  for (let i = 0; i < visitedCount; i += 1) seen[visited[i] as number] = 0;
  return Array.from({ length: count }, (_, lane) => {
    const members = new Float64Array((deepest[lane] as number) + 1);
    for (let d = 1; d <= (deepest[lane] as number); d += 1) members[d] = counts[d * DISTANCE_LANES + lane] as number;
    return { members, deepest: deepest[lane] as number, reached: reached[lane] as number };
  });
}
