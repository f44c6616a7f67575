/**
 * The explorer when answers arrive out of order: each section (ranking, author panel, path) shows the answer to
 * its latest request, never a late answer to an earlier one. The first request is held back with page.route, the
 * second one is sent meanwhile, then the first is let through.
 */
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type ServingBrowserSession, startBrowserSession } from '../helpers/browser-session.ts';
import { bundledApp } from '../helpers/app.ts';

let session: ServingBrowserSession;

beforeAll(async () => {
  session = await startBrowserSession(bundledApp());
}, 60_000);

afterAll(async () => {
  await session?.close();
});

async function graphql(query: string): Promise<any> {
  const response = await fetch(session.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: any }).data;
}

/** Rows as the explorer writes them: rank, name, score (4 decimals or an integer). */
async function rankingRows(metric: string): Promise<string[]> {
  const data = await graphql(
    `{ centralityRanking(metric: ${metric}, first: 20) { nodes { rank score author { name } } } }`,
  );
  return data.centralityRanking.nodes.map(
    (n: { rank: number; score: number; author: { name: string } }) =>
      `${n.rank}${n.author.name}${Number.isInteger(n.score) ? n.score.toLocaleString('en') : n.score.toFixed(4)}`,
  );
}

/**
 * Holds back the first request whose variables match `held` until `release()` is called; returns when that
 * request was seen, and a promise settled once it has been let through (or found cancelled).
 */
async function holdFirst(
  page: Page,
  held: (variables: Record<string, unknown>) => boolean,
): Promise<{ seen: Promise<void>; release: () => Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let seen!: () => void;
  const seenPromise = new Promise<void>((resolve) => (seen = resolve));
  let done!: () => void;
  const passed = new Promise<void>((resolve) => (done = resolve));
  let taken = false;
  await page.route('**/graphql', async (route: Route) => {
    const variables = (route.request().postDataJSON() as { variables?: Record<string, unknown> } | null)?.variables;
    if (taken || variables === undefined || !held(variables)) return route.continue();
    taken = true;
    seen();
    await gate;
    await route.continue().catch(() => undefined); // the page may have cancelled it meanwhile
    done();
  });
  return {
    seen: seenPromise,
    release: async () => {
      release();
      await passed;
      await page.waitForTimeout(300); // let the late answer reach the page's code
    },
  };
}

describe.skipIf(!chromiumAvailable)('the explorer with answers out of order', () => {
  it('a fast change of the ranking metric shows the last metric, caption and rows alike', async () => {
    const [pagerank, degree] = [await rankingRows('PAGERANK'), await rankingRows('DEGREE')];
    expect(pagerank).not.toEqual(degree); // otherwise the test could not tell them apart
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${session.baseUrl}/?tab=ranking`);
    const rows = page.locator('#ranking-body tr');
    await expect.poll(() => rows.count()).toBe(20);
    const hold = await holdFirst(page, (variables) => variables['metric'] === 'PAGERANK' && variables['first'] === 20);
    await page.getByLabel('Rank everyone by').selectOption('pagerank');
    await hold.seen;
    await page.getByLabel('Rank everyone by').selectOption('degree');
    await expect.poll(() => page.locator('#ranking-caption').textContent()).toContain('Degree over the whole network');
    await hold.release();
    expect(await page.locator('#ranking-caption').textContent()).toBe(
      'Degree over the whole network: 1–20 of 30 authors',
    );
    expect(await rows.allTextContents()).toEqual(degree);
    expect(await page.locator('#warning').isHidden()).toBe(true); // a cancelled request is no error
    expect(errors).toEqual([]);
    await page.close();
  });

  it('two quick clicks on people show the second person in the author panel', async () => {
    const page = await session.newPage();
    await page.goto(`${session.baseUrl}/?author=david-duvenaud`);
    await page.waitForFunction(() => document.getElementById('status')?.dataset.authors === '30');
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('David Duvenaud');
    const hold = await holdFirst(page, (variables) => variables['id'] === 'paul-vicol');
    await page.getByRole('tab', { name: /People/u }).click();
    await page.locator('[data-author="paul-vicol"]').click();
    await hold.seen;
    await page.getByRole('tab', { name: /People/u }).click();
    await page.locator('[data-author="roger-grosse"]').click();
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Roger Grosse');
    await hold.release();
    expect(await page.locator('#author-name').textContent()).toBe('Roger Grosse');
    expect(new URL(page.url()).searchParams.get('select')).toBe('roger-grosse');
    await page.close();
  });

  it('a path asked for while another is loading: the page shows the second', async () => {
    const page = await session.newPage();
    await page.goto(`${session.baseUrl}/?author=david-duvenaud`);
    await page.waitForFunction(() => document.getElementById('status')?.dataset.authors === '30');
    const go = (search: string) =>
      page.evaluate((address) => {
        window.history.pushState(null, '', address);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, search);
    const hold = await holdFirst(page, (variables) => variables['to'] === 'jorn-henrik-jacobsen');
    await go('?author=david-duvenaud&from=paul-vicol&to=jorn-henrik-jacobsen');
    await hold.seen;
    await go('?author=david-duvenaud&from=paul-vicol&to=roger-grosse');
    const summary = page.locator('#path-summary');
    await expect.poll(() => summary.getAttribute('data-length')).toBe('1');
    await hold.release();
    expect(await summary.getAttribute('data-length')).toBe('1');
    expect(await summary.locator('p').textContent()).toBe('1 hop: Paul Vicol → Roger Grosse');
    await page.close();
  });
});
