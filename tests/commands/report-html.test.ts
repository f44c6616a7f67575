/**
 * `report --html FILE`: what the file holds (figures, top authors per metric, chart data), its
 * self-containment (one inlined script, allowed by hash, no URL to fetch), escaping of names from the
 * data files, and the errors (chart script not built, file not writable, options that do not apply).
 * The charts themselves are drawn in Chromium by tests/browser/report-html.test.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { reportCommand } from '../../src/commands/report.ts';
import { writeReportChartsBundle } from '../../src/web/build.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';
import { seedExpected } from '../reference/networkx-expected.ts';

/** `text` is (not) in the page: reported by itself, not with the whole page and its inlined bundle. */
function expectIn(html: string, text: string): void {
  expect(html.includes(text), `the page holds ${text}`).toBe(true);
}
function expectNotIn(html: string, text: string): void {
  expect(html.includes(text), `the page does not hold ${text}`).toBe(false);
}

async function report(...args: string[]) {
  const io = captureIO();
  const code = await main(['report', ...args], io);
  return { code, ...io };
}

const out = (name: string) => join(mkdtempSync(join(tmpdir(), 'coauthor-graph-report-')), name);

/** The text of every `<td>` of the table under `<div ... id="top-METRIC">`. */
function topTable(html: string, metric: string): string[][] {
  const start = html.indexOf(`id="top-${metric}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr><td>(.*?)<\/td><td[^>]*>(.*?)<\/td><td>(.*?)<\/td><\/tr>/gu)].map((m) => [
    m[1]!,
    m[2]!,
    m[3]!,
  ]);
}

function chartData(html: string): { charts: { id: string; series: { points: [number, number][] }[] }[] } {
  const match = /<script type="application\/json" id="report-data">(.*?)<\/script>/su.exec(html);
  return JSON.parse(match![1]!) as ReturnType<typeof chartData>;
}

beforeAll(async () => {
  await writeReportChartsBundle(); // the chart script as the sources are now
}, 60_000);

describe('report --html on the seed', () => {
  let html: string;
  beforeAll(async () => {
    const file = out('seed.html');
    const result = await report('--html', file, '--top', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    html = readFileSync(file, 'utf8');
  }, 60_000);

  it("holds the summary's figures and the top authors by every metric", () => {
    expectIn(html, '<tr><th scope="row">Authors</th><td>30</td></tr>');
    expectIn(html, '<tr><th scope="row">Average shortest path length (largest component)</th><td>1.79540</td></tr>');
    expectIn(html, '<tr><th scope="row">Degeneracy (largest k-core)</th><td>8</td></tr>');
    for (const metric of [
      'degree',
      'weightedDegree',
      'betweenness',
      'closeness',
      'harmonic',
      'eigenvector',
      'pagerank',
      'coreness',
      'clustering',
      'constraint',
      'effectiveSize',
    ])
      expect(topTable(html, metric), metric).toHaveLength(3);
    // NetworkX (seedExpected): David Duvenaud first by betweenness, 0.830665; weighted degree 37.
    expect(topTable(html, 'betweenness')[0]).toEqual(['1', 'David Duvenaud', '0.830665']);
    expect(topTable(html, 'weightedDegree')[0]).toEqual(['1', 'David Duvenaud', '37']);
    // Constraint ranks lowest first: the broker, David Duvenaud.
    expect(topTable(html, 'constraint')[0]?.[1]).toBe('David Duvenaud');
    const constraint = (seedExpected.metrics.constraint as Record<string, number>)['David Duvenaud']!;
    expect(Number(topTable(html, 'constraint')[0]?.[2])).toBeCloseTo(constraint, 5);
  });

  it('carries the degree and component distributions as chart data; says the seed has no years to draw', () => {
    const { charts } = chartData(html);
    const degree = charts.find((chart) => chart.id === 'degree')!;
    // 30 authors, by co-author count (the seed's degrees, from seedExpected: degree centrality × 29).
    const degrees = new Map<number, number>();
    for (const value of Object.values(seedExpected.metrics.degree as Record<string, number>)) {
      const k = Math.round(value * 29);
      degrees.set(k, (degrees.get(k) ?? 0) + 1);
    }
    expect(degree.series[0]!.points).toEqual([...degrees].sort((a, b) => a[0] - b[0]));
    expect(charts.find((chart) => chart.id === 'components')!.series[0]!.points).toEqual([[30, 1]]);
    expect(charts.some((chart) => chart.id.startsWith('growth'))).toBe(false);
    expectIn(html, 'No paper has a year: there is no growth to draw.');
  });

  it('is self-contained: one script, allowed by its hash, and nothing to fetch', () => {
    const scripts = [...html.matchAll(/<script>(.*?)<\/script>/gsu)].map((match) => match[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    // (toBe(true), not toContain: a failure would print the whole bundle.)
    expect(html.includes(`script-src 'sha256-${hash}';`)).toBe(true);
    expect(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`)).toBe(true);
    expect(scripts[0]!.includes('Chart.js v4')).toBe(true);
    // No attribute points anywhere: no src, no href, no stylesheet link.
    expect(/\s(src|href)=/u.test(html)).toBe(false);
    expect(html.includes('<link')).toBe(false);
  });
});

describe('report --html', () => {
  it('escapes names and titles from the data files; the chart data holds no "<"', async () => {
    const hostile = `</script><script>alert(1)</script><img src=x onerror=alert(2)> "Eve" & 'Mallory'`;
    const files = tempFiles({
      'papers.jsonl': [
        { title: '</title><script>alert(3)</script>', authors: [hostile, 'Ann Lee', 'Bo Chen'], year: 2020 },
        { title: 'Two', authors: ['Ann Lee', 'Cy Diaz'], year: 2021 },
      ]
        .map((paper) => JSON.stringify(paper))
        .join('\n'),
    });
    const file = out('hostile.html');
    expect((await report('--html', file, '--data', files['papers.jsonl']!, '--no-cache')).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expectIn(
      html,
      '&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62; &#34;Eve&#34; &#38; &#39;Mallory&#39;',
    );
    expectNotIn(html, 'alert(1)</script>');
    expectNotIn(html, '<img');
    expect(html.match(/<script/gu)).toHaveLength(2);
    expect(/id="report-data">([^<]*)<\/script>/u.test(html)).toBe(true);
    // Growth: 2020 and 2021 (a three-author paper, then a two-author one).
    const growth = chartData(html).charts.find((chart) => chart.id === 'growth-cumulative')!;
    expect(growth.series.map((series) => series.points)).toEqual([
      [
        [2020, 1],
        [2021, 2],
      ],
      [
        [2020, 3],
        [2021, 4],
      ],
      [
        [2020, 3],
        [2021, 4],
      ],
    ]);
  });

  it('reports on the papers of --years only', async () => {
    const files = tempFiles({
      'papers.jsonl': [
        { title: 'One', authors: ['Ann Lee', 'Bo Chen', 'Cy Diaz'], year: 2019 },
        { title: 'Two', authors: ['Ann Lee', 'Di Eng'], year: 2020 },
        { title: 'Three', authors: ['Di Eng', 'Ed Fox'], year: 2021 },
      ]
        .map((paper) => JSON.stringify(paper))
        .join('\n'),
    });
    const file = out('window.html');
    expect(
      (await report('--html', file, '--years', '2020-', '--data', files['papers.jsonl']!, '--no-cache')).code,
    ).toBe(0);
    const html = readFileSync(file, 'utf8');
    expectIn(html, '<title>Co-authorship network report (2020-)</title>');
    expectIn(html, 'The network of the papers of 2020- in');
    expectIn(html, '<tr><th scope="row">Authors</th><td>3</td></tr>');
    // Ann, Di and Ed only: Bo Chen and Cy Diaz wrote in 2019.
    expect(topTable(html, 'degree').map((row) => row[1])).toEqual(['Di Eng', 'Ann Lee', 'Ed Fox']);
    const perYear = chartData(html).charts.find((chart) => chart.id === 'growth-per-year')!;
    expect(perYear.series[0]!.points).toEqual([
      [2020, 1],
      [2021, 1],
    ]);
  });

  it('names the weighting of the weighted metrics, whose tables follow it', async () => {
    const file = out('fractional.html');
    expect((await report('--html', file, '--weighting', 'fractional', '--top', '5')).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expectIn(html, 'Tie strength for weighted degree, eigenvector and PageRank: fractional counting');
    const ranking = JSON.parse(
      (await report('--metric', 'pagerank', '--weighting', 'fractional', '--format', 'json', '--top', '5')).stdout,
    ) as { authors: { rank: number; name: string; score: number }[] };
    expect(topTable(html, 'pagerank')).toEqual(
      ranking.authors.map((author) => [String(author.rank), author.name, author.score.toPrecision(6)]),
    );
    expect(topTable(html, 'pagerank')).not.toEqual(
      topTable(readFileSync(await seedHtml(), 'utf8'), 'pagerank').slice(0, 5),
    );
  });

  it('fails with the command that builds the chart script when it is missing, before reading any data', async () => {
    const file = out('missing.html');
    const io = captureIO();
    const empty = mkdtempSync(join(tmpdir(), 'coauthor-graph-no-bundle-'));
    expect(await reportCommand(['--html', file, '--data', '/nonexistent.jsonl'], io, { chartDirectory: empty })).toBe(
      1,
    );
    expect(io.stderr).toBe(
      `report: the report's chart script is missing (${join(empty, 'report-charts.js')}): build it with \`npm run build:web\` (npm install and npm ci run it too)\n`,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('says when the file cannot be written, and refuses options that do not apply', async () => {
    const blocked = join(dirname(out('x')), 'no-such-folder', 'report.html');
    const result = await report('--html', blocked);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`report: cannot write ${blocked}:`);
    const format = await report('--html', out('y.html'), '--format', 'csv');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format does not apply to --html');
    expect((await report('--html', out('z.html'), '--summary')).stderr).toContain(
      'report takes one of --metric NAME, --summary and --html FILE',
    );
  });
});

async function seedHtml(): Promise<string> {
  const file = out('plain.html');
  expect((await report('--html', file, '--top', '5')).code).toBe(0);
  return file;
}
