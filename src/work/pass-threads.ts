/**
 * The pass threads: a worker pool (worker-pool.ts) of pass-worker.ts threads, at the lowest
 * scheduling priority, that runs the all-pairs searches of the estimates, the exact pass and the
 * shared pass's chunks. The same pool abstraction, typed protocol (`PassWorkerTasks`) and cancellation
 * (an `AbortSignal`: a running task's thread is terminated and replaced) as the request workers'.
 *
 * A run hands its plan to as many tasks as it asks threads for; each task takes sources from a shared
 * cursor until none are left, writes the per-source totals into shared memory and returns its own
 * dependency sums, added here. Plans and totals live in SharedArrayBuffers: a task's message carries
 * them without copying, so a thread holds no network of its own and a replacement attaches at once.
 *
 * A caller that runs several passes (an analyzed network: estimates, then the exact pass, then the
 * listed windows) keeps one pool (`openPassThreads`) for all of them; otherwise each run opens a pool
 * of its own and closes it when it ends.
 */
import { availableParallelism } from 'node:os';
import type { AllPairsScores, PassOutput, RunnablePlan } from '../analysis/all-pairs-centrality.ts';
import type { ChunkRunner, ChunkedPass, CombinedPass, PassChunk } from '../analysis/chunked-pass.ts';
import { type PassGraph, batchWidth } from '../analysis/shortest-path-pass.ts';
import { type InteractiveGate, type YieldPolicy, interactiveGate, yieldPolicy } from './interactive-gate.ts';
import type { ChunkJob, ComputedChunk, PassWorkerTasks, SourcesJob } from './pass-worker.ts';
import { TaskAbandoned, type WorkerPool, createWorkerPool } from './worker-pool.ts';

export type { ComputedChunk } from './pass-worker.ts';

const WORKER_ENTRY = new URL('./pass-worker.mjs', import.meta.url);
/** Sources handed to a thread at a time: small enough to balance, large enough to keep the counter cool. */
const CHUNK = 8;

export type PassThreads = WorkerPool<PassWorkerTasks>;

/**
 * A pool of `size` pass threads (at least one). A run's tasks are sent to its threads while they
 * start: the first estimates begin while the load that opened the pool goes on in this thread.
 */
export function openPassThreads(size: number = availableParallelism()): PassThreads {
  return createWorkerPool<PassWorkerTasks>({
    entry: WORKER_ENTRY,
    workerData: null,
    size: Math.max(1, size),
    sendWhileStarting: true,
  });
}

export interface PassThreadOptions {
  /** Threads for this run (default: one per core; at most the pool's size when `pool` is given). */
  readonly threads?: number;
  /** Stops the run: its running tasks' threads are terminated (and replaced), the result rejects. */
  readonly signal?: AbortSignal;
  /** The pool to run on (default: one opened for this run, closed when it ends). */
  readonly pool?: PassThreads;
  /**
   * Whose requests the threads yield to between searches (default: this process's, which the HTTP
   * server enters per request; null: never yield).
   */
  readonly gate?: InteractiveGate | null;
  /** The longest a thread waits for requests to end before its next search (default `MAX_PAUSE_MS`). */
  readonly maxPauseMs?: number;
}

/** A plan running on pass threads. */
export interface PassThreadRun {
  readonly total: number;
  /** Sources finished so far. */
  done(): number;
  /** The output with every thread's sums added; rejects with the pool's `TaskAbandoned` when the signal fires. */
  readonly output: Promise<PassOutput>;
}

function policyOf(options: PassThreadOptions): YieldPolicy | null {
  const gate = options.gate === undefined ? interactiveGate() : options.gate;
  return gate === null
    ? null
    : yieldPolicy(gate, options.maxPauseMs === undefined ? {} : { maxPauseMs: options.maxPauseMs });
}

/** The pool given, or one for this run alone (with the close to call when the run ends). */
function poolFor(options: PassThreadOptions, threads: number): { pool: PassThreads; release: () => void } {
  if (options.pool !== undefined) return { pool: options.pool, release: () => {} };
  const pool = openPassThreads(threads);
  return { pool, release: () => void pool.close() };
}

/**
 * Runs `plan` (its arrays in shared memory: `sharedPlan`) into `output` (its totals in shared memory),
 * over `order` authors.
 */
export function runOnPassThreads(
  order: number,
  plan: RunnablePlan,
  output: PassOutput,
  options: PassThreadOptions = {},
): PassThreadRun {
  const total = plan.sources.length;
  const cursor = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const run = { total, done: () => Math.min(total, Atomics.load(cursor, 1)) };
  const { signal } = options;
  if (signal?.aborted)
    return { ...run, output: Promise.reject(new TaskAbandoned(String(signal.reason ?? 'abandoned'))) };
  if (total === 0) return { ...run, output: Promise.resolve(output) };
  const asked = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  // Whole batches of the plan's searches at a time (a refinement pass sweeps 32 sources at once).
  const chunk = Math.max(CHUNK, batchWidth(plan));
  const threads = Math.min(asked, Math.ceil(total / chunk));
  const { pool, release } = poolFor(options, threads);
  const job: SourcesJob = { order, plan, cursor, chunk, totals: output.totals, yieldTo: policyOf(options) };
  // One task failing stops the others (on a pool that outlives the run, they would go on for nothing).
  const failed = new AbortController();
  const taskSignal = signal === undefined ? failed.signal : AbortSignal.any([signal, failed.signal]);
  const tasks = Array.from({ length: threads }, () =>
    pool.run('runSources', [job], { signal: taskSignal }).then((sums) => {
      if (plan.mode === 'refine') return;
      const { accumulators } = output;
      addInto(accumulators.betweenness, sums.betweenness);
      if (sums.distanceToSources !== null && accumulators.distanceToSources !== null)
        addInto(accumulators.distanceToSources, sums.distanceToSources);
      if (sums.inverseDistanceToSources !== null && accumulators.inverseDistanceToSources !== null)
        addInto(accumulators.inverseDistanceToSources, sums.inverseDistanceToSources);
    }),
  );
  for (const task of tasks) task.catch(() => failed.abort('another thread of the run failed'));
  const result = Promise.all(tasks).then(() => output);
  void result.then(release, release);
  return { ...run, output: result };
}

/**
 * One chunk of the shared pass on a pass thread. `pass` is what the thread needs (the number of authors
 * and the plan's shared arrays: `sharedPlan`), `passKey` names it (the thread keeps its scratch for the
 * pass's next chunk).
 */
export function computeChunkOnPassThreads(
  pool: PassThreads,
  passKey: string,
  pass: ChunkRunner,
  chunk: PassChunk,
  options: Pick<PassThreadOptions, 'signal' | 'gate' | 'maxPauseMs'> = {},
): Promise<ComputedChunk> {
  const job: ChunkJob = { passKey, pass, chunk: { ...chunk }, yieldTo: policyOf(options) };
  return pool.run('computeChunk', [job], options.signal === undefined ? {} : { signal: options.signal });
}

/**
 * The shared pass's partials (stored form) combined into its exact scores on a pass thread
 * (`combineEncodedChunks`). The partials are copied into the task (a task is sent again to a thread
 * that replaces a stopped one, so nothing of it is transferred away); the scores are moved back.
 */
export function combineChunksOnPassThread(
  pool: PassThreads,
  pass: CombinedPass,
  partials: readonly Uint8Array[],
): Promise<AllPairsScores> {
  const { graph, plan, toOld } = pass;
  return pool.run('combineChunks', [{ pass: { graph, plan, toOld }, partials }]);
}

/** Authors plus adjacency entries below which a pass is planned in this thread (milliseconds; a pass thread costs more to start). */
export const IN_THREAD_PLAN_LIMIT = 100_000;

/** Whether a pass over `graph` is planned in this thread, else on a pass thread (`prepareChunkedPassOnPassThread`). */
export function plansInThread(graph: PassGraph): boolean {
  return graph.order + graph.neighbors.length < IN_THREAD_PLAN_LIMIT;
}

/**
 * The pass's plan (`prepareChunkedPass`: locality order and exact plan) made on a pass thread: on the ACL Anthology it held
 * the event loop for about half a second on a quiet machine, several seconds on a busy one, at every
 * new version of a replica and after every start from a snapshot of estimates. Equal to the plan made in this thread (the same function on the same arrays).
 */
export function prepareChunkedPassOnPassThread(
  pool: PassThreads,
  graph: PassGraph,
  options: Pick<PassThreadOptions, 'signal'> = {},
): Promise<ChunkedPass> {
  const { order, offsets, neighbors } = graph;
  return pool.run(
    'planChunkedPass',
    [{ order, offsets, neighbors }],
    options.signal === undefined ? {} : { signal: options.signal },
  );
}

function addInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i += 1) target[i] = (target[i] as number) + (source[i] as number);
}
