/**
 * The collaboration explorer in a real browser (Debian's Chromium through playwright-core), against
 * the real server on the bundled data: searching, drawing, hovering and selecting, paths, expansion,
 * truncation, the ranking, downloads, the address bar, keyboard use and labels.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type ServingBrowserSession, startBrowserSession } from '../helpers/browser-session.ts';
import { bundledApp } from '../helpers/app.ts';

let session: ServingBrowserSession;

beforeAll(async () => {
  session = await startBrowserSession(bundledApp()); // the page under test is built from the sources as they are now
}, 60_000);

afterAll(async () => {
  await session?.close();
});

/** A fresh page that records console errors and uncaught exceptions. */
async function open(path = '/'): Promise<{ page: Page; errors: string[] }> {
  const page = await session.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${session.baseUrl}${path}`);
  return { page, errors };
}

async function drawnAuthors(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.getElementById('status')?.dataset.authors === String(n), count);
}

/** Types into a combobox and picks the first suggestion with the keyboard. */
async function pickAuthor(page: Page, label: string, text: string, expected: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.focus();
  await page.keyboard.type(text);
  await page.getByRole('option', { name: new RegExp(`^${expected}`, 'u') }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => box.inputValue()).toBe(expected);
}

describe.skipIf(!chromiumAvailable)('the explorer', () => {
  it('loads with no console errors and shows the data set', async () => {
    const { page, errors } = await open();
    await expect.poll(() => page.locator('#dataset').textContent()).toBe('10 papers · 30 authors · 89 collaborations');
    expect(await page.locator('#status').textContent()).toBe('No network drawn yet.');
    expect(await page.getByRole('link', { name: 'GraphQL API (GraphiQL)' }).getAttribute('href')).toBe('/graphql');
    expect(await page.locator('#quick-starts button').first().textContent()).toBe('David Duvenaud');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches "Duvenaud" with suggestions, draws his 30 people and writes a screenshot', async () => {
    const { page, errors } = await open();
    await pickAuthor(page, 'Author', 'Duvenaud', 'David Duvenaud');
    await drawnAuthors(page, 30);
    expect(await page.locator('#status').textContent()).toBe(
      'David Duvenaud: 30 authors, 89 ties — 1 hop, at least 1 joint paper per tie.',
    );
    expect(await page.locator('#people-list li').count()).toBe(30);
    expect(new URL(page.url()).search).toBe('?author=david-duvenaud');
    await expect.poll(() => page.locator('#legend').textContent()).toContain('Community 1');
    expect(await page.locator('#legend').textContent()).toContain('PageRank in the whole network');
    expect(await page.locator('#warning').isHidden()).toBe(true);
    await page.waitForTimeout(300); // let sigma finish its frame before the picture
    const screenshot = join(tmpdir(), 'coauthor-graph-explorer.png');
    await page.screenshot({ path: screenshot });
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a person on hover and their papers and strongest collaborators on click', async () => {
    const { page, errors } = await open('/?author=david-duvenaud');
    await drawnAuthors(page, 30);
    const graph = (await page.locator('#graph').boundingBox())!;
    const where = await page.evaluate(() =>
      (
        window as unknown as { coauthorExplorer: { viewportPosition(id: string): { x: number; y: number } } }
      ).coauthorExplorer.viewportPosition('paul-vicol'),
    );
    await page.mouse.move(graph.x + where.x, graph.y + where.y);
    await expect.poll(() => page.locator('#tooltip').textContent()).toContain('Paul Vicol2 papers');
    expect(await page.locator('#tooltip').textContent()).toContain(
      'Strongest ties here: David Duvenaud (2), Jonathan Lorraine (2), Roger Grosse (2)',
    );
    await expect.poll(() => page.locator('#tooltip .tooltip-papers').textContent()).toContain('Latest papers:');
    expect(await page.locator('#tooltip .tooltip-papers li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Self-Tuning Networks')]),
    );
    await page.mouse.click(graph.x + where.x, graph.y + where.y);
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Paul Vicol');
    const panel = page.locator('#panel-author');
    expect(await panel.getByRole('list', { name: 'Strongest collaborators' }).textContent()).toContain(
      'David Duvenaud · 2 joint papers',
    );
    expect(await panel.getByRole('list', { name: 'Papers' }).locator('li').count()).toBe(2);
    expect(await panel.textContent()).toContain('Self-Tuning Networks');
    expect(new URL(page.url()).searchParams.get('select')).toBe('paul-vicol');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('highlights the collaboration path between two people with the papers behind each hop', async () => {
    const { page, errors } = await open('/?author=paul-vicol');
    await drawnAuthors(page, 6);
    await pickAuthor(page, 'Path from author', 'Vicol', 'Paul Vicol');
    await pickAuthor(page, 'Path to author', 'Jacobsen', 'Jörn-Henrik Jacobsen');
    await page.getByRole('button', { name: 'Show path' }).click();
    const summary = page.locator('#path-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-length')).toBe('2');
    expect(await summary.locator('p').textContent()).toBe('2 hops: Paul Vicol → David Duvenaud → Jörn-Henrik Jacobsen');
    const hops = summary.getByRole('list', { name: 'Hops of the path' }).locator(':scope > li');
    expect(await hops.count()).toBe(2);
    expect(await hops.nth(0).textContent()).toContain('Paul Vicol — David Duvenaud · 2 joint papers');
    expect(await hops.nth(1).textContent()).toContain('David Duvenaud — Jörn-Henrik Jacobsen · 2 joint papers');
    expect((await hops.nth(1).locator('.path-paper').allTextContents()).sort()).toEqual([
      'Invertible Residual Networks',
      'Residual Flows for Invertible Generative Modeling',
    ]);
    // Jacobsen is two hops from Vicol, so the path brought him into the 1-hop drawing.
    await drawnAuthors(page, 6);
    expect(await page.locator('#people-list').textContent()).toContain('Jörn-Henrik Jacobsenon path');
    expect(await page.locator('#legend').textContent()).toContain('Red: the collaboration path');
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['paul-vicol', 'jorn-henrik-jacobsen']);
    await page.getByRole('button', { name: 'Clear path' }).click();
    await expect.poll(() => page.locator('#path-result').textContent()).toBe('');
    expect(await page.locator('#people-list').textContent()).not.toContain('on path');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws a path on its own when no network is drawn', async () => {
    const { page, errors } = await open('/?from=paul-vicol&to=jorn-henrik-jacobsen');
    await expect
      .poll(() => page.locator('#status').textContent())
      .toBe('Collaboration path from Paul Vicol to Jörn-Henrik Jacobsen: 2 hops.');
    expect(await page.locator('#people-list li').count()).toBe(3);
    expect(await page.locator('#empty').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restores a whole view from the address, and the back button restores the previous one', async () => {
    const { page, errors } = await open(
      '/?author=paul-vicol&depth=2&size=betweenness&select=roger-grosse&from=paul-vicol&to=winnie-xu&tab=author',
    );
    await drawnAuthors(page, 30);
    expect(await page.locator('#status').textContent()).toContain('Paul Vicol: 30 authors');
    expect(await page.getByLabel('Depth').inputValue()).toBe('2');
    expect(await page.getByLabel('Node size').inputValue()).toBe('betweenness');
    expect(await page.getByRole('combobox', { name: 'Author', exact: true }).inputValue()).toBe('Paul Vicol');
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Roger Grosse');
    await expect
      .poll(() => page.locator('#path-summary p').textContent())
      .toBe('2 hops: Paul Vicol → David Duvenaud → Winnie Xu');
    expect(await page.locator('#legend').textContent()).toContain('Betweenness in the whole network');
    await page.getByRole('tab', { name: /Ranking/u }).click();
    await page.locator('#ranking-body tr').first().getByRole('button').click(); // draws the top-ranked author's network
    await drawnAuthors(page, 30);
    expect(new URL(page.url()).searchParams.get('author')).toBe('david-duvenaud');
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('author')).toBe('paul-vicol');
    await expect.poll(() => page.locator('#status').textContent()).toContain('Paul Vicol: 30 authors');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("expands a neighbour's network into the drawing", async () => {
    const { page, errors } = await open('/?author=paul-vicol&select=david-duvenaud');
    await drawnAuthors(page, 6);
    await page.getByRole('button', { name: 'Expand into drawing' }).click();
    await drawnAuthors(page, 30);
    expect(new URL(page.url()).searchParams.get('expand')).toBe('david-duvenaud');
    expect(await page.locator('#status').textContent()).toContain('expanded around 1 person');
    expect(await page.locator('#people-list').textContent()).toContain('Winnie Xuexpanded');
    expect(await page.getByRole('button', { name: 'Expand into drawing' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says when the network was truncated by the node cap', async () => {
    const { page, errors } = await open('/?author=david-duvenaud&max=10');
    await drawnAuthors(page, 10);
    const warning = page.getByRole('alert');
    await expect
      .poll(() => warning.textContent())
      .toContain('Truncated: more authors are within reach than the cap of 10.');
    expect(await page.getByLabel('Max. authors').inputValue()).toBe('10');
    await page.getByLabel('Max. authors').fill('200');
    await page.getByRole('button', { name: 'Draw network' }).click();
    await drawnAuthors(page, 30);
    expect(await warning.isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('ranks everyone by a chosen metric, page by page', async () => {
    const { page, errors } = await open('/?tab=ranking');
    const rows = page.locator('#ranking-body tr');
    await expect.poll(() => rows.count()).toBe(20);
    expect(await rows.first().textContent()).toBe('1David Duvenaud0.8307');
    expect(await page.locator('#ranking-caption').textContent()).toBe(
      'Betweenness over the whole network: 1–20 of 30 authors',
    );
    await page.getByLabel('Rank everyone by').selectOption('pagerank');
    await expect.poll(() => page.locator('#ranking-caption').textContent()).toContain('PageRank');
    await page.getByRole('button', { name: 'Next →' }).click();
    await expect.poll(() => rows.count()).toBe(10);
    expect(await page.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
    expect(new URL(page.url()).search).toBe('?tab=ranking&metric=pagerank&page=1');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the drawn network as a GEXF file Gephi can open', async () => {
    const { page, errors } = await open('/?author=david-duvenaud');
    await drawnAuthors(page, 30);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^GEXF/u }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('david-duvenaud-network.gexf');
    const graph = parseGexf(UndirectedGraph, await readFile((await download.path())!, 'utf8'));
    expect([graph.order, graph.size]).toEqual([30, 89]);
    await page.getByLabel('What to export').selectOption('whole');
    const [edges] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Edges CSV' }).click(),
    ]);
    expect(edges.suggestedFilename()).toBe('coauthor-network.edges.csv');
    const lines = (await readFile((await edges.path())!, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toBe('Source,Target,Type,Weight,SourceLabel,TargetLabel,JointPapers');
    expect(lines).toHaveLength(90);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works from the keyboard: tabs, the list of people, selection', async () => {
    const { page, errors } = await open('/?author=paul-vicol');
    await drawnAuthors(page, 6);
    await page.getByRole('tab', { name: 'Author' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: /People/u }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-people');
    await page.keyboard.press('Tab'); // into the panel: the filter
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('people-filter');
    await page.keyboard.type('grosse');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-author'))).toBe('roger-grosse');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Roger Grosse');
    expect(new URL(page.url()).searchParams.get('select')).toBe('roger-grosse');
    await page.locator('#panel-author').focus();
    await page.keyboard.press('Escape'); // clears the selection
    await expect.poll(() => new URL(page.url()).searchParams.get('select')).toBeNull();
    await page.keyboard.press('/'); // jumps to the search field
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('author-input');
    await page.reload();
    await drawnAuthors(page, 6);
    await page.keyboard.press('Tab'); // the first stop is the skip link
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-to-people');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('people-filter');
    expect(await page.getByRole('tab', { name: /People/u }).getAttribute('aria-selected')).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the server's message for an unknown author in the address", async () => {
    const { page } = await open('/?author=nobody-at-all');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No author has the id "nobody-at-all"');
    expect(await page.locator('#status').textContent()).toBe('No network drawn.');
    await page.close();
  });

  it('gives every control an accessible name', async () => {
    const { page } = await open('/?author=paul-vicol&select=paul-vicol&tab=ranking');
    await drawnAuthors(page, 6);
    await page.locator('#ranking-body tr').first().waitFor();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input, select, button, [role=tab], [role=combobox], a')]
        .filter((element) => {
          const labelled =
            element.getAttribute('aria-label') ||
            element.getAttribute('aria-labelledby') ||
            ((element as HTMLInputElement).labels?.length ?? 0) > 0 ||
            element.textContent?.trim() ||
            element.getAttribute('title');
          return !labelled;
        })
        .map((element) => element.outerHTML),
    );
    expect(unnamed).toEqual([]);
    await page.close();
  });
});
