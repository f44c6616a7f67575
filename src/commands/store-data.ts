/**
 * Loading a version of the shared store for serving (and for `report`, `export`, `check` with
 * `--database`): from the local snapshot cache when it holds that version (keyed by the store's
 * identity and the version id: a version never changes, so its snapshot never goes stale), else
 * built from the store's rows in a worker thread (src/db/version-network.ts) and then written to the
 * cache, so the next start of this replica loads the snapshot.
 */
import { createHash } from 'node:crypto';
import type { AnalysisOptions, AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { LocalScores } from '../analysis/centrality.ts';
import { provisionalLocal } from '../analysis/provisional-local.ts';
import { curatedColumnsOffThread, localMetricsOffThread } from '../db/curation-step.ts';
import type { UndoRecords } from '../graph/identity-patch.ts';
import { compactOf } from '../graph/network-columns.ts';
import { type CoauthorNetwork, networkOf } from '../graph/network.ts';
import type { IdentityDecision } from '../ingest/identity-decisions.ts';
import type { AnalysisConfig, DataConfig, DatabaseConfig } from '../config.ts';
import { type Database, connectDatabase, redactDatabaseUrl } from '../db/database.ts';
import { versionIdentity } from '../curation/version-identity.ts';
import { requireCurrentSchema } from '../db/migrate.ts';
import { sharedExactPass } from '../db/shared-exact-pass.ts';
import { DownloadStopped, SnapshotDownload, type SnapshotDownloadOptions } from '../db/snapshot-download.ts';
import { fetchVersionSnapshot, saveVersionSnapshot } from '../db/version-snapshots.ts';
import { openArrivingSnapshot } from '../snapshot/arriving-snapshot.ts';
import {
  applyCuratedIdentity,
  type StoredVersion,
  type VersionLoadOptions,
  currentVersion,
  loadVersionNetwork,
  storeVersionName,
} from '../db/version-network.ts';
import { type OpenedSnapshot, wholeColumns } from '../snapshot/lazy-snapshot.ts';
import {
  type CacheRead,
  cachedSnapshotFile,
  openCachedSnapshot,
  readCachedSnapshot,
} from '../snapshot/snapshot-cache.ts';
import { type LoadedData, type ServableData, fromSnapshot, loadServableData, servableFrom } from './load-data.ts';
import { errorMessage } from '../error-message.ts';

/** The store's identity (migration 0002), which cache keys start from. */
export async function storeIdentity(database: Database): Promise<string> {
  const { rows } = await database.query<{ id: string }>('SELECT id FROM store_identity');
  if (rows[0] === undefined) throw new Error('the store has no identity row (run coauthor-graph db migrate)');
  return rows[0].id;
}

/** The snapshot cache key of a store version. */
export function storeVersionKey(storeId: string, versionId: number): string {
  return createHash('sha256').update(`coauthor-graph store ${storeId} version ${versionId}`).digest('hex').slice(0, 32);
}

export interface StoreLoadOptions extends Pick<AnalysisOptions, 'onSettled' | 'exactAfter'> {
  readonly onNote?: (note: string) => void;
  /**
   * Share snapshots through the store (replicas): a version missing from the local cache is
   * downloaded when another replica saved it, and one built here from the rows is saved for others.
   */
  readonly shareSnapshots?: boolean;
  readonly identity?: VersionLoadOptions['identity'];
  /**
   * Replicas: take a share of the version's exact pass through the store, and serve the values every
   * process combined (src/db/shared-exact-pass.ts), rather than running the whole pass alone.
   */
  readonly sharedPass?: boolean;
  /**
   * The version served now (replicas): a curated version of the same import is made from it by
   * applying the decisions that differ (src/db/curation-step.ts) rather than built from the rows.
   */
  readonly previous?: CurationState;
  /**
   * What is served now (with `previous`): a curated version is served at once with its degrees and
   * this one's other local metrics, marked stale, until its own are computed (provisional-local.ts).
   */
  readonly previousData?: AnalyzedNetwork;
  /**
   * Serving (replicas): a snapshot from the cache or the store is opened, not read whole: its tables
   * are read when first used (snapshot/lazy-snapshot.ts), those not read at start checked in the
   * background (the snapshot's `verified`, which whoever serves it waits for). Commands that go
   * through the whole network read it whole.
   */
  readonly lazyTables?: boolean;
  /**
   * Called once when loading the version means waiting on the store: its snapshot is streaming in,
   * or it is being built from the rows (serve loads the server's modules then, not before: that
   * would hold the first queries to the store).
   */
  readonly onWaiting?: () => void;
  /** How a store's snapshot is downloaded when served lazily (tests hold parts back with it). */
  readonly snapshotDownload?: SnapshotDownloadOptions;
}

/** A served version with what the next curation step starts from. */
export interface CurationState {
  readonly version: StoredVersion;
  readonly network: CoauthorNetwork;
  /** The identity decisions the network applies (up to the version's `curation_through`). */
  readonly decisions: readonly IdentityDecision[];
  /** Undo records of the decisions this process applied itself (a revert of others needs a build). */
  readonly undo: UndoRecords;
  readonly duplicatesMerged: number;
  /** The network's local metrics when a curation step is computing them (the next step reuses them if it changes no column). */
  readonly local?: Promise<LocalScores>;
}

export type StoreServable =
  | {
      readonly servable: ServableData;
      readonly description: string;
      readonly curation: CurationState;
      /** How the network was had: applied to the previous version, the local cache, the store's snapshot, or the rows. */
      readonly how: 'curation-step' | 'cache' | 'store-snapshot' | 'built';
      /** A curation step's author rows → the rows of the version it was applied to (−1: new), see curation-step.ts. */
      readonly previousRows?: Int32Array;
    }
  | { failure: string };

/**
 * A version's snapshot in the local cache: read whole, or (`lazy`) opened, its tables not read at
 * start checked before it is used (a file that fails is ignored with a warning, as one that cannot be read).
 */
async function cachedVersion(directory: string, key: string, lazy: boolean): Promise<CacheRead> {
  if (!lazy) return readCachedSnapshot(directory, key);
  const cached = openCachedSnapshot(directory, key);
  if (cached === null || !('snapshot' in cached)) return cached;
  try {
    await cached.snapshot.verified;
    return cached;
  } catch (error) {
    cached.snapshot.tables.close();
    return { warning: `ignoring the cached snapshot: ${errorMessage(error)}; it will be downloaded or built again` };
  }
}

/**
 * The store's snapshot of version `versionId`, served while it downloads (snapshot/arriving-snapshot.ts):
 * resolves once what a start reads has arrived and passed its checks; null when the store has none.
 * A download that fails after that is noted: the tables not read by then answer `UNAVAILABLE`
 * and the cache keeps nothing of it.
 */
async function servedWhileArriving(
  database: Database,
  versionId: number,
  cacheFile: string,
  key: string,
  options: StoreLoadOptions,
): Promise<OpenedSnapshot | null> {
  const download = await SnapshotDownload.start(database, versionId, cacheFile, options.snapshotDownload);
  if (download === null) return null;
  options.onWaiting?.();
  const snapshot = await openArrivingSnapshot(
    download,
    cacheFile,
    options.exactAfter === undefined ? {} : { restAfter: options.exactAfter },
  );
  if (snapshot.manifest.inputKey !== key) {
    snapshot.tables.close();
    throw new Error('it was built from other inputs');
  }
  snapshot.downloaded?.catch((error: unknown) => {
    if (error instanceof DownloadStopped) return;
    options.onNote?.(
      `the rest of the store's snapshot of version ${versionId} could not be downloaded (${errorMessage(error)}): what needs a table not read yet fails with UNAVAILABLE, /ready answers 503 until a new version is served, and the cache keeps nothing of it`,
    );
  });
  return snapshot;
}

/** Version `version` ready to serve: from the cache or built from the store. */
export async function loadStoreVersion(
  database: Database,
  storeId: string,
  version: StoredVersion,
  config: Partial<AnalysisConfig>,
  options: StoreLoadOptions = {},
): Promise<StoreServable> {
  const key = storeVersionKey(storeId, version.id);
  const cacheDirectory = config.cacheDirectory ?? null;
  const name = storeVersionName(version.id);
  const identity = options.identity ?? versionIdentity;
  const identityInput = version.curationThrough > 0 ? await identity(version, database) : null;
  const decisions = identityInput?.decisions ?? [];
  let loaded: LoadedData | null = null;
  let how: 'curation-step' | 'cache' | 'store-snapshot' | 'built' = 'built';
  let undo: UndoRecords = new Map();
  let local: LocalScores | undefined;
  let freshLocal: Promise<LocalScores> | undefined;
  let previousRows: Int32Array | undefined;
  const notes: string[] = [];
  const cacheFile = cacheDirectory === null ? null : cachedSnapshotFile(cacheDirectory, key);
  const lazy = options.lazyTables === true;
  if (cacheDirectory !== null && cacheFile !== null) {
    const cached = await cachedVersion(cacheDirectory, key, lazy);
    if (cached !== null && !('snapshot' in cached)) notes.push(cached.warning);
    if (cached !== null && 'snapshot' in cached) {
      loaded = fromSnapshot(cached.snapshot, { kind: 'cache', file: cacheFile }, [], name);
      how = 'cache';
    }
  }
  const { previous } = options;
  if (loaded === null && previous !== undefined && previous.version.importId === version.importId) {
    // A curator's change to the network served: applied to it, off the event loop.
    try {
      // A version served from its snapshot file gets every table read first: the step goes through them all.
      const columns = await wholeColumns(previous.network.columns);
      const step = await curatedColumnsOffThread({
        columns,
        previous: previous.decisions,
        next: decisions,
        undo: previous.undo,
      });
      if (step !== null) {
        const stepped = networkOf(step.columns, { version: name });
        // Served at once: exact degrees, the rest of the local metrics carried over (stale) until computed off the event loop.
        const served = options.previousData;
        if (served !== undefined) {
          const table = await served.centralityFor('degree');
          const figures = served.stats;
          local = provisionalLocal(stepped, {
            network: served.network,
            rows: step.previousRows,
            columns: table.columns(),
            figures: {
              degeneracy: figures.degeneracy,
              transitivity: figures.transitivity,
              averageClustering: figures.averageClustering,
            },
          });
        }
        // The same columns (a rejected pair) have the local metrics of the version served: carried over, stale only while those are.
        const sameColumns = step.columns === columns;
        if (!sameColumns || served === undefined || served.localStale())
          freshLocal =
            sameColumns && previous.local !== undefined
              ? previous.local
              : localMetricsOffThread(compactOf(step.columns));
        if (local === undefined && freshLocal !== undefined) {
          local = await freshLocal;
          freshLocal = undefined;
        }
        if (freshLocal !== undefined) {
          const computing = performance.now();
          freshLocal.then(
            () =>
              options.onNote?.(
                `the local metrics of network version ${version.id} are computed (${((performance.now() - computing) / 1000).toFixed(1)} s after its curation step); served, no longer stale`,
              ),
            (error: unknown) =>
              options.onNote?.(
                `could not compute the local metrics of network version ${version.id} in a worker (${errorMessage(error)}); computing them in this thread`,
              ),
          );
        }
        loaded = {
          network: stepped,
          source: { kind: 'store', versionId: version.id },
          load: null,
          snapshot: null,
          hasErrors: false,
          duplicatesMerged: previous.duplicatesMerged,
          notes,
        };
        undo = step.undo;
        previousRows = step.previousRows;
        how = 'curation-step';
      }
    } catch (error) {
      notes.push(
        `could not apply the curation of version ${version.id} to version ${previous.version.id} (${errorMessage(error)}); building it`,
      );
    }
  }
  if (loaded === null && cacheDirectory !== null && cacheFile !== null && options.shareSnapshots === true) {
    try {
      const fetchOptions = options.onWaiting === undefined ? {} : { onStreaming: options.onWaiting };
      if (lazy) {
        // Served once what a start reads has arrived; the rest follows into the cache file.
        const arriving = await servedWhileArriving(database, version.id, cacheFile, key, options);
        if (arriving !== null) {
          loaded = fromSnapshot(arriving, { kind: 'cache', file: cacheFile }, [], name);
          how = 'store-snapshot';
        }
      } else if (await fetchVersionSnapshot(database, version.id, cacheFile, fetchOptions)) {
        // Checked against the store's SHA-256 as it was written: opened at once, its other tables checked in the background.
        const cached = lazy ? openCachedSnapshot(cacheDirectory, key) : readCachedSnapshot(cacheDirectory, key);
        if (cached !== null && 'snapshot' in cached) {
          loaded = fromSnapshot(cached.snapshot, { kind: 'cache', file: cacheFile }, [], name);
          how = 'store-snapshot';
        }
      }
    } catch (error) {
      notes.push(`could not use the store's snapshot of version ${version.id} (${errorMessage(error)}); building it`);
    }
  }
  if (loaded === null) {
    options.onWaiting?.();
    const built = await loadVersionNetwork(database, version.id, { identity: async () => identityInput });
    loaded = {
      network: built.network,
      source: { kind: 'store', versionId: version.id },
      load: null,
      snapshot: null,
      hasErrors: false,
      duplicatesMerged: built.duplicatesMerged,
      notes,
    };
  } else if (version.curationThrough > 0) {
    // Columns hold the curated authors; the ids merged away and the rejected pairs come from the decisions.
    applyCuratedIdentity(loaded.network, version, decisions);
  }
  const dataConfig = { files: [], aliasFile: null, inputFormat: null, maxAuthorsPerPaper: null, ...config };
  const {
    identity: _identity,
    lazyTables: _lazy,
    onWaiting: _onWaiting,
    snapshotDownload: _download,
    shareSnapshots: _share,
    previous: _previous,
    previousData: _previousData,
    sharedPass,
    ...analysis
  } = options;
  const servable = servableFrom(loaded, key, dataConfig, {
    ...analysis,
    ...(sharedPass === true
      ? {
          exactPass: sharedExactPass(database, version.id, {
            onRetry: (error, waitMs) =>
              options.onNote?.(
                `the shared pass of version ${version.id} met a database error (${error.message}); joining it again in ${(waitMs / 1000).toFixed(1)} s`,
              ),
          }),
        }
      : {}),
    ...(local === undefined ? {} : { local }),
    ...(freshLocal === undefined || local === undefined ? {} : { freshLocal }),
    // The version served goes on serving its exact all-pairs values, marked stale, until this one's pass is in.
    ...(how === 'curation-step' && options.previousData !== undefined ? { estimates: false } : {}),
  });
  if ('failure' in servable) return servable;
  if (options.shareSnapshots === true && cacheFile !== null && loaded.source.kind === 'store') {
    // Once this replica's cache holds the snapshot, replicas joining later download it from the store.
    void servable.cached
      .then(() => saveVersionSnapshot(database, version.id, cacheFile))
      .then(
        (saved) => {
          if (saved)
            options.onNote?.(
              `saved the snapshot of network version ${version.id} in the store for replicas joining later`,
            );
        },
        (error: Error) =>
          options.onNote?.(`could not save the snapshot of version ${version.id} in the store: ${error.message}`),
      );
  }
  const { network } = loaded;
  const from =
    how === 'store-snapshot'
      ? ` via the store's snapshot (saved in the cache as ${cacheFile})`
      : how === 'cache'
        ? ` via the cached snapshot ${cacheFile}`
        : how === 'curation-step'
          ? ` (the curation applied to version ${previous?.version.id})`
          : ' (built from the store)';
  return {
    servable,
    how,
    ...(previousRows === undefined ? {} : { previousRows }),
    curation: {
      version,
      network,
      decisions,
      undo,
      duplicatesMerged: loaded.duplicatesMerged,
      ...(freshLocal !== undefined
        ? { local: freshLocal }
        : local !== undefined && how === 'curation-step'
          ? { local: Promise.resolve(local) }
          : {}),
    },
    description: `network version ${version.id} of the shared store${from}: ${network.papers.size} papers, ${network.authors.size} authors, ${network.compact.edgeCount} collaborations`,
  };
}

/**
 * For the commands that load once and exit (report, export, check): the store's current version when
 * `databaseUrl` is given, else whatever `loadServableData` loads (files, snapshot, cache).
 */
export async function loadServableSource(
  config: DataConfig & Partial<AnalysisConfig> & DatabaseConfig,
  options: StoreLoadOptions = {},
): Promise<{ readonly servable: ServableData; readonly description: string | null } | { failure: string }> {
  if (config.databaseUrl === null) {
    const servable = loadServableData(config, options);
    return 'failure' in servable ? servable : { servable, description: null };
  }
  const where = redactDatabaseUrl(config.databaseUrl);
  const database = connectDatabase(config.databaseUrl, { applicationName: 'coauthor-graph', maxConnections: 2 });
  try {
    await requireCurrentSchema(database);
    const version = await currentVersion(database);
    if (version === null)
      return {
        failure: `the store at ${where} has no network version yet (run coauthor-graph import)`,
      };
    return await loadStoreVersion(database, await storeIdentity(database), version, config, options);
  } catch (error) {
    return { failure: `cannot use the store at ${where}: ${errorMessage(error)}` };
  } finally {
    await database.end().catch(() => undefined);
  }
}
