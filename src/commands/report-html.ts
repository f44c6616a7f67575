/**
 * `coauthor-graph report --html FILE`: one self-contained HTML file with the network's figures (as
 * `--summary`), its growth year by year, the degree, centrality and component-size distributions on
 * log-log axes, and the top authors by every metric. The charts are drawn by Chart.js, bundled with
 * the report's chart script at install time (src/web/build.ts) and inlined here: the file opens
 * offline and fetches nothing (its Content-Security-Policy allows no connection at all).
 *
 * Names and titles come from the data files, which nobody vouches for: every text in the page is
 * HTML-escaped, the charts' numbers travel as JSON in a non-executed `application/json` block with
 * every `<` escaped, no name reaches a chart, and the policy runs only the two scripts whose hashes it
 * names, so even a name that slipped through could not run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CentralityMetric,
  type CentralityTable,
  centralityMetrics,
  isWeightedMetric,
} from '../analysis/centrality.ts';
import { componentSizeDistribution, degreeDistribution, tailDistribution } from '../analysis/distributions.ts';
import { type NetworkGrowth, networkGrowth } from '../analysis/growth.ts';
import { weightingLabels } from '../export/exportable-network.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import { BUILD_COMMAND, REPORT_CHARTS_FILE, bundleDirectory } from '../web/locations.ts';
import type { ReportChart } from '../web/report-chart-types.ts';
import { type NetworkSummary, formatFigure, summaryRows, yearsLabel } from './report-summary.ts';

export class ChartBundleMissingError extends Error {
  override readonly name = 'ChartBundleMissingError';
}

/** The built chart script, read at run time (the command never bundles anything itself). */
export function readChartScript(directory: string = bundleDirectory): string {
  const path = join(directory, REPORT_CHARTS_FILE);
  if (!existsSync(path))
    throw new ChartBundleMissingError(
      `the report's chart script is missing (${path}): build it with \`${BUILD_COMMAND}\` (npm install and npm ci run it too)`,
    );
  const script = readFileSync(path, 'utf8');
  // Inlined as it is: a "</script" inside would end it early (the build refuses such a bundle).
  if (/<\/script/iu.test(script))
    throw new ChartBundleMissingError(`the report's chart script ${path} holds "</script" and cannot be inlined`);
  return script;
}

export const metricLabels: Readonly<Record<CentralityMetric, string>> = {
  degree: 'Degree centrality',
  weightedDegree: 'Weighted degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  harmonic: 'Harmonic centrality',
  eigenvector: 'Eigenvector centrality',
  pagerank: 'PageRank',
  coreness: 'Coreness (k-core)',
  clustering: 'Local clustering',
  constraint: "Burt's constraint",
  effectiveSize: 'Effective size',
};

const metricNotes: Readonly<Record<CentralityMetric, string>> = {
  degree: 'co-authors / (authors − 1)',
  weightedDegree: 'sum of tie strengths',
  betweenness: 'shortest paths through the author, normalised',
  closeness: 'inverse mean distance, Wasserman–Faust',
  harmonic: 'sum of 1 / distance',
  eigenvector: 'tie strengths as weights, unit length',
  pagerank: 'damping 0.85, tie strengths as weights',
  coreness: 'the largest k of a k-core holding the author',
  clustering: 'share of co-author pairs who wrote together',
  constraint: 'unweighted; lowest first: brokers',
  effectiveSize: 'unweighted; non-redundant co-authors',
};

/** The metrics whose distributions are drawn (clustering and constraint live in [0, 1]: no tail to show). */
const tailMetrics = [
  'weightedDegree',
  'betweenness',
  'closeness',
  'harmonic',
  'eigenvector',
  'pagerank',
  'coreness',
  'effectiveSize',
] as const satisfies readonly CentralityMetric[];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

export interface HtmlReportInput {
  readonly network: CoauthorNetwork;
  /** Scores under `weighting`, exact. */
  readonly table: CentralityTable;
  readonly summary: NetworkSummary;
  readonly weighting: TieWeighting;
  /** Authors per metric table. */
  readonly top: number;
  /** Where the network came from (files, snapshot, store version), for the page's heading. */
  readonly source: string;
}

interface Section {
  readonly html: string;
  readonly charts: ReportChart[];
}

function canvas(chart: ReportChart): string {
  return `<figure class="chart"><div class="plot"><canvas data-chart="${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div></figure>`;
}

function summarySection(summary: NetworkSummary): string {
  const rows = summaryRows(summary)
    .map(
      (row) =>
        `<tr${row.exact ? '' : ' class="estimate"'}><th scope="row">${escapeHtml(row.label)}</th><td>${escapeHtml(row.text)}</td></tr>`,
    )
    .join('\n');
  const note = summary.figuresExact
    ? ''
    : '<p class="note">Figures marked “estimate” come from a sample of authors: the exact all-pairs pass had not finished.</p>';
  return `<section id="figures"><h2>The network</h2>
<table class="figures"><tbody>
${rows}
</tbody></table>${note}</section>`;
}

function growthSection(growth: NetworkGrowth): Section {
  const without =
    growth.papersWithoutYear === 0 ? '' : ` ${growth.papersWithoutYear} paper(s) without a year are in no year.`;
  if (growth.years.length === 0)
    return {
      html: `<section id="growth"><h2>Growth year by year</h2><p class="note">No paper has a year: there is no growth to draw.${without}</p></section>`,
      charts: [],
    };
  const series = (label: string, pick: (year: NetworkGrowth['years'][number]) => number) => ({
    label,
    points: growth.years.map((year) => [year.year, pick(year)] as const),
  });
  const perYear: ReportChart = {
    id: 'growth-per-year',
    kind: 'years',
    title: 'Each year: papers, authors and ties of that year',
    xLabel: 'year',
    yLabel: 'count',
    series: [
      series('papers', (year) => year.papers),
      series('authors', (year) => year.authors),
      series('ties', (year) => year.ties),
    ],
  };
  const cumulative: ReportChart = {
    id: 'growth-cumulative',
    kind: 'years',
    title: 'Up to each year: the network so far',
    xLabel: 'year',
    yLabel: 'count',
    series: [
      series('papers', (year) => year.cumulativePapers),
      series('authors', (year) => year.cumulativeAuthors),
      series('ties', (year) => year.cumulativeTies),
    ],
  };
  const rows = growth.years
    .map(
      (year) =>
        `<tr><td>${year.year}</td><td>${year.papers}</td><td>${year.authors}</td><td>${year.ties}</td><td>${year.cumulativePapers}</td><td>${year.cumulativeAuthors}</td><td>${year.cumulativeTies}</td></tr>`,
    )
    .join('\n');
  return {
    html: `<section id="growth"><h2>Growth year by year</h2>
<p class="note">Each year: the network of that year's papers alone (its authors, and the pairs with a joint paper that year). Up to each year: the network of every paper until then.${without}</p>
<div class="charts">${canvas(perYear)}${canvas(cumulative)}</div>
<details><summary>The numbers</summary><table class="numbers"><thead><tr><th>year</th><th>papers</th><th>authors</th><th>ties</th><th>papers so far</th><th>authors so far</th><th>ties so far</th></tr></thead><tbody>
${rows}
</tbody></table></details></section>`,
    charts: [perYear, cumulative],
  };
}

function distributionSection(input: HtmlReportInput): Section {
  const { network, table, weighting } = input;
  const charts: ReportChart[] = [];
  const notes: string[] = [];
  const degrees = degreeDistribution(network.compact);
  const isolated = degrees.find((entry) => entry.value === 0)?.count ?? 0;
  const positive = degrees.filter((entry) => entry.value > 0);
  if (positive.length > 0)
    charts.push({
      id: 'degree',
      kind: 'log-log',
      title: 'Degree distribution: authors by number of co-authors',
      xLabel: 'co-authors (degree)',
      yLabel: 'authors',
      series: [{ label: 'authors', points: positive.map((entry) => [entry.value, entry.count] as const) }],
    });
  if (isolated > 0)
    notes.push(`${isolated} author(s) without co-authors are not on the degree chart (log axes have no 0).`);
  const weighted = weighting === 'jointPapers' ? '' : ` (${weightingLabels[weighting]})`;
  const columns = table.columns().scores;
  for (const metric of tailMetrics) {
    const tail = tailDistribution(columns[metric]);
    const label = `${metricLabels[metric]}${isWeightedMetric(metric) ? weighted : ''}`;
    if (tail.points.length === 0) {
      notes.push(`${label}: every author has 0, nothing to draw.`);
      continue;
    }
    charts.push({
      id: `tail-${metric}`,
      kind: 'log-log',
      title: `${label}: share of authors scoring at least x`,
      xLabel: metricLabels[metric],
      yLabel: 'P(X ≥ x)',
      series: [{ label: 'share of authors', points: tail.points.map((point) => [point.value, point.share] as const) }],
    });
    if (tail.nonPositive > 0) notes.push(`${label}: ${tail.nonPositive} author(s) with 0 are not drawn.`);
  }
  const noteList =
    notes.length === 0 ? '' : `<ul class="note">${notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
  return {
    html: `<section id="distributions"><h2>Degree and centrality distributions</h2>
<p class="note">Log-log axes. Degree: how many authors have k co-authors. The others: the complementary cumulative distribution, the share of authors whose score is at least x (no binning).</p>
<div class="charts">${charts.map(canvas).join('')}</div>${noteList}</section>`,
    charts,
  };
}

function componentSection(network: CoauthorNetwork, summary: NetworkSummary): Section {
  const sizes = componentSizeDistribution(network.compact);
  const chart: ReportChart = {
    id: 'components',
    kind: 'log-log',
    title: 'Component sizes: components by number of authors',
    xLabel: 'authors in the component',
    yLabel: 'components',
    series: [{ label: 'components', points: sizes.map((entry) => [entry.value, entry.count] as const) }],
  };
  const share = formatFigure(summary.largestComponentShare * 100);
  return {
    html: `<section id="components"><h2>Components</h2>
<p class="note">${summary.componentCount} component(s); the largest holds ${summary.largestComponentSize} author(s), ${escapeHtml(share)}% of all.</p>
<div class="charts">${sizes.length === 0 ? '' : canvas(chart)}</div></section>`,
    charts: sizes.length === 0 ? [] : [chart],
  };
}

function topAuthorsSection(input: HtmlReportInput): string {
  const { network, table, weighting, top } = input;
  const weighted = weighting === 'jointPapers' ? '' : `; ties weighted by ${weightingLabels[weighting]}`;
  const tables = centralityMetrics.map((metric) => {
    const rows = table
      .ranking(metric)
      .slice(0, top)
      .map((entry) => {
        const name = network.authors.get(entry.authorId)?.name ?? entry.authorId;
        return `<tr><td>${entry.rank}</td><td title="${escapeHtml(entry.authorId)}">${escapeHtml(name)}</td><td>${escapeHtml(formatFigure(entry.score))}</td></tr>`;
      })
      .join('');
    const note = `${metricNotes[metric]}${isWeightedMetric(metric) ? weighted : ''}`;
    return `<div class="top" id="top-${metric}"><h3>${escapeHtml(metricLabels[metric])}</h3><p class="note">${escapeHtml(note)}</p>
<table class="ranking"><thead><tr><th>rank</th><th>author</th><th>score</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  });
  return `<section id="top-authors"><h2>Top ${top} authors by each metric</h2>
<p class="note">Exact values (NetworkX's definitions; see the README's "Metrics"). Equal scores share a rank.</p>
<div class="tops">${tables.join('\n')}</div></section>`;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#222}
h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}.note{color:#555;font-size:.9rem}
table{border-collapse:collapse}td,th{padding:.15rem .6rem;border-bottom:1px solid #eee;text-align:left}
table.figures td,table.ranking td:first-child,table.ranking td:last-child,table.numbers td{text-align:right;font-variant-numeric:tabular-nums}
tr.estimate td{font-style:italic}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:1rem}
.chart{margin:0}.plot{position:relative;height:300px}
.tops{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:1rem}.top h3{margin-bottom:0}
.chart-error{color:#b00}`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The whole page: `chartScript` is the built chart bundle (readChartScript). */
export function renderHtmlReport(input: HtmlReportInput, chartScript: string): string {
  const { summary } = input;
  const growth = growthSection(networkGrowth(input.network));
  const distributions = distributionSection(input);
  const components = componentSection(input.network, summary);
  const charts = [...growth.charts, ...distributions.charts, ...components.charts];
  // Numbers only; `<` escaped so nothing in the block can end it.
  const data = JSON.stringify({ charts }).replace(/</gu, '\\u003c');
  const years = yearsLabel(summary.years);
  const scope = years === 'all' ? 'every paper' : `the papers of ${years}`;
  const weighting = input.weighting === 'jointPapers' ? 'joint papers' : weightingLabels[input.weighting];
  // Hashes and keywords only (no data): nothing to escape in the attribute.
  const policy = `default-src 'none'; script-src ${sha256(chartScript)}; style-src ${sha256(STYLE)}; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Co-authorship network report (${escapeHtml(years)})</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>Co-authorship network report</h1>
<p class="note">The network of ${escapeHtml(scope)} in ${escapeHtml(input.source)}. Tie strength for weighted degree, eigenvector and PageRank: ${escapeHtml(weighting)}. Made by coauthor-graph report; charts by Chart.js (MIT licence), included in this file.</p></header>
<main>
${summarySection(summary)}
${growth.html}
${distributions.html}
${components.html}
${topAuthorsSection(input)}
</main>
<script type="application/json" id="report-data">${data}</script>
<script>${chartScript}</script>
</body>
</html>
`;
}
