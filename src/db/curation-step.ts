/**
 * A replica moving to the next curated version of the same import: the decisions applied to the
 * network it serves (graph/identity-patch.ts), in a worker thread (the columns are on shared memory:
 * posted, not copied), so that requests keep being answered. Seconds instead of the minutes a build
 * from the store's rows takes on the ACL Anthology.
 *
 * The patched network is served as soon as its columns are in; its local metrics are computed
 * afterwards in another worker (`localMetricsOffThread`), about 12 s on the ACL Anthology, while the
 * previous version's serve, marked stale (analysis/provisional-local.ts).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import {
  type LocalScores,
  type TieGraph,
  type UnweightedLocalScores,
  type WeightedScores,
  localMetrics,
  localScoresOf,
  structureScoresOf,
  weightedScoresOf,
} from '../analysis/centrality.ts';
import { PRODUCT_KERNEL_BYTES, ProductKernel } from '../analysis/product-kernel.ts';
import { type UndoRecords, curationStep } from '../graph/identity-patch.ts';
import { utf8Length } from '../graph/columns.ts';
import type { NetworkColumns } from '../graph/network-columns.ts';
import { networkOf } from '../graph/network.ts';
import { collectGarbage } from '../ingest/collect-garbage.ts';
import type { IdentityDecision } from '../ingest/identity-decisions.ts';

export interface CurationStepInput {
  readonly columns: NetworkColumns;
  /** The decisions of the version the columns are, and of the next one. */
  readonly previous: readonly IdentityDecision[];
  readonly next: readonly IdentityDecision[];
  readonly undo: UndoRecords;
}

export interface CuratedColumns {
  /** `input.columns` itself when the decisions change no column (a rejected pair). */
  readonly columns: NetworkColumns;
  readonly undo: UndoRecords;
  /**
   * Each author row of `columns` → its row in `input.columns` (−1: an author new in this step), so
   * what is carried over from the version served is found by row, not by looking every id up
   * (on the ACL Anthology that lookup alone held the event loop for most of a second).
   */
  readonly previousRows: Int32Array;
}

/** `oldToNew` (a row of the columns before → its row after, or −1) turned around: a row after → its row before, or −1. */
export function previousRowsOf(oldToNew: Int32Array, count: number): Int32Array {
  const previousRows = new Int32Array(count).fill(-1);
  for (let row = 0; row < oldToNew.length; row += 1) {
    const to = oldToNew[row] as number;
    if (to >= 0) previousRows[to] = row;
  }
  return previousRows;
}

/** The step in this thread; null when it has to be a full build (see `curationStep`). */
export function curatedColumns(input: CurationStepInput): CuratedColumns | null {
  const before = networkOf(input.columns);
  const step = curationStep(before, input.previous, input.next, input.undo);
  if (step === null) return null;
  const previousRows = previousRowsOf(step.oldToNew, utf8Length(step.columns.authorId));
  // A row new to the step may hold an id the network had (a decision undone and applied again): found by id.
  const after = networkOf(step.columns);
  for (let row = 0; row < previousRows.length; row += 1)
    if (previousRows[row] === -1) previousRows[row] = before.authorIndex.get(after.authorIdAt(row)) ?? -1;
  return { columns: step.columns, undo: step.undo, previousRows };
}

/**
 * What the worker is asked: a curation step, or the local metrics of a network's columns, and then
 * exit; or (`serve`) to stay and take curation steps as messages (the replica's warm worker).
 */
export type CurationWorkerTask =
  | { readonly task: 'step'; readonly input: CurationStepInput }
  | {
      readonly task: 'local';
      readonly graph: TieGraph;
      /** One part of the local metrics (`structureScoresOf`, `weightedScoresOf`); all of them by default. */
      readonly part?: 'structure' | 'weighted';
    }
  | { readonly task: 'serve' };

/**
 * A task's result, with the buffers to move to the thread that asked rather than copy: the local
 * metrics' score arrays (a step's columns are on shared memory already).
 */
export function runCurationWorkerTask(task: Exclude<CurationWorkerTask, { task: 'serve' }>): {
  readonly result: CuratedColumns | LocalScores | UnweightedLocalScores | WeightedScores | null;
  readonly transfer: ArrayBuffer[];
} {
  if (task.task === 'step') return { result: curatedColumns(task.input), transfer: [] };
  const scores =
    task.part === 'structure'
      ? structureScoresOf(task.graph)
      : task.part === 'weighted'
        ? weightedScoresOf(task.graph)
        : weightedThenStructure(task.graph);
  const arrays = localMetrics.flatMap((metric) => (metric in scores ? [(scores as LocalScores)[metric]] : []));
  return { result: scores, transfer: [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))] };
}

/**
 * Every local metric, the weighted ones first: their products copy the graph into the WebAssembly
 * kernel (product-kernel.ts: 160 MB at 1 M synthetic papers), and that copy is collected before the
 * rest are computed, rather than held (until this worker exits) while the start's estimates make
 * their own arrays.
 */
function weightedThenStructure(graph: TieGraph): LocalScores {
  const weighted = weightedScoresOf(graph);
  if (graph.neighbors.length >= COLLECTED_PRODUCTS_ENTRIES) collectGarbage();
  return localScoresOf(structureScoresOf(graph), weighted);
}

/** Adjacency entries from which the products' copy is collected once they are done (6 bytes each: 24 MB). */
const COLLECTED_PRODUCTS_ENTRIES = 4_000_000;

const WORKER_ENTRY = new URL('./curation-step-worker.mjs', import.meta.url);

/** Authors plus adjacency entries below which the step runs in this thread: milliseconds, less than starting a worker. */
export const IN_THREAD_STEP_LIMIT = 100_000;

/** Whether a curation step on `columns` runs in this thread (a small network: milliseconds), else in the warm worker. */
export function stepsInThread(columns: NetworkColumns): boolean {
  return columns.offsets.length + columns.neighbors.length < IN_THREAD_STEP_LIMIT;
}

/** The step in a worker thread of its own (by default for networks past `IN_THREAD_STEP_LIMIT`), or in this one. */
export function curatedColumnsOffThread(
  input: CurationStepInput,
  options: { readonly inWorker?: boolean } = {},
): Promise<CuratedColumns | null> {
  if (options.inWorker === false || (options.inWorker === undefined && stepsInThread(input.columns)))
    return Promise.resolve().then(() => curatedColumns(input));
  return warmStepWorker().run(input);
}

/**
 * Starts the worker that takes curation steps ahead of the first one, when `columns` are large enough
 * for a step to run there: starting a worker (and, in a checkout, loading the TypeScript sources in
 * it) took 1.4–2 s on a busy 2-core machine, most of the 2 s in which a change must show on every
 * replica. The worker then stays, idle, for the next steps (it does not keep the process alive).
 */
export function prestartCurationStepWorker(columns: NetworkColumns): void {
  if (!stepsInThread(columns)) warmStepWorker();
}

interface StepWorker {
  run(input: CurationStepInput): Promise<CuratedColumns | null>;
  /** Ends the worker; the steps it had fail. */
  stop(): Promise<void>;
}

let warm: StepWorker | null = null;

function warmStepWorker(): StepWorker {
  if (warm !== null) return warm;
  const worker = new Worker(WORKER_ENTRY, { workerData: { task: 'serve' } satisfies CurationWorkerTask });
  const pending = new Map<
    number,
    { resolve: (result: CuratedColumns | null) => void; reject: (error: Error) => void }
  >();
  let next = 0;
  const self: StepWorker = {
    run(input) {
      return new Promise((resolve, reject) => {
        next += 1;
        pending.set(next, { resolve, reject });
        worker.ref(); // a step under way keeps the process alive
        worker.postMessage({ id: next, input });
      });
    },
    stop: async () => {
      await worker.terminate();
    },
  };
  const settle = (
    id: number,
  ): { resolve: (result: CuratedColumns | null) => void; reject: (error: Error) => void } | undefined => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return waiting;
  };
  worker.on(
    'message',
    (reply: { id: number } & ({ ok: true; result: CuratedColumns | null } | { ok: false; message: string })) => {
      const waiting = settle(reply.id);
      if (reply.ok) waiting?.resolve(reply.result);
      else waiting?.reject(new Error(reply.message));
    },
  );
  // A worker that failed or stopped is replaced at the next step; the steps it had fail (the caller builds instead).
  const gone = (error: Error) => {
    if (warm === self) warm = null;
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  worker.on('error', gone);
  worker.on('exit', (code) => gone(new Error(`the curation step stopped (exit code ${code})`)));
  // Idle, it must not keep the process alive. After the listeners: adding a 'message' listener refs a
  // worker again (Node 20), so a worker unref'd before it kept a stopped replica running.
  worker.unref();
  warm = self;
  return self;
}

/**
 * Ends the warm curation-step worker, if one runs (a replica that stops; steps under way fail): true
 * when there was one.
 */
export async function stopCurationStepWorker(): Promise<boolean> {
  const running = warm;
  warm = null;
  await running?.stop();
  return running !== null;
}

/**
 * The local metrics of `graph` (computeLocalCentrality) in a worker thread of its own, always: a
 * replica serves the previous version's meanwhile, and a load from data files makes the rest of the
 * network's columns meanwhile (load-data.ts); on a large network they take seconds. The graph's
 * arrays are posted, not copied, when they are on shared memory (as the columns' are); the scores
 * come back moved, not copied. With `split`, two workers share them (`splitsLocalMetrics` says where
 * that pays: `serve`'s start asks for it; a replica's curation step does not, as its requests need a
 * core).
 */
export function localMetricsOffThread(
  graph: TieGraph,
  signal?: AbortSignal,
  options: { readonly split?: boolean } = {},
): Promise<LocalScores> {
  const { order, offsets, neighbors, weights } = graph;
  const shared = { order, offsets, neighbors, weights };
  if (options.split !== true) return inWorker<LocalScores>({ task: 'local', graph: shared }, signal);
  // One worker stopping stops the other: the metrics are wanted whole or not at all.
  const both = new AbortController();
  const stop = () => both.abort(signal?.reason);
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  const part = <T>(name: 'structure' | 'weighted') =>
    inWorker<T>({ task: 'local', graph: shared, part: name }, both.signal).catch((error: unknown) => {
      both.abort(error);
      throw error;
    });
  return Promise.all([part<UnweightedLocalScores>('structure'), part<WeightedScores>('weighted')])
    .then(([structure, weighted]) => localScoresOf(structure, weighted))
    .finally(() => signal?.removeEventListener('abort', stop));
}

/**
 * Adjacency entries from which `serve` starts the local metrics in two workers at once (eigenvector
 * and PageRank in one, the rest in the other) on a machine with two cores or more, when the power
 * iterations' products run in the TypeScript loops (a graph whose copy for the WebAssembly kernel
 * would pass `PRODUCT_KERNEL_BYTES`): at 1 M synthetic papers those products took 25 s of a core, and
 * one worker for every metric was what the start waited for last. With the kernel (8 s there) one
 * worker does the weighted metrics, lets their copy go, then the rest (`weightedThenStructure`): as
 * fast through the noise, and two workers had held the copy beside the estimates' start (a peak of
 * 1,637–1,653 MiB against 1,568–1,584). On the ACL Anthology (1 M entries) one worker is done long
 * before the rest of the network is.
 */
export const SPLIT_LOCAL_ENTRIES = 4_000_000;

/** Whether `graph`'s local metrics are worth two workers when a start waits for them (`kernelBytes`: as `ProductKernel.fits`). */
export function splitsLocalMetrics(
  graph: Pick<TieGraph, 'order' | 'offsets' | 'neighbors' | 'weights'>,
  cores = availableParallelism(),
  kernelBytes = PRODUCT_KERNEL_BYTES,
): boolean {
  return cores >= 2 && graph.neighbors.length >= SPLIT_LOCAL_ENTRIES && !ProductKernel.fits(graph, kernelBytes);
}

/** `task` in a worker thread of its own; `signal` ends the worker (the promise rejects with its reason). */
function inWorker<T>(task: CurationWorkerTask, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const aborted = () => (signal?.reason instanceof Error ? signal.reason : new Error('the worker was stopped'));
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const worker = new Worker(WORKER_ENTRY, { workerData: task });
    let settled = false;
    signal?.addEventListener(
      'abort',
      () => {
        if (settled) return;
        settled = true;
        reject(aborted());
        void worker.terminate();
      },
      { once: true },
    );
    worker.once('message', (reply: { ok: true; result: T } | { ok: false; message: string }) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the curation step stopped (exit code ${code})`));
    });
  });
}
