/** Which network an export covers: the whole network, or the drawn network around a center. */
import type { CentralityTable } from '../analysis/centrality.ts';
import type { EgoNetworkOptions } from '../analysis/ego-network.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import { type ExportFile, type RenderedExport, renderExport } from './export-formats.ts';
import { type ExportSource, egoNetworkExport, wholeNetworkExport } from './exportable-network.ts';

export interface ExportSelection extends EgoNetworkOptions {
  readonly centerId: string;
}

/** One export file of the whole network or of a drawn one, with these centrality values. */
export function exportNetwork(
  data: ExportSource,
  centrality: CentralityTable,
  file: ExportFile,
  selection: ExportSelection | null,
  weighting: TieWeighting = 'jointPapers',
): RenderedExport {
  const network =
    selection === null
      ? wholeNetworkExport(data, centrality, weighting)
      : egoNetworkExport(data, centrality, selection.centerId, selection, weighting);
  return renderExport(network, file);
}
