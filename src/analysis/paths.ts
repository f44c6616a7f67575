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
 * Both path functions search from both ends only as deep as the distance, then work on the DAG of
 * shortest paths: `toTarget` holds, for each author on some shortest path, the best total weight from
 * there to the target, so the path is read off greedily and the ranked list is a best-first search
 * whose estimate is exact.
 */
import Heap from 'mnemonist/heap.js';
import type { CoauthorNetwork } from '../graph/network.ts';
import { compareIds } from '../graph/network.ts';

export interface PathConstraints {
  readonly avoidAuthors?: readonly string[];
  readonly avoidPapers?: readonly string[];
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
}

/** A view of the network with avoided authors and papers taken out. */
interface Traversal {
  neighbors(author: string): Iterable<[string, readonly string[]]>;
}

function traversal(network: CoauthorNetwork, constraints: PathConstraints): Traversal {
  const avoidAuthors = new Set(constraints.avoidAuthors ?? []);
  const avoidPapers = new Set(constraints.avoidPapers ?? []);
  const { graph } = network;
  return {
    *neighbors(author) {
      for (const { source, target, attributes } of graph.edgeEntries(author)) {
        const neighbor = source === author ? target : source;
        if (avoidAuthors.has(neighbor)) continue;
        const papers = avoidPapers.size === 0
          ? attributes.jointPapers
          : attributes.jointPapers.filter((paper) => !avoidPapers.has(paper));
        if (papers.length > 0) yield [neighbor, papers];
      }
    },
  };
}

/** Breadth-first distances from `source`, stopping after `maxDepth` hops. */
function distancesFrom(view: Traversal, source: string, maxDepth = Infinity, stopAt?: string): Map<string, number> {
  const distance = new Map([[source, 0]]);
  let frontier = [source];
  for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth += 1) {
    const next: string[] = [];
    for (const author of frontier) {
      for (const [neighbor] of view.neighbors(author)) {
        if (!distance.has(neighbor)) {
          distance.set(neighbor, depth);
          next.push(neighbor);
        }
      }
    }
    if (stopAt !== undefined && distance.has(stopAt)) break;
    frontier = next;
  }
  return distance;
}

export function collaborationDistance(network: CoauthorNetwork, from: string, to: string): number | null {
  if (from === to) return 0;
  return distancesFrom(traversal(network, {}), from, Infinity, to).get(to) ?? null;
}

/** Distances from `from` for every author it can reach (hops). */
export function distancesFromAuthor(network: CoauthorNetwork, from: string, maxDepth = Infinity): Map<string, number> {
  return distancesFrom(traversal(network, {}), from, maxDepth);
}

interface ShortestPathDag {
  readonly length: number;
  /** Next authors on a shortest path towards the target, with the hop's papers. */
  readonly next: Map<string, [string, readonly string[]][]>;
  /** Best total joint papers from an author on the DAG to the target. */
  readonly toTarget: Map<string, number>;
}

function shortestPathDag(network: CoauthorNetwork, from: string, to: string, constraints: PathConstraints): ShortestPathDag | null {
  const avoided = new Set(constraints.avoidAuthors ?? []);
  if (avoided.has(from) || avoided.has(to)) return null;
  const view = traversal(network, constraints);
  const fromSource = distancesFrom(view, from, Infinity, to);
  const length = fromSource.get(to);
  if (length === undefined) return null;
  const fromTarget = distancesFrom(view, to, length);

  // Authors on some shortest path, grouped by their distance to the target.
  const layers: string[][] = Array.from({ length: length + 1 }, () => []);
  for (const [author, d] of fromTarget) {
    if (fromSource.get(author) === length - d) layers[d]?.push(author);
  }
  const next = new Map<string, [string, readonly string[]][]>();
  const toTarget = new Map([[to, 0]]);
  for (let d = 1; d <= length; d += 1) {
    for (const author of layers[d] ?? []) {
      const steps: [string, readonly string[]][] = [];
      let best = -Infinity;
      for (const [neighbor, papers] of view.neighbors(author)) {
        const rest = fromTarget.get(neighbor) === d - 1 ? toTarget.get(neighbor) : undefined;
        if (rest === undefined) continue;
        steps.push([neighbor, papers]);
        best = Math.max(best, papers.length + rest);
      }
      steps.sort(([a], [b]) => compareIds(a, b));
      next.set(author, steps);
      toTarget.set(author, best);
    }
  }
  return { length, next, toTarget };
}

function toPath(authorIds: string[], papers: (readonly string[])[]): CollaborationPath {
  const hops = papers.map((paperIds, i) => ({ from: authorIds[i] as string, to: authorIds[i + 1] as string, paperIds }));
  return { authorIds, hops, weight: hops.reduce((sum, hop) => sum + hop.paperIds.length, 0) };
}

export function bestCollaborationPath(
  network: CoauthorNetwork, from: string, to: string, constraints: PathConstraints = {},
): CollaborationPath | null {
  const dag = shortestPathDag(network, from, to, constraints);
  if (dag === null) return null;
  const authorIds = [from];
  const papers: (readonly string[])[] = [];
  let current = from;
  while (current !== to) {
    let chosen: [string, readonly string[]] | undefined;
    let chosenWeight = -Infinity;
    for (const step of dag.next.get(current) ?? []) {
      const weight = step[1].length + (dag.toTarget.get(step[0]) ?? -Infinity);
      if (weight > chosenWeight) { chosen = step; chosenWeight = weight; }
    }
    if (chosen === undefined) throw new Error('paths: shortest-path DAG is broken');
    authorIds.push(chosen[0]);
    papers.push(chosen[1]);
    current = chosen[0];
  }
  return toPath(authorIds, papers);
}

/**
 * Every shortest path from `from` to `to`, best first (most joint papers, then author ids), at most
 * `limit` of them. Partial paths are expanded in order of (prefix weight + best completion, ids), so
 * complete paths come out in the final order and the search stops after `limit`.
 */
export function shortestCollaborationPaths(
  network: CoauthorNetwork, from: string, to: string, limit: number, constraints: PathConstraints = {},
): CollaborationPath[] {
  const dag = shortestPathDag(network, from, to, constraints);
  if (dag === null || limit <= 0) return [];
  interface Partial { authorIds: string[]; papers: (readonly string[])[]; bound: number; weight: number }
  const order = (a: Partial, b: Partial): number => {
    if (a.bound !== b.bound) return b.bound - a.bound;
    const n = Math.min(a.authorIds.length, b.authorIds.length);
    for (let i = 0; i < n; i += 1) {
      const byId = compareIds(a.authorIds[i] as string, b.authorIds[i] as string);
      if (byId !== 0) return byId;
    }
    return a.authorIds.length - b.authorIds.length;
  };
  const queue = new Heap<Partial>(order);
  queue.push({ authorIds: [from], papers: [], bound: dag.toTarget.get(from) ?? 0, weight: 0 });
  const found: CollaborationPath[] = [];
  for (let item = queue.pop(); item !== undefined && found.length < limit; item = queue.pop()) {
    const last = item.authorIds[item.authorIds.length - 1] as string;
    if (last === to) {
      found.push(toPath(item.authorIds, item.papers));
      continue;
    }
    for (const [neighbor, papers] of dag.next.get(last) ?? []) {
      const weight = item.weight + papers.length;
      queue.push({
        authorIds: [...item.authorIds, neighbor],
        papers: [...item.papers, papers],
        weight,
        bound: weight + (dag.toTarget.get(neighbor) ?? 0),
      });
    }
  }
  return found;
}
