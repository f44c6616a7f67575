/**
 * Takes the README's screenshot of the explorer (src/web/screenshot.png): serves the data files given, opens
 * the explorer at the address given in headless Chromium (1440 × 900) and writes the picture.
 *
 *   node --import tsx tests/browser/take-screenshot.ts OUT.png '/?author=…' DATA-FILE...
 */
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { startBrowserSession } from '../helpers/browser-session.ts';

const [out, address, ...files] = process.argv.slice(2);
if (out === undefined || address === undefined || files.length === 0) {
  process.stderr.write('usage: take-screenshot.ts OUT.png ADDRESS DATA-FILE...\n');
  process.exit(2);
}
const loaded = loadData(checkConfig(files.flatMap((file) => ['--data', file])));
const session = await startBrowserSession(createApp({ data: analyzeNetwork(loaded.network), logging: false }));
try {
  const page = await session.newPage();
  await page.goto(`${session.baseUrl}${address}`);
  await page
    .waitForFunction(() => document.getElementById('status')?.dataset.authors !== undefined, null, { timeout: 60_000 })
    .catch(async (error: unknown) => {
      throw new Error(
        `no drawing: ${await page.locator('#status').textContent()} ${await page.locator('#warning').textContent()}`,
        { cause: error },
      );
    });
  await page.waitForTimeout(1500); // the panels and sigma's last frame
  await page.screenshot({ path: out });
  process.stdout.write(`${out}: ${await page.locator('#status').textContent()}\n`);
} finally {
  await session.close();
}
