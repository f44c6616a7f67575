/**
 * Curator controls in the explorer, against a real server curating into its curation file (no database):
 * without a token nothing to change anything is shown; with a curator token (entered in the page, kept in
 * sessionStorage, sent as a bearer token) a suggested duplicate is merged, an author renamed and split, and
 * each result and error is shown.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type BrowserSession, startBrowserSession } from '../helpers/browser-session.ts';
import { type CuratedServer, curatedServer } from '../helpers/curation.ts';

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession(undefined, { explorer: true });
}, 60_000);

afterAll(async () => {
  await session?.close();
});

/** A fresh curated server (its own curation file) and its address. */
async function serve(
  options: { maxMutationsPerMinute?: number } = {},
): Promise<{ curated: CuratedServer; base: string; server: RunningServer }> {
  const curated = await curatedServer(options);
  const { server, baseUrl } = await session.serve(curated.app);
  return { curated, server, base: baseUrl };
}

async function open(base: string, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await session.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}${path}`);
  await page.waitForFunction(() => document.getElementById('status')?.dataset.authors !== undefined);
  return { page, errors };
}

async function useToken(page: Page, token: string): Promise<void> {
  if ((await page.locator('#curator').getAttribute('open')) === null) await page.locator('#curator summary').click();
  await page.getByLabel('Curator token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
}

async function graphql(server: RunningServer, query: string): Promise<any> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: any }).data;
}

describe.skipIf(!chromiumAvailable)('curator controls in the explorer', () => {
  it('shows no curator controls without a token', async () => {
    const { base } = await serve();
    const { page, errors } = await open(base, '/?author=ann-lee');
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Ann Lee');
    expect(await page.locator('#duplicates-card').isHidden()).toBe(true);
    expect(await page.locator('[data-curate]').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Curate this author' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Rename' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Split off' }).count()).toBe(0);
    expect(await page.locator('#curator').getAttribute('open')).toBeNull(); // only the closed "Curator" box
    expect(errors).toEqual([]);
    await page.close();
  });

  it('merges a suggested duplicate with a curator token and shows the result', async () => {
    const { base, curated, server } = await serve();
    const { token } = await curated.setup.tokens.create('curator', 'browser test');
    const { page, errors } = await open(base, '/?author=ann-lee');
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Ann Lee');
    const requests: { authorization: string | undefined; cookie: string | undefined }[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('authorIds'))
        requests.push({ authorization: request.headers()['authorization'], cookie: request.headers()['cookie'] });
    });
    await useToken(page, token);
    const candidate = page.locator('#duplicates li[data-candidate]').filter({ hasText: 'A. Lee' });
    await candidate.waitFor();
    expect(await candidate.textContent()).toContain('Ann Lee');
    expect(await page.evaluate(() => [document.cookie, Object.keys(sessionStorage)])).toEqual([
      '',
      ['coauthor-graph.curator-token'],
    ]);
    await candidate.getByRole('button', { name: 'Merge' }).click();
    const result = page.locator('#curation-result');
    await expect
      .poll(() => result.textContent())
      .toMatch(/^Merged: Ann Lee \(ann-lee\)\. Log entry \S+, network version \S+\.$/u);
    expect(await result.getAttribute('data-kind')).toBe('done');
    // The page reloaded what it shows: Ann Lee now has A. Lee's paper, and the pair is no longer suggested.
    await expect.poll(() => page.locator('#panel-author dl').textContent()).toContain('Papers3');
    await expect
      .poll(() => page.locator('#duplicates li[data-candidate]').filter({ hasText: 'A. Lee' }).count())
      .toBe(0);
    expect(await graphql(server, '{ author(id: "a-lee") { id paperCount } }')).toEqual({
      author: { id: 'ann-lee', paperCount: 3 },
    });
    expect(requests).toEqual([{ authorization: `Bearer ${token}`, cookie: undefined }]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renames and splits from the author panel', async () => {
    const { base, curated, server } = await serve();
    const { token } = await curated.setup.tokens.create('curator', null);
    const { page } = await open(base, '/?author=jo-kim');
    await useToken(page, token);
    const curate = page.getByRole('region', { name: 'Curate this author' });
    await curate.waitFor();
    await curate.getByLabel('New name').fill('Jo K. Kim');
    await curate.getByRole('button', { name: 'Rename' }).click();
    const result = page.locator('#curation-result');
    await expect.poll(() => result.textContent()).toMatch(/^Renamed: Jo K\. Kim \(jo-kim\)\./u);
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Jo K. Kim');

    await page.getByRole('region', { name: 'Curate this author' }).getByText('Split into two people').click();
    const split = page.getByRole('form', { name: 'Split' });
    await split.getByLabel('Five (2022)').check();
    await split.getByLabel('Name of the person split off').fill('Jo-Ann Kim');
    await split.getByRole('button', { name: 'Split off' }).click();
    await expect
      .poll(() => result.textContent())
      .toMatch(/^Split: Jo K\. Kim \(jo-kim\) and Jo-Ann Kim \(jo-ann-kim\)\./u);
    expect(await graphql(server, '{ author(id: "jo-ann-kim") { name paperCount } }')).toEqual({
      author: { name: 'Jo-Ann Kim', paperCount: 1 },
    });
    await page.close();
  });

  it('says clearly when the token is not accepted (UNAUTHENTICATED) and when changes come too fast (RATE_LIMITED)', async () => {
    const { base, curated } = await serve({ maxMutationsPerMinute: 1 });
    const { page } = await open(base, '/?author=bob-ray');
    await useToken(page, 'cgt_not-a-token');
    const candidate = page.locator('#duplicates li[data-candidate]').filter({ hasText: 'A. Lee' });
    await candidate.getByRole('button', { name: 'Merge' }).click();
    const result = page.locator('#curation-result');
    await expect.poll(() => result.getAttribute('data-kind')).toBe('error');
    expect(await result.textContent()).toMatch(/^UNAUTHENTICATED: The curator token was not accepted/u);
    expect(await page.locator('#curator').getAttribute('open')).toBe(''); // the token box opens for another token
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('curator-token');

    await page.getByRole('button', { name: 'Forget token' }).click();
    expect(await page.locator('#duplicates-card').isHidden()).toBe(true);
    expect(await page.locator('[data-curate]').count()).toBe(0);
    const { token } = await curated.setup.tokens.create('curator', null);
    await useToken(page, token);
    const curate = page.getByRole('region', { name: 'Curate this author' });
    await curate.getByLabel('New name').fill('Robert Ray');
    await curate.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => result.textContent()).toMatch(/^Renamed: Robert Ray/u);
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Robert Ray'); // the panel reloaded
    await page.getByRole('region', { name: 'Curate this author' }).getByLabel('New name').fill('Bob Ray');
    await page.getByRole('region', { name: 'Curate this author' }).getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => result.getAttribute('data-kind')).toBe('error');
    expect(await result.textContent()).toMatch(/^RATE_LIMITED: Too many changes/u);
    await page.close();
  });
});
