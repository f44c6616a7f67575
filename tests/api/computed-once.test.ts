/** Whole-graph metrics are computed once per loaded network, never per request. */
import { describe, expect, it, vi } from 'vitest';
import { bundledApp, query } from '../helpers/app.ts';

const calls = vi.hoisted(() => ({ allPairs: 0, pagerank: 0 }));

vi.mock('../../src/analysis/all-pairs-centrality.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/analysis/all-pairs-centrality.ts')>();
  return {
    ...original,
    computeAllPairsCentralitySync: (...args: Parameters<typeof original.computeAllPairsCentralitySync>) => {
      calls.allPairs += 1;
      return original.computeAllPairsCentralitySync(...args);
    },
  };
});
vi.mock('../../src/analysis/power-iteration.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/analysis/power-iteration.ts')>();
  return {
    ...original,
    eigenvectorAndPagerank: (...args: Parameters<typeof original.eigenvectorAndPagerank>) => {
      calls.pagerank += 1;
      return original.eigenvectorAndPagerank(...args);
    },
  };
});

describe('centrality computation', () => {
  it('runs once when the network is loaded, however many requests ask for it', async () => {
    const app = bundledApp();
    expect(calls).toEqual({ allPairs: 1, pagerank: 1 });
    for (let i = 0; i < 3; i += 1) {
      await query(
        app,
        `{ centralityRanking(metric: BETWEENNESS) { nodes { score } } author(id: "paul-vicol") { centrality { pagerank betweenness } }
        c: centralityRanking(metric: PAGERANK, first: 3) { nodes { rank } } }`,
      );
    }
    expect(calls).toEqual({ allPairs: 1, pagerank: 1 });
  });
});
