/**
 * Whole-network figures: sizes, components, density (2E / n(n − 1), NetworkX's `density`), average
 * degree (2E / n), and the structure figures: degeneracy, transitivity and average clustering (computed
 * with the local metrics, centrality.ts), degree assortativity (assortativity.ts) and the largest
 * component's share of all authors. The largest component's path figures come from the all-pairs pass
 * instead (`CentralityTable.pathFigures`).
 */
import { connectedComponents } from '../graph/compact-graph.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import { degreeAssortativity } from './assortativity.ts';
import type { StructureFigures } from './centrality.ts';
import { averageClustering, localClustering, transitivity } from './clustering.ts';
import { coreNumbers, degeneracy } from './coreness.ts';
import { countTriangles } from './triangles.ts';

export interface GraphStats {
  readonly paperCount: number;
  readonly authorCount: number;
  readonly collaborationCount: number;
  readonly componentCount: number;
  readonly largestComponentSize: number;
  readonly isolatedAuthorCount: number;
  readonly singleAuthorPaperCount: number;
  readonly density: number;
  readonly averageDegree: number;
  readonly maxJointPapers: number;
  /** The author limit ties were built with (null: none). */
  readonly maxAuthorsPerPaper: number | null;
  /** Papers kept without ties because they have more authors than the limit. */
  readonly papersOverAuthorLimit: number;
  readonly degeneracy: number;
  readonly transitivity: number;
  readonly averageClustering: number;
  /** Null where undefined (NetworkX: NaN): no ties, or every tie joins authors of equal degree. */
  readonly degreeAssortativity: number | null;
  /** Authors in the largest component / all authors (0 for an empty network). */
  readonly largestComponentShare: number;
}

/** `figures`: the structure figures computed with the local metrics (computed here when not given). */
export function computeGraphStats(
  network: CoauthorNetwork,
  figures: StructureFigures = structureFigures(network),
): GraphStats {
  const { compact } = network;
  const n = compact.order;
  const e = compact.edgeCount;
  const { sizes } = connectedComponents(compact);
  let singleAuthorPaperCount = 0;
  // From the byline offsets: decoding every paper costs seconds on the ACL Anthology.
  const { bylineOffsets } = network.columns;
  for (let paper = 0; paper + 1 < bylineOffsets.length; paper += 1)
    if ((bylineOffsets[paper + 1] as number) - (bylineOffsets[paper] as number) === 1) singleAuthorPaperCount += 1;
  let isolatedAuthorCount = 0;
  for (let i = 0; i < n; i += 1) if (compact.offsets[i] === compact.offsets[i + 1]) isolatedAuthorCount += 1;
  let maxJointPapers = 0;
  // Indexed: a typed array's iterator cost tens of milliseconds here on the ACL Anthology.
  const { weights } = compact;
  for (let k = 0; k < weights.length; k += 1)
    if ((weights[k] as number) > maxJointPapers) maxJointPapers = weights[k] as number;
  const largestComponentSize = sizes.reduce((largest, size) => Math.max(largest, size), 0);
  return {
    paperCount: network.papers.size,
    authorCount: n,
    collaborationCount: e,
    componentCount: sizes.length,
    largestComponentSize,
    isolatedAuthorCount,
    singleAuthorPaperCount,
    density: n > 1 ? (2 * e) / (n * (n - 1)) : 0,
    averageDegree: n > 0 ? (2 * e) / n : 0,
    maxJointPapers,
    maxAuthorsPerPaper: network.maxAuthorsPerPaper,
    papersOverAuthorLimit: network.papersOverAuthorLimit,
    degeneracy: figures.degeneracy,
    transitivity: figures.transitivity,
    averageClustering: figures.averageClustering,
    degreeAssortativity: degreeAssortativity(compact),
    largestComponentShare: n > 0 ? largestComponentSize / n : 0,
  };
}

export function structureFigures(network: CoauthorNetwork): StructureFigures {
  const graph = network.compact;
  const triangles = countTriangles(graph, { tieSums: false });
  return {
    degeneracy: degeneracy(coreNumbers(graph)),
    transitivity: transitivity(graph, triangles),
    averageClustering: averageClustering(localClustering(graph, triangles)),
  };
}
