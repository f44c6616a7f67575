import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';

let app: App;
beforeAll(() => { app = bundledApp(); });

const metrics = {
  DEGREE: 'degree', WEIGHTED_DEGREE: 'weightedDegree', BETWEENNESS: 'betweenness', CLOSENESS: 'closeness',
  HARMONIC: 'harmonic', EIGENVECTOR: 'eigenvector', PAGERANK: 'pagerank',
} as const;

describe('centralityRanking', () => {
  it.each(Object.entries(metrics))('ranks all 30 authors by %s with NetworkX\'s scores, best first', async (metric, field) => {
    const data = await query(app, `{ centralityRanking(metric: ${metric}, first: 30) { rank score author { id name } } }`);
    const ranking = data.centralityRanking;
    expect(ranking).toHaveLength(30);
    const expected = seedExpected.metrics[field] as Record<string, number>;
    for (const entry of ranking) expect(entry.score).toBeCloseTo(expected[entry.author.name]!, 9);
    for (let i = 1; i < ranking.length; i += 1) {
      const [before, after] = [ranking[i - 1], ranking[i]];
      expect(before.score).toBeGreaterThanOrEqual(after.score - 1e-12);
      if (before.rank === after.rank) expect(before.author.id < after.author.id).toBe(true);
      else expect(after.rank).toBe(i + 1);
    }
    expect(ranking[0].author.id).toBe('david-duvenaud');
  });

  it('gives tied authors the same rank', async () => {
    // Betweenness (NetworkX): Kelly and Chen tie at 0.00985, Lorraine and Vicol at 0.000616: competition ranks.
    const data = await query(app, '{ centralityRanking(metric: BETWEENNESS, first: 5) { rank author { id } } }');
    expect(data.centralityRanking.map((entry: any) => entry.rank)).toEqual([1, 2, 2, 4, 4]);
  });

  it('pages with offset and rejects first over 100 or a negative offset', async () => {
    const all = await query(app, '{ centralityRanking(metric: PAGERANK, first: 30) { author { id } } }');
    const page = await query(app, '{ centralityRanking(metric: PAGERANK, first: 5, offset: 10) { author { id } } }');
    expect(page.centralityRanking).toEqual(all.centralityRanking.slice(10, 15));
    expect(await failure(app, '{ centralityRanking(metric: PAGERANK, first: 101) { rank } }')).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'first' }]);
    expect(await failure(app, '{ centralityRanking(metric: PAGERANK, offset: -1) { rank } }')).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'offset' }]);
  });
});
