import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { ConfigError, parseWindows, serveConfig } from '../../src/config.ts';
import { rangeKey } from '../../src/graph/year-window.ts';
import { inThreadWork } from '../../src/work/request-work.ts';
import { expectedById, loadAcl2016And2017Network } from '../helpers/acl-slice.ts';
import { bundledApp, query } from '../helpers/app.ts';
import { createClient } from 'graphql-sse';
import { startServer } from '../../src/server.ts';

interface ProgressUpdate {
  progress: { phase: string; sourcesDone: number; sourcesTotal: number; exactFinishedAt: string | null };
  computedAt: string | null;
  done: boolean;
}

/**
 * `serve --windows`: the windows an operator lists get exact betweenness, closeness and harmonic,
 * computed in the background after the whole network's pass; other large windows stay estimates.
 * On the ACL 2016 slice followed by the ACL 2017 main venues: the listed window {to: 2016} is the 2016
 * slice itself, whose NetworkX values are tests/fixtures/acl-anthology-2016-networkx.json
 * (tests/reference/acl_slice_reference.py); {from: 2016, to: 2016} is the same network, not listed.
 */
const listed = { from: null, to: 2016 };
const data = analyzeNetwork(loadAcl2016And2017Network(), {
  threads: 1,
  exactWindows: parseWindows('-2016'),
});
// The windows whose networks the API had built (a listed one comes built from the load).
const built: string[] = [];
const app = bundledApp({
  data,
  work: (served) => {
    const work = inThreadWork(served);
    return {
      ...work,
      windowParts: (range, signal) => {
        built.push(rangeKey(range));
        return work.windowParts(range, signal);
      },
    };
  },
});
afterAll(() => data.dispose());

const rankingQuery = `query ($years: YearRange, $metric: CentralityMetric!) {
  centralityRanking(metric: $metric, years: $years, first: 50) { nodes { score exact sampleSize computedAt author { id } } }
}`;
type Ranked = { score: number; exact: boolean; sampleSize: number | null; author: { id: string } };

describe('serve --windows', () => {
  it('parses the listed windows, and refuses what is not one', () => {
    expect(serveConfig(['--windows', '2016-2019,2020-,-2015,2018']).exactWindows).toEqual([
      { from: 2016, to: 2019 },
      { from: 2020, to: null },
      { from: null, to: 2015 },
      { from: 2018, to: 2018 },
    ]);
    expect(serveConfig([]).exactWindows).toEqual([]);
    for (const wrong of ['2019-2016', 'recent', '-', '2016-2019;2020'])
      expect(() => serveConfig(['--windows', wrong]), wrong).toThrow(ConfigError);
  });

  it('serves a listed window with estimates first, then exact values equal to NetworkX; an unlisted one stays an estimate', async () => {
    // Before its pass: the window is large, so an estimate like any other.
    const before = (await query(app, rankingQuery, { years: listed, metric: 'BETWEENNESS' })).centralityRanking
      .nodes as Ranked[];
    if (data.exactWindow(listed) === null) expect(before[0]).toMatchObject({ exact: false, sampleSize: 256 });
    // The window's own pass, followed by a graphql-sse client from now until it ends.
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    const client = createClient({ url: server.url, retryAttempts: 0 });
    const updates: ProgressUpdate[] = [];
    const streamed = (async () => {
      const stream = client.iterate<{ centralityProgress: ProgressUpdate }>({
        query: `subscription { centralityProgress(every: 0.1, years: {to: 2016}) {
          progress { phase sourcesDone sourcesTotal exactFinishedAt } computedAt done } }`,
      });
      for await (const result of stream) {
        expect(result.errors).toBeUndefined();
        updates.push((result.data as { centralityProgress: ProgressUpdate }).centralityProgress);
      }
    })();

    await data.whenExact();
    await expect.poll(() => data.exactWindow(listed), { timeout: 300_000, interval: 200 }).not.toBeNull();
    try {
      await streamed;
      // An unlisted window has no pass to follow.
      const unlisted = await client
        .iterate({ query: 'subscription { centralityProgress(years: {from: 2016, to: 2016}) { done } }' })
        .next();
      expect(unlisted.value?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'years' });
    } finally {
      client.dispose();
      await server.close(0);
    }
    const computedAt = (data.exactWindow(listed) as { computedAt: Date }).computedAt.toISOString();
    expect(updates.at(-1)).toMatchObject({ done: true, computedAt, progress: { phase: 'EXACT' } });
    // Queued behind the whole network's pass, then the window's own pass over the window's sources only.
    expect(updates[0]?.progress.phase).toMatch(/^(ESTIMATING|EXACT_PASS)$/u);
    const running = updates.filter((update) => update.progress.phase === 'EXACT_PASS');
    expect(running.length).toBeGreaterThan(0);
    for (const update of running) {
      expect(update.progress.sourcesTotal).toBeLessThanOrEqual(data.listedWindow(listed)?.compact.order as number);
      expect(update.progress.sourcesDone).toBeLessThanOrEqual(update.progress.sourcesTotal);
    }
    running.forEach((update, i) => {
      if (i > 0)
        expect(update.progress.sourcesDone).toBeGreaterThanOrEqual(running[i - 1]?.progress.sourcesDone as number);
    });
    expect(data.windowProgress({ from: 2016, to: 2016 })).toBeNull();
    // graphStats of the listed window gives its own progress; of another window, the whole network's.
    const stats = await query(
      app,
      `{ listed: graphStats(years: {to: 2016}) { centralityProgress { phase exactFinishedAt } }
         unlisted: graphStats(years: {from: 2016, to: 2016}) { centralityProgress { exactFinishedAt } }
         whole: graphStats { centralityProgress { exactFinishedAt } } }`,
    );
    expect(stats.listed.centralityProgress).toEqual({ phase: 'EXACT', exactFinishedAt: computedAt });
    expect(stats.unlisted.centralityProgress).toEqual(stats.whole.centralityProgress);
    expect(stats.whole.centralityProgress.exactFinishedAt).not.toBe(computedAt);

    for (const metric of ['BETWEENNESS', 'CLOSENESS', 'HARMONIC'] as const) {
      const reference = expectedById(metric.toLowerCase() as 'betweenness' | 'closeness' | 'harmonic');
      const nodes = (await query(app, rankingQuery, { years: listed, metric })).centralityRanking.nodes as Ranked[];
      expect(nodes).toHaveLength(50);
      for (const node of nodes) {
        expect(node).toMatchObject({ exact: true, sampleSize: null });
        const wanted = reference.get(node.author.id) as number;
        expect(Math.abs(node.score - wanted), `${metric} of ${node.author.id}`).toBeLessThanOrEqual(
          1e-12 * Math.max(1, wanted),
        );
      }
    }
    const { author } = await query(
      app,
      `{ author(id: "graham-neubig") { listed: centrality(years: {to: 2016}) { exact betweenness }
        unlisted: centrality(years: {from: 2016, to: 2016}) { exact sampleSize } } }`,
    );
    expect(author.listed.exact).toBe(true);
    expect(author.listed.betweenness).toBeCloseTo(expectedById('betweenness').get('graham-neubig') as number, 12);
    expect(author.unlisted).toEqual({ exact: false, sampleSize: 256 });
    expect(built).toEqual(['2016-2016']);
  }, 600_000);
});
