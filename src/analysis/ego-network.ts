/**
 * The collaboration network around one author, ready to draw: everyone within `depth` hops over ties
 * of at least `minJointPapers` joint papers, at most `maxNodes` of them, with a ForceAtlas2 layout and
 * Louvain communities computed on the drawn subgraph.
 *
 * When the cap cuts, nearer authors come first; within a distance, the stronger their ties to the
 * authors already kept one hop closer, the earlier (then by id). `truncated` says whether anyone
 * within reach was left out.
 */
import { UndirectedGraph } from 'graphology';
import type { CoauthorNetwork } from '../graph/network.ts';
import { compareIds } from '../graph/network.ts';
import { detectCommunities } from './communities.ts';
import { forceLayout } from './layout.ts';

export interface EgoNetworkOptions {
  readonly depth: number;
  readonly minJointPapers: number;
  readonly maxNodes: number;
}

export interface EgoNetworkNode {
  readonly authorId: string;
  readonly distance: number;
  readonly x: number;
  readonly y: number;
  readonly community: number;
}

export interface EgoNetworkEdge {
  readonly source: string;
  readonly target: string;
  readonly jointPaperCount: number;
}

export interface EgoNetwork {
  readonly centerId: string;
  /** By distance, then id. */
  readonly nodes: readonly EgoNetworkNode[];
  /** Each tie once, `source` < `target`, sorted by source then target. */
  readonly edges: readonly EgoNetworkEdge[];
  readonly truncated: boolean;
}

export function egoNetwork(network: CoauthorNetwork, centerId: string, options: EgoNetworkOptions): EgoNetwork {
  const { compact, authorIndex } = network;
  const { depth, minJointPapers, maxNodes } = options;
  const strongNeighbors = (author: string): [string, number][] => {
    const a = authorIndex.get(author) as number;
    const found: [string, number][] = [];
    for (let j = compact.offsets[a] as number; j < (compact.offsets[a + 1] as number); j += 1) {
      const weight = compact.weights[j] as number;
      if (weight >= minJointPapers) found.push([network.authorIdAt(compact.neighbors[j] as number), weight]);
    }
    return found;
  };

  const distance = new Map([[centerId, 0]]);
  let truncated = false;
  let frontier = [centerId];
  for (let d = 1; d <= depth && frontier.length > 0 && !truncated; d += 1) {
    const strength = new Map<string, number>();
    for (const author of frontier) {
      for (const [neighbor, weight] of strongNeighbors(author)) {
        if (!distance.has(neighbor)) strength.set(neighbor, (strength.get(neighbor) ?? 0) + weight);
      }
    }
    const candidates = [...strength].sort(([a, wa], [b, wb]) => wb - wa || compareIds(a, b)).map(([author]) => author);
    const room = maxNodes - distance.size;
    if (candidates.length > room) truncated = true;
    frontier = candidates.slice(0, Math.max(0, room));
    for (const author of frontier) distance.set(author, d);
  }

  const members = [...distance.keys()].sort(
    (a, b) => (distance.get(a) as number) - (distance.get(b) as number) || compareIds(a, b),
  );
  const subgraph = new UndirectedGraph();
  for (const author of members) subgraph.addNode(author);
  const edges: EgoNetworkEdge[] = [];
  for (const author of members) {
    for (const [neighbor, weight] of strongNeighbors(author)) {
      if (compareIds(author, neighbor) < 0 && distance.has(neighbor)) {
        edges.push({ source: author, target: neighbor, jointPaperCount: weight });
      }
    }
  }
  edges.sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target));
  for (const edge of edges) subgraph.addEdge(edge.source, edge.target, { weight: edge.jointPaperCount });

  const positions = forceLayout(subgraph, { anchor: centerId });
  const communities = detectCommunities(subgraph);
  const nodes = members.map((authorId) => ({
    authorId,
    distance: distance.get(authorId) as number,
    x: positions.get(authorId)?.x ?? 0,
    y: positions.get(authorId)?.y ?? 0,
    community: communities.get(authorId) ?? 0,
  }));
  return { centerId, nodes, edges, truncated };
}
