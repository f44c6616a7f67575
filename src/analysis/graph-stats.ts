/**
 * Whole-network figures: sizes, components, density (2E / n(n − 1), NetworkX's `density`) and
 * average degree (2E / n).
 */
import { connectedComponents } from '../graph/compact-graph.ts';
import type { CoauthorNetwork } from '../graph/network.ts';

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
}

export function computeGraphStats(network: CoauthorNetwork): GraphStats {
  const { compact } = network;
  const n = compact.order;
  const e = compact.edgeCount;
  const { sizes } = connectedComponents(compact);
  let singleAuthorPaperCount = 0;
  for (const paper of network.papers.values()) if (paper.authorIds.length === 1) singleAuthorPaperCount += 1;
  let isolatedAuthorCount = 0;
  for (let i = 0; i < n; i += 1) if (compact.offsets[i] === compact.offsets[i + 1]) isolatedAuthorCount += 1;
  let maxJointPapers = 0;
  for (const weight of compact.weights) if (weight > maxJointPapers) maxJointPapers = weight;
  return {
    paperCount: network.papers.size,
    authorCount: n,
    collaborationCount: e,
    componentCount: sizes.length,
    largestComponentSize: sizes.reduce((largest, size) => Math.max(largest, size), 0),
    isolatedAuthorCount,
    singleAuthorPaperCount,
    density: n > 1 ? (2 * e) / (n * (n - 1)) : 0,
    averageDegree: n > 0 ? (2 * e) / n : 0,
    maxJointPapers,
    maxAuthorsPerPaper: network.maxAuthorsPerPaper,
    papersOverAuthorLimit: network.papersOverAuthorLimit,
  };
}
