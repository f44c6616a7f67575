/**
 * Where requests' heavy work runs: drawing a collaboration network (ForceAtlas2 and Louvain), exports,
 * duplicate-author candidates. The server runs it in worker threads (`workerThreadWork`), each holding
 * its own copy of the network, so the event loop keeps answering `/health` and light queries while a
 * layout or an export is being computed, and a request past its time budget can be abandoned: its
 * worker is terminated and replaced. Tests and the command line use `inThreadWork`.
 *
 * Every method takes the request's `AbortSignal`; when it fires, the promise rejects with
 * `TaskAbandoned`. Results are cached per network: drawn networks in a bounded LRU, duplicate candidates
 * once (computed for all, so a request that gives up does not stop it for the others).
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { CentralityColumns, CentralityTable } from '../analysis/centrality.ts';
import type { DuplicateCandidate } from '../analysis/duplicate-candidates.ts';
import type { EgoNetwork, EgoNetworkOptions } from '../analysis/ego-network.ts';
import type { ExportFile, RenderedExport } from '../export/export-formats.ts';
import type { ExportSelection } from '../export/select-network.ts';
import type { InputFormat } from '../ingest/load.ts';
import type { EncodedJsonString } from './encoded-json-string.ts';
import { networkFingerprint } from './network-fingerprint.ts';
import { type DuplicateCandidateRecord, requestTasks, withAuthors } from './request-tasks.ts';
import { TaskAbandoned, type WorkerPool, createWorkerPool } from './worker-pool.ts';

export { TaskAbandoned } from './worker-pool.ts';

/** An export file whose contents may come already encoded for the response (from a worker). */
export type ExportedFile = Omit<RenderedExport, 'content'> & { readonly content: string | EncodedJsonString };

export interface RequestWork {
  egoNetwork(centerId: string, options: EgoNetworkOptions, signal?: AbortSignal): Promise<EgoNetwork>;
  exportNetwork(centrality: CentralityTable, file: ExportFile, selection: ExportSelection | null, signal?: AbortSignal): Promise<ExportedFile>;
  duplicateCandidates(signal?: AbortSignal): Promise<readonly DuplicateCandidate[]>;
  /** Worker threads set up and ready (null when the work runs in this thread). */
  workersReady(): number | null;
  /** Tasks stopped while running because their request gave up (each cost its worker thread). */
  abandoned(): number;
  /** Tasks waiting for a worker thread (the metrics' queue depth; absent: none ever wait). */
  queued?(): number;
  close(): Promise<void>;
}

/** The files a worker loads its copy from: the same the server loaded. */
export interface WorkerDataSource {
  readonly files: readonly string[];
  readonly aliasFile: string | null;
  readonly inputFormat: InputFormat | null;
  readonly maxAuthorsPerPaper: number | null;
}

export interface WorkerSetup {
  readonly data: WorkerDataSource;
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
    const { scores, localOrigin, allPairsOrigin } = table.columns();
    const copy = (column: Float64Array) => {
      const into = new Float64Array(new SharedArrayBuffer(column.byteLength));
      into.set(column);
      return into;
    };
    shared = { scores: Object.fromEntries(Object.entries(scores).map(([metric, column]) => [metric, copy(column)])) as CentralityColumns['scores'], localOrigin, allPairsOrigin };
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
export function cachedEgoNetworks(compute: (centerId: string, options: EgoNetworkOptions, signal?: AbortSignal) => Promise<EgoNetwork>, maxWeight = EGO_NETWORK_CACHE_WEIGHT) {
  const cache = new Map<string, EgoNetwork>();
  let weight = 0;
  const weigh = (ego: EgoNetwork) => ego.nodes.length + ego.edges.length;
  return async (centerId: string, options: EgoNetworkOptions, signal?: AbortSignal): Promise<EgoNetwork> => {
    const key = JSON.stringify([centerId, options.depth, options.minJointPapers, options.maxNodes]);
    const known = cache.get(key);
    if (known !== undefined) {
      cache.delete(key);
      cache.set(key, known);
      return known;
    }
    const result = await compute(centerId, options, signal);
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
  const tasks = requestTasks(data.network);
  const started = (signal: AbortSignal | undefined) => {
    if (signal?.aborted) throw new TaskAbandoned(String(signal.reason ?? 'abandoned'));
  };
  let candidates: DuplicateCandidate[] | null = null;
  return {
    egoNetwork: async (centerId, options, signal) => { started(signal); return data.egoNetwork(centerId, options); },
    exportNetwork: async (centrality, file, selection, signal) => { started(signal); return tasks.exportNetwork(centrality.columns(), file, selection); },
    duplicateCandidates: async (signal) => { started(signal); return candidates ??= withAuthors(data.network, tasks.duplicateCandidates()); },
    workersReady: () => null,
    abandoned: () => 0,
    close: async () => {},
  };
}

export interface WorkerThreadOptions {
  readonly source: WorkerDataSource;
  /** Worker threads, each with its own copy of the network (at least 1). */
  readonly threads: number;
}

/** Worker threads loading their copy of the network: started before the server has loaded its own, they load meanwhile. */
export interface RequestWorkers {
  readonly pool: WorkerPool;
  /** Tells the workers which network they serve: each may work once its copy has this fingerprint. */
  serve(data: AnalyzedNetwork): void;
}

export function startRequestWorkers(options: WorkerThreadOptions): RequestWorkers {
  let serve!: (fingerprint: string) => void;
  const expected = new Promise<string>((resolve) => { serve = resolve; });
  const setup: WorkerSetup = { data: options.source };
  const pool = createWorkerPool({
    entry: WORKER_ENTRY,
    workerData: setup,
    size: options.threads,
    acceptReady: async (fingerprint) => ((await expected) === fingerprint ? null : 'the data files changed after the server loaded them; restart the server (or let --watch reload them)'),
  });
  return { pool, serve: (data) => serve(networkFingerprint(data.network)) };
}

/** The work done in worker threads that load their own copy of the network (started now, or given already loading). */
export function workerThreadWork(data: AnalyzedNetwork, options: WorkerThreadOptions | RequestWorkers): RequestWork {
  const workers = 'pool' in options ? options : startRequestWorkers(options);
  workers.serve(data);
  const { pool } = workers;
  let candidates: Promise<DuplicateCandidate[]> | null = null;
  return {
    egoNetwork: cachedEgoNetworks((centerId, egoOptions, signal) => pool.run<EgoNetwork>('egoNetwork', [centerId, egoOptions], signal === undefined ? {} : { signal })),
    exportNetwork: (centrality, file, selection, signal) => pool.run<ExportedFile>('exportNetwork', [sharedColumns(centrality), file, selection], signal === undefined ? {} : { signal }),
    duplicateCandidates(signal) {
      // Computed once for every request that asks; no single request's time budget stops it.
      if (candidates === null) {
        candidates = pool.run<DuplicateCandidateRecord[]>('duplicateCandidates', []).then((records) => withAuthors(data.network, records));
        candidates.catch(() => { candidates = null; });
      }
      return unlessAbandoned(candidates, signal);
    },
    workersReady: () => pool.readyCount(),
    abandoned: () => pool.abandoned(),
    queued: () => pool.queued(),
    close: () => pool.close(),
  };
}
