import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyzedNetwork, analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { defaultHttpConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { syntheticCorpusNetwork } from '../helpers/networks.ts';

/**
 * The `centralityProgress` subscription through urql's subscription exchange, wired to graphql-sse as
 * urql's documentation shows, against the real server while the exact pass over 6,000 synthetic papers
 * (about 2 s on one quiet core) runs.
 */
let data: AnalyzedNetwork;
let running: RunningServer;

beforeAll(async () => {
  data = analyzeNetwork(syntheticCorpusNetwork(6_000, 'centrality-progress-urql'), { mode: 'background', threads: 1 });
  const app = createApp({ data, logging: false, http: defaultHttpConfig });
  running = await startServer(app, { port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await running.close(0);
  data.dispose();
});

interface Update {
  progress: { phase: string; sourcesDone: number };
  computedAt: string | null;
  done: boolean;
}

describe('centralityProgress through urql', () => {
  it('streams the pass to urql’s subscription exchange and ends with the exact values’ computedAt', async () => {
    const sse = createClient({ url: running.url, retryAttempts: 0 });
    const client = new Client({
      url: running.url,
      exchanges: [
        fetchExchange,
        subscriptionExchange({
          forwardSubscription(request) {
            const input = { ...request, query: request.query ?? '' };
            return { subscribe: (sink) => ({ unsubscribe: sse.subscribe(input, sink) }) };
          },
        }),
      ],
    });
    const updates: Update[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const { unsubscribe } = client
          .subscription<{ centralityProgress: Update }>(
            'subscription { centralityProgress(every: 0.1) { progress { phase sourcesDone } computedAt done } }',
            {},
          )
          .subscribe((result) => {
            if (result.error !== undefined) {
              unsubscribe();
              reject(result.error);
              return;
            }
            const update = result.data?.centralityProgress;
            if (update === undefined) return;
            updates.push(update);
            if (update.done) {
              unsubscribe();
              resolve();
            }
          });
      });
    } finally {
      sse.dispose();
    }
    const duringPass = updates.filter((update) => update.progress.phase === 'EXACT_PASS');
    expect(duringPass.length).toBeGreaterThanOrEqual(2);
    expect(duringPass.at(-1)?.progress.sourcesDone).toBeGreaterThan(duringPass[0]?.progress.sourcesDone ?? 0);
    const last = updates.at(-1) as Update;
    expect(last.done).toBe(true);
    expect(last.progress.phase).toBe('EXACT');
    expect(last.computedAt).toBe(data.progress().exactFinishedAt?.toISOString());
  }, 600_000);
});
