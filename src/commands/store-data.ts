/**
 * Loading a version of the shared store for serving (and for `report`, `export`, `check` with
 * `--database`): from the local snapshot cache when it holds that version (keyed by the store's
 * identity and the version id: a version never changes, so its snapshot never goes stale), else
 * built from the store's rows in a worker thread (src/db/version-network.ts) and then written to the
 * cache, so the next start of this replica loads the snapshot.
 */
import { createHash } from 'node:crypto';
import type { AnalysisOptions } from '../analysis/analyzed-network.ts';
import type { AnalysisConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import {
  type StoredVersion,
  type VersionLoadOptions,
  loadVersionNetwork,
  storeVersionName,
} from '../db/version-network.ts';
import { cachedSnapshotFile, readCachedSnapshot } from '../snapshot/snapshot-cache.ts';
import { type LoadedData, type ServableData, fromSnapshot, servableFrom } from './load-data.ts';

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

export interface StoreLoadOptions extends Pick<AnalysisOptions, 'onSettled'> {
  readonly onNote?: (note: string) => void;
  readonly identity?: VersionLoadOptions['identity'];
}

export type StoreServable = { readonly servable: ServableData; readonly description: string } | { failure: string };

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
  let loaded: LoadedData | null = null;
  const notes: string[] = [];
  if (cacheDirectory !== null) {
    const cached = readCachedSnapshot(cacheDirectory, key);
    if (cached !== null && 'snapshot' in cached) {
      loaded = fromSnapshot(
        cached.snapshot,
        { kind: 'cache', file: cachedSnapshotFile(cacheDirectory, key) },
        [],
        name,
      );
    } else if (cached !== null) notes.push(cached.warning);
  }
  if (loaded === null) {
    const built = await loadVersionNetwork(
      database,
      version.id,
      options.identity === undefined ? {} : { identity: options.identity },
    );
    loaded = {
      network: built.network,
      source: { kind: 'store', versionId: version.id },
      load: null,
      snapshot: null,
      hasErrors: false,
      duplicatesMerged: built.duplicatesMerged,
      notes,
    };
  }
  const dataConfig = { files: [], aliasFile: null, inputFormat: null, maxAuthorsPerPaper: null, ...config };
  const servable = servableFrom(loaded, key, dataConfig, options);
  if ('failure' in servable) return servable;
  const { network } = loaded;
  const from =
    loaded.source.kind === 'cache' ? ` via the cached snapshot ${loaded.source.file}` : ' (built from the store)';
  return {
    servable,
    description: `network version ${version.id} of the shared store${from}: ${network.papers.size} papers, ${network.authors.size} authors, ${network.compact.edgeCount} collaborations`,
  };
}
