/**
 * What every browser test sets up: the explorer bundle built from the sources as they are now, a real
 * server on a free loopback port, and Debian's Chromium (browser.ts: headless, no network features, a
 * fresh profile). Call it in `beforeAll` and close it in `afterAll`; the tests themselves still skip with
 * `describe.skipIf(!chromiumAvailable)` (requirements.ts), and vitest then runs neither hook.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { App } from '../../src/app.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { writeExplorerBundle } from '../../src/web/build.ts';
import { type Browser, launchChromium } from './browser.ts';

/** A server the session started, and its address without `/graphql` (the explorer is at `${baseUrl}/`). */
export interface ServedApp {
  readonly server: RunningServer;
  readonly baseUrl: string;
}

export interface BrowserSession {
  /** Chromium's one context (its pages share the fresh profile). */
  readonly context: BrowserContext;
  /** A new page in the context. */
  newPage(): Promise<Page>;
  /** Serves one more app for this session's pages; `close()` stops it. */
  serve(app: App): Promise<ServedApp>;
  /** Closes the browser, then every server the session started (`graceMs`: as `RunningServer.close`). */
  close(graceMs?: number): Promise<void>;
}

/** A session serving one app from the start. */
export interface ServingBrowserSession extends BrowserSession, ServedApp {}

export interface BrowserSessionOptions {
  /** Build the explorer bundle first (default: when an app is served; GraphiQL and reports need none). */
  explorer?: boolean;
}

export async function startBrowserSession(app: App, options?: BrowserSessionOptions): Promise<ServingBrowserSession>;
export async function startBrowserSession(app?: undefined, options?: BrowserSessionOptions): Promise<BrowserSession>;
export async function startBrowserSession(
  app?: App,
  options: BrowserSessionOptions = {},
): Promise<BrowserSession | ServingBrowserSession> {
  if (options.explorer ?? app !== undefined) await writeExplorerBundle();
  const servers: RunningServer[] = [];
  const serve = async (served: App): Promise<ServedApp> => {
    const server = await startServer(served, { port: 0, host: '127.0.0.1' });
    servers.push(server);
    return { server, baseUrl: server.url.replace(/\/graphql$/u, '') };
  };
  const closeServers = async (graceMs?: number) => {
    for (const server of servers) await server.close(graceMs);
  };
  const first = app === undefined ? undefined : await serve(app);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await closeServers();
    throw error;
  }
  const session: BrowserSession = {
    context: browser.context,
    newPage: () => browser.context.newPage(),
    serve,
    async close(graceMs) {
      await browser.close();
      await closeServers(graceMs);
    },
  };
  return first === undefined ? session : { ...session, ...first };
}
