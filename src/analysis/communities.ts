/**
 * Louvain communities, made deterministic: a seeded random generator drives the Louvain moves, and
 * communities are numbered 0, 1, 2, ... by size (largest first), then by their smallest author id.
 */
import type Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import seedrandom from 'seedrandom';
import { compareIds } from '../graph/network.ts';

export function detectCommunities(graph: Graph, seed = 'coauthor-graph'): Map<string, number> {
  const raw: Record<string, number> =
    graph.size === 0
      ? Object.fromEntries(graph.nodes().map((node, i) => [node, i]))
      : louvain(graph, { getEdgeWeight: 'weight', rng: seedrandom(seed), resolution: 1 });
  const members = new Map<number, string[]>();
  for (const [node, community] of Object.entries(raw)) {
    const list = members.get(community);
    if (list) list.push(node);
    else members.set(community, [node]);
  }
  const groups = [...members.values()].map((list) => list.sort(compareIds));
  groups.sort((a, b) => b.length - a.length || compareIds(a[0] as string, b[0] as string));
  const numbered = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const node of group) numbered.set(node, index);
  });
  return numbered;
}
