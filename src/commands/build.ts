/**
 * `coauthor-graph build --out FILE`: parses the data files once and writes a snapshot (see
 * src/snapshot/snapshot-file.ts) that `serve`, `check`, `report` and `export` load with `--snapshot`
 * without parsing anything.
 *
 * The snapshot holds the local metrics and the all-pairs ones: exact when `--exact` is given (the
 * exact pass runs here, in worker threads) or when the cache already has exact values for these
 * inputs, else the sampled estimates (a server started from it serves them at once and computes the
 * exact values in the background).
 *
 * With the cache, the file written goes into it as it is (`cacheSnapshotFile`: a second name for the
 * same file, or a copy), so a later `serve --data` or `build` on the same inputs loads it.
 */
import { buildConfig } from '../config.ts';
import { formatProblem } from '../ingest/records.ts';
import type { CentralityTable } from '../analysis/centrality.ts';
import { errorMessage } from '../error-message.ts';
import { cacheSnapshotFile } from '../snapshot/snapshot-cache.ts';
import { writeSnapshotFile } from '../snapshot/snapshot-file.ts';
import { snapshotMetricsOf } from '../snapshot/snapshot-metrics.ts';
import { exactCentrality } from './exact-centrality.ts';
import { inputKey } from './input-key.ts';
import type { CommandIO } from './io.ts';
import { type LoadedData, describeLoad, loadServableDataOffThread } from './load-data.ts';

export async function buildCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const config = buildConfig(args);
  const started = Date.now();
  // The snapshot keeps the whole sample's estimates: no smaller first estimate ahead of them, unless asked for.
  const result = await loadServableDataOffThread(
    { ...config, firstSampleSize: config.firstSampleSize ?? config.sampleSize },
    // The snapshot written to --out goes into the cache as it is, not written a second time.
    { cacheWrites: false },
  );
  if ('failure' in result) {
    io.err(`cannot build: ${result.failure}\n`);
    return 1;
  }
  const { data, loaded } = result;
  for (const problem of loaded.load?.problems ?? []) io.err(`${formatProblem(problem)}\n`);
  for (const note of loaded.notes) io.err(`${note}\n`);
  try {
    const table = config.exact ? await exactCentrality(data, io, 'build') : await data.whenSampled();
    const manifest = writeSnapshotFile(config.out, {
      inputKey: result.key ?? inputKey(config),
      columns: loaded.network.columns,
      stats: data.stats,
      duplicatesMerged: loaded.duplicatesMerged,
      metrics: snapshotMetricsOf(table.columns()),
    });
    const cacheNote = cacheOut(config.cacheDirectory, result.key, loaded, table, config.out);
    const allPairs = table.originOf('betweenness');
    io.out(
      `wrote ${config.out} (network version ${manifest.networkVersion}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${describeLoad(loaded, config)}; ` +
        `betweenness, closeness and harmonic ${allPairs.exact ? 'exact' : `estimated from ${allPairs.sampleSize} sources per large component (build with --exact for exact values)`}\n`,
    );
    if (cacheNote !== null) io.err(`${cacheNote}\n`);
    return 0;
  } finally {
    data.dispose();
    await result.writes();
  }
}

/**
 * Puts the snapshot just written into the cache (`cacheSnapshotFile`), unless the build was itself
 * loaded from the cache with values as good; a note when it could not be (the build still succeeded).
 */
function cacheOut(
  directory: string | null,
  key: string | null,
  loaded: LoadedData,
  table: CentralityTable,
  out: string,
): string | null {
  if (directory === null || key === null) return null;
  const cachedExact = loaded.snapshot?.manifest.metrics.betweenness?.exact === true;
  if (loaded.source.kind === 'cache' && (cachedExact || !table.originOf('betweenness').exact)) return null;
  try {
    cacheSnapshotFile(directory, key, out);
    return null;
  } catch (error) {
    return `could not save the snapshot in the cache: ${errorMessage(error)}`;
  }
}
