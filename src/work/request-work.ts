/**
 * Where requests' heavy work runs: drawing a collaboration network (ForceAtlas2 and Louvain), exports,
 * duplicate-author candidates. The server runs it in worker threads (`workerThreadWork`) that share
 * the network's memory, so the event loop keeps answering `/health` and light queries while a layout
 * or an export is being computed, and a request past its time budget can be abandoned: its worker is
 * terminated and replaced (attaching to the shared network again takes milliseconds). Tests and the
 * command line use `inThreadWork`.
 *
 * Every method takes the request's `AbortSignal`; when it fires, the promise rejects with
 * `TaskAbandoned`. Results are cached per network: drawn networks in a bounded LRU, duplicate candidates
 * once (computed for all, so a request that gives up does not stop it for the others).
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { CentralityColumns, CentralityTable, StructureScores, WeightedScores } from '../analysis/centrality.ts';
import type { DuplicateCandidate } from '../analysis/duplicate-candidates.ts';
import type { EgoNetwork, EgoNetworkOptions } from '../analysis/ego-network.ts';
import type { ExportFile, RenderedExport } from '../export/export-formats.ts';
import type { ExportSelection } from '../export/select-network.ts';
import { toShared } from '../graph/columns.ts';
import type { NetworkColumns } from '../graph/network-columns.ts';
import { lazySourceOf } from '../snapshot/lazy-snapshot.ts';
import type { WorkerTableChannel } from '../snapshot/worker-columns.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import { type WindowParts, type YearRange, rangeKey, windowParts } from '../graph/year-window.ts';
import type { WindowAnalysis } from '../analysis/windowed-analysis.ts';
import type { CumulativeRanks } from '../analysis/timeline.ts';

/** Cumulative ranks kept (each two integers per author of the whole network). */
const CUMULATIVE_RANKS_KEPT = 32;

/** `compute` with its results kept for the last `CUMULATIVE_RANKS_KEPT` ranges (least recently used dropped). */
function keptRanks(
  compute: (range: YearRange, signal?: AbortSignal) => Promise<CumulativeRanks>,
): (range: YearRange, signal?: AbortSignal) => Promise<CumulativeRanks> {
  const kept = new Map<string, CumulativeRanks>();
  return async (range, signal) => {
    const key = rangeKey(range);
    const known = kept.get(key);
    if (known !== undefined) {
      kept.delete(key);
      kept.set(key, known);
      return known;
    }
    const result = await compute(range, signal);
    kept.set(key, result);
    for (const oldest of kept.keys()) {
      if (kept.size <= CUMULATIVE_RANKS_KEPT) break;
      kept.delete(oldest);
    }
    return result;
  };
}
import type { EncodedJsonString } from './encoded-json-string.ts';
import { withAuthors } from './duplicate-records.ts';
import type { RequestTasks } from './request-tasks.ts';
import type { RequestWorkerTasks } from './request-worker.ts';
import { sharedInFlight } from './shared-in-flight.ts';
import { TaskAbandoned, WaitingWorkers, createWorkerPool } from './worker-pool.ts';

export { TaskAbandoned } from './worker-pool.ts';

/** An export file whose contents may come already encoded for the response (from a worker). */
export type ExportedFile = Omit<RenderedExport, 'content'> & { readonly content: string | EncodedJsonString };

export interface RequestWork {
  /** The drawn network around `centerId`; in the window `range` when given (its ties and weights only). */
  egoNetwork(
    centerId: string,
    options: EgoNetworkOptions,
    signal?: AbortSignal,
    range?: YearRange | null,
  ): Promise<EgoNetwork>;
  /** An export file; with `range`, of that window's network (`centrality` is then the window's table). */
  exportNetwork(
    centrality: CentralityTable,
    file: ExportFile,
    selection: ExportSelection | null,
    signal?: AbortSignal,
    weighting?: TieWeighting,
    range?: YearRange | null,
  ): Promise<ExportedFile>;
  /**
   * What a window's network is made of, built from the shared columns off the event loop (in a worker;
   * 0.3–4 s on the whole ACL Anthology), once for whoever asks; the caller assembles and keeps it.
   */
  windowParts(range: YearRange, signal?: AbortSignal): Promise<WindowParts>;
  duplicateCandidates(signal?: AbortSignal): Promise<readonly DuplicateCandidate[]>;
  /**
   * Weighted degree, eigenvector and PageRank under a tie weighting other than joint papers: computed
   * once per weighting (whoever asks first; no single request's time budget stops it), then kept.
   * With `range`, of that window's network (the worker's window), once for the requests asking at
   * the same time; the caller keeps the result with the window's table (api/tie-weighting.ts).
   */
  weightedScores(weighting: TieWeighting, signal?: AbortSignal, range?: YearRange | null): Promise<WeightedScores>;
  /** Constraint and effective size under a tie weighting: computed once per weighting, then kept (as `weightedScores`). */
  weightedStructure(weighting: TieWeighting, signal?: AbortSignal, range?: YearRange | null): Promise<StructureScores>;
  /**
   * A time window's metrics and statistics, computed once per window for whoever asks (no single
   * request's time budget stops it); the caller keeps the results (api/year-range.ts).
   */
  windowAnalysis(range: YearRange, signal?: AbortSignal): Promise<WindowAnalysis>;
  /** Degree and PageRank ranks in the cumulative network `range`, kept for the last `CUMULATIVE_RANKS_KEPT` ranges asked for. */
  cumulativeRanks(range: YearRange, signal?: AbortSignal): Promise<CumulativeRanks>;
  /**
   * The workers have started (or failed to: the server then serves what does not need them). A worker
   * replaced later, after an abandoned task, does not change this: it is how `/ready` stays up.
   */
  started(): boolean;
  /** Resolves when `started()` turns true. */
  whenStarted(): Promise<void>;
  /** Worker threads set up and ready now (null when the work runs in this thread). */
  workersReady(): number | null;
  /** Tasks stopped while running because their request gave up (each cost its worker thread). */
  abandoned(): number;
  /** Tasks waiting for a worker thread (the metrics' queue depth; absent: none ever wait). */
  queued?(): number;
  close(): Promise<void>;
}

/**
 * What a worker starts from: the served network's columns, on shared memory; for a snapshot whose
 * tables are read when first used, the columns read so far and its channel to ask for the others.
 */
export interface WorkerSetup {
  readonly columns: NetworkColumns;
  readonly tables?: WorkerTableChannel;
}

/** Nodes plus edges of the drawn networks kept (tens of MB at most). */
const EGO_NETWORK_CACHE_WEIGHT = 300_000;
const WORKER_ENTRY = new URL('./request-worker.mjs', import.meta.url);

/**
 * A table's scores in shared memory, made once per table: every export sent to a worker then shares
 * them instead of copying seven arrays of every author's scores (megabytes on a large network).
 */
const sharedTables = new WeakMap<CentralityTable, CentralityColumns>();
function sharedColumns(table: CentralityTable): CentralityColumns {
  let shared = sharedTables.get(table);
  if (shared === undefined) {
    const columns = table.columns();
    // Scores read from a snapshot are on shared memory already; computed ones are copied there once.
    shared = {
      ...columns,
      scores: Object.fromEntries(
        Object.entries(columns.scores).map(([metric, column]) => [metric, toShared(column)]),
      ) as CentralityColumns['scores'],
    };
    sharedTables.set(table, shared);
  }
  return shared;
}

/** Rejects with `TaskAbandoned` when the signal fires first. */
function unlessAbandoned<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(new TaskAbandoned(String(signal.reason ?? 'abandoned')));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TaskAbandoned(String(signal.reason ?? 'abandoned')));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Drawn networks already computed, least recently used dropped first, bounded by their size (nodes
 * plus edges) rather than their number: a few large drawings weigh as much as many small ones.
 */
export function cachedEgoNetworks(
  compute: (
    centerId: string,
    options: EgoNetworkOptions,
    signal?: AbortSignal,
    range?: YearRange | null,
  ) => Promise<EgoNetwork>,
  maxWeight = EGO_NETWORK_CACHE_WEIGHT,
) {
  const cache = new Map<string, EgoNetwork>();
  let weight = 0;
  const weigh = (ego: EgoNetwork) => ego.nodes.length + ego.edges.length;
  // Identical drawings asked for at once are computed once (see shared-in-flight.ts).
  const flights = sharedInFlight<EgoNetwork>();
  return async (
    centerId: string,
    options: EgoNetworkOptions,
    signal?: AbortSignal,
    range: YearRange | null = null,
  ): Promise<EgoNetwork> => {
    const window = range === null ? null : rangeKey(range);
    const key = JSON.stringify([centerId, options.depth, options.minJointPapers, options.maxNodes, window]);
    const known = cache.get(key);
    if (known !== undefined) {
      cache.delete(key);
      cache.set(key, known);
      return known;
    }
    const result = await flights.run(key, (shared) => compute(centerId, options, shared, range), signal);
    if (!cache.has(key)) {
      cache.set(key, result);
      weight += weigh(result);
      for (const [oldest, ego] of cache) {
        if (weight <= maxWeight || oldest === key) break;
        cache.delete(oldest);
        weight -= weigh(ego);
      }
    }
    return result;
  };
}

/** The work done in this thread, between other requests only when it is finished. */
export function inThreadWork(data: AnalyzedNetwork): RequestWork {
  // The tasks' modules (the exporters among them) are loaded with the first task: a server whose
  // work runs in workers never loads them in this thread.
  let loaded: Promise<RequestTasks> | null = null;
  const started = async (signal: AbortSignal | undefined): Promise<RequestTasks> => {
    if (signal?.aborted) throw new TaskAbandoned(String(signal.reason ?? 'abandoned'));
    return await (loaded ??= import('./request-tasks.ts').then(({ requestTasks }) => requestTasks(data.network)));
  };
  let candidates: DuplicateCandidate[] | null = null;
  const weighted = new Map<TieWeighting, WeightedScores>();
  const structures = new Map<TieWeighting, StructureScores>();
  return {
    egoNetwork: async (centerId, options, signal, range = null) => {
      const tasks = await started(signal);
      return range === null ? data.egoNetwork(centerId, options) : tasks.egoNetwork(centerId, options, range);
    },
    exportNetwork: async (centrality, file, selection, signal, weighting, range = null) => {
      const tasks = await started(signal);
      return tasks.exportNetwork(centrality.columns(), file, selection, weighting, range);
    },
    windowParts: async (range, signal) => {
      await started(signal);
      return windowParts(data.network, range);
    },
    windowAnalysis: async (range, signal) => {
      const tasks = await started(signal);
      return tasks.windowAnalysis(range);
    },
    cumulativeRanks: keptRanks(async (range, signal) => {
      const tasks = await started(signal);
      return tasks.cumulativeRanks(range);
    }),
    weightedScores: async (weighting, signal, range = null) => {
      const tasks = await started(signal);
      if (range !== null) return tasks.weightedScores(weighting, range);
      let scores = weighted.get(weighting);
      if (scores === undefined) weighted.set(weighting, (scores = tasks.weightedScores(weighting)));
      return scores;
    },
    weightedStructure: async (weighting, signal, range = null) => {
      const tasks = await started(signal);
      if (range !== null) return tasks.weightedStructure(weighting, range);
      let scores = structures.get(weighting);
      if (scores === undefined) structures.set(weighting, (scores = tasks.weightedStructure(weighting)));
      return scores;
    },
    duplicateCandidates: async (signal) => {
      const tasks = await started(signal);
      return (candidates ??= withAuthors(data.network, tasks.duplicateCandidates()));
    },
    started: () => true,
    whenStarted: async () => {},
    workersReady: () => null,
    abandoned: () => 0,
    close: async () => {},
  };
}

export interface WorkerThreadOptions {
  /** Worker threads (at least 1). */
  readonly threads: number;
  /** Hears a pool that could not start (the server then serves everything that does not need it). */
  readonly onSetupFailure?: (error: Error) => void;
  /** Request workers started before the network was there (`startRequestWorkers`), taken before any new one is started. */
  readonly waiting?: WaitingWorkers;
}

/**
 * `threads` request workers started now, before their network is there: they load their code while
 * the network is still on its way (a replica's download), and the first `workerThreadWork` given
 * them attaches them to it.
 */
export function startRequestWorkers(threads: number): WaitingWorkers {
  return new WaitingWorkers(WORKER_ENTRY, threads);
}

/**
 * The work done in worker threads that share the network's memory: each worker attaches to the
 * columns (shared buffers, nothing copied or parsed) in milliseconds, so a worker replaced after an
 * abandoned task costs nothing but its start.
 */
export function workerThreadWork(data: AnalyzedNetwork, options: WorkerThreadOptions): RequestWork {
  const lazy = lazySourceOf(data.network.columns);
  const pool = createWorkerPool<RequestWorkerTasks>({
    entry: WORKER_ENTRY,
    workerData: { columns: data.network.columns } satisfies WorkerSetup,
    ...(lazy === null
      ? {}
      : {
          setupWorker: () => {
            const { channel, close } = lazy.tables.channelForWorker();
            return {
              workerData: { columns: lazy.eagerColumns as NetworkColumns, tables: channel } satisfies WorkerSetup,
              transferList: [channel.port],
              release: close,
            };
          },
        }),
    size: options.threads,
    ...(options.waiting === undefined ? {} : { waiting: options.waiting }),
  });
  let settled = false;
  const starting = pool.whenReady().then(
    () => {
      settled = true;
    },
    (error: Error) => {
      settled = true;
      options.onSetupFailure?.(error);
    },
  );
  let candidates: Promise<DuplicateCandidate[]> | null = null;
  const weighted = new Map<TieWeighting, Promise<WeightedScores>>();
  const structures = new Map<TieWeighting, Promise<StructureScores>>();
  const windows = sharedInFlight<WindowAnalysis>();
  const parts = sharedInFlight<WindowParts>();
  const ranks = sharedInFlight<CumulativeRanks>();
  const windowWeighted = sharedInFlight<WeightedScores>();
  const windowStructures = sharedInFlight<StructureScores>();
  // Identical exports asked for at once are made once (shared-in-flight.ts); the key names the
  // table they take their scores from.
  const tables = new WeakMap<CentralityTable, number>();
  const tableNumber = (table: CentralityTable) => {
    let number = tables.get(table);
    if (number === undefined) tables.set(table, (number = nextTable++));
    return number;
  };
  let nextTable = 0;
  const exports = sharedInFlight<ExportedFile>();
  return {
    egoNetwork: cachedEgoNetworks((centerId, egoOptions, signal, range) =>
      pool.run('egoNetwork', [centerId, egoOptions, range], signal === undefined ? {} : { signal }),
    ),
    exportNetwork: (centrality, file, selection, signal, weighting = 'jointPapers', range = null) =>
      exports.run(
        JSON.stringify([tableNumber(centrality), file, selection, weighting, range === null ? null : rangeKey(range)]),
        (shared) =>
          pool.run('exportNetwork', [sharedColumns(centrality), file, selection, weighting, range], {
            signal: shared,
          }),
        signal,
      ),
    windowParts: (range, signal) =>
      parts.run(rangeKey(range), (shared) => pool.run('windowParts', [range], { signal: shared }), signal),
    cumulativeRanks: keptRanks((range, signal) =>
      ranks.run(rangeKey(range), (shared) => pool.run('cumulativeRanks', [range], { signal: shared }), signal),
    ),
    windowAnalysis: (range, signal) =>
      windows.run(rangeKey(range), (shared) => pool.run('windowAnalysis', [range], { signal: shared }), signal),
    weightedScores(weighting, signal, range = null) {
      if (range !== null)
        return windowWeighted.run(
          `${rangeKey(range)}:${weighting}`,
          (shared) => pool.run('weightedScores', [weighting, range], { signal: shared }),
          signal,
        );
      let scores = weighted.get(weighting);
      if (scores === undefined) {
        scores = pool.run('weightedScores', [weighting]);
        weighted.set(weighting, scores);
        scores.catch(() => weighted.delete(weighting));
      }
      return unlessAbandoned(scores, signal);
    },
    weightedStructure(weighting, signal, range = null) {
      if (range !== null)
        return windowStructures.run(
          `${rangeKey(range)}:${weighting}`,
          (shared) => pool.run('weightedStructure', [weighting, range], { signal: shared }),
          signal,
        );
      let scores = structures.get(weighting);
      if (scores === undefined) {
        scores = pool.run('weightedStructure', [weighting]);
        structures.set(weighting, scores);
        scores.catch(() => structures.delete(weighting));
      }
      return unlessAbandoned(scores, signal);
    },
    duplicateCandidates(signal) {
      // Computed once for every request that asks; no single request's time budget stops it.
      if (candidates === null) {
        candidates = pool.run('duplicateCandidates', []).then((records) => withAuthors(data.network, records));
        candidates.catch(() => {
          candidates = null;
        });
      }
      return unlessAbandoned(candidates, signal);
    },
    started: () => settled,
    whenStarted: () => starting,
    workersReady: () => pool.readyCount(),
    abandoned: () => pool.abandoned(),
    queued: () => pool.queued(),
    close: () => pool.close(),
  };
}
