import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CentralityMetric, allPairsMetrics, centralityMetrics } from '../../src/analysis/centrality.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { serveConfig } from '../../src/config.ts';
import { type ServableData, loadServableData } from '../../src/commands/load-data.ts';
import { inputKey } from '../../src/commands/input-key.ts';
import { cachedSnapshotFile } from '../../src/snapshot/snapshot-cache.ts';
import { readSnapshotFile, writeSnapshotFile } from '../../src/snapshot/snapshot-file.ts';
import { STAGED_ESTIMATES, syntheticPapersJsonl } from '../helpers/networks.ts';

function setUp() {
  const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-load-'));
  const dataFile = join(directory, 'papers.jsonl');
  writeFileSync(dataFile, syntheticPapersJsonl(7, 4000)); // about 5,000 authors: too large for the exact pass at load, so it runs in the background
  const cache = join(directory, 'cache');
  // A first estimate of 5 sources, then the whole sample's 20: the cache keeps the latter.
  const config = serveConfig(['--data', dataFile, '--cache-dir', cache, ...STAGED_ESTIMATES]);
  return { directory, dataFile, cache, config };
}

/**
 * The first load of `setUp()`'s files, done once for the file (each load builds a 5,000-author network
 * and runs its passes): what it left in its cache once the snapshot with the first estimates was
 * saved, then once the exact values were in; the network and the exact values. Tests that only need
 * such a cache copy its snapshot (the cache is keyed by the files' bytes, the same in every `setUp()`).
 */
const firstLoad = once(async () => {
  const { cache, config } = setUp();
  const first = servable(loadServableData(config));
  try {
    const file = cachedSnapshotFile(cache, inputKey(config));
    await first.cached;
    const afterEstimates = {
      source: first.loaded.source,
      cacheFiles: readdirSync(cache),
      manifest: readSnapshotFile(file).manifest,
    };
    const exact = await first.data.whenExact();
    await first.writes();
    return {
      cache,
      config,
      file,
      afterEstimates,
      afterExact: readSnapshotFile(file).manifest,
      snapshot: readFileSync(file),
      exact,
      network: first.loaded.network,
      stats: first.data.stats,
    };
  } finally {
    first.data.dispose();
  }
});

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** A fresh `setUp()` whose cache holds the first load's snapshot (as if its files had been loaded once). */
async function setUpCached() {
  const setup = setUp();
  const { snapshot } = await firstLoad();
  const file = cachedSnapshotFile(setup.cache, inputKey(setup.config));
  mkdirSync(setup.cache, { recursive: true });
  writeFileSync(file, snapshot);
  return { ...setup, file };
}

/** A cache holding the snapshot of `setUp()`'s files with one score changed to `value`; the config to load it with. */
async function tamperedCache(metric: CentralityMetric, row: number, value: number) {
  const { config, file } = await setUpCached();
  const { exact: table, stats } = await firstLoad();
  const { columns } = readSnapshotFile(file);
  const scores = {
    ...table.columns().scores,
    [metric]: Float64Array.from(table.columns().scores[metric], (score, i) => (i === row ? value : score)),
  };
  const origin = { exact: true, sampleSize: null, computedAt: new Date().toISOString() };
  writeSnapshotFile(file, {
    inputKey: inputKey(config),
    columns,
    stats,
    duplicatesMerged: 0,
    metrics: { scores, origins: Object.fromEntries(centralityMetrics.map((name) => [name, origin])) },
  });
  return config;
}

function servable(result: ReturnType<typeof loadServableData>): ServableData {
  if ('failure' in result) throw new Error(result.failure);
  return result;
}

describe('loading through the snapshot cache', () => {
  it('builds from the files and saves a snapshot; a restart on the same files loads it, exact values included', async () => {
    const { cache, config, file, afterEstimates, afterExact, exact, stats } = await firstLoad();
    expect(afterEstimates.source).toEqual({ kind: 'files' });
    expect(afterEstimates.cacheFiles).toEqual([file.slice(cache.length + 1)]);
    expect(afterEstimates.manifest.metrics.betweenness).toMatchObject({ exact: false, sampleSize: 20 });
    expect(afterExact.metrics.betweenness).toMatchObject({ exact: true, sampleSize: null });

    const second = servable(loadServableData(config));
    try {
      expect(second.loaded.source).toEqual({ kind: 'cache', file });
      expect(second.data.progress()).toMatchObject({ phase: 'exact', fromCache: true });
      const table = await second.data.centrality();
      for (const metric of centralityMetrics) expect(table.ranking(metric)).toEqual(exact.ranking(metric));
      for (const metric of allPairsMetrics)
        expect(table.originOf(metric)).toMatchObject({ exact: true, fromCache: true });
      // The largest component's path figures, from the same pass, come back with them.
      expect(exact.pathFigures()).toMatchObject({ exact: true });
      expect(table.pathFigures()).toEqual(exact.pathFigures());
      expect(second.data.stats).toEqual(stats);
    } finally {
      second.data.dispose();
    }
  }, 60_000);

  it('builds again when a data file changed (a new input key)', async () => {
    const { dataFile, config } = await setUpCached();
    writeFileSync(dataFile, syntheticPapersJsonl(8, 4000));
    const second = servable(loadServableData(config));
    expect(second.loaded.source).toEqual({ kind: 'files' });
    second.data.dispose();
  });

  it('ignores a damaged cached snapshot with a warning, builds from the files and replaces it', async () => {
    const { config, file } = await setUpCached();
    writeFileSync(file, 'not a snapshot');
    const second = servable(loadServableData(config));
    expect(second.loaded.source).toEqual({ kind: 'files' });
    expect(second.loaded.notes).toEqual([
      expect.stringMatching(
        /^ignoring the cached snapshot: cannot use snapshot .*: too short to be a snapshot .*; it will be rebuilt$/u,
      ),
    ]);
    await second.cached;
    second.data.dispose();
    expect(readSnapshotFile(file).manifest.inputKey).toBe(inputKey(config));
  });

  it('does not serve tampered values: a cached snapshot with a NaN score is used for its network but its metrics are computed again', async () => {
    const config = await tamperedCache('pagerank', 3, Number.NaN);
    const second = servable(loadServableData(config));
    expect(second.loaded.source.kind).toBe('cache');
    expect(second.loaded.notes).toEqual([
      "the snapshot's centrality values cannot be used (metric pagerank holds NaN for author row 3); computing them again",
    ]);
    expect(Number.isFinite((await second.data.centralityFor('pagerank')).ranking('pagerank')[0]?.score)).toBe(true);
    second.data.dispose();
  });

  it('serves a snapshot file given with --snapshot, without reading any data file', async () => {
    const { directory } = setUp();
    const { exact: table, network } = await firstLoad();
    const file = join(directory, 'network.cgsnap');
    const { snapshotMetricsOf } = await import('../../src/snapshot/snapshot-metrics.ts');
    writeSnapshotFile(file, {
      inputKey: null,
      columns: network.columns,
      stats: computeGraphStats(network),
      duplicatesMerged: 0,
      metrics: snapshotMetricsOf(table.columns()),
    });
    const loaded = servable(loadServableData(serveConfig(['--snapshot', file, '--no-cache'])));
    expect(loaded.loaded.source).toEqual({ kind: 'snapshot', file });
    expect(loaded.data.progress()).toMatchObject({ phase: 'exact' });
    expect((await loaded.data.centrality()).ranking('harmonic')).toEqual(table.ranking('harmonic'));
    loaded.data.dispose();
  });

  it('refuses to serve a snapshot that cannot be used, saying why', () => {
    const { directory } = setUp();
    const file = join(directory, 'broken.cgsnap');
    writeFileSync(file, 'PK\u0003\u0004 and then nothing');
    expect(loadServableData(serveConfig(['--snapshot', file]))).toEqual({
      failure: `cannot use snapshot ${file}: too short to be a snapshot (21 bytes)`,
    });
  });
});

describe('stored values out of range', () => {
  it.each([
    ['betweenness', 1.5],
    ['pagerank', -0.1],
    ['closeness', Number.POSITIVE_INFINITY],
  ] as const)('are not served: %s = %s', async (metric, bad) => {
    const config = await tamperedCache(metric, 0, bad);
    const second = servable(loadServableData(config));
    expect(second.loaded.notes).toEqual([
      `the snapshot's centrality values cannot be used (metric ${metric} holds ${bad} for author row 0); computing them again`,
    ]);
    second.data.dispose();
  });
});
