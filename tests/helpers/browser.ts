/**
 * Debian's Chromium driven by playwright-core, for the explorer's browser tests: headless, no sandbox
 * (containers), nothing that reaches out to the network (closed network: no QUIC, no background
 * networking, no component updates, no sync), a fresh profile per launch.
 */
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { requirement } from './requirements.ts';

export const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether the browser tests run here (see requirements.ts): skip them with `describe.skipIf(!chromiumAvailable)`. */
export const chromiumAvailable = requirement(
  `Chromium at ${CHROMIUM}`,
  executable(CHROMIUM),
  "Install Debian's Chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.",
);

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'coauthor-graph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
