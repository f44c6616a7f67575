/**
 * GraphML (read by Gephi, Cytoscape, yEd, NetworkX `read_graphml`, igraph). Undirected; every node
 * and edge value is declared with a `<key>` and a type, so readers get numbers as numbers.
 */
import { centralityMetrics } from '../analysis/centrality.ts';
import type { ExportableNetwork } from './exportable-network.ts';
import { xmlText } from './xml-text.ts';

interface Key {
  readonly id: string;
  readonly for: 'node' | 'edge';
  readonly type: 'string' | 'int' | 'double';
}

export function toGraphml(network: ExportableNetwork): string {
  const hasLayout = network.nodes.some((node) => node.x !== null);
  const hasDistance = network.nodes.some((node) => node.distance !== null);
  const keys: Key[] = [
    { id: 'label', for: 'node', type: 'string' },
    { id: 'paperCount', for: 'node', type: 'int' },
    { id: 'community', for: 'node', type: 'int' },
    ...(hasDistance ? [{ id: 'distance', for: 'node', type: 'int' } as const] : []),
    ...(hasLayout
      ? [{ id: 'x', for: 'node', type: 'double' } as const, { id: 'y', for: 'node', type: 'double' } as const]
      : []),
    ...centralityMetrics.map((metric) => ({ id: metric, for: 'node', type: 'double' }) as const),
    { id: 'weight', for: 'edge', type: network.weighting === 'jointPapers' ? 'int' : 'double' },
    { id: 'jointPapers', for: 'edge', type: 'string' },
  ];
  const data = (key: string, value: string | number) => `<data key="${key}">${xmlText(value)}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${xmlText(network.description)}</desc>`,
    ...keys.map((key) => `  <key id="${key.id}" for="${key.for}" attr.name="${key.id}" attr.type="${key.type}"/>`),
    '  <graph id="coauthors" edgedefault="undirected">',
  ];
  for (const node of network.nodes) {
    const values = [
      data('label', node.label),
      data('paperCount', node.paperCount),
      data('community', node.community),
      ...(hasDistance && node.distance !== null ? [data('distance', node.distance)] : []),
      ...(hasLayout && node.x !== null && node.y !== null ? [data('x', node.x), data('y', node.y)] : []),
      ...centralityMetrics.map((metric) => data(metric, node.centrality[metric])),
    ];
    lines.push(`    <node id="${xmlText(node.id)}">${values.join('')}</node>`);
  }
  network.edges.forEach((edge, i) => {
    lines.push(
      `    <edge id="e${i}" source="${xmlText(edge.source)}" target="${xmlText(edge.target)}">${data('weight', edge.weight)}${data('jointPapers', edge.jointPapers.join(';'))}</edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
