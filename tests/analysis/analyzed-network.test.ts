import { describe, expect, it } from 'vitest';
import { computeAllPairsCentrality } from '../../src/analysis/all-pairs-centrality.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { allPairsMetrics, computeCentrality } from '../../src/analysis/centrality.ts';
import { startEstimates } from '../../src/analysis/early-estimates.ts';
import type { PassThreads } from '../../src/work/pass-threads.ts';
import { syntheticNetwork } from '../helpers/networks.ts';

const network = syntheticNetwork(21, 1500, { newAuthorShare: 0.35 });
const exact = computeCentrality(network);

describe('analyzeNetwork in the background', () => {
  it('serves sampled estimates first, then exact values, and says which', async () => {
    const analyzed = analyzeNetwork(network, { mode: 'background', threads: 2, sampleSize: 20 });
    try {
      const first = await analyzed.centrality();
      for (const metric of allPairsMetrics)
        expect(first.originOf(metric)).toMatchObject({ exact: false, sampleSize: 20, fromCache: false });
      expect(first.originOf('pagerank')).toMatchObject({ exact: true, sampleSize: null });
      expect(['estimating', 'exact-pass', 'exact']).toContain(analyzed.progress().phase);

      // The largest component's path figures: estimates beside the estimates, exact with the exact values.
      expect(first.pathFigures()?.exact).toBe(false);
      const final = await analyzed.whenExact();
      expect(await analyzed.centrality()).toBe(final);
      expect(final.pathFigures()).toEqual(exact.pathFigures());
      expect(final.pathFigures()?.exact).toBe(true);
      for (const metric of allPairsMetrics)
        expect(final.originOf(metric)).toMatchObject({ exact: true, sampleSize: null });
      for (const id of network.authorIds) {
        for (const metric of allPairsMetrics)
          expect(final.scoresOf(id)?.[metric], `${metric} of ${id}`).toBeCloseTo(
            exact.scoresOf(id)?.[metric] as number,
            12,
          );
      }
      const progress = analyzed.progress();
      expect(progress).toMatchObject({ phase: 'exact', fromCache: false, error: null });
      expect(progress.sourcesDone).toBe(progress.sourcesTotal);
      expect(progress.exactFinishedAt).toBeInstanceOf(Date);
    } finally {
      analyzed.dispose();
    }
  });

  it("serves a smaller first estimate, then the whole sample's, then exact values, each saying its sources", async () => {
    let ready: () => void = () => {};
    const analyzed = analyzeNetwork(network, {
      mode: 'background',
      threads: 2,
      sampleSize: 40,
      firstSampleSize: 12,
      exactAfter: new Promise<void>((resolve) => {
        ready = resolve;
      }),
    });
    try {
      const first = await analyzed.centrality();
      for (const metric of allPairsMetrics)
        expect(first.originOf(metric)).toMatchObject({ exact: false, sampleSize: 12 });
      // The whole sample's estimate waits for the network to be served (`exactAfter`), as the exact pass does.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await analyzed.centrality()).toBe(first);
      expect(analyzed.progress()).toMatchObject({ phase: 'estimating' });
      expect(analyzed.progress().sourcesDone).toBe(analyzed.progress().sourcesTotal);
      ready();
      const sampled = await analyzed.whenSampled();
      for (const metric of allPairsMetrics)
        expect(sampled.originOf(metric)).toMatchObject({ exact: false, sampleSize: 40 });
      // The whole sample's estimate replaces the first one for every later request, before the exact values.
      expect(await analyzed.centrality()).toBe(sampled);
      // The same values as an analysis that samples 40 sources from the start.
      const direct = analyzeNetwork(network, { mode: 'background', threads: 2, sampleSize: 40 });
      try {
        const reference = await direct.centrality();
        for (const id of network.authorIds.slice(0, 200))
          for (const metric of allPairsMetrics)
            expect(sampled.scoresOf(id)?.[metric]).toBeCloseTo(reference.scoresOf(id)?.[metric] as number, 12);
      } finally {
        direct.dispose();
      }
      const final = await analyzed.whenExact();
      expect(final.originOf('betweenness')).toMatchObject({ exact: true, sampleSize: null });
      expect(await analyzed.centrality()).toBe(final);
      expect(await analyzed.whenSampled()).toBe(final);
    } finally {
      analyzed.dispose();
    }
  });

  it('answers the local metrics at once, before the first estimates exist', async () => {
    const analyzed = analyzeNetwork(network, { mode: 'background', threads: 1, sampleSize: 20 });
    try {
      const table = await analyzed.centralityFor('pagerank');
      expect(analyzed.progress().phase).toBe('estimating');
      for (const id of network.authorIds.slice(0, 50))
        expect(table.scoresOf(id)?.pagerank).toBeCloseTo(exact.scoresOf(id)?.pagerank as number, 15);
      expect(table.originOf('pagerank').exact).toBe(true);
      expect((await analyzed.centralityFor('betweenness')).originOf('betweenness').sampleSize).toBe(20);
    } finally {
      analyzed.dispose();
    }
  });

  it('serves stored exact values at once and runs no pass', async () => {
    const stored = {
      columns: {
        ...exact.columns(),
        allPairsOrigin: { exact: true, sampleSize: null, computedAt: new Date('2026-01-02'), fromCache: true },
      },
    };
    const analyzed = analyzeNetwork(network, { mode: 'background', threads: 1, stored });
    expect(analyzed.progress()).toMatchObject({ phase: 'exact', fromCache: true, sourcesTotal: 0 });
    const table = await analyzed.centrality();
    expect(await analyzed.whenExact()).toBe(table);
    for (const metric of allPairsMetrics)
      expect(table.originOf(metric)).toMatchObject({ exact: true, fromCache: true });
    expect(table.ranking('betweenness')).toEqual(exact.ranking('betweenness'));
  });

  it('serves stored estimates at once, then computes the exact values in the background and hands them on', async () => {
    const estimate = {
      ...exact.columns(),
      allPairsOrigin: { exact: false, sampleSize: 20, computedAt: new Date('2026-01-02'), fromCache: false },
    };
    const handed: number[] = [];
    const analyzed = analyzeNetwork(network, {
      mode: 'background',
      threads: 1,
      stored: { columns: estimate },
      onExact: (table) => handed.push(table.ranking('closeness').length),
    });
    try {
      const first = await analyzed.centrality();
      expect(first.originOf('betweenness')).toMatchObject({ exact: false, sampleSize: 20 });
      const final = await analyzed.whenExact();
      expect(final.originOf('betweenness')).toMatchObject({ exact: true, sampleSize: null, fromCache: false });
      expect(handed).toEqual([network.compact.order]);
    } finally {
      analyzed.dispose();
    }
  });

  it('plans and starts the exact pass only once `exactAfter` resolves (a server: once it is ready)', async () => {
    const estimate = {
      ...exact.columns(),
      allPairsOrigin: { exact: false, sampleSize: 20, computedAt: new Date('2026-01-02'), fromCache: false },
    };
    let ready: () => void = () => {};
    const started: number[] = [];
    const analyzed = analyzeNetwork(network, {
      mode: 'background',
      threads: 1,
      stored: { columns: estimate },
      exactAfter: new Promise<void>((resolve) => {
        ready = resolve;
      }),
      exactPass: (graph, options) => {
        started.push(graph.order);
        return computeAllPairsCentrality(graph, options);
      },
    });
    try {
      await analyzed.centrality();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(started).toEqual([]);
      expect(analyzed.progress().phase).not.toBe('exact');
      ready();
      const final = await analyzed.whenExact();
      expect(started).toEqual([network.compact.order]);
      expect(final.originOf('betweenness')).toMatchObject({ exact: true });
    } finally {
      analyzed.dispose();
    }
  });

  it('runs the exact pass on its own thread count (exactThreads), the estimates on `threads`', async () => {
    const asked: (number | undefined)[] = [];
    const analyzed = analyzeNetwork(network, {
      mode: 'background',
      threads: 2,
      exactThreads: 1,
      sampleSize: 20,
      exactPass: (graph, options) => {
        asked.push(options.threads);
        return computeAllPairsCentrality(graph, options);
      },
    });
    try {
      await analyzed.whenExact();
      expect(asked).toEqual([1]);
      expect(analyzed.progress().phase).toBe('exact');
    } finally {
      analyzed.dispose();
    }
  });

  it('hands the exact pass the pass threads its estimates ran on, open, instead of it starting threads of its own', async () => {
    const options = { mode: 'background', threads: 2, sampleSize: 20 } as const;
    const started = startEstimates(network.compact, options);
    expect(started).not.toBeNull();
    const given: (PassThreads | undefined)[] = [];
    const analyzed = analyzeNetwork(network, {
      ...options,
      startedEstimates: started ?? undefined,
      exactPass: (graph, passOptions) => {
        given.push(passOptions.pool);
        return computeAllPairsCentrality(graph, passOptions);
      },
    });
    try {
      const final = await analyzed.whenExact();
      expect(given).toHaveLength(1);
      expect(given[0]).toBe(started?.pool);
      expect(final.originOf('betweenness')).toMatchObject({ exact: true });
    } finally {
      analyzed.dispose();
    }
  });

  it('computes small networks exactly in this thread, before serving', async () => {
    const analyzed = analyzeNetwork(syntheticNetwork(1, 50));
    expect(analyzed.progress().phase).toBe('exact');
    expect((await analyzed.centrality()).originOf('betweenness').exact).toBe(true);
  });

  it('stops its workers when disposed', async () => {
    const analyzed = analyzeNetwork(network, { mode: 'background', threads: 1, sampleSize: 20 });
    analyzed.dispose();
    await expect(analyzed.whenExact()).rejects.toThrow();
    expect(analyzed.progress().phase).not.toBe('failed');
  });
});
