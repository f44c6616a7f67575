/** Which network an export covers: the whole network, or the drawn network around a center. */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { EgoNetworkOptions } from '../analysis/ego-network.ts';
import { type ExportFile, type RenderedExport, renderExport } from './export-formats.ts';
import { egoNetworkExport, wholeNetworkExport } from './exportable-network.ts';

export interface ExportSelection extends EgoNetworkOptions {
  readonly centerId: string;
}

export function exportNetwork(data: AnalyzedNetwork, file: ExportFile, selection: ExportSelection | null): RenderedExport {
  const network = selection === null ? wholeNetworkExport(data) : egoNetworkExport(data, selection.centerId, selection);
  return renderExport(network, file);
}
