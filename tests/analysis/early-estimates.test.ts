/**
 * The first estimates started on the compact graph before the network is analyzed (early-estimates.ts):
 * taken over by `analyzeNetwork` (the same values and origin as estimates it starts itself, its pass
 * threads and signal), cancelled when the analysis would not run them, and started during a load from
 * data files as soon as the compact graph exists.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type AnalyzedNetwork, analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { allPairsMetrics } from '../../src/analysis/centrality.ts';
import {
  FIRST_ESTIMATE_WORK,
  MIN_FIRST_SAMPLE,
  firstSampleSize,
  startEstimates,
} from '../../src/analysis/early-estimates.ts';
import { loadData, loadServableData } from '../../src/commands/load-data.ts';
import { serveConfig } from '../../src/config.ts';
import type { CompactGraph } from '../../src/graph/compact-graph.ts';
import { collectGarbage } from '../../src/ingest/collect-garbage.ts';
import { syntheticNetwork, syntheticPapersJsonl } from '../helpers/networks.ts';

const network = syntheticNetwork(21, 1500, { newAuthorShare: 0.35 });
const options = { mode: 'background', threads: 2, sampleSize: 20 } as const;

/** The network analyzed with a first estimate of 8 sources started before it; the estimate's locality order held weakly. */
function analyzedWithFirstEstimate(): { data: AnalyzedNetwork; ordered: WeakRef<object> } {
  const started = startEstimates(network.compact, { ...options, firstSampleSize: 8 });
  if (started === null) throw new Error('no estimates started');
  const ordered = new WeakRef<object>(started.run.ordered);
  return { data: analyzeNetwork(network, { ...options, firstSampleSize: 8, startedEstimates: started }), ordered };
}

describe('estimates started before the analysis', () => {
  it('are taken over: the same values and origin as the analysis gives alone, on their own signal', async () => {
    const alone = analyzeNetwork(network, options);
    const started = startEstimates(network.compact, options);
    expect(started).not.toBeNull();
    const early = analyzeNetwork(network, { ...options, startedEstimates: started ?? undefined });
    try {
      const [reference, table] = await Promise.all([alone.centrality(), early.centrality()]);
      expect(started?.controller.signal.aborted).toBe(false); // not cancelled and started again
      expect(started?.run.done()).toBe(started?.run.total);
      for (const metric of allPairsMetrics) {
        expect(table.originOf(metric)).toMatchObject({ exact: false, sampleSize: 20, fromCache: false });
        // Two threads add their sums in the order they finish: equal up to rounding, run to run.
        for (const id of network.authorIds) {
          const expected = reference.scoresOf(id)?.[metric] as number;
          const value = table.scoresOf(id)?.[metric] as number;
          expect(Math.abs(value - expected), `${metric} of ${id}`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(expected)),
          );
        }
      }
    } finally {
      alone.dispose();
      early.dispose();
    }
    expect(started?.controller.signal.aborted).toBe(true); // disposing the network stops its passes
  });

  it('search fewer sources first on a network where the whole sample would hold up the start', () => {
    // ACL Anthology (101,380 authors, 492,356 ties): 70·10⁶ / 1,086,092 = 64.5.
    expect(firstSampleSize({ order: 101_380, edgeCount: 492_356 }, 256)).toBe(64);
    // 1 M synthetic papers (1,331,811 authors, 9,142,972 ties): 70·10⁶ / 19,617,755 = 3.6, so the least.
    expect(firstSampleSize({ order: 1_331_811, edgeCount: 9_142_972 }, 256)).toBe(MIN_FIRST_SAMPLE);
    // The ACL 2016 slice (7,728 authors, 19,750 ties: tests/fixtures/README.md): the whole sample fits.
    expect(firstSampleSize({ order: 7_728, edgeCount: 19_750 }, 256)).toBe(256);
    // Never fewer than MIN_FIRST_SAMPLE, never more than asked for.
    expect(firstSampleSize({ order: 3_700_000, edgeCount: 40_000_000 }, 256)).toBe(MIN_FIRST_SAMPLE);
    expect(firstSampleSize({ order: 3_700_000, edgeCount: 40_000_000 }, 8)).toBe(8);
    expect(firstSampleSize({ order: 10, edgeCount: 20 }, 256)).toBe(256);
    // A size chosen (--first-sample-size) is taken as it is, but never above the sample size.
    expect(firstSampleSize({ order: 1_331_811, edgeCount: 9_142_972 }, 256, 100)).toBe(100);
    expect(firstSampleSize({ order: 101_380, edgeCount: 492_356 }, 256, 300)).toBe(256);
    const graph = { order: 100, edgeCount: Math.ceil(FIRST_ESTIMATE_WORK / 2 / 64) } as const;
    expect(firstSampleSize(graph, 256)).toBeLessThan(64);
  });

  it('are the first estimate the analysis would make, and taken over as such', async () => {
    const started = startEstimates(network.compact, { ...options, firstSampleSize: 8 });
    expect(started?.sampleSize).toBe(8);
    const data = analyzeNetwork(network, { ...options, firstSampleSize: 8, startedEstimates: started ?? undefined });
    try {
      expect((await data.centrality()).originOf('betweenness').sampleSize).toBe(8);
      expect(started?.controller.signal.aborted).toBe(false);
      expect((await data.whenSampled()).originOf('betweenness').sampleSize).toBe(20);
    } finally {
      data.dispose();
    }
  });

  it('let their locality order go once no estimate will search it again', async () => {
    // The first estimate's copy of the graph in locality order is searched again by the whole sample's
    // estimate, and by nothing after it: at 1 M synthetic papers it is 77 MB, on a DBLP-shaped network
    // half a gigabyte, that the server must not keep through the exact pass.
    const { data, ordered } = analyzedWithFirstEstimate();
    try {
      expect((await data.whenSampled()).originOf('betweenness').sampleSize).toBe(20);
      await data.whenExact();
      await new Promise((resolve) => setImmediate(resolve)); // a WeakRef holds its target until the turn ends
      expect(collectGarbage()).toBe(true);
      expect(ordered.deref()).toBeUndefined();
    } finally {
      data.dispose();
    }
  });

  it('are taken over when the first size asked for is above the sample size (both search the sample size)', async () => {
    const started = startEstimates(network.compact, { ...options, firstSampleSize: 50 });
    expect(started?.sampleSize).toBe(20);
    const data = analyzeNetwork(network, { ...options, firstSampleSize: 50, startedEstimates: started ?? undefined });
    try {
      expect((await data.centrality()).originOf('betweenness').sampleSize).toBe(20);
      expect(started?.controller.signal.aborted).toBe(false);
    } finally {
      data.dispose();
    }
  });

  it('are cancelled when the analysis would start other ones, or none', async () => {
    const otherSample = startEstimates(network.compact, { ...options, sampleSize: 30 });
    const data = analyzeNetwork(network, { ...options, startedEstimates: otherSample ?? undefined });
    try {
      expect(otherSample?.controller.signal.aborted).toBe(true);
      expect((await data.centrality()).originOf('betweenness').sampleSize).toBe(20);
    } finally {
      data.dispose();
    }
    const inThread = startEstimates(network.compact, options);
    analyzeNetwork(network, { mode: 'in-thread', startedEstimates: inThread ?? undefined }).dispose();
    expect(inThread?.controller.signal.aborted).toBe(true);
  });

  it('are not started (mode auto) for a network whose values are computed in-thread', () => {
    const small = syntheticNetwork(3, 200);
    expect(startEstimates(small.compact, { threads: 1 })).toBeNull();
  });

  it('start during a load from data files, on the arrays of the network loaded', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-early-'));
    const dataFile = join(directory, 'papers.jsonl');
    writeFileSync(dataFile, syntheticPapersJsonl(7, 4000)); // about 5,000 authors: estimates in the background
    const config = serveConfig(['--data', dataFile, '--no-cache', '--threads', '1', '--sample-size', '20']);
    const seen: CompactGraph[] = [];
    const made: CompactGraph[] = [];
    const loaded = loadData(config, undefined, {
      onGraphMade: (graph) => made.push(graph),
      onCompactGraph: (graph) => {
        expect(made).toHaveLength(1); // the graph is made before it is handed over
        seen.push(graph);
      },
    });
    expect(made).toHaveLength(1);
    expect(made[0]).toBe(seen[0]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.offsets).toBe(loaded.network.compact.offsets);
    expect(seen[0]?.neighbors).toBe(loaded.network.compact.neighbors);
    expect(seen[0]?.weights).toBe(loaded.network.compact.weights);

    const served = loadServableData(config);
    if ('failure' in served) throw new Error(served.failure);
    const reference = analyzeNetwork(loaded.network, { threads: 1, sampleSize: 20 });
    try {
      const [table, expected] = await Promise.all([served.data.centrality(), reference.centrality()]);
      expect(table.originOf('betweenness')).toMatchObject({ exact: false, sampleSize: 20 });
      for (const id of loaded.network.authorIds.slice(0, 500))
        for (const metric of allPairsMetrics)
          expect(table.scoresOf(id)?.[metric]).toBe(expected.scoresOf(id)?.[metric]);
    } finally {
      served.data.dispose();
      reference.dispose();
    }
  });
});
