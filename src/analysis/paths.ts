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

/** Reused search state per network: marks are stamped with a search number, so nothing is cleared between searches. */
interface Scratch {
  stamp: number;
  readonly seenFrom: Int32Array;
  readonly distFrom: Int32Array;
  readonly seenTo: Int32Array;
  readonly distTo: Int32Array;
  readonly onDag: Int32Array;
  readonly position: Int32Array;
  readonly best: Float64Array;
}

const scratchByGraph = new WeakMap<CompactGraph, Scratch>();
/** The searches run in slices have their own (one runs at a time): a search run at once in between must not overwrite theirs. */
const slicedScratchByGraph = new WeakMap<CompactGraph, Scratch>();

function scratchFor(graph: CompactGraph, byGraph = scratchByGraph): Scratch {
  let scratch = byGraph.get(graph);
  if (scratch === undefined || scratch.stamp >= 0x7ffffff0) {
    const n = graph.order;
    scratch = {
      stamp: 0,
      seenFrom: new Int32Array(n),
      distFrom: new Int32Array(n),
      seenTo: new Int32Array(n),
      distTo: new Int32Array(n),
      onDag: new Int32Array(n),
      position: new Int32Array(n),
      best: new Float64Array(n),
    };
    byGraph.set(graph, scratch);
  }
  scratch.stamp += 1;
  return scratch;
}

/** The network with avoided authors and papers taken out: which ties remain and how many papers each keeps. */
interface View {
  readonly graph: CompactGraph;
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

/** Bidirectional breadth-first search; fills `seenFrom/distFrom` and `seenTo/distTo` in `scratch`. */
function* meet(view: View, from: number, to: number, scratch: Scratch): SearchSteps<Meeting | null> {
  const { graph } = view;
  const { stamp, seenFrom, distFrom, seenTo, distTo } = scratch;
  seenFrom[from] = stamp;
  distFrom[from] = 0;
  seenTo[to] = stamp;
  distTo[to] = 0;
  if (from === to) return { length: 0, fromDepth: 0, middle: [from] };
  let frontFrom = [from];
  let frontTo = [to];
  let depthFrom = 0;
  let depthTo = 0;
  while (frontFrom.length > 0 && frontTo.length > 0) {
    const forward = frontier(graph, frontFrom) <= frontier(graph, frontTo);
    const [front, seen, dist, otherSeen] = forward
      ? [frontFrom, seenFrom, distFrom, seenTo]
      : [frontTo, seenTo, distTo, seenFrom];
    const depth = (forward ? depthFrom : depthTo) + 1;
    const next: number[] = [];
    const met: number[] = [];
    let work = 0;
    for (const v of front) {
      for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1) {
        const w = graph.neighbors[j] as number;
        if (seen[w] === stamp || view.weight(j) === 0) continue;
        seen[w] = stamp;
        dist[w] = depth;
        next.push(w);
        if (otherSeen[w] === stamp) met.push(w);
      }
      work += (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
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

/** How much work expanding a frontier costs: the sum of its degrees. */
function frontier(graph: CompactGraph, front: readonly number[]): number {
  let work = 0;
  for (const v of front) work += (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
  return work;
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
  return (yield* meet(viewOf(network, {}), a, b, scratch()))?.length ?? null;
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
  scratch.seenFrom[start] = scratch.stamp;
  distances.set(from, 0);
  let front = [start];
  for (let depth = 1; front.length > 0 && depth <= maxDepth; depth += 1) {
    const next: number[] = [];
    for (const v of front) {
      for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1) {
        const w = graph.neighbors[j] as number;
        if (scratch.seenFrom[w] === scratch.stamp) continue;
        scratch.seenFrom[w] = scratch.stamp;
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
  readonly to: string;
  /** The hop's tie strength under the weighting asked for. */
  readonly weight: number;
  readonly entry: number;
}

interface ShortestPathDag {
  readonly length: number;
  /** Next authors on a shortest path towards the target (by id), with the hop's weight. */
  readonly next: Map<string, DagStep[]>;
  /** The joint papers behind a hop (avoided papers left out). */
  papersOf(step: DagStep): readonly string[];
  /** Best total tie strength from an author on the DAG to the target. */
  readonly toTarget: Map<string, number>;
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
  const meeting = yield* meet(view, source, target, scratch);
  if (meeting === null) return null;
  const { length, fromDepth, middle } = meeting;
  const { stamp, seenFrom, distFrom, seenTo, distTo, onDag, position } = scratch;

  // Layers of the DAG by position (distance from the start): back from the middle through each search.
  const layers: number[][] = Array.from({ length: length + 1 }, () => []);
  const place = (v: number, at: number) => {
    onDag[v] = stamp;
    position[v] = at;
    layers[at]?.push(v);
  };
  for (const v of middle) place(v, fromDepth);
  let work = 0;
  for (let at = fromDepth - 1; at >= 0; at -= 1) {
    for (const w of layers[at + 1] as number[]) {
      for (let j = graph.offsets[w] as number; j < (graph.offsets[w + 1] as number); j += 1) {
        const v = graph.neighbors[j] as number;
        if (onDag[v] !== stamp && seenFrom[v] === stamp && distFrom[v] === at && view.weight(j) > 0) place(v, at);
      }
      work += (graph.offsets[w + 1] as number) - (graph.offsets[w] as number);
      if (work >= QUANTUM) {
        work = 0;
        yield;
      }
    }
  }
  for (let at = fromDepth + 1; at <= length; at += 1) {
    for (const w of layers[at - 1] as number[]) {
      for (let j = graph.offsets[w] as number; j < (graph.offsets[w + 1] as number); j += 1) {
        const v = graph.neighbors[j] as number;
        if (onDag[v] !== stamp && seenTo[v] === stamp && distTo[v] === length - at && view.weight(j) > 0) place(v, at);
      }
      work += (graph.offsets[w + 1] as number) - (graph.offsets[w] as number);
      if (work >= QUANTUM) {
        work = 0;
        yield;
      }
    }
  }

  // Best completion from each author, from the target back to the start.
  const ids = network.authorIds;
  const next = new Map<string, DagStep[]>();
  const toTarget = new Map([[to, 0]]);
  for (let at = length - 1; at >= 0; at -= 1) {
    for (const v of layers[at] as number[]) {
      const steps: DagStep[] = [];
      let best = -Infinity;
      for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1) {
        const w = graph.neighbors[j] as number;
        if (onDag[w] !== stamp || position[w] !== at + 1) continue;
        if (view.weight(j) === 0) continue;
        const weight = view.strength(j);
        const id = ids[w] as string;
        steps.push({ to: id, weight, entry: j });
        best = Math.max(best, weight + (toTarget.get(id) as number));
      }
      steps.sort((a, b) => compareIds(a.to, b.to));
      const id = ids[v] as string;
      next.set(id, steps);
      toTarget.set(id, best);
      work += (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
      if (work >= QUANTUM) {
        work = 0;
        yield;
      }
    }
  }
  return { length, next, toTarget, papersOf: (step) => view.paperIds(step.entry) };
}

function toPath(authorIds: string[], papers: (readonly string[])[], steps: readonly DagStep[]): CollaborationPath {
  const hops = papers.map((paperIds, i) => ({
    from: authorIds[i] as string,
    to: authorIds[i + 1] as string,
    paperIds,
  }));
  return {
    authorIds,
    hops,
    weight: hops.reduce((sum, hop) => sum + hop.paperIds.length, 0),
    strength: steps.reduce((sum, step) => sum + step.weight, 0),
  };
}

export function bestCollaborationPath(
  network: CoauthorNetwork,
  from: string,
  to: string,
  constraints: PathConstraints = {},
): CollaborationPath | null {
  return bestPathOn(finish(shortestPathDag(network, from, to, constraints, scratchByGraph)), from, to);
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
    to,
  );
}

function bestPathOn(dag: ShortestPathDag | null, from: string, to: string): CollaborationPath | null {
  if (dag === null) return null;
  const authorIds = [from];
  const papers: (readonly string[])[] = [];
  const chain: DagStep[] = [];
  let current = from;
  while (current !== to) {
    let chosen: DagStep | undefined;
    let chosenWeight = -Infinity;
    for (const step of dag.next.get(current) ?? []) {
      const weight = step.weight + (dag.toTarget.get(step.to) ?? -Infinity);
      if (chosen === undefined || strengthDifference(weight, chosenWeight) > 0) {
        chosen = step;
        chosenWeight = weight;
      }
    }
    if (chosen === undefined) throw new Error('paths: shortest-path DAG is broken');
    authorIds.push(chosen.to);
    papers.push(dag.papersOf(chosen));
    chain.push(chosen);
    current = chosen.to;
  }
  return toPath(authorIds, papers, chain);
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
  return rankedPathsOn(finish(shortestPathDag(network, from, to, constraints, scratchByGraph)), from, to, limit);
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
    to,
    limit,
  );
}

function rankedPathsOn(dag: ShortestPathDag | null, from: string, to: string, limit: number): CollaborationPath[] {
  if (dag === null || limit <= 0) return [];
  interface Partial {
    authorIds: string[];
    steps: DagStep[];
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
  queue.push({ authorIds: [from], steps: [], bound: dag.toTarget.get(from) ?? 0, weight: 0 });
  const found: CollaborationPath[] = [];
  for (let item = queue.pop(); item !== undefined && found.length < limit; item = queue.pop()) {
    const last = item.authorIds[item.authorIds.length - 1] as string;
    if (last === to) {
      found.push(
        toPath(
          item.authorIds,
          item.steps.map((step) => dag.papersOf(step)),
          item.steps,
        ),
      );
      continue;
    }
    for (const step of dag.next.get(last) ?? []) {
      const weight = item.weight + step.weight;
      queue.push({
        authorIds: [...item.authorIds, step.to],
        steps: [...item.steps, step],
        weight,
        bound: weight + (dag.toTarget.get(step.to) ?? 0),
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
  return { count: countPaths(dag, from, to), first: (limit) => rankedPathsOn(dag, from, to, limit) };
}

function countPaths(dag: ShortestPathDag | null, from: string, to: string): number {
  if (dag === null) return 0;
  const counts = new Map<string, number>([[to, 1]]);
  const count = (id: string): number => {
    let known = counts.get(id);
    if (known === undefined) {
      known = 0;
      for (const step of dag.next.get(id) ?? []) known = Math.min(known + count(step.to), Number.MAX_SAFE_INTEGER);
      counts.set(id, known);
    }
    return known;
  };
  return count(from);
}
