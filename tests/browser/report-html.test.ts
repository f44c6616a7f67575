/**
 * The HTML report (`report --html`) in a real browser (Debian's Chromium through playwright-core),
 * opened from disk with the network cut off: every chart is drawn by the inlined Chart.js, with no
 * request leaving the page and no console error, and hostile author names stay text.
 *
 * Data: the 1,070 ACL Anthology papers of 2017 (tests/fixtures) and three papers of 2015–2016 whose
 * 80 authors are named like attacks on the page (`</script><script>…`, `<img onerror=…>`): with 79
 * co-authors each they top the degree ranking, so their names are in the page.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { writeReportChartsBundle } from '../../src/web/build.ts';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type BrowserSession, startBrowserSession } from '../helpers/browser-session.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

/** `text` is (not) in the page: reported by itself, not with the whole page and its inlined bundle. */
function expectIn(html: string, text: string): void {
  expect(html.includes(text), `the page holds ${text}`).toBe(true);
}
function expectNotIn(html: string, text: string): void {
  expect(html.includes(text), `the page does not hold ${text}`).toBe(false);
}

const ACL_2017 = new URL('../fixtures/acl-2017-main-venues.jsonl', import.meta.url);

export const hostileNames = Array.from(
  { length: 80 },
  (_, i) => `</script><script>window.pwned=${i}</script><img src=x onerror="window.pwned=${i}"> Mallory ${i}`,
);

function hostileData(): string {
  const paper = (id: string, year: number, names: readonly string[]) =>
    JSON.stringify({ id, title: `<script>window.pwned='title'</script> ${id}`, authors: names, year });
  return [
    paper('evil-1', 2015, hostileNames),
    paper('evil-2', 2016, hostileNames.slice(0, 5)),
    paper('evil-3', 2016, hostileNames.slice(5, 9)),
  ].join('\n');
}

describe.skipIf(!chromiumAvailable)('the HTML report in Chromium, offline', () => {
  let session: BrowserSession;
  let file: string;

  beforeAll(async () => {
    await writeReportChartsBundle(); // the chart script as the sources are now
    const files = tempFiles({ 'hostile.jsonl': `${hostileData()}\n` });
    file = join(dirname(files['hostile.jsonl']!), 'report.html');
    const io = captureIO();
    const code = await main(
      ['report', '--html', file, '--data', ACL_2017.pathname, '--data', files['hostile.jsonl']!, '--no-cache'],
      io,
    );
    expect(io.stderr).toContain(`report: wrote ${file}`);
    expect(code).toBe(0);
    session = await startBrowserSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const errors: string[] = [];
    const requests: string[] = [];
    // No network: anything but the file itself is refused and recorded.
    await session.context.setOffline(true);
    await session.context.route('**/*', (route) => {
      if (route.request().url() === pathToFileURL(file).href) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await session.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.documentElement.dataset.chartsDrawn !== undefined);
    return { page, errors, requests };
  }

  it('draws every chart (points in the series colours on each canvas), without a request or a console error', async () => {
    const { page, errors, requests } = await open();
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')].map((canvas) => {
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        // Pixels of the first series' colour (#1f77b4) and pixels drawn at all.
        let series = 0;
        let painted = 0;
        for (let i = 0; i < data.length; i += 4) {
          if ((data[i + 3] as number) > 0) painted += 1;
          if (
            Math.abs((data[i] as number) - 31) < 12 &&
            Math.abs((data[i + 1] as number) - 119) < 12 &&
            Math.abs((data[i + 2] as number) - 180) < 12 &&
            (data[i + 3] as number) > 200
          )
            series += 1;
        }
        return { id: canvas.dataset.chart, width: canvas.width, height: canvas.height, series, painted };
      }),
    );
    expect(charts.map((chart) => chart.id)).toEqual([
      'growth-per-year',
      'growth-cumulative',
      'degree',
      'tail-weightedDegree',
      'tail-betweenness',
      'tail-closeness',
      'tail-harmonic',
      'tail-eigenvector',
      'tail-pagerank',
      'tail-coreness',
      'tail-effectiveSize',
      'components',
    ]);
    expect(await page.evaluate(() => document.documentElement.dataset.chartsDrawn)).toBe(String(charts.length));
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(200);
      expect(chart.height, chart.id).toBeGreaterThan(200);
      // Axes and labels alone paint grey; the data points paint the series colour.
      expect(chart.series, chart.id).toBeGreaterThan(30);
    }
    expect(await page.locator('.chart-error').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows hostile names as text: no script of theirs runs, no element of theirs exists', async () => {
    const { page, errors } = await open();
    expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2); // the data block and the chart script
    const names = await page.locator('#top-degree tbody td:nth-child(2)').allTextContents();
    expect(names.length).toBe(10);
    for (const name of names) expect(hostileNames).toContain(name);
    expect(errors).toEqual([]);
    // The file itself: the names escaped, never raw.
    const html = readFileSync(file, 'utf8');
    expectNotIn(html, '<img');
    expectIn(html, '&#60;/script&#62;&#60;script&#62;window.pwned=0&#60;/script&#62;');
    await page.close();
  }, 60_000);
});
