/**
 * `coauthor-graph centrality-worker --database URL [--threads N] [--exit-when-idle]`: a process that
 * only computes shared passes (src/db/shared-pass.ts), what a batch cluster runs (a Kubernetes Job with
 * parallelism N). It loops over the versions whose pass is unfinished, and the newest version when its
 * pass has not started, claims and computes their chunks until each pass is combined; then, with
 * --exit-when-idle it exits 0, else it waits for a new version (NOTIFY coauthor_graph_versions, or a
 * poll). SIGTERM or SIGINT gives back the chunks it holds (others claim them at once) and exits 0.
 *
 * Which network a version is comes from a loader (a parameter): by default the version read from the
 * store (src/db/version-network.ts, curation included); with --data/--snapshot, those files
 * (`fileVersionLoader`, checked against the version's import), which saves reading the store.
 */
import { PassCancelled } from '../analysis/all-pairs-centrality.ts';
import { type CentralityWorkerConfig, ConfigError, centralityWorkerConfig } from '../config.ts';
import { versionIdentity } from '../curation/version-identity.ts';
import { type Database, connectDatabase, redactDatabaseUrl } from '../db/database.ts';
import { VERSIONS_CHANNEL } from '../db/import-version.ts';
import { requireCurrentSchema } from '../db/migrate.ts';
import { loadVersionNetwork } from '../db/version-network.ts';
import {
  type PassNetwork,
  SharedPassMismatch,
  joinSharedPass,
  processOwner,
  unfinishedPasses,
} from '../db/shared-pass.ts';
import { type VersionLoader, VersionNotLoadable, fileVersionLoader } from './file-version-loader.ts';
import type { CommandIO } from './io.ts';
import { errorMessage } from '../error-message.ts';

/** Without notifications, how often an idle worker looks for new versions. */
const IDLE_POLL_MS = 30_000;

export interface CentralityWorkerDependencies {
  /** The network of a version (default: from --data/--snapshot, see file-version-loader.ts). */
  readonly loader?: (database: Database, config: CentralityWorkerConfig) => VersionLoader;
  /** Stops the worker (default: SIGTERM and SIGINT). */
  readonly signal?: AbortSignal;
}

export function defaultVersionLoader(database: Database, config: CentralityWorkerConfig): VersionLoader {
  if (config.data !== null) return fileVersionLoader(database, config.data);
  // One version at a time: a worker computes one pass after another, so it keeps the last network only.
  let last: { id: string; network: Promise<PassNetwork> } | null = null;
  return (versionId) => {
    if (last?.id !== versionId) {
      const network = loadVersionNetwork(database, Number(versionId), { identity: versionIdentity }).then(
        (loaded) => loaded.network,
      );
      last = { id: versionId, network };
    }
    return last.network;
  };
}

/** The versions to work on now: unfinished passes, then the newest version if its pass never started. */
async function versionsToWork(database: Database): Promise<string[]> {
  const unfinished = await unfinishedPasses(database);
  const { rows } = await database.query<{ id: string }>(
    `SELECT v.id FROM network_versions v
      WHERE NOT EXISTS (SELECT 1 FROM shared_passes p WHERE p.version_id = v.id)
        AND NOT EXISTS (SELECT 1 FROM version_metrics m WHERE m.version_id = v.id)
        AND v.id = (SELECT max(id) FROM network_versions)`,
  );
  return [...unfinished, ...rows.map((row) => row.id)];
}

function processSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const stop = (name: string) => () => controller.abort(name);
  const onTerm = stop('SIGTERM');
  const onInt = stop('SIGINT');
  process.once('SIGTERM', onTerm);
  process.once('SIGINT', onInt);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
    },
  };
}

/** Waits for a new version's notification, a poll interval, or the signal. */
async function waitForVersions(database: Database, signal: AbortSignal): Promise<void> {
  const client = await database.connect().catch(() => null);
  try {
    await client?.query(`LISTEN ${VERSIONS_CHANNEL}`);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, IDLE_POLL_MS);
      signal.addEventListener('abort', done, { once: true });
      client?.on('notification', done);
    });
  } catch {
    // The poll below finds the new versions.
  } finally {
    await client?.query(`UNLISTEN ${VERSIONS_CHANNEL}`).catch(() => undefined);
    client?.release();
  }
}

export async function centralityWorkerCommand(
  args: readonly string[],
  io: CommandIO,
  dependencies: CentralityWorkerDependencies = {},
): Promise<number> {
  const config = centralityWorkerConfig(args);
  const where = redactDatabaseUrl(config.databaseUrl);
  const database = connectDatabase(config.databaseUrl, {
    applicationName: 'coauthor-graph centrality-worker',
    maxConnections: config.threads + 3,
    onIdleError: (error) => io.err(`centrality-worker: database connection lost (${error.message})\n`),
  });
  const fromProcess = dependencies.signal === undefined ? processSignal() : null;
  const signal = dependencies.signal ?? (fromProcess as { signal: AbortSignal }).signal;
  const owner = processOwner();
  const skipped = new Set<string>();
  try {
    await requireCurrentSchema(database);
    const loader = (dependencies.loader ?? defaultVersionLoader)(database, config);
    io.err(`centrality-worker ${owner}: ${config.threads} thread(s) on ${where}\n`);
    while (!signal.aborted) {
      let worked = false;
      for (const versionId of await versionsToWork(database)) {
        if (signal.aborted) break;
        if (skipped.has(versionId)) continue;
        let lastReport = 0;
        try {
          const metrics = await joinSharedPass(database, versionId, loader, {
            threads: config.threads,
            signal,
            leaseSeconds: config.leaseSeconds,
            owner,
            ...(config.chunkSources === null ? {} : { chunkSources: config.chunkSources }),
            onProgress: (progress) => {
              const now = Date.now();
              if (now - lastReport < 5_000 && progress.chunksDone < progress.chunksTotal) return;
              lastReport = now;
              io.err(
                `centrality-worker: version ${versionId}: ${progress.chunksDone} / ${progress.chunksTotal} chunks done (${progress.computedHere} here)\n`,
              );
            },
          });
          worked = true;
          io.out(
            `version ${versionId}: exact pass combined (${metrics.chunkCount} chunks, ${metrics.computeSeconds.toFixed(1)} s of compute in all, ${metrics.elapsedSeconds.toFixed(1)} s elapsed)\n`,
          );
        } catch (error) {
          if (error instanceof PassCancelled) break;
          if (error instanceof VersionNotLoadable || error instanceof SharedPassMismatch) {
            skipped.add(versionId);
            io.err(`centrality-worker: skipping version ${versionId}: ${error.message}\n`);
            continue;
          }
          throw error;
        }
      }
      if (signal.aborted) break;
      if (!worked && config.exitWhenIdle) {
        io.err('centrality-worker: no pass left to compute; exiting\n');
        return 0;
      }
      if (!worked) await waitForVersions(database, signal);
    }
    io.err(`centrality-worker: stopped (${String(signal.reason ?? 'aborted')}); chunks in progress were given back\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    io.err(`centrality-worker: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    fromProcess?.dispose();
    await database.end();
  }
}
