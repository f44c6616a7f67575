import { beforeAll, describe, expect, it } from 'vitest';
import type { AllPairsScores } from '../../src/analysis/all-pairs-centrality.ts';
import { type CentralityProgress, analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import {
  allPairsMetrics,
  centralityTable,
  computeCentrality,
  computeLocalCentrality,
} from '../../src/analysis/centrality.ts';
import { type App, createApp } from '../../src/app.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';

let app: App;
beforeAll(() => {
  app = bundledApp();
});

const metrics = {
  DEGREE: 'degree',
  WEIGHTED_DEGREE: 'weightedDegree',
  BETWEENNESS: 'betweenness',
  CLOSENESS: 'closeness',
  HARMONIC: 'harmonic',
  EIGENVECTOR: 'eigenvector',
  PAGERANK: 'pagerank',
  CORENESS: 'coreness',
  CLUSTERING: 'clustering',
  CONSTRAINT: 'constraint',
  EFFECTIVE_SIZE: 'effectiveSize',
} as const;

/** NetworkX's value: the converged runs (`metricsTight`) for the two power iterations. */
function networkxScores(field: string): Record<string, number> {
  return (
    field === 'eigenvector' || field === 'pagerank'
      ? seedExpected.metricsTight[field]
      : seedExpected.metrics[field as keyof typeof seedExpected.metrics]
  ) as Record<string, number>;
}

describe('centralityRanking', () => {
  it.each(Object.entries(metrics))(
    "ranks all 30 authors by %s with NetworkX's scores, best first",
    async (metric, field) => {
      const data = await query(
        app,
        `{ centralityRanking(metric: ${metric}, first: 30) { nodes { rank score author { id name } } } }`,
      );
      const ranking = data.centralityRanking.nodes;
      expect(ranking).toHaveLength(30);
      const expected = networkxScores(field);
      for (const entry of ranking)
        expect(Math.abs(entry.score - expected[entry.author.name]!), entry.author.name).toBeLessThanOrEqual(
          1e-10 * Math.max(1, expected[entry.author.name]!),
        );
      // Best first: highest, except constraint (lowest: brokers first).
      const sign = field === 'constraint' ? -1 : 1;
      for (let i = 1; i < ranking.length; i += 1) {
        const [before, after] = [ranking[i - 1], ranking[i]];
        expect(sign * before.score).toBeGreaterThanOrEqual(sign * after.score - 1e-12);
        if (before.rank === after.rank) expect(before.author.id < after.author.id).toBe(true);
        else expect(after.rank).toBe(i + 1);
      }
      // The nine GRAN authors share the top coreness (8); David Duvenaud's co-authors mostly do not know each other.
      if (field === 'coreness') expect(ranking.filter((entry: any) => entry.rank === 1)).toHaveLength(9);
      else if (field === 'clustering') expect(ranking.at(-1).author.id).toBe('david-duvenaud');
      else expect(ranking[0].author.id).toBe('david-duvenaud');
    },
  );

  it("gives an author's structure scores in AuthorCentrality, coreness as an Int", async () => {
    const data = await query(
      app,
      '{ author(id: "paul-vicol") { name centrality { coreness clustering constraint effectiveSize pagerank eigenvector } } }',
    );
    const { name, centrality } = data.author;
    expect(centrality.coreness).toBe(seedExpected.metrics.coreness[name as keyof typeof seedExpected.metrics.coreness]);
    for (const field of ['clustering', 'constraint', 'effectiveSize', 'pagerank', 'eigenvector']) {
      const want = networkxScores(field)[name]!;
      expect(Math.abs(centrality[field] - want), field).toBeLessThanOrEqual(1e-10 * want);
    }
  });

  it('gives tied authors the same rank', async () => {
    // Betweenness (NetworkX): Kelly and Chen tie at 0.00985, Lorraine and Vicol at 0.000616: competition ranks.
    const data = await query(
      app,
      '{ centralityRanking(metric: BETWEENNESS, first: 5) { nodes { rank author { id } } } }',
    );
    expect(data.centralityRanking.nodes.map((entry: any) => entry.rank)).toEqual([1, 2, 2, 4, 4]);
  });

  it('pages with offset and rejects first over 100 or a negative offset', async () => {
    const all = await query(app, '{ centralityRanking(metric: PAGERANK, first: 30) { nodes { author { id } } } }');
    const page = await query(
      app,
      '{ centralityRanking(metric: PAGERANK, first: 5, offset: 10) { nodes { author { id } } } }',
    );
    expect(page.centralityRanking.nodes).toEqual(all.centralityRanking.nodes.slice(10, 15));
    expect(await failure(app, '{ centralityRanking(metric: PAGERANK, first: 101) { nodes { rank } } }')).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'first' },
    ]);
    expect(await failure(app, '{ centralityRanking(metric: PAGERANK, offset: -1) { nodes { rank } } }')).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'offset' },
    ]);
  });
});

describe('how centrality values were obtained', () => {
  it("says the bundled data's values are exact, with when they were computed", async () => {
    const data = await query(
      app,
      `{
      centralityRanking(metric: BETWEENNESS, first: 2) { nodes { exact sampleSize computedAt } }
      author(id: "paul-vicol") { centrality { exact sampleSize computedAt } }
      graphStats { centralityProgress { phase fraction fromCache sourcesDone sourcesTotal exactFinishedAt error } }
    }`,
    );
    for (const entry of [...data.centralityRanking.nodes, data.author.centrality]) {
      expect(entry).toMatchObject({ exact: true, sampleSize: null });
      expect(new Date(entry.computedAt).toISOString()).toBe(entry.computedAt);
    }
    expect(data.graphStats.centralityProgress).toMatchObject({
      phase: 'EXACT',
      fraction: 1,
      fromCache: false,
      sourcesDone: 30,
      sourcesTotal: 30,
      error: null,
    });
  });

  it('marks sampled estimates as such until the exact pass is done, and shows its progress', async () => {
    const network = loadSeedNetwork();
    const local = computeLocalCentrality(network);
    const exact = computeCentrality(network);
    const estimate = Object.fromEntries(
      allPairsMetrics.map((metric) => [
        metric,
        Float64Array.from(network.authorIds, (id) => (exact.scoresOf(id)?.[metric] as number) * 0.9),
      ]),
    ) as unknown as AllPairsScores;
    const table = centralityTable(network, local, estimate, {
      exact: false,
      sampleSize: 7,
      computedAt: new Date('2026-01-02T03:04:05Z'),
      fromCache: false,
    });
    const base = analyzeNetwork(network);
    const progress: CentralityProgress = {
      phase: 'exact-pass',
      sourcesDone: 5,
      sourcesTotal: 20,
      exactStartedAt: new Date('2026-01-02T03:04:06Z'),
      exactFinishedAt: null,
      fromCache: false,
      error: null,
    };
    const estimating = createApp({
      data: { ...base, centrality: async () => table, centralityFor: async () => table, progress: () => progress },
      logging: false,
    });
    const data = await query(
      estimating,
      `{
      betweenness: centralityRanking(metric: BETWEENNESS, first: 1) { nodes { score exact sampleSize computedAt } }
      pagerank: centralityRanking(metric: PAGERANK, first: 1) { nodes { exact sampleSize } }
      author(id: "david-duvenaud") { centrality { betweenness pagerank exact sampleSize computedAt } }
      graphStats { centralityProgress { phase sourcesDone sourcesTotal fraction exactStartedAt exactFinishedAt } }
    }`,
    );
    expect(data.betweenness.nodes[0]).toEqual({
      score: (exact.ranking('betweenness')[0]?.score as number) * 0.9,
      exact: false,
      sampleSize: 7,
      computedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(data.pagerank.nodes[0]).toEqual({ exact: true, sampleSize: null });
    expect(data.author.centrality).toMatchObject({
      exact: false,
      sampleSize: 7,
      computedAt: '2026-01-02T03:04:05.000Z',
    });
    expect(data.graphStats.centralityProgress).toEqual({
      phase: 'EXACT_PASS',
      sourcesDone: 5,
      sourcesTotal: 20,
      fraction: 0.25,
      exactStartedAt: '2026-01-02T03:04:06.000Z',
      exactFinishedAt: null,
    });
  });
});
