/** The export formats by name: what each file is called and how it is written. */
import { toEdgesCsv, toNodesCsv } from './csv.ts';
import type { CsvOptions } from './csv-field.ts';
import type { ExportableNetwork } from './exportable-network.ts';
import { toGexf } from './gexf.ts';
import { toGraphml } from './graphml.ts';
import { toVosviewer } from './vosviewer.ts';

export const exportFiles = ['gexf', 'graphml', 'vosviewer', 'nodes-csv', 'edges-csv'] as const;
export type ExportFile = (typeof exportFiles)[number];

export interface ExportFileType {
  readonly extension: string;
  readonly mediaType: string;
  /** `options` apply to the CSV tables (formulas neutralised unless `raw`). */
  readonly render: (network: ExportableNetwork, options?: CsvOptions) => string;
}

export const exportFileTypes: Readonly<Record<ExportFile, ExportFileType>> = {
  gexf: { extension: '.gexf', mediaType: 'application/gexf+xml', render: toGexf },
  graphml: { extension: '.graphml', mediaType: 'application/graphml+xml', render: toGraphml },
  vosviewer: { extension: '.json', mediaType: 'application/json', render: toVosviewer },
  'nodes-csv': { extension: '.nodes.csv', mediaType: 'text/csv', render: toNodesCsv },
  'edges-csv': { extension: '.edges.csv', mediaType: 'text/csv', render: toEdgesCsv },
};

/** A file name for an export: the center's id (or "coauthor-network") and the format's extension. */
export function exportFileName(network: ExportableNetwork, file: ExportFile): string {
  const stem = network.centerId === null ? 'coauthor-network' : `${network.centerId}-network`;
  return `${stem}${exportFileTypes[file].extension}`;
}

export interface RenderedExport {
  readonly file: ExportFile;
  readonly fileName: string;
  readonly mediaType: string;
  readonly content: string;
  readonly truncated: boolean;
}

/** One export file of a selected network, ready to save. */
export function renderExport(network: ExportableNetwork, file: ExportFile): RenderedExport {
  const type = exportFileTypes[file];
  return {
    file,
    fileName: exportFileName(network, file),
    mediaType: type.mediaType,
    content: type.render(network),
    truncated: network.truncated,
  };
}
