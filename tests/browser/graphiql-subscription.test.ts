/**
 * The `centralityProgress` subscription through the GraphiQL page the server serves, in Chromium:
 * GraphiQL sends it over server-sent events (its default for subscriptions: GraphQL over SSE in
 * distinct connections mode, on the same endpoint) and shows each update in its result pane, the
 * pass's progress while it runs and, at the end, the exact values' computedAt. The server runs the
 * ACL 2016 slice's real exact pass in the background; its result is held back until the page has
 * shown a progress update, so the page cannot miss the running pass on a fast machine.
 */
import type { Response } from 'playwright-core';
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
  session = await startBrowserSession(createApp({ data, logging: false }), { explorer: false });
}, 120_000);

afterAll(async () => {
  release();
  await session?.close(0);
  data.dispose();
});

// One line: the editor indents and closes brackets as text is typed into it.
const subscription =
  'subscription Progress { centralityProgress(every: 0.2) { progress { phase sourcesDone sourcesTotal } secondsLeft computedAt done } }';

describe.skipIf(!chromiumAvailable)('centralityProgress in GraphiQL', () => {
  it('streams progress updates into the result pane over SSE, then the exact values’ computedAt', async () => {
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const introspection = page.waitForResponse(
      (response) => response.url().startsWith(session.server.url) && response.request().method() === 'POST',
      { timeout: 120_000 },
    );
    await page.goto(session.server.url, { timeout: 120_000 });
    // The schema is loaded before the operation is typed and run.
    expect((await introspection).status()).toBe(200);
    const execute = page.locator('.graphiql-execute-button');
    await execute.waitFor({ timeout: 120_000 });
    // The subscription typed in place of the default query, as a user would paste it.
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(subscription);
    // Whatever the editor added after the cursor (closing brackets) goes.
    await page.keyboard.press('ControlOrMeta+Shift+End');
    await page.keyboard.press('Delete');
    const typed = async () =>
      (await page.locator('.graphiql-query-editor .view-lines').innerText()).replace(/\u00a0/gu, ' ');
    await expect.poll(typed, { timeout: 30_000 }).toBe(subscription);
    // A click before GraphiQL is ready to run the operation sends nothing (seen on a busy machine): click
    // again until the subscription's request is sent.
    const isStream = (request: { url(): string; headers(): Record<string, string> }) =>
      request.url().startsWith(session.server.url) && (request.headers()['accept'] ?? '').includes('text/event-stream');
    let stream: Promise<Response> | null = null;
    for (let attempt = 1; stream === null; attempt += 1) {
      const response = page.waitForResponse((candidate) => isStream(candidate.request()), { timeout: 120_000 });
      const sent = page.waitForRequest(isStream, { timeout: 15_000 }).then(
        () => true,
        () => false,
      );
      await execute.click();
      if (await sent) stream = response;
      else {
        response.catch(() => {});
        expect(attempt, 'the subscription is sent within 5 clicks of Execute').toBeLessThan(5);
      }
    }
    const response = await stream;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/event-stream');

    // The response editor (Monaco) draws spaces as no-break spaces.
    const shown = async () => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/gu, ' ');
    await expect.poll(shown, { timeout: 120_000 }).toMatch(/"phase": "(ESTIMATING|EXACT_PASS)"/u);
    const running = await shown();
    expect(running).toContain('"done": false');
    expect(running).toContain('"computedAt": null');
    expect(data.progress().phase).not.toBe('exact');

    release();
    const exact = await data.whenExact();
    const computedAt = exact.originOf('betweenness').computedAt.toISOString();
    await expect.poll(shown, { timeout: 120_000 }).toContain(`"computedAt": "${computedAt}"`);
    const last = await shown();
    expect(last).toContain('"phase": "EXACT"');
    expect(last).toContain('"done": true');
    expect(last).toContain('"secondsLeft": 0');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
