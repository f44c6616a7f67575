/**
 * `coauthor-graph report --summary`: the network's figures (those of the API's `graphStats`) as the
 * table a bibliometrics paper opens with, in Markdown (the default), CSV, JSON or an aligned table.
 * The largest component's average shortest path length and diameter come from the exact all-pairs
 * pass; when they are estimates (`figuresExact: false`) every format says so.
 */
import type { PathFigures } from '../analysis/all-pairs-centrality.ts';
import type { GraphStats } from '../analysis/graph-stats.ts';
import type { ReportFormat } from '../config.ts';
import { csvField } from '../export/csv-field.ts';
import { type YearRange, isWholeRange } from '../graph/year-window.ts';

export interface NetworkSummary extends GraphStats {
  readonly years: YearRange;
  /** Null for an empty network. */
  readonly averageShortestPathLength: number | null;
  readonly diameter: number | null;
  /** Whether the two figures above are exact (false: estimated from a sample of authors). */
  readonly figuresExact: boolean;
}

export function networkSummary(stats: GraphStats, paths: PathFigures | null, years: YearRange): NetworkSummary {
  return {
    years,
    ...stats,
    averageShortestPathLength: stats.authorCount === 0 ? null : (paths?.averageShortestPathLength ?? null),
    diameter: stats.authorCount === 0 ? null : (paths?.diameter ?? null),
    figuresExact: paths?.exact ?? true,
  };
}

type FigureKey = Exclude<keyof NetworkSummary, 'years' | 'figuresExact'>;

/** The figures in the order printed, with their labels; `fromPass`: from the all-pairs pass (an estimate until it is exact). */
export const summaryFigures: readonly { key: FigureKey; label: string; fromPass?: true }[] = [
  { key: 'paperCount', label: 'Papers' },
  { key: 'authorCount', label: 'Authors' },
  { key: 'collaborationCount', label: 'Ties (co-author pairs)' },
  { key: 'averageDegree', label: 'Mean degree (co-authors per author)' },
  { key: 'density', label: 'Density' },
  { key: 'maxJointPapers', label: 'Most joint papers of one pair' },
  { key: 'singleAuthorPaperCount', label: 'Single-author papers' },
  { key: 'isolatedAuthorCount', label: 'Authors without co-authors' },
  { key: 'componentCount', label: 'Components' },
  { key: 'largestComponentSize', label: 'Largest component (authors)' },
  { key: 'largestComponentShare', label: "Largest component's share of authors" },
  { key: 'averageShortestPathLength', label: 'Average shortest path length (largest component)', fromPass: true },
  { key: 'diameter', label: 'Diameter (largest component)', fromPass: true },
  { key: 'degeneracy', label: 'Degeneracy (largest k-core)' },
  { key: 'transitivity', label: 'Transitivity (global clustering)' },
  { key: 'averageClustering', label: 'Average clustering' },
  { key: 'degreeAssortativity', label: 'Degree assortativity' },
  { key: 'maxAuthorsPerPaper', label: 'Author limit per paper' },
  { key: 'papersOverAuthorLimit', label: 'Papers over the author limit (no ties)' },
];

/** "2016-2019", "2016-", "-2019", or "all" for the whole network. */
export function yearsLabel(years: YearRange): string {
  if (isWholeRange(years)) return 'all';
  if (years.from !== null && years.from === years.to) return String(years.from);
  return `${years.from ?? ''}-${years.to ?? ''}`;
}

/** A figure for people: whole numbers as they are, others to 6 significant digits. */
export function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6);
}

export interface SummaryRow {
  readonly key: FigureKey | 'years';
  readonly label: string;
  /** As printed in Markdown and the aligned table. */
  readonly text: string;
  /** Full precision (null: no value). */
  readonly value: number | string | null;
  readonly exact: boolean;
}

/** The rows of every format: the window first, then the figures. */
export function summaryRows(summary: NetworkSummary): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: 'years', label: 'Years', text: yearsLabel(summary.years), value: yearsLabel(summary.years), exact: true },
  ];
  for (const { key, label, fromPass } of summaryFigures) {
    const value = summary[key];
    const exact = fromPass !== true || summary.figuresExact;
    let text: string;
    if (value === null)
      text = key === 'maxAuthorsPerPaper' ? 'none' : key === 'degreeAssortativity' ? 'undefined' : 'n/a';
    else if (exact) text = formatFigure(value);
    // A diameter from a sample of sources is the largest eccentricity seen: a lower bound.
    else text = key === 'diameter' ? `≥ ${formatFigure(value)} (estimate)` : `${formatFigure(value)} (estimate)`;
    rows.push({ key, label, text, value, exact });
  }
  return rows;
}

function markdownCell(text: string): string {
  return text.replace(/\|/gu, '\\|');
}

/** `csvRaw`: CSV text cells as they are (by default one that would start a spreadsheet formula gets a quote before it). */
export function renderSummary(
  summary: NetworkSummary,
  format: ReportFormat,
  options: { csvRaw?: boolean } = {},
): string {
  const rows = summaryRows(summary);
  switch (format) {
    case 'json': {
      const figures: Record<string, unknown> = { years: summary.years };
      for (const { key } of summaryFigures) figures[key] = summary[key];
      figures.figuresExact = summary.figuresExact;
      return `${JSON.stringify(figures, null, 2)}\n`;
    }
    case 'csv':
      return `figure,description,value,exact\n${rows
        .map((row) =>
          [
            row.key,
            csvField(row.label),
            row.value === null ? '' : csvField(row.value, { raw: options.csvRaw }),
            row.exact,
          ].join(','),
        )
        .join('\n')}\n`;
    case 'markdown':
      return (
        [
          '| Figure | Value |',
          '| --- | ---: |',
          ...rows.map((row) => `| ${markdownCell(row.label)} | ${markdownCell(row.text)} |`),
        ].join('\n') + '\n'
      );
    case 'table': {
      const width = Math.max(...rows.map((row) => [...row.label].length));
      return (
        rows.map((row) => `${row.label}${' '.repeat(width - [...row.label].length)}  ${row.text}`).join('\n') + '\n'
      );
    }
  }
}
