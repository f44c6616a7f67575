/**
 * The network to export, as plain rows: the whole co-authorship network, or the drawn network around
 * one author (the same selection, layout and communities as `collaborationNetwork`).
 *
 * Every node carries the author's name, paper count, community and whole-network centrality scores
 * (from the table the caller passes: exact for the command, the best available for the API);
 * nodes of a drawn network also carry their distance from the center and the server's layout. Edges
 * carry the joint-paper count (a tie strength) and the joint papers' ids. The whole network gets
 * Louvain communities over all authors (computed once per loaded network) and no layout: Gephi and
 * VOSviewer lay out large networks themselves.
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import { type CentralityScores, type CentralityTable, centralityMetrics } from '../analysis/centrality.ts';
import { detectCommunities } from '../analysis/communities.ts';
import type { EgoNetworkOptions } from '../analysis/ego-network.ts';
import { type CoauthorNetwork, compareIds, jointPaperIds } from '../graph/network.ts';

export interface ExportNode {
  readonly id: string;
  readonly label: string;
  readonly paperCount: number;
  /** 0, 1, ... from the largest community. */
  readonly community: number;
  /** Hops from the center; null in a whole-network export. */
  readonly distance: number | null;
  /** Layout position (center at the origin, farthest node at distance 1); null without a layout. */
  readonly x: number | null;
  readonly y: number | null;
  readonly centrality: CentralityScores;
}

export interface ExportEdge {
  readonly source: string;
  readonly target: string;
  /** Joint papers: a strength, never a distance. */
  readonly weight: number;
  readonly jointPapers: readonly string[];
}

export interface ExportableNetwork {
  /** One line saying what this is, for file headers. */
  readonly description: string;
  readonly centerId: string | null;
  readonly truncated: boolean;
  readonly nodes: readonly ExportNode[];
  /** Each tie once, source < target, sorted. */
  readonly edges: readonly ExportEdge[];
}

const zeroScores = Object.fromEntries(centralityMetrics.map((metric) => [metric, 0])) as CentralityScores;

/** What an export is made from: a loaded network and its drawn networks (an `AnalyzedNetwork`, or a copy in a worker). */
export type ExportSource = Pick<AnalyzedNetwork, 'network' | 'egoNetwork'>;

const wholeCommunities = new WeakMap<CoauthorNetwork, Map<string, number>>();

function communitiesOfWhole(data: ExportSource): Map<string, number> {
  let communities = wholeCommunities.get(data.network);
  if (communities === undefined) {
    communities = detectCommunities(data.network.graph);
    wholeCommunities.set(data.network, communities);
  }
  return communities;
}

/** Every author and every tie of the loaded network. */
export function wholeNetworkExport(data: ExportSource, centrality: CentralityTable): ExportableNetwork {
  const { network } = data;
  const communities = communitiesOfWhole(data);
  const nodes = [...network.authors.values()]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((author): ExportNode => ({
      id: author.id,
      label: author.name,
      paperCount: author.paperIds.length,
      community: communities.get(author.id) ?? 0,
      distance: null,
      x: null,
      y: null,
      centrality: centrality.scoresOf(author.id) ?? zeroScores,
    }));
  const edges: ExportEdge[] = network.graph.mapEdges((_edge, attributes, a, b) => {
    const [source, target] = compareIds(a, b) < 0 ? [a, b] : [b, a];
    return { source, target, weight: attributes.weight, jointPapers: attributes.jointPapers };
  });
  edges.sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target));
  return {
    description: `Co-authorship network: ${nodes.length} authors, ${edges.length} collaborations, ${network.papers.size} papers.`,
    centerId: null,
    truncated: false,
    nodes,
    edges,
  };
}

/** The drawn network around `centerId`, exactly as `collaborationNetwork` returns it. */
export function egoNetworkExport(
  data: ExportSource,
  centrality: CentralityTable,
  centerId: string,
  options: EgoNetworkOptions,
): ExportableNetwork {
  const { network } = data;
  const ego = data.egoNetwork(centerId, options);
  const nodes = ego.nodes.map((node): ExportNode => {
    const author = network.authors.get(node.authorId);
    return {
      id: node.authorId,
      label: author?.name ?? node.authorId,
      paperCount: author?.paperIds.length ?? 0,
      community: node.community,
      distance: node.distance,
      x: node.x,
      y: node.y,
      centrality: centrality.scoresOf(node.authorId) ?? zeroScores,
    };
  });
  const edges = ego.edges.map((edge): ExportEdge => ({
    source: edge.source,
    target: edge.target,
    weight: edge.jointPaperCount,
    jointPapers: jointPaperIds(network, edge.source, edge.target),
  }));
  const centerName = network.authors.get(centerId)?.name ?? centerId;
  return {
    description:
      `Collaboration network of ${centerName}: ${options.depth} hop(s), ties of at least ${options.minJointPapers} joint paper(s), ` +
      `${nodes.length} authors, ${edges.length} collaborations${ego.truncated ? ` (truncated at ${options.maxNodes} authors)` : ''}.`,
    centerId,
    truncated: ego.truncated,
    nodes,
    edges,
  };
}
