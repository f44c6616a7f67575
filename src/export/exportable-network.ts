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
import { entryOf } from '../graph/compact-graph.ts';
import { type CoauthorNetwork, compareIds, entryPaperIds } from '../graph/network.ts';
import { type TieWeighting, cachedTieWeights, weightingSource } from '../graph/tie-weighting.ts';

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
  /** The tie's strength under the export's weighting (joint papers by default): a strength, never a distance. */
  readonly weight: number;
  readonly jointPapers: readonly string[];
}

export interface ExportableNetwork {
  /** One line saying what this is, for file headers. */
  readonly description: string;
  readonly centerId: string | null;
  readonly truncated: boolean;
  /** How edge weights were computed (tie-weighting.ts). */
  readonly weighting: TieWeighting;
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
export function wholeNetworkExport(
  data: ExportSource,
  centrality: CentralityTable,
  weighting: TieWeighting = 'jointPapers',
): ExportableNetwork {
  const { network } = data;
  const { compact } = network;
  const strengths = cachedTieWeights(weightingSource(network), weighting);
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
  const edges: ExportEdge[] = [];
  for (let a = 0; a < compact.order; a += 1) {
    for (let j = compact.offsets[a] as number; j < (compact.offsets[a + 1] as number); j += 1) {
      const b = compact.neighbors[j] as number;
      if (b < a) continue;
      const [source, target] = [network.authorIdAt(a), network.authorIdAt(b)].sort(compareIds) as [string, string];
      edges.push({ source, target, weight: strengths[j] as number, jointPapers: entryPaperIds(network, j) });
    }
  }
  edges.sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target));
  return {
    description: `Co-authorship network: ${nodes.length} authors, ${edges.length} collaborations, ${network.papers.size} papers${weightingNote(weighting)}.`,
    centerId: null,
    truncated: false,
    weighting,
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
  weighting: TieWeighting = 'jointPapers',
): ExportableNetwork {
  const { network } = data;
  const strengths = cachedTieWeights(weightingSource(network), weighting);
  const entry = (source: string, target: string) =>
    entryOf(network.compact, network.authorIndex.get(source) as number, network.authorIndex.get(target) as number);
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
  const edges = ego.edges.map((edge): ExportEdge => {
    const j = entry(edge.source, edge.target);
    return {
      source: edge.source,
      target: edge.target,
      weight: strengths[j] as number,
      jointPapers: entryPaperIds(network, j),
    };
  });
  const centerName = network.authors.get(centerId)?.name ?? centerId;
  return {
    description:
      `Collaboration network of ${centerName}: ${options.depth} hop(s), ties of at least ${options.minJointPapers} joint paper(s), ` +
      `${nodes.length} authors, ${edges.length} collaborations${ego.truncated ? ` (truncated at ${options.maxNodes} authors)` : ''}${weightingNote(weighting)}.`,
    centerId,
    truncated: ego.truncated,
    weighting,
    nodes,
    edges,
  };
}

/** What the edge weights are, for a file's description (nothing for the default, joint papers). */
function weightingNote(weighting: TieWeighting): string {
  return weighting === 'jointPapers' ? '' : `; edge weights: ${weightingLabels[weighting]}`;
}

/** A label per weighting, for files and reports. */
export const weightingLabels: Readonly<Record<TieWeighting, string>> = {
  jointPapers: 'joint papers',
  fractional: "fractional counting (Newman's 1/(n − 1) per joint paper)",
  associationStrength: "association strength (VOSviewer's normalisation)",
};
