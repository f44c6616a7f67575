/**
 * A replica following the shared store (`serve --database`): serves one version and moves to each
 * newer one as it is committed.
 *
 * New versions are heard through LISTEN on the versions channel (a connection of its own), with a
 * poll every `pollMs` as the fallback (a notification lost while disconnected, a proxy that drops
 * LISTEN). When the listening connection fails (PostgreSQL restarted, the network dropped), the
 * replica keeps answering from memory and reconnects by itself, with backoff; on reconnecting it
 * looks for the newest version at once, so versions committed meanwhile are picked up.
 *
 * A newer version is built beside the one being served (rows read and the network built in a
 * worker thread, see store-data.ts) and swapped in only when complete; requests keep being answered
 * meanwhile and none fails: a request holds the network it started with, and the old network is
 * disposed once swapped out (as `--watch` does, watch.ts). A build that fails keeps the old version
 * and is tried again at the next poll. The event loop's delay during each build is measured and
 * logged, since a replica must not stall while it swaps.
 *
 * Ready (`/ready`): listening on the store, and serving the newest version known (or building it).
 */
import { servingPreviousAllPairs } from '../analysis/stale-centrality.ts';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import type { AnalysisOptions, AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { AnalysisConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { prestartCurationStepWorker, stopCurationStepWorker } from '../db/curation-step.ts';
import { VERSIONS_CHANNEL } from '../db/import-version.ts';
import { type StoredVersion, currentVersion } from '../db/version-network.ts';
import type { CommandIO } from './io.ts';
import { optionDefault } from '../options.ts';
import { type CurationState, type StoreLoadOptions, loadStoreVersion } from './store-data.ts';
import { errorMessage } from '../error-message.ts';

/** How long after a swap the new version's exact pass may start: the first requests go first. */
export const EXACT_AFTER_SWAP_MS = 250;

export interface VersionFollower {
  /** The network to serve now. */
  current(): AnalyzedNetwork;
  /** The store version being served. */
  servingVersion(): number;
  /** Connected to the store and serving the newest version known (or building it). */
  ready(): boolean;
  /** Resolves after the next check for a newer version (and its swap, if any) is done. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export interface FollowOptions {
  readonly io: CommandIO;
  /** How often to look for a newer version without a notification (default 10 s). */
  readonly pollMs?: number;
  /** Longest wait between two reconnection attempts (default 5 s). */
  readonly maxReconnectDelayMs?: number;
  readonly onSettled?: AnalysisOptions['onSettled'];
  readonly identity?: StoreLoadOptions['identity'];
  /** Hears every swap (tests, logs). */
  readonly onSwap?: (version: StoredVersion, data: AnalyzedNetwork) => void;
}

export function followVersions(
  database: Database,
  url: string,
  storeId: string,
  initial: {
    readonly version: StoredVersion;
    readonly data: AnalyzedNetwork;
    /** What a curation step starts from (see store-data.ts); without it, every new version is loaded. */
    readonly curation?: CurationState;
  },
  config: Partial<AnalysisConfig>,
  options: FollowOptions,
): VersionFollower {
  const { io } = options;
  const pollMs = options.pollMs ?? optionDefault('version-poll') * 1000;
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  // A curator's change must show within seconds: the worker that applies it is started now, not then.
  if (initial.curation !== undefined) prestartCurationStepWorker(initial.curation.network.columns);
  let current = initial.data;
  let serving = initial.version.id;
  let servingImport = initial.version.importId;
  let curation = initial.curation;
  let newest = initial.version.id;
  let building: Promise<void> | null = null;
  let again = false;
  let connected = false;
  let closed = false;
  let listener: pg.Client | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let failures = 0;

  const build = async (version: StoredVersion) => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    // The new version's exact pass (planning it, then its searches) starts once it is served, not before:
    // it must not put off the swap or the first answers of the version.
    let swapped: () => void = () => {};
    const exactAfter = new Promise<void>((resolve) => {
      swapped = resolve;
    });
    const result = await loadStoreVersion(database, storeId, version, config, {
      exactAfter,
      ...(options.onSettled === undefined ? {} : { onSettled: options.onSettled }),
      ...(options.identity === undefined ? {} : { identity: options.identity }),
      onNote: (note) => io.err(`${note}\n`),
      shareSnapshots: true,
      sharedPass: true,
      lazyTables: true,
      ...(curation === undefined ? {} : { previous: curation, previousData: current }),
    });
    if ('failure' in result) {
      delay.disable();
      throw new Error(result.failure);
    }
    // A version opened from its snapshot file is served once the tables not read yet have passed their checks.
    try {
      await result.servable.loaded.snapshot?.verified;
    } catch (error) {
      result.servable.data.dispose();
      swapped();
      throw error;
    } finally {
      delay.disable();
    }
    if (closed) {
      result.servable.data.dispose();
      swapped();
      return;
    }
    const previous = current;
    // A curation of the same papers: the previous version's all-pairs values serve, marked stale,
    // until this version's pass is in (its local metrics and paths are new at once).
    current =
      version.reason !== 'import' && version.importId === servingImport
        ? servingPreviousAllPairs(result.servable.data, previous, result.previousRows)
        : result.servable.data;
    serving = version.id;
    servingImport = version.importId;
    curation = result.curation;
    previous.dispose();
    io.out(
      `now serving ${result.description} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s; event-loop delay meanwhile: max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms)\n`,
    );
    options.onSwap?.(version, current);
    // After the requests waiting meanwhile have been answered by the new version.
    setTimeout(swapped, EXACT_AFTER_SWAP_MS);
  };

  // One check at a time; a check asked for meanwhile runs once the current one is done.
  const check = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (building !== null) {
      again = true;
      return building;
    }
    building = (async () => {
      do {
        again = false;
        let latest: StoredVersion | null;
        try {
          latest = await currentVersion(database);
        } catch (error) {
          io.err(`cannot reach the store to look for a new version: ${errorMessage(error)}\n`);
          return;
        }
        if (latest === null) return;
        newest = Math.max(newest, latest.id);
        if (latest.id <= serving) continue;
        try {
          await build(latest);
        } catch (error) {
          io.err(
            `network version ${latest.id} could not be loaded; still serving version ${serving}: ${errorMessage(error)}\n`,
          );
          return;
        }
      } while (again && !closed);
    })().finally(() => {
      building = null;
    });
    return building;
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer !== null) return;
    const wait = Math.min(maxDelay, 250 * 2 ** Math.min(failures, 8));
    failures += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void listen();
    }, wait);
  };

  const lost = (client: pg.Client, why: string) => {
    if (listener !== client) return;
    listener = null;
    if (connected)
      io.err(`lost the store's notifications (${why}); serving version ${serving} from memory, reconnecting\n`);
    connected = false;
    client.removeAllListeners();
    client.on('error', () => {});
    void client.end().catch(() => undefined);
    scheduleReconnect();
  };

  const listen = async () => {
    if (closed) return;
    const client = new pg.Client({
      connectionString: url,
      application_name: 'coauthor-graph replica (listen)',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    listener = client;
    client.on('error', (error) => lost(client, error.message));
    client.on('end', () => lost(client, 'connection closed'));
    client.on('notification', (message) => {
      if (message.channel === VERSIONS_CHANNEL) void check();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${VERSIONS_CHANNEL}`);
    } catch (error) {
      lost(client, errorMessage(error));
      return;
    }
    if (closed || listener !== client) return;
    if (failures > 0) io.out(`reconnected to the store; looking for versions committed meanwhile\n`);
    failures = 0;
    connected = true;
    void check(); // whatever was committed while we were not listening
  };

  const poll = setInterval(() => void check(), pollMs);
  poll.unref();
  void listen();

  return {
    current: () => current,
    servingVersion: () => serving,
    ready: () => connected && (serving >= newest || building !== null),
    check,
    async close() {
      closed = true;
      clearInterval(poll);
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      const client = listener;
      listener = null;
      if (client !== null) {
        client.removeAllListeners();
        client.on('error', () => {});
        await client.end().catch(() => undefined);
      }
      await building?.catch(() => undefined);
      await stopCurationStepWorker();
      current.dispose();
      // A shared pass under way gives back its chunks (others claim them at once) before the store closes.
      await current.stopped();
    },
  };
}
