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
import { startServer } from '../../src/server.ts';
import { writeExplorerBundle } from '../../src/web/build.ts';
import { launchChromium } from '../helpers/browser.ts';

const [out, address, ...files] = process.argv.slice(2);
if (out === undefined || address === undefined || files.length === 0) {
  process.stderr.write('usage: take-screenshot.ts OUT.png ADDRESS DATA-FILE...\n');
  process.exit(2);
}
await writeExplorerBundle();
const loaded = loadData(checkConfig(files.flatMap((file) => ['--data', file])));
const server = await startServer(createApp({ data: analyzeNetwork(loaded.network), logging: false }), {
  port: 0,
  host: '127.0.0.1',
});
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url.replace(/\/graphql$/u, '')}${address}`);
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
  await browser.close();
  await server.close();
}
