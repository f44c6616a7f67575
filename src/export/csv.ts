/**
 * Node and edge tables as CSV (RFC 4180), with the column names Gephi's spreadsheet import
 * recognises (`Id`, `Label`; `Source`, `Target`, `Type`, `Weight`). Ids of joint papers are
 * separated by semicolons. Text cells that would start a formula are neutralised (see csv-field.ts)
 * unless `raw` is asked for.
 */
import { centralityMetrics } from '../analysis/centrality.ts';
import { type CsvOptions, csvField } from './csv-field.ts';
import type { ExportableNetwork } from './exportable-network.ts';

function table(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  options: CsvOptions,
): string {
  return [header, ...rows].map((row) => row.map((value) => csvField(value, options)).join(',')).join('\r\n') + '\r\n';
}

export function toNodesCsv(network: ExportableNetwork, options: CsvOptions = {}): string {
  return table(
    [
      'Id',
      'Label',
      'PaperCount',
      'Community',
      'Distance',
      'X',
      'Y',
      ...centralityMetrics.map((metric) => metric[0]!.toUpperCase() + metric.slice(1)),
    ],
    network.nodes.map((node) => [
      node.id,
      node.label,
      node.paperCount,
      node.community,
      node.distance,
      node.x,
      node.y,
      ...centralityMetrics.map((metric) => node.centrality[metric]),
    ]),
    options,
  );
}

export function toEdgesCsv(network: ExportableNetwork, options: CsvOptions = {}): string {
  const labels = new Map(network.nodes.map((node) => [node.id, node.label]));
  return table(
    ['Source', 'Target', 'Type', 'Weight', 'SourceLabel', 'TargetLabel', 'JointPapers'],
    network.edges.map((edge) => [
      edge.source,
      edge.target,
      'Undirected',
      edge.weight,
      labels.get(edge.source) ?? '',
      labels.get(edge.target) ?? '',
      edge.jointPapers.join(';'),
    ]),
    options,
  );
}
