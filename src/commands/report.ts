/** `coauthor-graph report`: a centrality ranking as a table, CSV, JSON or Markdown. */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import {
  type CentralityMetric,
  type CentralityTable,
  isWeightedMetric,
  tableUnderWeighting,
} from '../analysis/centrality.ts';
import { type ReportFormat, reportConfig } from '../config.ts';
import { csvField } from '../export/csv-field.ts';
import { weightingLabels } from '../export/exportable-network.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import { exactCentrality } from './exact-centrality.ts';
import type { CommandIO } from './io.ts';
import { loadServableSource } from './store-data.ts';
import { terminalSafeIO } from './terminal-text.ts';

export interface ReportRow {
  readonly rank: number;
  readonly id: string;
  readonly name: string;
  readonly score: number;
}

export function reportRows(
  table: CentralityTable,
  data: AnalyzedNetwork,
  metric: CentralityMetric,
  top: number,
): ReportRow[] {
  return table
    .ranking(metric)
    .slice(0, top)
    .map((entry) => ({
      rank: entry.rank,
      id: entry.authorId,
      name: data.network.authors.get(entry.authorId)?.name ?? entry.authorId,
      score: entry.score,
    }));
}

function markdownCell(value: string): string {
  return value.replace(/\|/gu, '\\|');
}

/** `csvRaw`: CSV text cells as they are (by default one that would start a spreadsheet formula gets a quote before it). */
export function renderReport(
  rows: readonly ReportRow[],
  metric: CentralityMetric,
  format: ReportFormat,
  options: { csvRaw?: boolean; weighting?: TieWeighting } = {},
): string {
  // A weighting other than joint papers is named with the scores (JSON: a `weighting` key; else in the heading).
  const weighting = options.weighting ?? 'jointPapers';
  const heading = weighting === 'jointPapers' ? metric : `${metric} (${weightingLabels[weighting]})`;
  switch (format) {
    case 'json':
      return `${JSON.stringify(weighting === 'jointPapers' ? { metric, authors: rows } : { metric, weighting, authors: rows }, null, 2)}\n`;
    case 'csv':
      return `rank,id,name,${csvField(heading)}\n${rows.map((row) => [csvField(row.rank), csvField(row.id, { raw: options.csvRaw }), csvField(row.name, { raw: options.csvRaw }), csvField(row.score)].join(',')).join('\n')}\n`;
    case 'markdown':
      return (
        [
          `| rank | author | id | ${markdownCell(heading)} |`,
          '| ---: | --- | --- | ---: |',
          ...rows.map(
            (row) =>
              `| ${row.rank} | ${markdownCell(row.name)} | ${markdownCell(row.id)} | ${row.score.toPrecision(6)} |`,
          ),
        ].join('\n') + '\n'
      );
    case 'table': {
      const cells = [
        ['rank', 'author', 'id', heading],
        ...rows.map((row) => [String(row.rank), row.name, row.id, row.score.toPrecision(6)]),
      ];
      const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
      const pad = (text: string, column: number) => {
        const room = ' '.repeat((widths[column] ?? 0) - [...text].length);
        return column === 0 || column === 3 ? room + text : text + room;
      };
      return cells.map((row) => row.map(pad).join('  ').trimEnd()).join('\n') + '\n';
    }
  }
}

export async function reportCommand(args: readonly string[], terminal: CommandIO): Promise<number> {
  const config = reportConfig(args);
  for (const warning of config.warnings) terminal.err(`coauthor-graph report: warning: ${warning}\n`);
  // Names from data files: no control characters on the terminal (--csv-raw: the bytes as they are).
  const io = config.csvRaw ? terminal : terminalSafeIO(terminal);
  const result = await loadServableSource(config);
  if ('failure' in result) {
    io.err(`cannot report: ${result.failure}\n`);
    return 1;
  }
  const { data } = result.servable;
  try {
    io.out(
      renderReport(
        reportRows(
          tableUnderWeighting(data.network, await exactCentrality(data, io, 'report'), config.weighting),
          data,
          config.metric,
          config.top,
        ),
        config.metric,
        config.format,
        { csvRaw: config.csvRaw, weighting: isWeightedMetric(config.metric) ? config.weighting : 'jointPapers' },
      ),
    );
  } finally {
    data.dispose();
  }
  return 0;
}
