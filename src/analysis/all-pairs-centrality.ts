/**
 * Betweenness, closeness and harmonic centrality of every author, from the fused pass
 * (shortest-path-pass.ts), exact or estimated, in this thread or spread over worker threads.
 *
 * Definitions are NetworkX 2.8's defaults, by hop count:
 * - betweenness: `betweenness_centrality(G, normalized=True)`: raw dependency sums × 1/((n−1)(n−2)).
 * - closeness: `closeness_centrality(G)`: (r−1)/S × (r−1)/(n−1) (Wasserman–Faust), r = authors
 *   reached (self included), S = sum of distances; 0 when S = 0.
 * - harmonic: `harmonic_centrality(G)`: Σ 1/d.
 *
 * Estimates (`samplePlan`): components no larger than the sample size are computed exactly (all their
 * sources: cheap). In each larger component C, k = sampleSize sources are drawn uniformly without
 * replacement (seeded). Betweenness: the sampled dependencies × |C|/k (Brandes–Pich; unbiased).
 * Closeness and harmonic of an author v who was not drawn: S ≈ (|C|−1) × mean d(s, v) over the drawn
 * sources s, and H ≈ (|C|−1) × mean 1/d(s, v) (Eppstein–Wang); a drawn author has its exact sums.
 */
import { availableParallelism } from 'node:os';
import seedrandom from 'seedrandom';
import { sharedArray, toShared } from '../graph/columns.ts';
import { connectedComponents } from '../graph/compact-graph.ts';
import { type LaneLevels, distanceLevels } from './distance-batch.ts';
import { type HangingParts, hangingParts } from './hanging-parts.ts';
import { searchHangingParts } from './hanging-part-searches.ts';
import { type Renumbered, localityOrder, toOriginalOrder } from './locality-order.ts';
import { type PassThreadOptions, openPassThreads, runOnPassThreads } from '../work/pass-threads.ts';
import {
  BATCH_LANES,
  type Behind,
  MAX_BATCH_WIDTH,
  batchEnd,
  type PassAccumulators,
  type PassGraph,
  type SourceTotals,
  flushSearches,
  passScratch,
  recordSourceTotals,
  runSource,
  runSourceBatch,
} from './shortest-path-pass.ts';

export interface AllPairsScores {
  readonly betweenness: Float64Array;
  readonly closeness: Float64Array;
  readonly harmonic: Float64Array;
  /** The largest component's path figures, from the same searches (absent where no pass ran). */
  readonly figures?: PathFigures;
}

/**
 * Average shortest path length and diameter of the largest connected component (the first one found
 * when several share the largest size), NetworkX's `average_shortest_path_length(G.subgraph(C))` and
 * `diameter(G.subgraph(C))`: Σ over ordered pairs of hop distances / (N(N − 1)), and the largest
 * eccentricity. Exact when every author of that component had its sums from a search (run or derived:
 * see `finishPass`); otherwise estimated from the sources searched there: the mean of their distance
 * sums / (N − 1), and their largest eccentricity (a lower bound of the diameter).
 */
export interface PathFigures {
  readonly averageShortestPathLength: number;
  readonly diameter: number;
  readonly exact: boolean;
}

/** Which searches to run and how to read them back. */
export interface PassPlan {
  /** exact: every search; sample: drawn sources; refine: searches for their totals only (no dependencies). */
  readonly mode: 'exact' | 'sample' | 'refine';
  readonly sources: Int32Array;
  /** Exact mode: leaves (pruned sources) per source; empty in sample mode. */
  readonly leaves: Int32Array;
  /** Exact mode: for a pruned leaf, its one co-author; −1 otherwise. */
  readonly leafOf: Int32Array;
  /** Exact mode: each author's twin whose search stands for it (itself when it has none). */
  readonly twinOf: Int32Array;
  /** Exact mode: how many authors a source's search stands for (twins included, leaves not). */
  readonly multiplicity: Int32Array;
  /**
   * Sample mode: each author's component (`connectedComponents`' own array), and per component its
   * size |C| and the sources drawn in it, k (= |C| where C is searched whole): an author's sampled
   * dependencies count |C|/k times. Per component, not per author: three arrays of every author were
   * 21 MB at 1 M synthetic papers, held through the estimates.
   */
  readonly component: Int32Array;
  readonly componentSizes: Int32Array;
  readonly drawnIn: Int32Array;
  /** Sample mode: betweenness by linear scaling (each pair counts from both ends, weighted by position). */
  readonly linearScaling: boolean;
  /**
   * The graph the searches run on. Exact mode: the network with each class of closed twins made one
   * node, and the pruned leaves of one co-author made one node (`searchGraph`); other modes: the
   * network itself. Betweenness accumulates per node (an author's is its node's).
   */
  readonly searchGraph: PassGraph;
  /** Authors per node of the search graph. */
  readonly weight: Int32Array;
  /** Author → its node in the search graph. */
  readonly nodeOf: Int32Array;
  /**
   * Exact mode: the authors behind the core's nodes (hanging-parts.ts), null when nothing hangs. The
   * search graph is then the core: the nodes of hanging parts are left without ties, and their
   * authors' searches are run by `finishPass` on `hanging.graph` (`searchHangingParts`).
   */
  readonly behind: Behind | null;
  readonly hanging: HangingPlan | null;
}

/** The hanging parts of an exact plan, searched when the pass finishes. */
export interface HangingPlan {
  readonly parts: HangingParts;
  /** The whole search graph (core and parts). */
  readonly graph: PassGraph;
  /** Authors whose searches the parts' searches are (as `sources`, but inside parts), by part. */
  readonly sources: Int32Array;
  readonly sourceStart: Int32Array;
  /** Per part: authors at k hops from its attachment (k = 1 ..), `down[downStart[p] + k − 1]`. */
  readonly down: Float64Array;
  readonly downStart: Int32Array;
  /** Search node → its first author. */
  readonly firstOf: Int32Array;
}

export interface PassOutput {
  readonly accumulators: PassAccumulators;
  readonly totals: SourceTotals;
}

function degree(graph: PassGraph, v: number): number {
  return (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
}

/**
 * Every author a source, except those whose searches can be derived from another's:
 * - leaves whose co-author has others (see shortest-path-pass.ts);
 * - closed twins: authors with exactly the same co-authors who also wrote together (typically the
 *   one-paper authors of one paper). Swapping two such authors maps the network onto itself, so their
 *   searches give the same sums, and neither lies inside a shortest path from the other: one search
 *   counted once per twin stands for all of them.
 */
export interface ExactPlanOptions {
  /**
   * Search the core only and the hanging parts on their own (hanging-parts.ts). Default: when the
   * search graph has at least `MIN_DECOMPOSED_NODES` nodes (on smaller ones the whole pass is instant).
   */
  readonly decompose?: boolean;
}

export const MIN_DECOMPOSED_NODES = 256;

export function exactPlan(graph: PassGraph, options: ExactPlanOptions = {}): PassPlan {
  const n = graph.order;
  const leaves = new Int32Array(n);
  const leafOf = new Int32Array(n).fill(-1);
  const multiplicity = new Int32Array(n).fill(1);
  const twinOf = closedTwins(graph);
  const sources: number[] = [];
  // Nodes of the search graph, numbered in author order: a class of closed twins, the pruned leaves of
  // one co-author (they are never searched from; to any other source they are alike), or one author.
  const nodeOf = new Int32Array(n);
  const leafNode = new Int32Array(n).fill(-1);
  const firstOf: number[] = [];
  const weights: number[] = [];
  for (let v = 0; v < n; v += 1) {
    if (degree(graph, v) === 1) {
      const u = graph.neighbors[graph.offsets[v] as number] as number;
      if (degree(graph, u) > 1) {
        leafOf[v] = u;
        leaves[u] = (leaves[u] as number) + 1;
        if (leafNode[u] === -1) {
          leafNode[u] = firstOf.length;
          firstOf.push(v);
          weights.push(0);
        }
        nodeOf[v] = leafNode[u] as number;
        weights[nodeOf[v] as number] = (weights[nodeOf[v] as number] as number) + 1;
        continue;
      }
    }
    const representative = twinOf[v] as number;
    if (representative !== v) {
      multiplicity[representative] = (multiplicity[representative] as number) + 1;
      nodeOf[v] = nodeOf[representative] as number;
      weights[nodeOf[v] as number] = (weights[nodeOf[v] as number] as number) + 1;
      continue;
    }
    nodeOf[v] = firstOf.length;
    firstOf.push(v);
    weights.push(1);
    sources.push(v);
  }
  const searchGraph = contracted(graph, nodeOf, firstOf);
  const weight = Int32Array.from(weights);
  const decomposed =
    (options.decompose ?? searchGraph.order >= MIN_DECOMPOSED_NODES)
      ? decompose(searchGraph, weight, Int32Array.from(firstOf), leafOf, nodeOf, sources, n)
      : { sources: Int32Array.from(sources), searchGraph, behind: null, hanging: null };
  return {
    mode: 'exact',
    sources: decomposed.sources,
    leaves,
    leafOf,
    twinOf,
    multiplicity,
    component: new Int32Array(0),
    componentSizes: new Int32Array(0),
    drawnIn: new Int32Array(0),
    linearScaling: false,
    searchGraph: decomposed.searchGraph,
    weight,
    nodeOf,
    behind: decomposed.behind,
    hanging: decomposed.hanging,
  };
}

/**
 * Splits the search graph into its core and its hanging parts (hanging-parts.ts): the core's rows
 * without the parts' nodes, the authors behind each attachment by distance, the profile slots of the
 * attachments' searches, and the sources left to the parts.
 */
function decompose(
  full: PassGraph,
  weight: Int32Array,
  firstOf: Int32Array,
  leafOf: Int32Array,
  nodeOf: Int32Array,
  allSources: readonly number[],
  authors: number,
): Pick<PassPlan, 'sources' | 'searchGraph' | 'behind' | 'hanging'> {
  const order = full.order;
  const skip = new Uint8Array(order);
  const cuttable = new Uint8Array(order);
  for (let x = 0; x < order; x += 1) {
    skip[x] = leafOf[firstOf[x] as number] === -1 ? 0 : 1;
    cuttable[x] = skip[x] === 0 && weight[x] === 1 ? 1 : 0;
  }
  const parts = hangingParts(full, cuttable, skip);
  const partCount = parts.attachment.length;
  if (partCount === 0) return { sources: Int32Array.from(allSources), searchGraph: full, behind: null, hanging: null };
  const { partOf } = parts;
  // The core: rows of core nodes without the parts' nodes; parts' nodes without ties.
  const offsets = new Int32Array(order + 1);
  const kept: number[] = [];
  for (let x = 0; x < order; x += 1) {
    if (partOf[x] === -1)
      for (let j = full.offsets[x] as number; j < (full.offsets[x + 1] as number); j += 1) {
        const y = full.neighbors[j] as number;
        if (partOf[y] === -1) kept.push(y);
      }
    offsets[x + 1] = kept.length;
  }
  // Each part's authors by distance from its attachment (a search inside the part).
  const distance = new Int32Array(order).fill(-1);
  const downStart = new Int32Array(partCount + 1);
  const downs: number[][] = [];
  for (let p = 0; p < partCount; p += 1) {
    const a = parts.attachment[p] as number;
    const counts: number[] = [];
    const queue = [a];
    distance[a] = 0;
    for (let head = 0; head < queue.length; head += 1) {
      const v = queue[head] as number;
      for (let j = full.offsets[v] as number; j < (full.offsets[v + 1] as number); j += 1) {
        const w = full.neighbors[j] as number;
        if (partOf[w] !== p || distance[w] !== -1) continue;
        distance[w] = (distance[v] as number) + 1;
        counts[(distance[w] as number) - 1] = (counts[(distance[w] as number) - 1] ?? 0) + (weight[w] as number);
        queue.push(w);
      }
    }
    for (const v of queue) distance[v] = -1;
    downs.push(counts);
    downStart[p + 1] = (downStart[p] as number) + counts.length;
  }
  const down = Float64Array.from(downs.flat());
  // Per attachment: the sum of its parts' counts.
  const behindByNode = new Map<number, number[]>();
  for (let p = 0; p < partCount; p += 1) {
    const a = parts.attachment[p] as number;
    const sum = behindByNode.get(a) ?? [];
    (downs[p] as number[]).forEach((count, k) => {
      sum[k] = (sum[k] ?? 0) + count;
    });
    behindByNode.set(a, sum);
  }
  const start = new Int32Array(order + 1);
  const extra = new Float64Array(order);
  const counts: number[] = [];
  let height = 0;
  for (let x = 0; x < order; x += 1) {
    const own = behindByNode.get(x) ?? [];
    for (const count of own) {
      counts.push(count);
      extra[x] = (extra[x] as number) + count;
    }
    height = Math.max(height, own.length);
    start[x + 1] = counts.length;
  }
  // Profile slots, per author: 2h + 1 values for an attachment whose parts are h deep.
  const profileStart = new Int32Array(authors + 1);
  for (let v = 0; v < authors; v += 1) {
    const x = nodeOf[v] as number;
    const h = (start[x + 1] as number) - (start[x] as number);
    profileStart[v + 1] = (profileStart[v] as number) + (h > 0 && firstOf[x] === v ? 2 * h + 1 : 0);
  }
  const core: number[] = [];
  const byPart: number[][] = Array.from({ length: partCount }, () => []);
  for (const s of allSources) {
    const p = partOf[nodeOf[s] as number] as number;
    if (p === -1) core.push(s);
    else byPart[p]?.push(s);
  }
  const sourceStart = new Int32Array(partCount + 1);
  byPart.forEach((list, p) => {
    sourceStart[p + 1] = (sourceStart[p] as number) + list.length;
  });
  return {
    sources: Int32Array.from(core),
    searchGraph: { order, offsets, neighbors: Int32Array.from(kept) },
    behind: { extra, start, counts: Float64Array.from(counts), height, profileStart },
    hanging: {
      parts,
      graph: full,
      sources: Int32Array.from(byPart.flat()),
      sourceStart,
      down,
      downStart,
      firstOf,
    },
  };
}

/**
 * The network with its authors merged into nodes: a node's co-authors are those of its first author,
 * as nodes, once each, in increasing order (its own node left out). Every author of a node has the same
 * co-authors outside it (closed twins; leaves of one co-author), so any author would give the same row.
 */
function contracted(graph: PassGraph, nodeOf: Int32Array, firstOf: readonly number[]): PassGraph {
  const order = firstOf.length;
  const offsets = new Int32Array(order + 1);
  const neighbors: number[] = [];
  const seen = new Int32Array(order).fill(-1);
  for (let x = 0; x < order; x += 1) {
    const v = firstOf[x] as number;
    const row: number[] = [];
    for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1) {
      const y = nodeOf[graph.neighbors[j] as number] as number;
      if (y === x || seen[y] === x) continue;
      seen[y] = x;
      row.push(y);
    }
    row.sort((a, b) => a - b);
    neighbors.push(...row);
    offsets[x + 1] = neighbors.length;
  }
  return { order, offsets, neighbors: Int32Array.from(neighbors) };
}

function identityNodes(graph: PassGraph): Pick<PassPlan, 'searchGraph' | 'weight' | 'nodeOf'> {
  // On shared memory from the start: the pass threads read them as they are (no copy beside them).
  const nodeOf = sharedArray(Int32Array, graph.order);
  for (let v = 0; v < graph.order; v += 1) nodeOf[v] = v;
  return { searchGraph: graph, weight: sharedArray(Int32Array, graph.order).fill(1), nodeOf };
}

/**
 * For each author, the smallest-numbered author with the same closed neighbourhood (itself when it has
 * no twin). Candidates are grouped by a random fingerprint of the neighbourhood and then compared
 * exactly, so a fingerprint collision can never merge two authors wrongly.
 */
function closedTwins(graph: PassGraph): Int32Array {
  const n = graph.order;
  const twinOf = new Int32Array(n);
  const random = seedrandom('closed-twins');
  const tag = new Float64Array(n);
  for (let v = 0; v < n; v += 1) tag[v] = Math.floor(random() * 2 ** 40);
  const groups = new Map<string, number[]>();
  for (let v = 0; v < n; v += 1) {
    twinOf[v] = v;
    const d = degree(graph, v);
    if (d < 1) continue;
    // Two order-free fingerprints of {v} ∪ neighbours: a sum and a sum of products.
    let sum = 0;
    let mixed = 0;
    for (let j = (graph.offsets[v] as number) - 1; j < (graph.offsets[v + 1] as number); j += 1) {
      const w = tag[j < (graph.offsets[v] as number) ? v : (graph.neighbors[j] as number)] as number;
      sum += w;
      mixed = (mixed + (w % 1_000_003) * (w % 999_983)) % 2_147_483_647;
    }
    const key = `${d}:${sum}:${mixed}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [v]);
    else group.push(v);
  }
  const mark = new Int32Array(n).fill(-1);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    // Exact check against each class's first member: same degree and every neighbour shared.
    const classes: number[] = [];
    for (const v of group) {
      const home = classes.find((first) => sameClosedNeighbourhood(graph, first, v, mark));
      if (home === undefined) classes.push(v);
      else twinOf[v] = home;
    }
  }
  return twinOf;
}

function sameClosedNeighbourhood(graph: PassGraph, a: number, b: number, mark: Int32Array): boolean {
  if (degree(graph, a) !== degree(graph, b)) return false;
  mark[a] = a;
  for (let j = graph.offsets[a] as number; j < (graph.offsets[a + 1] as number); j += 1)
    mark[graph.neighbors[j] as number] = a;
  if (mark[b] !== a) return false; // twins must be co-authors
  for (let j = graph.offsets[b] as number; j < (graph.offsets[b + 1] as number); j += 1) {
    const w = graph.neighbors[j] as number;
    if (w !== a && mark[w] !== a) return false;
  }
  return true;
}

export const DEFAULT_SAMPLE_SIZE = 256;

export function samplePlan(graph: PassGraph, sampleSize = DEFAULT_SAMPLE_SIZE, seed = 'coauthor-graph'): PassPlan {
  if (!Number.isInteger(sampleSize) || sampleSize < 1)
    throw new RangeError(`all-pairs-centrality: sampleSize must be a positive whole number, got ${sampleSize}`);
  const n = graph.order;
  const { component, sizes } = connectedComponents(graph);
  const members: number[][] = sizes.map(() => []);
  for (let v = 0; v < n; v += 1) members[component[v] as number]?.push(v);
  const random = seedrandom(seed);
  const sources: number[] = [];
  const drawnIn = new Int32Array(sizes.length);
  members.forEach((list, c) => {
    if (list.length <= sampleSize) {
      sources.push(...list);
      drawnIn[c] = list.length;
      return;
    }
    // Partial Fisher–Yates: the first `sampleSize` places hold a uniform sample.
    const pool = list.slice();
    for (let i = 0; i < sampleSize; i += 1) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
    }
    const drawn = pool.slice(0, sampleSize).sort((a, b) => a - b);
    sources.push(...drawn);
    drawnIn[c] = sampleSize;
  });
  return {
    mode: 'sample',
    sources: Int32Array.from(sources),
    leaves: new Int32Array(0),
    leafOf: new Int32Array(0),
    twinOf: new Int32Array(0),
    multiplicity: new Int32Array(0),
    component,
    componentSizes: Int32Array.from(sizes),
    drawnIn,
    linearScaling: true,
    ...identityNodes(graph),
    behind: null,
    hanging: null,
  };
}

/** Sums for a pass over `n` authors whose searches run on `nodes` nodes (see `PassPlan.searchGraph`). */
export function emptyOutput(
  n: number,
  nodes: number,
  mode: PassPlan['mode'],
  share: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
  profileLength = 0,
): PassOutput {
  return {
    accumulators: {
      betweenness: new Float64Array(nodes),
      distanceToSources: mode === 'sample' ? new Float64Array(n) : null,
      inverseDistanceToSources: mode === 'sample' ? new Float64Array(n) : null,
    },
    totals: {
      distanceSum: new Float64Array(share(8 * n)),
      reached: new Int32Array(share(4 * n)),
      harmonic: new Float64Array(share(8 * n)),
      leafHarmonic: new Float64Array(share(8 * n)),
      eccentricity: new Int32Array(share(4 * n)),
      profile: new Float64Array(share(8 * profileLength)),
    },
  };
}

/** Length of the profiles a plan's searches write (`Behind.profileStart`). */
export function profileLength(plan: Pick<PassPlan, 'behind'>): number {
  const start = plan.behind?.profileStart;
  return start === undefined ? 0 : (start[start.length - 1] as number);
}

/** What a thread needs of a plan to run its searches. */
export type RunnablePlan = Pick<
  PassPlan,
  'mode' | 'sources' | 'leaves' | 'multiplicity' | 'linearScaling' | 'searchGraph' | 'weight' | 'nodeOf' | 'behind'
>;

/** A plan's arrays in shared memory, for worker threads (no copies per thread). */
export function sharedPlan(plan: RunnablePlan): RunnablePlan {
  const { searchGraph } = plan;
  return {
    mode: plan.mode,
    sources: toShared(plan.sources),
    leaves: toShared(plan.leaves),
    multiplicity: toShared(plan.multiplicity),
    linearScaling: plan.linearScaling,
    searchGraph: {
      order: searchGraph.order,
      offsets: toShared(searchGraph.offsets),
      neighbors: toShared(searchGraph.neighbors),
    },
    weight: toShared(plan.weight),
    nodeOf: toShared(plan.nodeOf),
    behind:
      plan.behind === null
        ? null
        : {
            extra: toShared(plan.behind.extra),
            start: toShared(plan.behind.start),
            counts: toShared(plan.behind.counts),
            height: plan.behind.height,
            profileStart: toShared(plan.behind.profileStart),
          },
  };
}

/**
 * Runs sources `from..to` of a plan in this thread, on its search graph. The dependencies are in
 * `output.accumulators.betweenness` when it returns, unless `flush` is false (a caller running many
 * ranges into the same accumulators then calls `flushSearches(scratch)` before reading them).
 */
export function runPlanRange(
  plan: RunnablePlan,
  from: number,
  to: number,
  output: PassOutput,
  scratch = passScratch(),
  flush = true,
): void {
  const graph = plan.searchGraph;
  const exact = plan.mode === 'exact';
  if (plan.mode === 'refine' && plan.behind === null) {
    // Refinement searches want their sources' totals only: DISTANCE_LANES of them in one sweep.
    for (let i = from; i < to;) {
      const end = batchEnd(plan, i, to);
      for (let s = i; s < end; s += 1) batchNodes[s - i] = plan.nodeOf[plan.sources[s] as number] as number;
      const lanes = distanceLevels(graph, plan.weight, batchNodes, end - i);
      for (let s = i; s < end; s += 1) {
        const { members, deepest, reached } = lanes[s - i] as LaneLevels;
        const levels = { queue: noPlaces, levelStart: noPlaces, levelMembers: members };
        recordSourceTotals(levels, deepest, reached, plan.sources[s] as number, output.totals, null, null);
      }
      i = end;
    }
    return;
  }
  for (let i = from; i < to;) {
    // Exact mode: batches of up to BATCH_LANES consecutive sources (neighbours in the locality order, so
    // their searches share most levels' nodes), aligned to multiples of BATCH_LANES in the plan, so a
    // range split on such multiples runs the same batches (`batchEnd`). A batch of one is a single search
    // (cheaper); the sample, and a refinement with hanging parts, search one source at a time.
    const end = batchEnd(plan, i, to);
    const count = end - i;
    for (let s = 0; s < count; s += 1) {
      const source = plan.sources[i + s] as number;
      const node = plan.nodeOf[source] as number;
      const leaves = exact ? (plan.leaves[source] as number) : 0;
      const twins = exact ? (plan.multiplicity[source] as number) : 1;
      // The authors hanging behind the source are sources too: their searches go through it.
      const hanging = plan.behind === null ? 0 : (plan.behind.extra[node] as number);
      batchNodes[s] = node;
      batchSources[s] = source;
      batchLeaves[s] = leaves;
      batchMultiplicity[s] = twins + leaves + hanging;
    }
    if (count > 1)
      runSourceBatch(
        graph,
        plan.weight,
        batchNodes,
        batchSources,
        batchMultiplicity,
        batchLeaves,
        count,
        scratch,
        output.totals,
        output.accumulators,
        plan.behind,
      );
    else
      runSource(
        graph,
        plan.weight,
        batchNodes[0] as number,
        batchSources[0] as number,
        batchMultiplicity[0] as number,
        batchLeaves[0] as number,
        scratch,
        output.totals,
        plan.mode === 'refine' ? null : output.accumulators,
        plan.linearScaling,
        plan.behind,
      );
    i = end;
  }
  if (flush) flushSearches(scratch);
}

const noPlaces = new Int32Array(0);
const batchNodes = new Int32Array(MAX_BATCH_WIDTH);
const batchSources = new Int32Array(BATCH_LANES);
const batchLeaves = new Int32Array(BATCH_LANES);
const batchMultiplicity = new Float64Array(BATCH_LANES);

/** Turns the pass's sums into the three metrics. */
export function finishPass(
  graph: PassGraph,
  plan: PassPlan,
  output: PassOutput,
  refined: Int32Array = new Int32Array(0),
  toOld: Int32Array | null = null,
): AllPairsScores {
  const n = graph.order;
  const { accumulators, totals } = output;
  if (plan.hanging !== null) searchHangingParts(plan, plan.hanging, output);
  const betweenness = new Float64Array(n);
  const closeness = new Float64Array(n);
  const harmonic = new Float64Array(n);
  const scaleAll = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  const isSource = new Uint8Array(n);
  for (const s of plan.sources) isSource[s] = 1;
  for (const s of refined) isSource[s] = 1;
  // Path figures of the largest component: its authors' distance sums and eccentricities, where known.
  const { component, largest } = largestComponent(graph, toOld);
  const { sizes } = component;
  let largestDistanceSum = 0;
  let largestKnown = 0;
  let diameter = 0;

  for (let v = 0; v < n; v += 1) {
    const raw = accumulators.betweenness[plan.nodeOf[v] as number] as number;
    // Sample mode: the author's component, its size and the sources drawn in it.
    const c = plan.mode === 'sample' ? (plan.component[v] as number) : -1;
    const drawn = c < 0 ? 0 : (plan.drawnIn[c] as number);
    const size = c < 0 ? 0 : (plan.componentSizes[c] as number);
    betweenness[v] = raw * scaleAll * (c >= 0 ? (size / drawn) * (plan.linearScaling ? 2 : 1) : 1);

    let distanceSum: number;
    let reached: number;
    let harmonicSum: number;
    // The author's eccentricity when its search ran or can be derived (−1: not known, an estimate).
    let eccentricity = -1;
    if (plan.mode === 'exact') {
      const u = plan.leafOf[v] as number;
      if (u === -1) {
        // A closed twin's search is its representative's: the same sums, the same eccentricity.
        const twin = plan.twinOf[v] as number;
        distanceSum = totals.distanceSum[twin] as number;
        reached = totals.reached[twin] as number;
        harmonicSum = totals.harmonic[twin] as number;
        eccentricity = totals.eccentricity[twin] as number;
      } else {
        // A pruned leaf's distances are its neighbour's plus one (except to itself): its eccentricity is
        // the neighbour's plus one, since the neighbour (degree > 1) has a farthest author other than it.
        reached = totals.reached[u] as number;
        distanceSum = (totals.distanceSum[u] as number) + reached - 2;
        harmonicSum = totals.leafHarmonic[u] as number;
        eccentricity = (totals.eccentricity[u] as number) + 1;
      }
    } else if (isSource[v] === 1) {
      distanceSum = totals.distanceSum[v] as number;
      reached = totals.reached[v] as number;
      harmonicSum = totals.harmonic[v] as number;
      eccentricity = totals.eccentricity[v] as number;
    } else {
      reached = size;
      distanceSum = ((size - 1) * (accumulators.distanceToSources?.[v] as number)) / drawn;
      harmonicSum = ((size - 1) * (accumulators.inverseDistanceToSources?.[v] as number)) / drawn;
    }
    if (component.component[v] === largest && eccentricity >= 0) {
      largestDistanceSum += distanceSum;
      largestKnown += 1;
      if (eccentricity > diameter) diameter = eccentricity;
    }
    harmonic[v] = harmonicSum;
    closeness[v] = distanceSum > 0 && n > 1 ? ((reached - 1) / distanceSum) * ((reached - 1) / (n - 1)) : 0;
  }
  const size = sizes[largest] ?? 0;
  const figures: PathFigures = {
    // Exact: Σ d / (N(N − 1)) over every author of the component; estimated: the known authors' mean.
    averageShortestPathLength: size > 1 && largestKnown > 0 ? largestDistanceSum / (largestKnown * (size - 1)) : 0,
    diameter,
    exact: largestKnown === size,
  };
  return { betweenness, closeness, harmonic, figures };
}

/**
 * The largest connected component; among equally large ones, the one holding the first author in the
 * network's own order (`toOld` maps a renumbered graph back to it), as NetworkX's
 * `max(connected_components(G), key=len)` picks in node order.
 */
function largestComponent(
  graph: PassGraph,
  toOld: Int32Array | null,
): { component: ReturnType<typeof connectedComponents>; largest: number } {
  const component = connectedComponents(graph);
  const { sizes } = component;
  const firstAuthor = new Float64Array(sizes.length).fill(Number.POSITIVE_INFINITY);
  for (let v = 0; v < graph.order; v += 1) {
    const c = component.component[v] as number;
    const original = toOld === null ? v : (toOld[v] as number);
    if (original < (firstAuthor[c] as number)) firstAuthor[c] = original;
  }
  let largest = -1;
  sizes.forEach((size, c) => {
    const best = sizes[largest] ?? -1;
    if (size > best || (size === best && (firstAuthor[c] as number) < (firstAuthor[largest] as number))) largest = c;
  });
  return { component, largest };
}

/** The whole pass in this thread: for small networks and tests. */
export function computeInThread(graph: PassGraph, plan: PassPlan, toOld: Int32Array | null = null): AllPairsScores {
  const output = emptyOutput(graph.order, plan.searchGraph.order, plan.mode, undefined, profileLength(plan));
  runPlanRange(plan, 0, plan.sources.length, output);
  return finishPass(graph, plan, output, new Int32Array(0), toOld);
}

/** Exact scores in this thread (for small networks: no worker start-up). */
export function computeAllPairsCentralitySync(graph: PassGraph): AllPairsScores {
  const { graph: ordered, toOld } = localityOrder(graph);
  return inOriginalOrder(computeInThread(ordered, exactPlan(ordered), toOld), toOld);
}

export interface EstimateOptions {
  readonly sampleSize?: number;
  readonly seed?: string;
  /** Authors whose closeness and harmonic sums are then computed exactly (default: the sample size). */
  readonly refineCount?: number;
  /**
   * The graph's locality order, made already (`EstimateRun.ordered` of an earlier estimate of the same
   * graph): a second estimate does not make it again (2–3 s of this thread at a million papers).
   */
  readonly ordered?: Renumbered;
}

/** Estimates in this thread: the sample, then the refinement of the likely top authors. */
export function estimateAllPairsCentralitySync(graph: PassGraph, options: EstimateOptions = {}): AllPairsScores {
  const { graph: ordered, toOld } = localityOrder(graph);
  const plan = samplePlan(ordered, options.sampleSize, options.seed);
  const output = emptyOutput(ordered.order, plan.searchGraph.order, plan.mode);
  runPlanRange(plan, 0, plan.sources.length, output);
  const refine = refinePlan(
    ordered,
    plan,
    finishPass(ordered, plan, output),
    options.refineCount ?? options.sampleSize ?? DEFAULT_SAMPLE_SIZE,
  );
  runPlanRange(refine, 0, refine.sources.length, output);
  return inOriginalOrder(finishPass(ordered, plan, output, refine.sources, toOld), toOld);
}

/**
 * The authors most likely to top the closeness and harmonic rankings by the sampled estimates, taken
 * alternately from both rankings, leaving out those already searched: their searches make their own
 * sums exact, so the top of both rankings does not depend on sampling noise.
 */
export function refinePlan(graph: PassGraph, plan: PassPlan, estimate: AllPairsScores, count: number): PassPlan {
  const searched = new Uint8Array(graph.order);
  for (const s of plan.sources) searched[s] = 1;
  let unsearched = 0;
  for (let v = 0; v < graph.order; v += 1) if (searched[v] === 0) unsearched += 1;
  const limit = Math.min(count, unsearched);
  // The union of both rankings' first `limit` holds `limit` authors at least, so no more is read.
  const rankings = [
    topUnsearched(estimate.closeness, searched, limit),
    topUnsearched(estimate.harmonic, searched, limit),
  ];
  const chosen = new Set<number>();
  for (let i = 0; chosen.size < limit && i < limit; i += 1) {
    for (const ranking of rankings)
      if (chosen.size < limit && ranking[i] !== undefined) chosen.add(ranking[i] as number);
  }
  return { ...plan, mode: 'refine', sources: Int32Array.from(chosen) };
}

/**
 * The first `count` authors not `searched`, highest value first, smaller index first among equal
 * values: the head of the whole ranking, found through the `count`-th value of a numeric sort (only
 * the head is sorted with a comparator; sorting every author so took 0.3 s of the main thread's start
 * on the ACL Anthology, while the pass threads waited for it).
 */
export function topUnsearched(values: Float64Array, searched: Uint8Array, count: number): number[] {
  if (count <= 0) return [];
  const open = new Float64Array(values.length);
  let size = 0;
  for (let v = 0; v < values.length; v += 1) if (searched[v] === 0) open[size++] = values[v] as number;
  if (size === 0) return [];
  const ascending = open.subarray(0, size).sort();
  const threshold = ascending[Math.max(0, size - count)] as number;
  const head: number[] = [];
  for (let v = 0; v < values.length; v += 1) if (searched[v] === 0 && (values[v] as number) >= threshold) head.push(v);
  head.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  return head.slice(0, count);
}

function inOriginalOrder(scores: AllPairsScores, toOld: Int32Array): AllPairsScores {
  return {
    betweenness: toOriginalOrder(scores.betweenness, toOld),
    closeness: toOriginalOrder(scores.closeness, toOld),
    harmonic: toOriginalOrder(scores.harmonic, toOld),
    ...(scores.figures === undefined ? {} : { figures: scores.figures }),
  };
}

/** A pass running in worker threads. */
export interface PassRun {
  /** Searches to run in all. */
  readonly total: number;
  /** Searches finished so far. */
  done(): number;
  /** Rejects with a `PassCancelled` when the run's signal fires (its workers are then stopped). */
  readonly result: Promise<AllPairsScores>;
}

/** An estimate running in worker threads, with the locality order its searches run in (for a later estimate). */
export interface EstimateRun extends PassRun {
  readonly ordered: Renumbered;
}

export class PassCancelled extends Error {
  override readonly name = 'PassCancelled';
}

/**
 * Threads (default: one per core), the pool they come from, the requests they yield to, and the
 * signal that stops the pass: its threads' tasks are abandoned and the result rejects with
 * `PassCancelled` (the same pool and vocabulary as the request workers': src/work/pass-threads.ts).
 */
export type RunOptions = PassThreadOptions;

function cancelled(signal: AbortSignal): PassCancelled {
  return new PassCancelled(`all-pairs-centrality: cancelled (${String(signal.reason ?? 'aborted')})`);
}

interface RawRun {
  readonly total: number;
  done(): number;
  readonly output: Promise<PassOutput>;
}

/** Spreads a plan over pass threads (src/work/pass-threads.ts) that share the graph's arrays (no copies per thread). */
function runPass(graph: PassGraph, plan: PassPlan, options: RunOptions, into?: PassOutput): RawRun {
  const output =
    into ??
    emptyOutput(
      graph.order,
      plan.searchGraph.order,
      plan.mode,
      (bytes) => new SharedArrayBuffer(bytes),
      profileLength(plan),
    );
  const run = runOnPassThreads(graph.order, sharedPlan(plan), output, options);
  const { signal } = options;
  return {
    ...run,
    output: run.output.catch((error: unknown) => {
      throw signal?.aborted === true ? cancelled(signal) : error;
    }),
  };
}

/**
 * Exact scores from worker threads. Without a pool given, the run's own pool is opened before the
 * network is ordered and planned, so that its threads start up (a module graph to load, the kernel to
 * compile) while this thread plans; it is closed when the run ends.
 */
export function computeAllPairsCentrality(graph: PassGraph, options: RunOptions = {}): PassRun {
  if (options.pool !== undefined || options.signal?.aborted === true) {
    const { graph: ordered, toOld } = localityOrder(graph);
    return computePlannedAllPairsCentrality({ graph: ordered, toOld, plan: exactPlan(ordered) }, options);
  }
  const pool = openPassThreads(Math.max(1, Math.floor(options.threads ?? availableParallelism())));
  const close = () => void pool.close();
  try {
    const { graph: ordered, toOld } = localityOrder(graph);
    const run = computePlannedAllPairsCentrality(
      { graph: ordered, toOld, plan: exactPlan(ordered) },
      { ...options, pool },
    );
    void run.result.then(close, close);
    return run;
  } catch (error) {
    close();
    throw error;
  }
}

/** A network in locality order with its exact plan: what `computeAllPairsCentrality` makes first (chunked-pass.ts's `prepareChunkedPass` makes the same, on a pass thread when asked). */
export interface PlannedPass {
  readonly graph: PassGraph;
  readonly toOld: Int32Array;
  readonly plan: PassPlan;
}

/** The exact pass over a plan made already: values as `computeAllPairsCentrality` gives them. */
export function computePlannedAllPairsCentrality(planned: PlannedPass, options: RunOptions = {}): PassRun {
  const { graph: ordered, toOld, plan } = planned;
  const run = runPass(ordered, plan, options);
  return {
    ...run,
    result: run.output.then((output) =>
      inOriginalOrder(finishPass(ordered, plan, output, new Int32Array(0), toOld), toOld),
    ),
  };
}

/** Estimates from worker threads: the sample, then the refinement of the likely top authors. */
export function estimateAllPairsCentrality(graph: PassGraph, options: RunOptions & EstimateOptions = {}): EstimateRun {
  const renumbered = options.ordered ?? localityOrder(graph);
  const { graph: ordered, toOld } = renumbered;
  const plan = samplePlan(ordered, options.sampleSize, options.seed);
  const refineCount = Math.min(
    options.refineCount ?? options.sampleSize ?? DEFAULT_SAMPLE_SIZE,
    ordered.order - plan.sources.length,
  );
  const sampling = runPass(ordered, plan, options);
  let refining: RawRun | null = null;
  const result = sampling.output.then(async (output) => {
    if (options.signal?.aborted) throw cancelled(options.signal);
    const refine = refinePlan(ordered, plan, finishPass(ordered, plan, output), refineCount);
    refining = runPass(ordered, refine, options, output);
    await refining.output;
    return inOriginalOrder(finishPass(ordered, plan, output, refine.sources, toOld), toOld);
  });
  return {
    total: plan.sources.length + refineCount,
    done: () => sampling.done() + (refining?.done() ?? 0),
    result,
    ordered: renumbered,
  };
}
