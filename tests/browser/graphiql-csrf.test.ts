/**
 * The browser side of the transport settings, in Chromium against the real server: GraphiQL still
 * loads the schema and runs queries (its JSON POSTs pass CSRF prevention), while a page of another
 * site can neither submit a form to the API nor read an answer from it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type ServingBrowserSession, startBrowserSession } from '../helpers/browser-session.ts';
import { bundledApp } from '../helpers/app.ts';

let session: ServingBrowserSession;

beforeAll(async () => {
  session = await startBrowserSession(bundledApp(), { explorer: false });
}, 60_000);

afterAll(async () => {
  await session?.close();
});

/** A page served as if from another site (the browser never leaves the machine). */
async function attackerPage(html: string): Promise<Page> {
  const page = await session.newPage();
  await page.route('http://attacker.test/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: html }),
  );
  await page.goto('http://attacker.test/');
  return page;
}

describe.skipIf(!chromiumAvailable)('in a browser', () => {
  it('GraphiQL loads the schema and runs its query', async () => {
    const page = await session.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const introspection = page.waitForResponse(
      (response) => response.url() === session.server.url && response.request().method() === 'POST',
    );
    await page.goto(session.server.url);
    expect((await introspection).status()).toBe(200);
    const run = page.waitForResponse(
      (response) =>
        response.url() === session.server.url && (response.request().postData() ?? '').includes('query Explore'),
    );
    await page.locator('.graphiql-execute-button').click();
    const response = await run;
    expect(response.status()).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('"graphStats"');
    // The response editor (Monaco) draws spaces as no-break spaces.
    const shown = async () => (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/gu, ' ');
    await expect.poll(shown, { timeout: 10_000 }).toContain('"name": "David Duvenaud"');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a form another site submits to the API (no preflight, no CSRF header)', async () => {
    const page = await attackerPage(`<form method="POST" action="${session.server.url}" enctype="text/plain">
      <input name='{"query":"{ graphStats { authorCount } }", "x":"' value='"}'><button>go</button></form>`);
    const answer = page.waitForResponse((response) => response.url() === session.server.url);
    await page.locator('button').click();
    const response = await answer;
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('CSRF_HEADER_REQUIRED');
    await page.close();
  });

  it('keeps the answer from a script of another site (no CORS by default)', async () => {
    const page = await attackerPage('<p>elsewhere</p>');
    const outcome = await page.evaluate(async (url) => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ graphStats { authorCount } }' }),
        });
        return `read ${response.status}`;
      } catch (error) {
        return `blocked: ${(error as Error).name}`;
      }
    }, session.server.url);
    expect(outcome).toBe('blocked: TypeError');
    await page.close();
  });
});
