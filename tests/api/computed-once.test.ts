/** Whole-graph metrics are computed once per loaded network, never per request. */
import { describe, expect, it, vi } from 'vitest';
import { bundledApp, query } from '../helpers/app.ts';

const calls = vi.hoisted(() => ({ betweenness: 0, pagerank: 0 }));

vi.mock('graphology-metrics/centrality/betweenness.js', async (importOriginal) => {
  const original = ((await importOriginal()) as { default: (...args: unknown[]) => unknown }).default;
  return { default: (...args: unknown[]) => { calls.betweenness += 1; return original(...args); } };
});
vi.mock('graphology-metrics/centrality/pagerank.js', async (importOriginal) => {
  const original = ((await importOriginal()) as { default: (...args: unknown[]) => unknown }).default;
  return { default: (...args: unknown[]) => { calls.pagerank += 1; return original(...args); } };
});

describe('centrality computation', () => {
  it('runs once when the network is loaded, however many requests ask for it', async () => {
    const app = bundledApp();
    expect(calls).toEqual({ betweenness: 1, pagerank: 1 });
    for (let i = 0; i < 3; i += 1) {
      await query(app, `{ centralityRanking(metric: BETWEENNESS) { score } author(id: "paul-vicol") { centrality { pagerank betweenness } }
        c: centralityRanking(metric: PAGERANK, first: 3) { rank } }`);
    }
    expect(calls).toEqual({ betweenness: 1, pagerank: 1 });
  });
});
