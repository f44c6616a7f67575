/**
 * `coauthor-graph export`: the whole network, or the drawn network around one author, as GEXF,
 * GraphML, VOSviewer JSON or CSV tables, on standard output or into a file.
 *
 * CSV is two tables. With `--out net.csv` they go to `net.nodes.csv` and `net.edges.csv` (or only
 * the one `--table` names, to `--out` itself); on standard output, `--table` picks one, and without
 * it the node table, a blank line and the edge table follow each other. A text cell that would start
 * a spreadsheet formula gets a single quote before it, unless `--csv-raw` is given.
 */
import { writeFileSync } from 'node:fs';
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import { type CentralityTable, tableUnderWeighting } from '../analysis/centrality.ts';
import { type ExportConfig, exportConfig } from '../config.ts';
import { exportFileTypes } from '../export/export-formats.ts';
import { type ExportableNetwork, egoNetworkExport, wholeNetworkExport } from '../export/exportable-network.ts';
import { findAuthorByName } from '../graph/lookup.ts';
import { exactCentrality } from './exact-centrality.ts';
import type { CommandIO } from './io.ts';
import { loadServableSource } from './store-data.ts';

function selectNetwork(
  data: AnalyzedNetwork,
  centrality: CentralityTable,
  config: ExportConfig,
): ExportableNetwork | string {
  if (config.center === null) return wholeNetworkExport(data, centrality, config.weighting);
  const author = data.network.authors.get(config.center) ?? findAuthorByName(data.network, config.center);
  if (author === null || author === undefined)
    return `no author has the id or name "${config.center}" (see "coauthor-graph report" or the authors query for ids)`;
  return egoNetworkExport(
    data,
    centrality,
    author.id,
    {
      depth: config.depth,
      minJointPapers: config.minJointPapers,
      maxNodes: config.maxNodes,
    },
    config.weighting,
  );
}

/** The files to write: [path or null for standard output, contents]. */
function outputs(network: ExportableNetwork, config: ExportConfig): [string | null, string][] {
  if (config.format !== 'csv') {
    const type = exportFileTypes[config.format];
    return [[config.out, type.render(network)]];
  }
  const options = { raw: config.csvRaw };
  const nodes = exportFileTypes['nodes-csv'].render(network, options);
  const edges = exportFileTypes['edges-csv'].render(network, options);
  if (config.table !== null) return [[config.out, config.table === 'nodes' ? nodes : edges]];
  if (config.out === null) return [[null, `${nodes}\r\n${edges}`]];
  const stem = config.out.replace(/\.csv$/iu, '');
  return [
    [`${stem}.nodes.csv`, nodes],
    [`${stem}.edges.csv`, edges],
  ];
}

export async function exportCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const config = exportConfig(args);
  for (const warning of config.warnings) io.err(`coauthor-graph export: warning: ${warning}\n`);
  const result = await loadServableSource(config);
  if ('failure' in result) {
    io.err(`cannot export: ${result.failure}\n`);
    return 1;
  }
  const { data } = result.servable;
  let network: ExportableNetwork | string;
  try {
    // Files keep exact values: on a large network this waits for the exact pass (or reads the cache).
    const exact = await exactCentrality(data, io, 'export');
    network = selectNetwork(data, tableUnderWeighting(data.network, exact, config.weighting), config);
  } finally {
    data.dispose();
    // The exact values go to the cache in the background: the next run reads them only once written.
    await result.servable.writes();
  }
  if (typeof network === 'string') {
    io.err(`coauthor-graph export: ${network}\n`);
    return 1;
  }
  for (const [path, text] of outputs(network, config)) {
    if (path === null) {
      io.out(text);
    } else {
      writeFileSync(path, text);
      io.err(`wrote ${path}\n`);
    }
  }
  if (network.truncated)
    io.err(`note: the network was truncated at ${config.maxNodes} authors (raise --max-nodes to include more)\n`);
  return 0;
}
