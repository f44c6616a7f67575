import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { computeWeightedScores, computeWeightedStructure } from '../../src/analysis/centrality.ts';
import { windowNetwork } from '../../src/graph/year-window.ts';
import { workerThreadWork } from '../../src/work/request-work.ts';
import { syntheticCorpusNetwork } from '../helpers/networks.ts';
import { bundledApp, graphql, query, threadCpuMs, trivialQueriesDuring } from '../helpers/app.ts';

/**
 * A window's weighted scores (eigenvector and PageRank under a `weighting`, weighted constraint and
 * effective size) are computed in a request worker over the window's network, as the whole
 * network's are: the event loop's thread spends a fraction of their CPU time, trivial queries keep
 * answering while they are computed, and the values are those computed in this thread. On a synthetic corpus shaped like the ACL Anthology
 * (src/bench/synthetic-corpus.ts), large enough that the window's weighted scores would block the
 * loop for a measurable time (measured first, below).
 */
const data = analyzeNetwork(syntheticCorpusNetwork(25_000, 'window-weighting-off-loop'), {
  mode: 'background',
  threads: 1,
  // No exact pass: its start and end on this thread would share the time measured here with the window's.
  exactAfter: new Promise(() => {}),
});
// The window's first analysis takes seconds on a loaded machine: no time budget cuts the warm-up.
const app = bundledApp({ data, timeBudgetMs: 600_000, work: (served) => workerThreadWork(served, { threads: 1 }) });
afterAll(async () => {
  await app.dispose();
  data.dispose();
});

const range = { from: 2016, to: null };
const rankingQuery = `query ($metric: CentralityMetric!, $weighting: TieWeighting) {
  centralityRanking(metric: $metric, weighting: $weighting, years: { from: 2016 }, first: 25) {
    nodes { score author { id } }
  }
}`;
type Ranked = { score: number; author: { id: string } };

describe("a window's weighted scores", () => {
  it('are computed in a request worker: the event loop keeps answering, the values are unchanged', async () => {
    // The window built and analysed first (both in the worker already): only the weighted scores remain.
    await query(app, rankingQuery, { metric: 'DEGREE', weighting: null });
    const window = windowNetwork(data.network, range);
    // What the weighted scores cost this thread's CPU when computed here (what the event loop would be held
    // for). CPU time, not wall-clock time: a busy machine stretches the one and not the other.
    const before = threadCpuMs();
    const expected = computeWeightedScores(window, 'fractional');
    const inThread = threadCpuMs() - before;
    expect(inThread, 'the scores must take a while for this test to say anything').toBeGreaterThan(60);

    // Another weighting's, asked for through the API: this thread's share of the work.
    const started = threadCpuMs();
    const associated = await graphql(app, rankingQuery, { metric: 'PAGERANK', weighting: 'ASSOCIATION_STRENGTH' });
    expect(associated.errors).toBeUndefined();
    const onThisThread = threadCpuMs() - started;
    expect(onThisThread, `computed in this thread with ${inThread} ms of CPU`).toBeLessThan(inThread / 2);

    // Fractional, with trivial queries meanwhile: several are answered while the scores are computed (scores
    // computed on the event loop would let one through at most, after them).
    const ranked = graphql(app, rankingQuery, { metric: 'PAGERANK', weighting: 'FRACTIONAL' });
    const { latencies } = await trivialQueriesDuring(app, ranked);
    const answer = await ranked;
    expect(answer.errors).toBeUndefined();
    expect(latencies.length).toBeGreaterThan(3);

    // The same values as computed in this thread, to the last bit (the same code on the same window).
    const nodes = answer.data?.['centralityRanking'].nodes as Ranked[];
    expect(nodes).toHaveLength(25);
    for (const node of nodes)
      expect(node.score).toBe(expected.pagerank[window.authorIndex.get(node.author.id) as number]);
    const { author } = await query(
      app,
      `query ($id: ID!) { author(id: $id) { centrality(years: { from: 2016 }) {
        eigenvector(weighting: ASSOCIATION_STRENGTH) constraint(weighting: FRACTIONAL) effectiveSize(weighting: FRACTIONAL) } } }`,
      { id: nodes[0]?.author.id },
    );
    const row = window.authorIndex.get(nodes[0]?.author.id as string) as number;
    const structure = computeWeightedStructure(window, 'fractional');
    expect(author.centrality).toEqual({
      eigenvector: computeWeightedScores(window, 'associationStrength').eigenvector[row],
      constraint: structure.constraint[row],
      effectiveSize: structure.effectiveSize[row],
    });
  }, 180_000);
});
