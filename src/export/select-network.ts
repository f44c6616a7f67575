/** Which network an export covers: the whole network, or the drawn network around a center. */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { EgoNetworkOptions } from '../analysis/ego-network.ts';
import { type ExportFile, type RenderedExport, renderExport } from './export-formats.ts';
import { egoNetworkExport, wholeNetworkExport } from './exportable-network.ts';

export interface ExportSelection extends EgoNetworkOptions {
  readonly centerId: string;
}

/** With the best centrality values there are (estimates on a large network until the exact pass is done). */
export async function exportNetwork(data: AnalyzedNetwork, file: ExportFile, selection: ExportSelection | null): Promise<RenderedExport> {
  const centrality = await data.centrality();
  const network = selection === null ? wholeNetworkExport(data, centrality) : egoNetworkExport(data, centrality, selection.centerId, selection);
  return renderExport(network, file);
}
