/**
 * The explorer shows the exact centrality pass's progress (src/web/progress-bar.ts, fed by the
 * `centralityProgress` subscription) while values are estimates, and removes it when the exact values
 * are in. The server runs the ACL 2016 slice's real exact pass in the background; its result is held
 * back until the test has seen the bar, so the page cannot miss the running pass on a fast machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type ServingBrowserSession, startBrowserSession } from '../helpers/browser-session.ts';
import { heldExactPass } from '../helpers/held-pass.ts';

const { pass: heldPass, release } = heldExactPass();
const data = analyzeNetwork(loadAclSliceNetwork(), { mode: 'background', threads: 1, exactPass: heldPass });
let session: ServingBrowserSession;

beforeAll(async () => {
  session = await startBrowserSession(createApp({ data, logging: false }));
}, 120_000);

afterAll(async () => {
  release();
  await session?.close(0);
  data.dispose();
});

describe.skipIf(!chromiumAvailable)('the explorer while the exact pass runs', () => {
  it('shows a progress bar, then removes it when the exact values are in', async () => {
    const page = await session.newPage();
    await page.goto(`${session.baseUrl}/`);
    const bar = page.getByRole('progressbar');
    await bar.waitFor({ timeout: 60_000 });
    expect(data.progress().phase).not.toBe('exact');
    await expect
      .poll(() => bar.getAttribute('aria-label'), { timeout: 60_000 })
      .toMatch(/^(Exact betweenness, closeness and harmonic: \d+ %|Betweenness, closeness and harmonic: estimating)/u);
    release();
    await data.whenExact();
    await bar.waitFor({ state: 'detached', timeout: 60_000 });
    expect(data.progress().phase).toBe('exact');
    await page.close();
  }, 300_000);
});
