import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyzedNetwork, analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { defaultHttpConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { syntheticCorpusNetwork } from '../helpers/networks.ts';

/**
 * The `centralityProgress` subscription over server-sent events, with graphql-sse's own client
 * (distinct connections mode, as urql's subscription exchange uses it) against the real server, while
 * the exact pass over 6,000 synthetic papers runs in the background (about 8,000 authors; 2 s on one
 * quiet core, where the ACL 2016 slice's now takes a tenth of a second, too short to watch). The
 * server's time budget is far shorter than the pass: a subscription is not a request to cut. Compression and answer caching are on (defaults):
 * the stream must come through event by event, uncompressed and uncached.
 */
const TIME_BUDGET_MS = 300;
let data: AnalyzedNetwork;
let running: RunningServer;

beforeAll(async () => {
  data = analyzeNetwork(syntheticCorpusNetwork(6_000, 'centrality-progress'), { mode: 'background', threads: 1 });
  const app = createApp({ data, logging: false, timeBudgetMs: TIME_BUDGET_MS, http: defaultHttpConfig });
  running = await startServer(app, { port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await running.close(0);
  data.dispose();
});

interface Update {
  progress: { phase: string; sourcesDone: number; sourcesTotal: number };
  secondsLeft: number | null;
  computedAt: string | null;
  done: boolean;
}

describe('centralityProgress', () => {
  it('streams the running pass to a graphql-sse client, then ends with the exact values’ computedAt', async () => {
    const client = createClient({ url: running.url, retryAttempts: 0 });
    const updates: { at: number; update: Update }[] = [];
    const started = performance.now();
    try {
      const stream = client.iterate<{ centralityProgress: Update }>({
        query:
          'subscription { centralityProgress(every: 0.1) { progress { phase sourcesDone sourcesTotal } secondsLeft computedAt done } }',
      });
      for await (const result of stream) {
        expect(result.errors).toBeUndefined();
        updates.push({
          at: performance.now() - started,
          update: (result.data as { centralityProgress: Update }).centralityProgress,
        });
      }
    } finally {
      client.dispose();
    }
    const last = updates.at(-1)?.update as Update;
    expect(last.done).toBe(true);
    expect(last.progress.phase).toBe('EXACT');
    expect(last.secondsLeft).toBe(0);
    // The computedAt of the exact values, as every other field reports it.
    const progress = data.progress();
    expect(last.computedAt).toBe(progress.exactFinishedAt?.toISOString());
    // Several updates while the pass ran, with sources done growing, then the last one; only the last is done.
    const duringPass = updates.filter(({ update }) => update.progress.phase === 'EXACT_PASS');
    expect(duringPass.length).toBeGreaterThanOrEqual(2);
    expect(updates.filter(({ update }) => update.done)).toHaveLength(1);
    expect(duringPass.at(-1)?.update.progress.sourcesDone).toBeGreaterThan(
      duringPass[0]?.update.progress.sourcesDone ?? 0,
    );
    expect(duringPass.some(({ update }) => update.secondsLeft !== null && update.secondsLeft > 0)).toBe(true);
    // The stream outlived the time budget many times over, and its events arrived one by one (not buffered).
    expect(updates.at(-1)?.at).toBeGreaterThan(3 * TIME_BUDGET_MS);
    expect((duringPass[0]?.at ?? 0) + TIME_BUDGET_MS).toBeLessThan(updates.at(-1)?.at ?? 0);
  }, 600_000);

  it('answers over SSE uncompressed and uncached, and ends at once when the values are exact', async () => {
    await data.whenExact();
    const response = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'accept-encoding': 'br, gzip',
      },
      body: JSON.stringify({ query: 'subscription { centralityProgress { done computedAt } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/u);
    // Yoga marks event streams "Content-Encoding: none" (so proxies leave them alone); never br or gzip.
    expect([null, 'none']).toContain(response.headers.get('content-encoding'));
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const events = [...text.matchAll(/^data: (.+)$/gmu)].map(([, json]) => JSON.parse(json as string));
    expect(events).toEqual([
      { data: { centralityProgress: { done: true, computedAt: data.progress().exactFinishedAt?.toISOString() } } },
    ]);
    expect(text).toMatch(/^event: complete$/mu);
  }, 120_000);
});
