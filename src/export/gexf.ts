/**
 * GEXF 1.2 (Gephi's own format; 1.2 rather than 1.3 because more readers know it, NetworkX among them),
 * written by graphology-gexf. Nodes carry the author's name as label,
 * community colour and (for a drawn network) the server's layout as `viz` data, and their figures as
 * typed attributes; edges carry the joint-paper count as weight. The writer escapes markup but keeps
 * characters XML 1.0 forbids (control characters), which Gephi refuses: those are dropped first.
 */
import { UndirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import { communityColor } from './community-colors.ts';
import type { ExportableNetwork, ExportNode } from './exportable-network.ts';
import { xmlSafe } from './xml-text.ts';

/** Gephi's canvas works in units of hundreds: the layout's unit circle becomes a 1,000-unit one. */
const GEPHI_SCALE = 1000;

function nodeAttributes(node: ExportNode): Record<string, string | number> {
  const attributes: Record<string, string | number> = {
    paperCount: node.paperCount,
    community: node.community,
    ...node.centrality,
  };
  if (node.distance !== null) attributes.distance = node.distance;
  return attributes;
}

export function toGexf(network: ExportableNetwork): string {
  const graph = new UndirectedGraph();
  graph.setAttribute('description', xmlSafe(network.description));
  for (const node of network.nodes) graph.addNode(node.id, { node });
  // Keyed by position, so that the same network always gives the same file (graphology's own keys count the graphs made before).
  network.edges.forEach((edge, index) =>
    graph.addEdgeWithKey(`e${index}`, edge.source, edge.target, {
      weight: edge.weight,
      jointPapers: edge.jointPapers.join(';'),
    }),
  );
  return write(graph, {
    version: '1.2',
    pretty: true,
    formatNode: (_key, attributes) => {
      const node = attributes.node as ExportNode;
      const size = 4 + 2 * Math.sqrt(node.paperCount);
      return {
        label: xmlSafe(node.label),
        attributes: nodeAttributes(node),
        viz:
          node.x === null || node.y === null
            ? { color: communityColor(node.community), size }
            : { color: communityColor(node.community), size, x: node.x * GEPHI_SCALE, y: node.y * GEPHI_SCALE },
      };
    },
    formatEdge: (_key, attributes) => ({
      weight: attributes.weight as number,
      attributes: { jointPapers: xmlSafe(attributes.jointPapers as string) },
    }),
  });
}
