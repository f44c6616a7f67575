/**
 * On a large network, betweenness, closeness and harmonic are estimates until the exact pass is done
 * (the API says so with `exact: false`). The explorer must say so too. The exact pass on a test-sized
 * network ends at once, so the server here serves the bundled network through a table that reports
 * every all-pairs value as an estimate: the page's labelling is what is under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzedNetwork } from '../../src/analysis/analyzed-network.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { type CentralityTable, isAllPairsMetric } from '../../src/analysis/centrality.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { chromiumAvailable } from '../helpers/browser.ts';
import { type ServingBrowserSession, startBrowserSession } from '../helpers/browser-session.ts';

function asEstimates(table: CentralityTable): CentralityTable {
  const estimate = { exact: false, sampleSize: 8, computedAt: new Date(), fromCache: false };
  return {
    scoresOf: (authorId) => table.scoresOf(authorId),
    ranking: (metric) => table.ranking(metric),
    rankingList: (metric) => table.rankingList(metric),
    originOf: (metric) => (isAllPairsMetric(metric) ? estimate : table.originOf(metric)),
    columns: () => ({ ...table.columns(), allPairsOrigin: estimate }),
    pathFigures: () => table.pathFigures(),
  };
}

let session: ServingBrowserSession;

beforeAll(async () => {
  const data = analyzeNetwork(loadData(checkConfig([])).network);
  const table = asEstimates(await data.whenExact());
  const estimated: AnalyzedNetwork = { ...data, centrality: async () => table, centralityFor: async () => table };
  session = await startBrowserSession(createApp({ data: estimated, logging: false }));
}, 60_000);

afterAll(async () => {
  await session?.close();
});

describe.skipIf(!chromiumAvailable)('the explorer while centrality values are estimates', () => {
  it('labels estimated values in the author panel, the legend and the ranking', async () => {
    const page = await session.newPage();
    await page.goto(`${session.baseUrl}/?author=david-duvenaud&size=betweenness`);
    await page.waitForFunction(() => document.getElementById('status')?.dataset.authors === '30');
    await page.locator('#author-name').waitFor();
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('Betweenness0.8307 (estimate)');
    expect(facts).toContain('Closeness1 (estimate)Harmonic29 (estimate)');
    expect(facts).toContain('PageRank0.1706Betweenness'); // the local metrics are always exact (converged PageRank 0.1706488)
    expect(facts).toContain('Degree1Weighted degree37');
    await expect
      .poll(() => page.locator('#legend').textContent())
      .toContain('Betweenness in the whole network (estimates until the exact pass is done)');
    await page.getByLabel('Node size').selectOption('pagerank');
    await expect.poll(() => page.locator('#legend').textContent()).not.toContain('estimates');
    await page.getByRole('tab', { name: 'Ranking' }).click();
    await expect
      .poll(() => page.locator('#ranking-caption').textContent())
      .toBe('Betweenness over the whole network: 1–20 of 30 authors (estimates until the exact pass is done)');
    await page.close();
  });
});
