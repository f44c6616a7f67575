/**
 * The explorer on a real field's network: the ACL Anthology's 2017 ACL, EMNLP, EACL and WMT papers
 * (tests/fixtures). A 2-hop network of the best-connected author is cut by a cap (and the page says
 * so), and drawn whole with a higher cap; hovering and selecting still answer. Timings are
 * printed for the record, not asserted.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type ServingBrowserSession, startBrowserSession } from '../helpers/browser-session.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/acl-2017-main-venues.jsonl', import.meta.url));

let session: ServingBrowserSession;

beforeAll(async () => {
  const loaded = loadData(checkConfig(['--data', FIXTURE]));
  session = await startBrowserSession(createApp({ data: analyzeNetwork(loaded.network), logging: false }));
}, 120_000);

afterAll(async () => {
  await session?.close();
});

async function drawn(page: Page): Promise<number> {
  await page.waitForFunction(() => document.getElementById('status')?.dataset.authors !== undefined, null, {
    timeout: 60_000,
  });
  return Number(await page.locator('#status').getAttribute('data-authors'));
}

describe.skipIf(!chromiumAvailable)('the explorer on the ACL Anthology (2017, main venues)', () => {
  it('says a 2-hop network was truncated at the cap, and draws it whole with a higher cap', async () => {
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    let started = Date.now();
    await page.goto(`${session.baseUrl}/?author=rico-sennrich&depth=2&max=100`);
    expect(await drawn(page)).toBe(100);
    const capped = Date.now() - started;
    expect(await page.getByRole('alert').textContent()).toContain(
      'Truncated: more authors are within reach than the cap of 100.',
    );

    started = Date.now();
    await page.getByLabel('Max. authors').fill('1000');
    await page.getByRole('button', { name: 'Draw network' }).click();
    await page.waitForFunction(() => document.getElementById('status')?.dataset.authors !== '100', null, {
      timeout: 60_000,
    });
    const whole = Number(await page.locator('#status').getAttribute('data-authors'));
    const uncapped = Date.now() - started;
    expect(whole).toBeGreaterThan(100);
    expect(whole).toBeLessThanOrEqual(1000);
    expect(await page.locator('#warning').isHidden()).toBe(true);
    expect(await page.locator('#people-list li').count()).toBe(whole);

    const graph = (await page.locator('#graph').boundingBox())!;
    const where = await page.evaluate(() =>
      (
        window as unknown as { coauthorExplorer: { viewportPosition(id: string): { x: number; y: number } } }
      ).coauthorExplorer.viewportPosition('alexandra-birch'),
    );
    started = Date.now();
    await page.mouse.move(graph.x + where.x, graph.y + where.y);
    await expect.poll(() => page.locator('#tooltip').textContent()).toContain('Alexandra Birch');
    const hover = Date.now() - started;
    await page.mouse.click(graph.x + where.x, graph.y + where.y);
    await expect.poll(() => page.locator('#author-name').textContent()).toBe('Alexandra Birch');

    process.stdout.write(
      `ACL 2017 fixture, rico-sennrich 2 hops: capped at 100 drawn in ${capped} ms (page load included); ` +
        `${whole} authors drawn in ${uncapped} ms; hover answered in ${hover} ms\n`,
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
