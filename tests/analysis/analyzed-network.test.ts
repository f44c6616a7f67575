import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { centralityCache } from '../../src/analysis/centrality-cache.ts';
import { allPairsMetrics, computeCentrality } from '../../src/analysis/centrality.ts';
import { syntheticNetwork } from '../helpers/networks.ts';

const network = syntheticNetwork(21, 1500, { newAuthorShare: 0.35 });
const exact = computeCentrality(network);

function cacheDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'coauthor-graph-cache-'));
}

describe('analyzeNetwork in the background', () => {
  it('serves sampled estimates first, then exact values, and says which', async () => {
    const analyzed = analyzeNetwork(network, { mode: 'background', threads: 2, sampleSize: 20 });
    try {
      const first = await analyzed.centrality();
      for (const metric of allPairsMetrics) expect(first.originOf(metric)).toMatchObject({ exact: false, sampleSize: 20, fromCache: false });
      expect(first.originOf('pagerank')).toMatchObject({ exact: true, sampleSize: null });
      expect(['estimating', 'exact-pass', 'exact']).toContain(analyzed.progress().phase);

      // The largest component's path figures: estimates beside the estimates, exact with the exact values.
      expect(first.pathFigures()?.exact).toBe(false);
      const final = await analyzed.whenExact();
      expect(await analyzed.centrality()).toBe(final);
      expect(final.pathFigures()).toEqual(exact.pathFigures());
      expect(final.pathFigures()?.exact).toBe(true);
      for (const metric of allPairsMetrics) expect(final.originOf(metric)).toMatchObject({ exact: true, sampleSize: null });
      for (const id of network.authorIds) {
        for (const metric of allPairsMetrics) expect(final.scoresOf(id)?.[metric], `${metric} of ${id}`).toBeCloseTo(exact.scoresOf(id)?.[metric] as number, 12);
      }
      const progress = analyzed.progress();
      expect(progress).toMatchObject({ phase: 'exact', fromCache: false, error: null });
      expect(progress.sourcesDone).toBe(progress.sourcesTotal);
      expect(progress.exactFinishedAt).toBeInstanceOf(Date);
    } finally {
      analyzed.dispose();
    }
  });

  it('answers the local metrics at once, before the first estimates exist', async () => {
    const analyzed = analyzeNetwork(network, { mode: 'background', threads: 1, sampleSize: 20 });
    try {
      const table = await analyzed.centralityFor('pagerank');
      expect(analyzed.progress().phase).toBe('estimating');
      for (const id of network.authorIds.slice(0, 50)) expect(table.scoresOf(id)?.pagerank).toBeCloseTo(exact.scoresOf(id)?.pagerank as number, 15);
      expect(table.originOf('pagerank').exact).toBe(true);
      expect((await analyzed.centralityFor('betweenness')).originOf('betweenness').sampleSize).toBe(20);
    } finally {
      analyzed.dispose();
    }
  });

  it('saves exact values, and a restart on the same inputs serves them at once from the cache', async () => {
    const directory = cacheDirectory();
    const first = analyzeNetwork(network, { mode: 'background', threads: 2, sampleSize: 20, cache: centralityCache(directory, 'key-1', network.authorIds) });
    await first.whenExact();
    first.dispose();
    expect(readdirSync(directory)).toEqual(['centrality-key-1.bin']);

    const second = analyzeNetwork(network, { mode: 'background', cache: centralityCache(directory, 'key-1', network.authorIds) });
    expect(second.progress()).toMatchObject({ phase: 'exact', fromCache: true });
    const table = await second.centrality();
    expect(await second.whenExact()).toBe(table);
    for (const metric of allPairsMetrics) expect(table.originOf(metric)).toMatchObject({ exact: true, fromCache: true });
    // The path figures are saved with them (in the file's header).
    expect(table.pathFigures()).toEqual(exact.pathFigures());
    for (const id of network.authorIds) {
      for (const metric of allPairsMetrics) expect(table.scoresOf(id)?.[metric], `${metric} of ${id}`).toBeCloseTo(exact.scoresOf(id)?.[metric] as number, 12);
    }
  });

  it('never reuses values saved for other inputs (another key) or another network (other authors)', async () => {
    const directory = cacheDirectory();
    const saved = computeCentrality(network);
    const scores = Object.fromEntries(allPairsMetrics.map((metric) => [metric, Float64Array.from(network.authorIds, (id) => saved.scoresOf(id)?.[metric] as number)])) as never;
    centralityCache(directory, 'old-key', network.authorIds).write(scores, new Date(), 1);

    expect(centralityCache(directory, 'new-key', network.authorIds).read()).toBeNull();
    const other = syntheticNetwork(22, 1500, { newAuthorShare: 0.35 });
    expect(centralityCache(directory, 'old-key', other.authorIds).read()).toBeNull();
    expect(centralityCache(directory, 'old-key', network.authorIds).read()).not.toBeNull();

    const analyzed = analyzeNetwork(network, { mode: 'background', threads: 1, sampleSize: 20, cache: centralityCache(directory, 'new-key', network.authorIds) });
    expect(analyzed.progress()).toMatchObject({ phase: 'estimating', fromCache: false });
    analyzed.dispose();
  });

  it('ignores a damaged cache file and computes instead', () => {
    const directory = cacheDirectory();
    const cache = centralityCache(directory, 'key', network.authorIds);
    writeFileSync(cache.file, '{"version":1,"key":"key"}\nnot numbers');
    expect(cache.read()).toBeNull();
    writeFileSync(cache.file, 'no header at all');
    expect(cache.read()).toBeNull();
  });

  it('works out the cache key only when the cache is used (a small network never hashes its inputs)', () => {
    const keys: string[] = [];
    const key = () => { keys.push('asked'); return 'lazy-key'; };
    analyzeNetwork(syntheticNetwork(1, 50), { cache: centralityCache(cacheDirectory(), key, syntheticNetwork(1, 50).authorIds) });
    expect(keys).toEqual([]);
    const large = analyzeNetwork(network, { mode: 'background', threads: 1, sampleSize: 20, cache: centralityCache(cacheDirectory(), key, network.authorIds) });
    large.dispose();
    expect(keys).toEqual(['asked']);
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
