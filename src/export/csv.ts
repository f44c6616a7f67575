/**
 * Node and edge tables as CSV (RFC 4180), with the column names Gephi's spreadsheet import
 * recognises (`Id`, `Label`; `Source`, `Target`, `Type`, `Weight`). Ids of joint papers are
 * separated by semicolons.
 */
import { centralityMetrics } from '../analysis/centrality.ts';
import type { ExportableNetwork } from './exportable-network.ts';

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

function table(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

export function toNodesCsv(network: ExportableNetwork): string {
  return table(
    ['Id', 'Label', 'PaperCount', 'Community', 'Distance', 'X', 'Y', ...centralityMetrics.map((metric) => metric[0]!.toUpperCase() + metric.slice(1))],
    network.nodes.map((node) => [node.id, node.label, node.paperCount, node.community, node.distance, node.x, node.y, ...centralityMetrics.map((metric) => node.centrality[metric])]),
  );
}

export function toEdgesCsv(network: ExportableNetwork): string {
  const labels = new Map(network.nodes.map((node) => [node.id, node.label]));
  return table(
    ['Source', 'Target', 'Type', 'Weight', 'SourceLabel', 'TargetLabel', 'JointPapers'],
    network.edges.map((edge) => [edge.source, edge.target, 'Undirected', edge.weight, labels.get(edge.source) ?? '', labels.get(edge.target) ?? '', edge.jointPapers.join(';')]),
  );
}
