/**
 * `coauthor-graph report`: a centrality ranking as a table, CSV, JSON or Markdown; the network's figures
 * (`--summary`, report-summary.ts); or one self-contained HTML report (`--html`, report-html.ts). Over
 * the whole network or the papers of some years (`--years`), always with exact values.
 */
import { type AnalyzedNetwork, analyzeNetwork } from '../analysis/analyzed-network.ts';
import {
  type CentralityMetric,
  type CentralityTable,
  isWeightedMetric,
  tableUnderWeighting,
} from '../analysis/centrality.ts';
import { type ReportConfig, type ReportFormat, reportConfig } from '../config.ts';
import { csvField } from '../export/csv-field.ts';
import { weightingLabels } from '../export/exportable-network.ts';
import { writeFileAtomic } from '../files/atomic-file.ts';
import { NO_YEAR } from '../graph/network-columns.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import { isWholeRange, windowNetwork } from '../graph/year-window.ts';
import { exactCentrality } from './exact-centrality.ts';
import type { CommandIO } from './io.ts';
import type { LoadedData } from './load-data.ts';
import { ChartBundleMissingError, readChartScript, renderHtmlReport } from './report-html.ts';
import { networkSummary, renderSummary, yearsLabel } from './report-summary.ts';
import { loadServableSource } from './store-data.ts';
import { terminalSafeIO } from './terminal-text.ts';
import { errorMessage } from '../error-message.ts';

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

/** The years the papers of `network` span ("2016–2019"; null when none has a year). */
function yearSpan(network: CoauthorNetwork): string | null {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const year of network.columns.year) {
    if (year === NO_YEAR) continue;
    if (year < first) first = year;
    if (year > last) last = year;
  }
  return first > last ? null : first === last ? String(first) : `${first}-${last}`;
}

/** Where the network came from, for the HTML report's heading (paths as given, no cache file). */
function sourceOf(config: ReportConfig, loaded: LoadedData, description: string | null): string {
  if (description !== null) return description;
  if (loaded.source.kind === 'snapshot') return `the snapshot ${loaded.source.file}`;
  if (loaded.source.kind === 'store') return `network version ${loaded.source.versionId} of the shared store`;
  return `${config.files.join(', ')}${config.aliasFile === null ? '' : ` (aliases: ${config.aliasFile})`}`;
}

/**
 * `report`: a ranking (`--metric`), the network's figures (`--summary`) or the HTML report (`--html`),
 * of the whole network or of the papers of `--years`. `chartDirectory`: where the built chart script is
 * (tests; default src/web/dist).
 */
export async function reportCommand(
  args: readonly string[],
  terminal: CommandIO,
  options: { chartDirectory?: string } = {},
): Promise<number> {
  const config = reportConfig(args);
  for (const warning of config.warnings) terminal.err(`coauthor-graph report: warning: ${warning}\n`);
  // Names from data files: no control characters on the terminal (--csv-raw: the bytes as they are).
  const io = config.csvRaw ? terminal : terminalSafeIO(terminal);
  // A missing chart script is known before any data is read.
  let chartScript: string | null = null;
  if (config.html !== null) {
    try {
      chartScript = readChartScript(options.chartDirectory);
    } catch (error) {
      if (!(error instanceof ChartBundleMissingError)) throw error;
      io.err(`report: ${error.message}\n`);
      return 1;
    }
  }
  const result = await loadServableSource(config);
  if ('failure' in result) {
    io.err(`cannot report: ${result.failure}\n`);
    return 1;
  }
  const { data } = result.servable;
  let window: AnalyzedNetwork | null = null;
  try {
    if (!isWholeRange(config.years)) {
      const network = windowNetwork(data.network, config.years);
      if (network.papers.size === 0) {
        const span = yearSpan(data.network);
        io.err(
          `report: no paper falls in the years ${yearsLabel(config.years)} (${span === null ? 'no paper of the data has a year' : `the data's papers span ${span}`})\n`,
        );
        return 1;
      }
      // The window's network, analyzed as a network in its own right (its exact pass is not cached).
      window = analyzeNetwork(network, {
        sampleSize: config.sampleSize,
        ...(config.firstSampleSize === null ? {} : { firstSampleSize: config.firstSampleSize }),
        ...(config.threads === null ? {} : { threads: config.threads }),
      });
    }
    const analyzed = window ?? data;
    const exact = await exactCentrality(analyzed, io, 'report', { cached: window === null });
    if (config.summary) {
      const summary = networkSummary(analyzed.stats, exact.pathFigures(), config.years);
      io.out(renderSummary(summary, config.format, { csvRaw: config.csvRaw }));
      return 0;
    }
    const table = tableUnderWeighting(analyzed.network, exact, config.weighting);
    if (config.html !== null) {
      if (chartScript === null) throw new Error('report: the chart script was not read (it is read before the data)');
      const page = renderHtmlReport(
        {
          network: analyzed.network,
          table,
          summary: networkSummary(analyzed.stats, exact.pathFigures(), config.years),
          weighting: config.weighting,
          top: config.top,
          source: sourceOf(config, result.servable.loaded, result.description),
        },
        chartScript,
      );
      try {
        writeFileAtomic(config.html, page);
      } catch (error) {
        io.err(`report: cannot write ${config.html}: ${errorMessage(error)}\n`);
        return 1;
      }
      io.err(`report: wrote ${config.html} (${Math.round(page.length / 1024)} KiB)\n`);
      return 0;
    }
    const metric = config.metric;
    if (metric === null)
      throw new Error('report: no metric (the configuration asks for --metric, --summary or --html)');
    io.out(
      renderReport(reportRows(table, analyzed, metric, config.top), metric, config.format, {
        csvRaw: config.csvRaw,
        weighting: isWeightedMetric(metric) ? config.weighting : 'jointPapers',
      }),
    );
  } finally {
    window?.dispose();
    data.dispose();
    // The exact values go to the cache in the background: the next run reads them only once written.
    await result.servable.writes();
  }
  return 0;
}
