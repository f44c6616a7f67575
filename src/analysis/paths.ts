/**
 * Collaboration paths: fewest hops between two authors (joint papers are a tie strength, never a
 * distance).
 *
 * - `collaborationDistance`: hops, 0 to oneself, null when unreachable.
 * - `bestCollaborationPath`: among all shortest paths, the one whose hops have the most joint papers
 *   in total; ties go to the lexicographically smallest sequence of author ids. Authors and papers can
 *   be avoided (a hop whose every joint paper is avoided disappears).
 * - `shortestCollaborationPaths`: every shortest path, best first in the same order, up to a limit.
 *
 * The search runs on the compact graph from both ends at once, always growing the smaller frontier by
 * a whole layer, until the two meet: on a network of 100k authors it touches a few thousand instead of
 * most of them. The authors where the searches met lie on every shortest path's middle layer; walking
 * back through both searches gives the DAG of all shortest paths, on which `toTarget` holds the best
 * total weight from each author to the target. The best path is read off greedily, and the ranked list
 * is a best-first search whose estimate is exact.
 *
 * The searches are generators that yield after every `QUANTUM` adjacency entries: run to the end at
 * once (`collaborationDistance`, ...) or in slices on the event loop for a request (`...InSlices`, see
 * search-slices.ts), which then cannot hold the loop however large the network.
 */
import Heap from 'mnemonist/heap.js';
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import { compareIds } from '../graph/network.ts';
import { type TieWeighting, cachedTieWeights, strengthOfPapers, weightingSource } from '../graph/tie-weighting.ts';
import { type SearchSteps, inSlices } from './search-slices.ts';

/** Adjacency entries a search reads between two yields (well under a millisecond). */
export const QUANTUM = 16_384;

export interface PathConstraints {
  readonly avoidAuthors?: readonly string[];
  readonly avoidPapers?: readonly string[];
  /** How ties are weighed when equally short paths are compared (default: joint papers). */
  readonly weighting?: TieWeighting;
}

export interface CollaborationHop {
  readonly from: string;
  readonly to: string;
  /** The joint papers behind the hop (avoided papers left out), in input order. */
  readonly paperIds: readonly string[];
}

export interface CollaborationPath {
  readonly authorIds: readonly string[];
  readonly hops: readonly CollaborationHop[];
  /** Sum of joint papers over the hops. */
  readonly weight: number;
  /** Sum of the hops' tie strengths under the weighting asked for (= `weight` for joint papers). */
  readonly strength: number;
}

/** Path strengths closer than this (relative) are equal: sums of fractions must not order paths by rounding. */
const SAME_STRENGTH = 1e-9;

/** a − b, or 0 when the two are equal up to rounding. */
function strengthDifference(a: number, b: number): number {
  return Math.abs(a - b) <= SAME_STRENGTH * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : a - b;
}

/**
 * Reused search state per network. Each search gets numbers of its own, `base` up to `base + order`:
 * a mark below `base` was left by an earlier search and counts as unset, so nothing is cleared between
 * searches (only when the numbers run out, every 2³¹ / order searches). An author's four marks sit
 * side by side (`STRIDE` numbers from `author × STRIDE`, four authors to a cache line), so a search that
 * reaches an author reads and writes one line.
 */
interface Scratch {
  base: number;
  readonly marks: Int32Array;
  /**
   * The hops a search found into each layer it made, as linked lists: record `r` is the author the hop
   * comes from (`3r`), its adjacency entry (`3r + 1`) and the next record of the same author (`3r + 2`,
   * −1 at the end); an author's first record is its `HOPS` mark.
   */
  hops: Int32Array;
}

/** Where each mark sits in an author's run of `STRIDE` numbers. */
/** `base` + the author's distance from the start, once the start's search reached it. */
const FROM = 0;
/** `base` + the author's distance from the target, once the target's search reached it. */
const TO = 1;
/** The author's first record in the scratch's `hops` (−1: none); set once either search reaches it. */
const HOPS = 2;
/** `base` + the author's number on the DAG of shortest paths, once it is placed there. */
const LOCAL = 3;
const STRIDE = 4;

/** Room for 4,096 hop records at first; a buffer grown past a million records is not kept. */
const INITIAL_HOP_NUMBERS = 3 * 4096;
const KEPT_HOP_NUMBERS = 3 * 1_048_576;

const scratchByGraph = new WeakMap<CompactGraph, Scratch>();
/** The searches run in slices have their own (one runs at a time): a search run at once in between must not overwrite theirs. */
const slicedScratchByGraph = new WeakMap<CompactGraph, Scratch>();

/**
 * The first number of the next search on a graph of `order` authors, after one that started at `base`
 * (0: none yet): its marks run up to `next + order` and must stay 32-bit; when they would not, the
 * marks are cleared to 0 and numbering starts again at 1 (`clear`).
 */
export function nextSearchBase(base: number, order: number): { readonly base: number; readonly clear: boolean } {
  if (base === 0) return { base: 1, clear: false };
  const next = base + order + 1;
  return next + order > 0x7fffffff ? { base: 1, clear: true } : { base: next, clear: false };
}

function scratchFor(graph: CompactGraph, byGraph = scratchByGraph): Scratch {
  let scratch = byGraph.get(graph);
  if (scratch === undefined) {
    scratch = { base: 0, marks: new Int32Array(graph.order * STRIDE), hops: new Int32Array(INITIAL_HOP_NUMBERS) };
    byGraph.set(graph, scratch);
  }
  const { base, clear } = nextSearchBase(scratch.base, graph.order);
  if (clear) scratch.marks.fill(0);
  scratch.base = base;
  // A search across most of a large network records up to one hop per adjacency entry: its records
  // are let go afterwards rather than kept for the life of the network.
  if (scratch.hops.length > KEPT_HOP_NUMBERS) scratch.hops = new Int32Array(INITIAL_HOP_NUMBERS);
  return scratch;
}

/** The network with avoided authors and papers taken out: which ties remain and how many papers each keeps. */
interface View {
  readonly graph: CompactGraph;
  /** Nothing avoided: every tie is there with all its papers (`weight(j)` is never 0). */
  readonly whole: boolean;
  /** Joint papers left on adjacency entry `j` (0: the tie is gone). */
  weight(j: number): number;
  /** The strength of what is left of adjacency entry `j` under the view's weighting (0: the tie is gone). */
  strength(j: number): number;
  /** The papers left on adjacency entry `j`. */
  paperIds(j: number): string[];
}

/** The whole network's view, made once: a request of thousands of distances allocates nothing for it. */
const wholeViews = new WeakMap<CoauthorNetwork, Map<TieWeighting, View>>();

function viewOf(network: CoauthorNetwork, constraints: PathConstraints): View {
  if ((constraints.avoidAuthors?.length ?? 0) === 0 && (constraints.avoidPapers?.length ?? 0) === 0) {
    const weighting = constraints.weighting ?? 'jointPapers';
    let views = wholeViews.get(network);
    if (views === undefined) wholeViews.set(network, (views = new Map<TieWeighting, View>()));
    let view = views.get(weighting);
    if (view === undefined) views.set(weighting, (view = constrainedView(network, { weighting })));
    return view;
  }
  return constrainedView(network, constraints);
}

function constrainedView(network: CoauthorNetwork, constraints: PathConstraints): View {
  const graph = network.compact;
  const avoidedAuthors = new Set<number>();
  for (const id of constraints.avoidAuthors ?? []) {
    const index = network.authorIndex.get(id);
    if (index !== undefined) avoidedAuthors.add(index);
  }
  const avoidedPapers = new Set<number>();
  for (const id of constraints.avoidPapers ?? []) {
    const index = network.paperIndex.get(network.paperIdAliases.get(id) ?? id);
    if (index !== undefined) avoidedPapers.add(index);
  }
  const keptPapers = (j: number): number[] => {
    const kept: number[] = [];
    for (let k = graph.paperOffsets[j] as number; k < (graph.paperOffsets[j + 1] as number); k += 1) {
      const paper = graph.papers[k] as number;
      if (!avoidedPapers.has(paper)) kept.push(paper);
    }
    return kept;
  };
  const weighting = constraints.weighting ?? 'jointPapers';
  const source = weightingSource(network);
  const strengths = cachedTieWeights(source, weighting);
  return {
    graph,
    whole: avoidedAuthors.size === 0 && avoidedPapers.size === 0,
    weight(j) {
      if (avoidedAuthors.size > 0 && avoidedAuthors.has(graph.neighbors[j] as number)) return 0;
      return avoidedPapers.size === 0 ? (graph.weights[j] as number) : keptPapers(j).length;
    },
    strength(j) {
      if (avoidedAuthors.size > 0 && avoidedAuthors.has(graph.neighbors[j] as number)) return 0;
      return avoidedPapers.size === 0
        ? (strengths[j] as number)
        : strengthOfPapers(source, weighting, j, keptPapers(j));
    },
    paperIds: (j) => keptPapers(j).map((paper) => network.paperIdAt(paper)),
  };
}

interface Meeting {
  readonly length: number;
  /** Depth reached from the start; the meeting layer is at this distance from it. */
  readonly fromDepth: number;
  /** Authors at `fromDepth` from the start and `length − fromDepth` from the target. */
  readonly middle: readonly number[];
}

/** Runs a search's steps to the end at once. */
function finish<T>(steps: SearchSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Records the hop from `v` along adjacency entry `j` into the author whose marks start at `at` as record
 * `record` of the scratch's `hops`, first in that author's list (the array doubles when full). A function
 * of the module, not a closure over the search's variables: a closure cost a fifth of the search.
 */
function recordHop(scratch: Scratch, record: number, v: number, j: number, at: number): void {
  let { hops } = scratch;
  if (3 * record + 3 > hops.length) {
    const grown = new Int32Array(hops.length * 2);
    grown.set(hops);
    scratch.hops = hops = grown;
  }
  const { marks } = scratch;
  hops[3 * record] = v;
  hops[3 * record + 1] = j;
  hops[3 * record + 2] = marks[at + HOPS] as number;
  marks[at + HOPS] = record;
}

/**
 * Bidirectional breadth-first search; marks each author reached with its distance from the start or the
 * target. With `recordHops`, every hop from one layer into the next is recorded in the scratch's `hops`
 * (each layer is searched whole, so an author's records are all its neighbours one step nearer to the
 * side that reached it), and the walk back to the ends reads those instead of whole neighbour lists.
 */
function* meet(
  view: View,
  from: number,
  to: number,
  scratch: Scratch,
  recordHops: boolean,
): SearchSteps<Meeting | null> {
  const { graph, whole } = view;
  const { offsets, neighbors } = graph;
  const { base, marks } = scratch;
  marks[from * STRIDE + FROM] = base;
  marks[from * STRIDE + HOPS] = -1;
  marks[to * STRIDE + TO] = base;
  marks[to * STRIDE + HOPS] = -1;
  if (from === to) return { length: 0, fromDepth: 0, middle: [from] };
  let records = 0;
  let frontFrom = [from];
  let frontTo = [to];
  let depthFrom = 0;
  let depthTo = 0;
  while (frontFrom.length > 0 && frontTo.length > 0) {
    // The smaller frontier grows: summing the next frontier's degrees instead would read every newly
    // reached author's row bounds, a cache miss each, and cost more than it saves.
    const forward = frontFrom.length <= frontTo.length;
    const front = forward ? frontFrom : frontTo;
    const [side, otherSide] = forward ? [FROM, TO] : [TO, FROM];
    const depth = (forward ? depthFrom : depthTo) + 1;
    const mark = base + depth;
    const next: number[] = [];
    const met: number[] = [];
    let work = 0;
    let i = 0;
    // Until the searches meet, every author reached is marked and queued, and every hop into the new
    // layer recorded.
    for (; i < front.length && met.length === 0; i += 1) {
      const v = front[i] as number;
      const end = offsets[v + 1] as number;
      for (let j = offsets[v] as number; j < end; j += 1) {
        const w = neighbors[j] as number;
        const at = w * STRIDE;
        const reached = marks[at + side] as number;
        if (reached >= base) {
          if (!recordHops || reached !== mark) continue;
        } else {
          if (!whole && view.weight(j) === 0) continue;
          marks[at + side] = mark;
          next.push(w);
          // An author reached from both sides keeps the records the other side made.
          if ((marks[at + otherSide] as number) >= base) met.push(w);
          else marks[at + HOPS] = -1;
          if (!recordHops) continue;
        }
        if (!whole && view.weight(j) === 0) continue;
        recordHop(scratch, records, v, j, at);
        records += 1;
      }
      work += end - (offsets[v] as number);
      if (work >= QUANTUM) {
        work = 0;
        yield;
      }
    }
    // Once they have met, this layer is the last: a distance is known, and a path needs only the hops
    // into authors the other side reached, so the rest of the layer marks and records nothing else.
    if (!recordHops && met.length > 0) i = front.length;
    for (; i < front.length; i += 1) {
      const v = front[i] as number;
      const end = offsets[v + 1] as number;
      for (let j = offsets[v] as number; j < end; j += 1) {
        const w = neighbors[j] as number;
        const at = w * STRIDE;
        if ((marks[at + otherSide] as number) < base) continue;
        const reached = marks[at + side] as number;
        if (reached >= base && reached !== mark) continue;
        if (!whole && view.weight(j) === 0) continue;
        if (reached < base) {
          marks[at + side] = mark;
          met.push(w);
        }
        recordHop(scratch, records, v, j, at);
        records += 1;
      }
      work += end - (offsets[v] as number);
      if (work >= QUANTUM) {
        work = 0;
        yield;
      }
    }
    if (forward) {
      frontFrom = next;
      depthFrom = depth;
    } else {
      frontTo = next;
      depthTo = depth;
    }
    if (met.length > 0) {
      // Every author where the searches met is `depthFrom` from the start and `depthTo` from the target.
      return { length: depthFrom + depthTo, fromDepth: depthFrom, middle: met };
    }
  }
  return null;
}

function* distanceSteps(
  network: CoauthorNetwork,
  from: string,
  to: string,
  scratch: () => Scratch,
): SearchSteps<number | null> {
  const a = network.authorIndex.get(from);
  const b = network.authorIndex.get(to);
  if (a === undefined || b === undefined) return null;
  return (yield* meet(viewOf(network, {}), a, b, scratch(), false))?.length ?? null;
}

export function collaborationDistance(network: CoauthorNetwork, from: string, to: string): number | null {
  return finish(distanceSteps(network, from, to, () => scratchFor(network.compact)));
}

/** `collaborationDistance` in slices on the event loop; rejects once `signal` fires. */
export function collaborationDistanceInSlices(
  network: CoauthorNetwork,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<number | null> {
  return inSlices(
    () => distanceSteps(network, from, to, () => scratchFor(network.compact, slicedScratchByGraph)),
    signal,
  );
}

/** Distances from `from` for every author it can reach (hops), up to `maxDepth`. */
export function distancesFromAuthor(network: CoauthorNetwork, from: string, maxDepth = Infinity): Map<string, number> {
  const start = network.authorIndex.get(from);
  const distances = new Map<string, number>();
  if (start === undefined) return distances;
  const { compact: graph, authorIds } = network;
  const scratch = scratchFor(graph);
  const { base, marks } = scratch;
  marks[start * STRIDE + FROM] = base;
  distances.set(from, 0);
  let front = [start];
  for (let depth = 1; front.length > 0 && depth <= maxDepth; depth += 1) {
    const next: number[] = [];
    for (const v of front) {
      for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1) {
        const w = graph.neighbors[j] as number;
        if ((marks[w * STRIDE + FROM] as number) >= base) continue;
        marks[w * STRIDE + FROM] = base + depth;
        distances.set(authorIds[w] as string, depth);
        next.push(w);
      }
    }
    front = next;
  }
  return distances;
}

/** A hop of the DAG: its joint papers are only listed (`papersOf`) for the hops of a returned path. */
interface DagStep {
  /** The author the hop leads to: its number on the DAG, and its id. */
  readonly node: number;
  readonly to: string;
  /** The hop's tie strength under the weighting asked for. */
  readonly weight: number;
  readonly entry: number;
}

/**
 * The DAG of all shortest paths, in integers: its authors are numbered in the order they were placed,
 * each author's hops towards the target are a run of the edge arrays, and ids are looked up only for
 * the authors a path goes through.
 */
interface ShortestPathDag {
  readonly length: number;
  /** The DAG numbers of the start and the target. */
  readonly source: number;
  readonly target: number;
  /** Each DAG author's index in the network. */
  readonly authors: readonly number[];
  /** Hops from DAG author `v`: `edgeStart[v]` up to `edgeEnd[v]` in the edge arrays. */
  readonly edgeStart: readonly number[];
  readonly edgeEnd: readonly number[];
  readonly edgeTo: readonly number[];
  readonly edgeEntry: readonly number[];
  readonly edgeStrength: readonly number[];
  /** Best total tie strength from each DAG author to the target. */
  readonly toTarget: readonly number[];
  /** The hops from a DAG author, in id order (made when first asked). */
  next(v: number): readonly DagStep[];
  /** The joint papers behind the hop read from adjacency entry `entry` (avoided papers left out). */
  papersOf(entry: number): readonly string[];
  /** The id of DAG author `v`. */
  idOf(v: number): string;
}

/** The scratch arrays a search uses: those of searches run at once, or those of searches run in slices. */
type ScratchSource = typeof scratchByGraph;

function* shortestPathDag(
  network: CoauthorNetwork,
  from: string,
  to: string,
  constraints: PathConstraints,
  scratches: ScratchSource,
): SearchSteps<ShortestPathDag | null> {
  const avoided = new Set(constraints.avoidAuthors ?? []);
  if (avoided.has(from) || avoided.has(to)) return null;
  const source = network.authorIndex.get(from);
  const target = network.authorIndex.get(to);
  if (source === undefined || target === undefined) return null;
  const view = viewOf(network, constraints);
  const { graph } = view;
  const scratch = scratchFor(graph, scratches);
  const meeting = yield* meet(view, source, target, scratch, true);
  if (meeting === null) return null;
  const { length, fromDepth, middle } = meeting;
  const { base, marks } = scratch;
  const localOf = (v: number) => (marks[v * STRIDE + LOCAL] as number) - base;

  // Layers of the DAG by position (distance from the start): back from the middle through the hops
  // each search recorded. Each hop is recorded once, from the end that was searched; both ends of a tie
  // list the same papers, so the entry read from either end serves for its papers and strength.
  const records = scratch.hops;
  const layers: number[][] = [];
  for (let at = 0; at <= length; at += 1) layers.push([]);
  const authors: number[] = [];
  const hopFrom: number[] = [];
  const hopTo: number[] = [];
  const hopEntry: number[] = [];
  const place = (v: number, at: number) => {
    marks[v * STRIDE + LOCAL] = base + authors.length;
    authors.push(v);
    layers[at]?.push(v);
  };
  const hop = (from: number, to: number, entry: number) => {
    hopFrom.push(localOf(from));
    hopTo.push(localOf(to));
    hopEntry.push(entry);
  };
  for (const v of middle) place(v, fromDepth);
  // An author where the searches met holds both sides' records: each walk keeps its own side's.
  for (let at = fromDepth - 1; at >= 0; at -= 1) {
    for (const w of layers[at + 1] as number[]) {
      for (let r = marks[w * STRIDE + HOPS] as number; r >= 0; r = records[3 * r + 2] as number) {
        const v = records[3 * r] as number;
        const marked = v * STRIDE;
        if (marks[marked + FROM] !== base + at) continue;
        if ((marks[marked + LOCAL] as number) < base) place(v, at);
        hop(v, w, records[3 * r + 1] as number);
      }
    }
  }
  for (let at = fromDepth + 1; at <= length; at += 1) {
    for (const w of layers[at - 1] as number[]) {
      for (let r = marks[w * STRIDE + HOPS] as number; r >= 0; r = records[3 * r + 2] as number) {
        const v = records[3 * r] as number;
        const marked = v * STRIDE;
        if (marks[marked + TO] !== base + length - at) continue;
        if ((marks[marked + LOCAL] as number) < base) place(v, at);
        hop(w, v, records[3 * r + 1] as number);
      }
    }
  }

  // The hops grouped by the author they leave (counting sort), then the best completion from each
  // author, from the target back to the start.
  const count = authors.length;
  const hops = hopFrom.length;
  const edgeStart = new Array<number>(count).fill(0);
  for (let e = 0; e < hops; e += 1) {
    const from = hopFrom[e] as number;
    edgeStart[from] = (edgeStart[from] as number) + 1;
  }
  for (let v = 0, sum = 0; v < count; v += 1) {
    const n = edgeStart[v] as number;
    edgeStart[v] = sum;
    sum += n;
  }
  const edgeEnd = edgeStart.slice();
  const edgeTo = new Array<number>(hops);
  const edgeEntry = new Array<number>(hops);
  const edgeStrength = new Array<number>(hops);
  for (let e = 0; e < hops; e += 1) {
    const at = edgeEnd[hopFrom[e] as number] as number;
    edgeEnd[hopFrom[e] as number] = at + 1;
    edgeTo[at] = hopTo[e] as number;
    edgeEntry[at] = hopEntry[e] as number;
    edgeStrength[at] = view.strength(hopEntry[e] as number);
  }
  const toTarget = new Array<number>(count).fill(-Infinity);
  toTarget[localOf(target)] = 0;
  for (let at = length - 1; at >= 0; at -= 1) {
    for (const v of layers[at] as number[]) {
      const from = localOf(v);
      let best = -Infinity;
      for (let e = edgeStart[from] as number; e < (edgeEnd[from] as number); e += 1)
        best = Math.max(best, (edgeStrength[e] as number) + (toTarget[edgeTo[e] as number] as number));
      toTarget[from] = best;
    }
  }
  const ids = network.authorIds;
  const idOf = (v: number) => ids[authors[v] as number] as string;
  const steps = new Map<number, DagStep[]>();
  return {
    length,
    source: localOf(source),
    target: localOf(target),
    authors,
    edgeStart,
    edgeEnd,
    edgeTo,
    edgeEntry,
    edgeStrength,
    toTarget,
    idOf,
    next(v) {
      let known = steps.get(v);
      if (known === undefined) {
        known = [];
        for (let e = edgeStart[v] as number; e < (edgeEnd[v] as number); e += 1) {
          const node = edgeTo[e] as number;
          known.push({ node, to: idOf(node), weight: edgeStrength[e] as number, entry: edgeEntry[e] as number });
        }
        known.sort((a, b) => compareIds(a.to, b.to));
        steps.set(v, known);
      }
      return known;
    },
    papersOf: (entry) => view.paperIds(entry),
  };
}

function toPath(authorIds: string[], papers: (readonly string[])[], strengths: readonly number[]): CollaborationPath {
  const hops = papers.map((paperIds, i) => ({
    from: authorIds[i] as string,
    to: authorIds[i + 1] as string,
    paperIds,
  }));
  return {
    authorIds,
    hops,
    weight: hops.reduce((sum, hop) => sum + hop.paperIds.length, 0),
    strength: strengths.reduce((sum, strength) => sum + strength, 0),
  };
}

export function bestCollaborationPath(
  network: CoauthorNetwork,
  from: string,
  to: string,
  constraints: PathConstraints = {},
): CollaborationPath | null {
  return bestPathOn(finish(shortestPathDag(network, from, to, constraints, scratchByGraph)), from);
}

/** `bestCollaborationPath` in slices on the event loop; rejects once `signal` fires. */
export async function bestCollaborationPathInSlices(
  network: CoauthorNetwork,
  from: string,
  to: string,
  constraints: PathConstraints = {},
  signal?: AbortSignal,
): Promise<CollaborationPath | null> {
  return bestPathOn(
    await inSlices(() => shortestPathDag(network, from, to, constraints, slicedScratchByGraph), signal),
    from,
  );
}

/**
 * The best shortest path: from each author, the hop with the best total strength to the target, the
 * smallest id among hops equal up to rounding. Ids are only read where hops tie.
 */
function bestPathOn(dag: ShortestPathDag | null, from: string): CollaborationPath | null {
  if (dag === null) return null;
  const { edgeStart, edgeEnd, edgeTo, edgeStrength, toTarget } = dag;
  const authorIds = [from];
  const papers: (readonly string[])[] = [];
  const strengths: number[] = [];
  let current = dag.source;
  while (current !== dag.target) {
    let best = -Infinity;
    for (let e = edgeStart[current] as number; e < (edgeEnd[current] as number); e += 1)
      best = Math.max(best, (edgeStrength[e] as number) + (toTarget[edgeTo[e] as number] as number));
    let chosen = -1;
    let chosenId = '';
    for (let e = edgeStart[current] as number; e < (edgeEnd[current] as number); e += 1) {
      const total = (edgeStrength[e] as number) + (toTarget[edgeTo[e] as number] as number);
      if (strengthDifference(total, best) !== 0) continue;
      const id = dag.idOf(edgeTo[e] as number);
      if (chosen < 0 || compareIds(id, chosenId) < 0) {
        chosen = e;
        chosenId = id;
      }
    }
    if (chosen < 0) throw new Error('paths: shortest-path DAG is broken');
    authorIds.push(chosenId);
    papers.push(dag.papersOf(dag.edgeEntry[chosen] as number));
    strengths.push(edgeStrength[chosen] as number);
    current = edgeTo[chosen] as number;
  }
  return toPath(authorIds, papers, strengths);
}

/**
 * Every shortest path from `from` to `to`, best first (most joint papers, then author ids), at most
 * `limit` of them. Partial paths are expanded in order of (prefix weight + best completion, ids), so
 * complete paths come out in the final order and the search stops after `limit`.
 */
export function shortestCollaborationPaths(
  network: CoauthorNetwork,
  from: string,
  to: string,
  limit: number,
  constraints: PathConstraints = {},
): CollaborationPath[] {
  return rankedPathsOn(finish(shortestPathDag(network, from, to, constraints, scratchByGraph)), from, limit);
}

/** `shortestCollaborationPaths` in slices on the event loop; rejects once `signal` fires. */
export async function shortestCollaborationPathsInSlices(
  network: CoauthorNetwork,
  from: string,
  to: string,
  limit: number,
  constraints: PathConstraints = {},
  signal?: AbortSignal,
): Promise<CollaborationPath[]> {
  return rankedPathsOn(
    await inSlices(() => shortestPathDag(network, from, to, constraints, slicedScratchByGraph), signal),
    from,
    limit,
  );
}

function rankedPathsOn(dag: ShortestPathDag | null, from: string, limit: number): CollaborationPath[] {
  if (dag === null || limit <= 0) return [];
  interface Partial {
    authorIds: string[];
    steps: DagStep[];
    last: number;
    bound: number;
    weight: number;
  }
  const order = (a: Partial, b: Partial): number => {
    const byStrength = strengthDifference(b.bound, a.bound);
    if (byStrength !== 0) return byStrength;
    const n = Math.min(a.authorIds.length, b.authorIds.length);
    for (let i = 0; i < n; i += 1) {
      const byId = compareIds(a.authorIds[i] as string, b.authorIds[i] as string);
      if (byId !== 0) return byId;
    }
    return a.authorIds.length - b.authorIds.length;
  };
  const queue = new Heap<Partial>(order);
  queue.push({ authorIds: [from], steps: [], last: dag.source, bound: dag.toTarget[dag.source] as number, weight: 0 });
  const found: CollaborationPath[] = [];
  for (let item = queue.pop(); item !== undefined && found.length < limit; item = queue.pop()) {
    if (item.last === dag.target) {
      found.push(
        toPath(
          item.authorIds,
          item.steps.map((step) => dag.papersOf(step.entry)),
          item.steps.map((step) => step.weight),
        ),
      );
      continue;
    }
    for (const step of dag.next(item.last)) {
      const weight = item.weight + step.weight;
      queue.push({
        authorIds: [...item.authorIds, step.to],
        steps: [...item.steps, step],
        last: step.node,
        weight,
        bound: weight + (dag.toTarget[step.node] as number),
      });
    }
  }
  return found;
}

/** Every shortest path between two authors, in the order of `shortestCollaborationPaths`, read a prefix at a time. */
export interface RankedCollaborationPaths {
  /** How many shortest paths there are (counted on the DAG, not listed; at most Number.MAX_SAFE_INTEGER). */
  readonly count: number;
  /** The first `limit` paths. */
  first(limit: number): CollaborationPath[];
}

/** One search in slices on the event loop (rejects once `signal` fires), then any prefix of the ranked paths. */
export async function rankedCollaborationPathsInSlices(
  network: CoauthorNetwork,
  from: string,
  to: string,
  constraints: PathConstraints = {},
  signal?: AbortSignal,
): Promise<RankedCollaborationPaths> {
  const dag = await inSlices(() => shortestPathDag(network, from, to, constraints, slicedScratchByGraph), signal);
  return { count: countPaths(dag), first: (limit) => rankedPathsOn(dag, from, limit) };
}

function countPaths(dag: ShortestPathDag | null): number {
  if (dag === null) return 0;
  // Paths from each DAG author to the target; hops only lead to authors placed before it.
  const counts = new Array<number>(dag.authors.length).fill(-1);
  counts[dag.target] = 1;
  const count = (v: number): number => {
    let known = counts[v] as number;
    if (known < 0) {
      known = 0;
      for (let e = dag.edgeStart[v] as number; e < (dag.edgeEnd[v] as number); e += 1)
        known = Math.min(known + count(dag.edgeTo[e] as number), Number.MAX_SAFE_INTEGER);
      counts[v] = known;
    }
    return known;
  };
  return count(dag.source);
}
