/**
 * `serve --database URL`: a replica of the shared store. Connects, checks the schema is current,
 * waits for the first import when there is none yet, loads the newest version (from the local
 * snapshot cache when it has it) and follows the versions committed after it (follow-versions.ts).
 */
import type { AnalysisOptions } from '../analysis/analyzed-network.ts';
import type { ServeConfig } from '../config.ts';
import { type Database, connectDatabase, openConnections, redactDatabaseUrl } from '../db/database.ts';
import { MigrationError, requireCurrentSchema } from '../db/migrate.ts';
import { type StoredVersion, currentVersion } from '../db/version-network.ts';
import type { CommandIO } from './io.ts';
import { type VersionFollower, followVersions } from './follow-versions.ts';
import type { ServableData } from './load-data.ts';
import { loadStoreVersion, storeIdentity } from './store-data.ts';
import { errorMessage } from '../error-message.ts';

export interface StoreReplica {
  readonly initial: ServableData;
  readonly description: string;
  readonly follower: VersionFollower;
  close(): Promise<void>;
}

export async function startStoreReplica(
  config: ServeConfig,
  options: {
    readonly io: CommandIO;
    readonly onSettled?: AnalysisOptions['onSettled'];
    /** The first version's exact pass starts once this resolves (serve: when the server is ready), as `serve --data` does. */
    readonly exactAfter?: Promise<unknown>;
    /** See `StoreLoadOptions.onWaiting` (the first version's load only). */
    readonly onWaiting?: () => void;
  },
): Promise<StoreReplica | { failure: string }> {
  const { io } = options;
  const url = config.databaseUrl as string;
  const where = redactDatabaseUrl(url);
  const database: Database = connectDatabase(url, {
    applicationName: 'coauthor-graph replica',
    onIdleError: (error) => io.err(`a connection to the store failed (${error.message}); it is replaced when needed\n`),
  });
  // A second connection opened beside the first queries' own: a snapshot downloaded from the store
  // comes over two at once, which then need not wait for one to open.
  openConnections(database, 1);
  const fail = async (failure: string) => {
    await database.end().catch(() => undefined);
    return { failure };
  };
  let storeId: string;
  let version: StoredVersion | null;
  try {
    await requireCurrentSchema(database);
    storeId = await storeIdentity(database);
    version = await currentVersion(database);
    if (version === null)
      io.out(`the store at ${where} has no network version yet; waiting for coauthor-graph import\n`);
    while (version === null) {
      await new Promise((resolve) => setTimeout(resolve, config.versionPollMs));
      version = await currentVersion(database);
    }
  } catch (error) {
    if (error instanceof MigrationError) return fail(error.message);
    return fail(`cannot use the store at ${where}: ${errorMessage(error)}`);
  }
  let loaded;
  try {
    loaded = await loadStoreVersion(database, storeId, version, config, {
      ...(options.onSettled === undefined ? {} : { onSettled: options.onSettled }),
      ...(options.exactAfter === undefined ? {} : { exactAfter: options.exactAfter }),
      onNote: (note) => io.err(`${note}\n`),
      shareSnapshots: true,
      sharedPass: true,
      lazyTables: true,
      ...(options.onWaiting === undefined ? {} : { onWaiting: options.onWaiting }),
    });
  } catch (error) {
    return fail(`network version ${version.id} could not be loaded: ${errorMessage(error)}`);
  }
  if ('failure' in loaded) return fail(loaded.failure);
  const follower = followVersions(
    database,
    url,
    storeId,
    {
      version,
      data: loaded.servable.data,
      curation: loaded.curation,
      ...(loaded.servable.loaded.snapshot?.downloaded === undefined
        ? {}
        : { downloaded: loaded.servable.loaded.snapshot.downloaded }),
    },
    config,
    {
      io,
      pollMs: config.versionPollMs,
      ...(options.onSettled === undefined ? {} : { onSettled: options.onSettled }),
    },
  );
  return {
    initial: loaded.servable,
    description: loaded.description,
    follower,
    async close() {
      await follower.close();
      await database.end().catch(() => undefined);
    },
  };
}
