/**
 * Whole-network figures: sizes, components, density (2E / n(n − 1), NetworkX's `density`) and
 * average degree (2E / n).
 */
import { connectedComponents } from 'graphology-components';
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
}

export function computeGraphStats(network: CoauthorNetwork): GraphStats {
  const { graph } = network;
  const n = graph.order;
  const e = graph.size;
  const components = connectedComponents(graph);
  let singleAuthorPaperCount = 0;
  for (const paper of network.papers.values()) if (paper.authorIds.length === 1) singleAuthorPaperCount += 1;
  return {
    paperCount: network.papers.size,
    authorCount: n,
    collaborationCount: e,
    componentCount: components.length,
    largestComponentSize: components.reduce((largest, component) => Math.max(largest, component.length), 0),
    isolatedAuthorCount: graph.filterNodes((node) => graph.degree(node) === 0).length,
    singleAuthorPaperCount,
    density: n > 1 ? (2 * e) / (n * (n - 1)) : 0,
    averageDegree: n > 0 ? (2 * e) / n : 0,
    maxJointPapers: graph.reduceEdges((max, _edge, attributes) => Math.max(max, attributes.weight), 0),
  };
}
