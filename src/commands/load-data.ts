/**
 * Loading for every command: a snapshot file (`--snapshot`), or data files → catalog → network,
 * through the snapshot cache when there is one (a second start on the same files loads the snapshot
 * built the first time), with the problems to show.
 */
import {
  type AnalysisOptions,
  type AnalyzedNetwork,
  type StoredCentrality,
  analyzeNetwork,
} from '../analysis/analyzed-network.ts';
import type { CentralityColumns, LocalScores } from '../analysis/centrality.ts';
import { localMetricsOffThread, splitsLocalMetrics } from '../db/curation-step.ts';
import type { AnalysisConfig, DataConfig } from '../config.ts';
import { type CoauthorNetwork, networkOf } from '../graph/network.ts';
import { connectedComponents } from '../graph/compact-graph.ts';
import type { ColumnOptions } from '../graph/network-columns.ts';
import { type StartedEstimates, allPairsInThread, startEstimates } from '../analysis/early-estimates.ts';
import { type LoadResult, hasErrors, loadFiles } from '../ingest/load.ts';
import { formatProblem } from '../ingest/records.ts';
import { cachedSnapshotFile, readCachedSnapshot, writeSnapshotInBackground } from '../snapshot/snapshot-cache.ts';
import { type Snapshot, SnapshotFormatError, readSnapshotFile } from '../snapshot/snapshot-file.ts';
import { openSnapshotFile } from '../snapshot/lazy-snapshot.ts';
import { snapshotMetricsOf, storedCentralityOf } from '../snapshot/snapshot-metrics.ts';
import { curatedNetworkOf, setCuratedIdentity } from '../graph/curated-identity.ts';
import { applyIdentityDecisions, identityFromDecisions } from '../ingest/identity-decisions.ts';
import { inputKey } from './input-key.ts';
import { type ProgressBar, progressBar } from './progress-bar.ts';
import { errorMessage } from '../error-message.ts';

export type DataSource =
  | { readonly kind: 'files' }
  | { readonly kind: 'snapshot'; readonly file: string }
  | { readonly kind: 'cache'; readonly file: string }
  /** A version of the shared store, built from its stored papers (src/db/version-network.ts). */
  | { readonly kind: 'store'; readonly versionId: number };

export interface LoadedData {
  readonly network: CoauthorNetwork;
  readonly source: DataSource;
  /** What parsing found (files only; a snapshot was checked when it was built). */
  readonly load: LoadResult | null;
  /** The snapshot the network came from (file or cache). */
  readonly snapshot: Snapshot | null;
  readonly hasErrors: boolean;
  /** Records merged into an earlier record of the same paper. */
  readonly duplicatesMerged: number;
  /** Warnings about the cache (a cached snapshot that could not be used, one that could not be written). */
  readonly notes: readonly string[];
}

/** Parses the data files of `config`, reporting to `progress` (closed when done, whatever happens). */
export function parseDataFiles(config: DataConfig, progress: ProgressBar = progressBar(process.stderr)): LoadResult {
  try {
    return loadFiles({
      files: config.files,
      aliasFile: config.aliasFile,
      format: config.inputFormat,
      onProgress: (event) => progress.update(event),
    });
  } finally {
    progress.done();
  }
}

/**
 * Parses the data files; a progress bar goes to the terminal's stderr for large inputs.
 * `graphHooks`: called with the network's compact graph (`ColumnOptions`: `onGraphMade` the moment it
 * is made, `onCompactGraph` when it is handed over), when the files' network is served as they give it
 * (no curation decisions apply).
 */
export function loadData(
  config: DataConfig,
  progress: ProgressBar = progressBar(process.stderr),
  graphHooks: Pick<ColumnOptions, 'onCompactGraph' | 'onGraphMade'> = {},
): LoadedData {
  if (config.snapshotFile != null)
    return fromSnapshot(readSnapshotFile(config.snapshotFile), { kind: 'snapshot', file: config.snapshotFile });
  const load = parseDataFiles(config, progress);
  // Curators' decisions apply to the catalog; `load.catalog` stays as the files give it (curation starts from it).
  const curated = config.decisions?.length ? applyIdentityDecisions(load.catalog, config.decisions) : null;
  const networkOptions = { maxAuthorsPerPaper: config.maxAuthorsPerPaper };
  const network =
    curated === null
      ? networkOf(load.networkColumns({ ...networkOptions, ...graphHooks }))
      : curatedNetworkOf(curated.catalog, networkOptions, config.decisions ?? []);
  return {
    network,
    source: { kind: 'files' },
    load,
    snapshot: null,
    hasErrors: hasErrors(load.problems),
    duplicatesMerged: load.duplicatesMerged,
    notes: (curated?.problems ?? []).map(
      (problem) =>
        `curation decision ${problem.decisionId} does not apply to these data and is skipped: ${problem.message}`,
    ),
  };
}

/** The ids merged away and the rejected pairs, beside the network (from the decisions alone). */
function withCuratedIdentity(network: CoauthorNetwork, config: DataConfig): void {
  const decisions = config.decisions ?? [];
  if (decisions.length === 0) return;
  setCuratedIdentity(network, {
    ...identityFromDecisions(decisions),
    curationThrough: decisions.reduce((max, decision) => Math.max(max, decision.id), 0),
  });
}

export function fromSnapshot(
  snapshot: Snapshot,
  source: DataSource,
  notes: readonly string[] = [],
  version: string = snapshot.manifest.networkVersion,
): LoadedData {
  return {
    network: networkOf(snapshot.columns, { version }),
    source,
    load: null,
    snapshot,
    hasErrors: false,
    duplicatesMerged: snapshot.manifest.duplicatesMerged ?? 0,
    notes,
  };
}

/**
 * Where a load from data files computes a large network's local metrics: in this thread, in a worker
 * thread, or (`workers`) in two when the graph is large enough (`splitsLocalMetrics`).
 */
type LocalMetricsWhere = 'thread' | 'worker' | 'workers';

/** What a load from data files started on other threads while it went on making the network. */
interface StartedWork {
  readonly estimates: StartedEstimates | null;
  /** The local metrics, being computed in a worker thread (asked for by `loadServableDataOffThread`). */
  readonly local: Promise<LocalScores> | null;
  /** Ends that worker when its metrics will not be used. */
  readonly stopLocal: () => void;
}

const NOTHING_STARTED: StartedWork = { estimates: null, local: null, stopLocal: () => {} };

/**
 * The files' network, with its first estimates started on pass threads as soon as its compact graph
 * exists (early-estimates.ts), while the rest of the network is made; cancelled if loading fails.
 * Off this thread (`where`), a network large enough for estimates gets its local metrics computed
 * in a worker thread from then on too: the search indexes, listing orders and UTF-8 columns are made
 * meanwhile, where they followed one another on this thread; `workers` gives a graph large enough
 * for it two (`splitsLocalMetrics`).
 */
function loadWithEstimates(
  config: DataConfig & Partial<AnalysisConfig>,
  estimate: boolean,
  where: LocalMetricsWhere,
): { loaded: LoadedData; started: StartedWork } {
  if (!estimate) return { loaded: loadData(config), started: NOTHING_STARTED };
  let estimates: StartedEstimates | null = null;
  let local: Promise<LocalScores> | null = null;
  const localWorker = new AbortController();
  const stopLocal = () => localWorker.abort(new Error('load-data: the local metrics are not needed'));
  try {
    const loaded = loadData(config, undefined, {
      // The local metrics' worker as soon as the graph exists (for a network that gets estimates): on a
      // large network it then runs while this thread makes the rest of the columns (its arrays are
      // small beside them), where the estimates' threads wait for the columns (`handsGraphOverFirst`).
      onGraphMade: (graph) => {
        if (where !== 'thread' && !allPairsInThread(graph)) {
          local = localMetricsOffThread(graph, localWorker.signal, {
            split: where === 'workers' && splitsLocalMetrics(graph),
          });
          local.catch(() => {}); // awaited (or left) by whoever analyzes the network
        }
      },
      onCompactGraph: (graph) => {
        estimates = startEstimates(graph, {
          ...(config.threads == null ? {} : { threads: config.threads }),
          ...(config.exactThreads == null ? {} : { exactThreads: config.exactThreads }),
          ...(config.sampleSize == null ? {} : { sampleSize: config.sampleSize }),
          ...(config.firstSampleSize == null ? {} : { firstSampleSize: config.firstSampleSize }),
        });
      },
    });
    return { loaded, started: { estimates, local, stopLocal } };
  } catch (error) {
    (estimates as StartedEstimates | null)?.cancel();
    stopLocal();
    throw error;
  }
}

/** The snapshot file, the cached snapshot for these inputs, or the files parsed (`estimate`, `where`: see loadWithEstimates). */
function loadForServing(
  config: DataConfig & Partial<AnalysisConfig>,
  lazyTables: boolean,
  estimate: boolean,
  where: LocalMetricsWhere,
): { loaded: LoadedData; key: string | null; started: StartedWork } {
  // Served: tables read when first used (lazy-snapshot.ts); commands that go through everything read the whole file.
  if (config.snapshotFile != null && lazyTables)
    return {
      loaded: fromSnapshot(openSnapshotFile(config.snapshotFile), { kind: 'snapshot', file: config.snapshotFile }),
      key: null,
      started: NOTHING_STARTED,
    };
  if (config.cacheDirectory == null) return { ...loadWithEstimates(config, estimate, where), key: null };
  const key = inputKey(config);
  const cached = readCachedSnapshot(config.cacheDirectory, key);
  if (cached !== null && 'snapshot' in cached) {
    const fromCache = fromSnapshot(cached.snapshot, {
      kind: 'cache',
      file: cachedSnapshotFile(config.cacheDirectory, key),
    });
    withCuratedIdentity(fromCache.network, config);
    return { loaded: fromCache, key, started: NOTHING_STARTED };
  }
  const { loaded, started } = loadWithEstimates(config, estimate, where);
  return {
    loaded: cached === null ? loaded : { ...loaded, notes: [...loaded.notes, cached.warning] },
    key,
    started,
  };
}

export interface ServableData {
  readonly data: AnalyzedNetwork;
  readonly loaded: LoadedData;
  /** The input key (null for a snapshot file, or without a cache). */
  readonly key: string | null;
  /** Resolves when the snapshot for these inputs is in the cache (at once when there is nothing to write). */
  readonly cached: Promise<void>;
  /** Resolves when every cache write asked for so far is done (the exact values' too, once they are in). */
  writes(): Promise<void>;
}

type ServableOptions = Pick<AnalysisOptions, 'onSettled' | 'exactPass' | 'exactWindows' | 'exactAfter'> & {
  readonly onNote?: (note: string) => void;
  /** A snapshot file's tables other than those needed at start are read when first used (`serve`). */
  readonly lazyTables?: boolean;
  /**
   * A large network's local metrics in two workers (`splitsLocalMetrics`), where the start waits for
   * them with the cores otherwise idle (`serve`). Not for `build`: there the loading thread's columns
   * are what the command waits for, and a third busy thread slows them (and adds 0.4 GB to the
   * DBLP-shaped corpus's peak).
   */
  readonly splitLocalMetrics?: boolean;
} & CacheWriteOption;

interface CacheWriteOption {
  /**
   * False: the network is not written to the cache here; the caller puts the snapshot it writes there
   * itself (`build`: `cacheSnapshotFile`). Default true.
   */
  readonly cacheWrites?: boolean;
}

type Loading = ReturnType<typeof loadForServing>;

/** Loads (see loadForServing), or says why the snapshot cannot be used. */
function startLoading(
  config: DataConfig & Partial<AnalysisConfig>,
  options: ServableOptions,
  offThread: boolean,
): Loading | { failure: string } {
  // Listed windows' networks are made on the pass threads ahead of the estimates: those start with the analysis.
  const estimate = (options.exactWindows ?? config.exactWindows ?? []).length === 0;
  try {
    const where = !offThread ? 'thread' : options.splitLocalMetrics === true ? 'workers' : 'worker';
    return loadForServing(config, options.lazyTables ?? false, estimate, where);
  } catch (error) {
    if (error instanceof SnapshotFormatError) return { failure: error.message };
    throw error;
  }
}

/** The loaded network analyzed (servableFrom), taking over the estimates the load started. */
function servableOfLoading(
  { loaded, key, started }: Loading,
  config: DataConfig & Partial<AnalysisConfig>,
  options: ServableOptions,
  local: LocalScores | undefined,
): ServableData | { failure: string } {
  const { lazyTables: _lazyTables, splitLocalMetrics: _splitLocalMetrics, ...rest } = options;
  const estimates = started.estimates;
  let servable;
  try {
    servable = servableFrom(loaded, key, config, {
      ...rest,
      ...(estimates === null ? {} : { startedEstimates: estimates }),
      ...(local === undefined ? {} : { local }),
    });
  } catch (error) {
    estimates?.cancel();
    throw error;
  }
  if ('failure' in servable) estimates?.cancel();
  return servable;
}

/** Loads and analyzes, or says why the data cannot be used (any unreadable record, or no paper); the command says what it refuses ("refusing to serve: ..."). */
export function loadServableData(
  config: DataConfig & Partial<AnalysisConfig>,
  options: ServableOptions = {},
): ServableData | { failure: string } {
  const loading = startLoading(config, options, false);
  return 'failure' in loading ? loading : servableOfLoading(loading, config, options, undefined);
}

/**
 * As `loadServableData`, for the commands that can wait (`serve`, `build`): a network from data files
 * large enough for estimates gets its local metrics from a worker thread, computed while this thread
 * made the rest of the network's columns (on the ACL Anthology, most of a second less to ready). If
 * the worker fails, they are computed in this thread, as `loadServableData` does.
 */
export async function loadServableDataOffThread(
  config: DataConfig & Partial<AnalysisConfig>,
  options: ServableOptions = {},
): Promise<ServableData | { failure: string }> {
  const loading = startLoading(config, options, true);
  if ('failure' in loading) return loading;
  const { local } = loading.started;
  // Data that will be refused is refused without waiting for its metrics.
  const usable = !loading.loaded.hasErrors && loading.loaded.network.papers.size > 0;
  if (!usable) loading.started.stopLocal();
  // The network's version (a hash of every column: half a second at 1 M synthetic papers), needed to
  // serve and to save it, and its components, which its statistics read: worked out while the worker
  // computes, not after.
  if (usable && local !== null) {
    void loading.loaded.network.version;
    connectedComponents(loading.loaded.network.compact);
  }
  const scores = local === null || !usable ? undefined : await local.catch(() => undefined);
  return servableOfLoading(loading, config, options, scores);
}

/**
 * A loaded network, analyzed and kept in the snapshot cache under `key` (when there is a cache):
 * what every way of loading shares (files, snapshot, cache, the shared store's versions).
 */
export function servableFrom(
  loaded: LoadedData,
  key: string | null,
  config: DataConfig & Partial<AnalysisConfig>,
  options: Pick<
    AnalysisOptions,
    | 'onSettled'
    | 'exactPass'
    | 'local'
    | 'freshLocal'
    | 'exactWindows'
    | 'exactAfter'
    | 'estimates'
    | 'startedEstimates'
  > &
    CacheWriteOption & {
      readonly onNote?: (note: string) => void;
    } = {},
): ServableData | { failure: string } {
  if (loaded.hasErrors) {
    const errors = (loaded.load?.problems ?? []).filter((problem) => problem.severity === 'error');
    return {
      failure: `${errors.length} record(s) could not be read (run "coauthor-graph check" for details):\n${errors.map(formatProblem).join('\n')}`,
    };
  }
  if (loaded.network.papers.size === 0) {
    return {
      failure: `no papers were loaded from ${config.files.length === 0 ? 'no data files' : config.files.join(', ')}`,
    };
  }
  let stored: StoredCentrality | null = null;
  const notes = [...loaded.notes];
  if (loaded.snapshot !== null) {
    try {
      stored = storedCentralityOf(loaded.snapshot.metrics, loaded.source.kind === 'cache');
    } catch (error) {
      notes.push(`the snapshot's centrality values cannot be used (${errorMessage(error)}); computing them again`);
    }
  }
  // From a snapshot, its statistics; from files, the analysis computes them with the local metrics.
  const stats = loaded.snapshot?.manifest.stats;
  const cacheFile =
    key !== null && config.cacheDirectory != null && options.cacheWrites !== false
      ? cachedSnapshotFile(config.cacheDirectory, key)
      : null;
  const { threads, exactThreads, sampleSize, firstSampleSize } = config;
  // The cache keeps the snapshot with the best values known: written once the first values are in
  // (estimates or exact), written again when the exact pass finishes; one write at a time, in order.
  let writing: Promise<void> = Promise.resolve();
  const save = (columns: CentralityColumns) => {
    if (cacheFile === null) return writing;
    const content = {
      inputKey: key,
      columns: loaded.network.columns,
      stats: data.stats,
      duplicatesMerged: loaded.duplicatesMerged,
      metrics: snapshotMetricsOf(columns),
    };
    writing = writing
      .then(() => writeSnapshotInBackground(cacheFile, content))
      .then(
        () => {},
        (error: Error) => {
          options.onNote?.(`could not save the snapshot in the cache: ${error.message}`);
        },
      );
    return writing;
  };
  const { onNote: _onNote, cacheWrites: _cacheWrites, ...analysisOptions } = options;
  // The listed windows of every network served: the first, a reload, a store version (serve --windows).
  const exactWindows = options.exactWindows ?? config.exactWindows;
  const data = analyzeNetwork(loaded.network, {
    ...analysisOptions,
    ...(exactWindows === undefined ? {} : { exactWindows }),
    ...(threads == null ? {} : { threads }),
    ...(exactThreads == null ? {} : { exactThreads }),
    ...(sampleSize == null ? {} : { sampleSize }),
    ...(firstSampleSize == null ? {} : { firstSampleSize }),
    stored,
    ...(stats === undefined ? {} : { stats }),
    onExact: (table) => {
      if (loaded.source.kind !== 'snapshot') void save(table.columns());
    },
  });
  const needsSaving =
    cacheFile !== null && (loaded.source.kind === 'files' || loaded.source.kind === 'store' || stored === null);
  // A network disposed before its first values (a quick stop) has nothing to save.
  // Saved with the network's own local metrics (a curation step serves stale ones for a few seconds),
  // and the whole sample's estimates (not a smaller first estimate that a large network is served with).
  const cached = needsSaving
    ? data
        .whenSampled()
        .then(() => data.whenLocalFresh())
        .then(() => data.whenSampled())
        .then(
          (table) => save(table.columns()),
          () => {},
        )
    : Promise.resolve();
  return { data, loaded: { ...loaded, notes }, key, cached, writes: () => writing };
}

export function describeLoad(loaded: LoadedData, config: DataConfig): string {
  const { network, source } = loaded;
  const counts = `${network.papers.size} papers, ${network.authors.size} authors, ${network.compact.edgeCount} collaborations`;
  const aliases = config.aliasFile === null ? '' : `, aliases from ${config.aliasFile}`;
  const files = config.files.length === 1 ? '1 file' : `${config.files.length} files`;
  const from =
    source.kind === 'store'
      ? `network version ${source.versionId} of the shared store`
      : source.kind === 'snapshot'
        ? `snapshot ${source.file}`
        : `${files} (${config.files.join(', ')})${aliases}${source.kind === 'cache' ? ` via the cached snapshot ${source.file}` : ''}`;
  return (
    `${counts} from ${from}` +
    (loaded.duplicatesMerged > 0 ? `; ${loaded.duplicatesMerged} duplicate records merged` : '') +
    (network.maxAuthorsPerPaper === null
      ? ''
      : `; ${network.papersOverAuthorLimit} paper(s) with more than ${network.maxAuthorsPerPaper} authors add no collaborations`)
  );
}
