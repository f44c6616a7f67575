/**
 * A small pool of long-lived worker threads that run named tasks, one at a time per worker, in
 * arrival order.
 *
 * A task can be abandoned through an `AbortSignal`:
 * - waiting in the queue, it is dropped;
 * - running, its worker is terminated (JavaScript cannot be interrupted any other way) and a fresh
 *   one takes its place, so a runaway layout or export stops using the CPU at once.
 * Work that several requests wait for (a computation done once per network) is run without a signal
 * and raced against each caller's own signal by the caller, so no one request can kill it.
 *
 * Workers speak worker-protocol.ts: the pool is typed by the worker's task map, so a method, its
 * arguments and its result are checked where the pool is used.
 * A worker that fails to set up or exits unexpectedly rejects what it was running; a failure while
 * setting up is kept, and every later task is rejected with it (a pool that cannot work must say so
 * rather than retry forever).
 * Which task runs where, and the phases of the pool and its slots, are kept by pool-schedule.ts.
 */
import { Worker } from 'node:worker_threads';
import { CLOSED_MESSAGE, PoolSchedule } from './pool-schedule.ts';
import {
  SETUP_FOLLOWS,
  type SetupMessage,
  type TaskArgs,
  type TaskMap,
  type TaskResult,
  type WorkerReply,
} from './worker-protocol.ts';

export interface PoolOptions {
  /** The worker's module. */
  readonly entry: URL;
  readonly workerData: unknown;
  /**
   * What each worker starts from when it needs something of its own (a port): its `workerData`, what
   * is transferred with it, and what to release when the worker is gone. Overrides `workerData`.
   */
  readonly setupWorker?: () => {
    readonly workerData: unknown;
    readonly transferList: readonly Transferable[];
    readonly release: () => void;
  };
  /** Worker threads (at least 1). */
  readonly size: number;
  /** Workers started earlier, waiting for their setup: the pool's first workers are taken from them. */
  readonly waiting?: WaitingWorkers;
  /**
   * Send a task to a worker still setting up when no worker is idle (pool-schedule.ts,
   * `dispatchToStarting`): it starts as soon as the worker is set up, whether or not this thread is
   * free to read the worker's 'ready' by then.
   */
  readonly sendWhileStarting?: boolean;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
}

/** Why a task did not run to the end: the caller's signal fired (its `reason` is passed on). */
export class TaskAbandoned extends Error {
  override readonly name = 'TaskAbandoned';
}

export class WorkerSetupError extends Error {
  override readonly name = 'WorkerSetupError';
}

interface Task {
  readonly id: number;
  readonly method: string;
  readonly args: unknown[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  detach: () => void;
}

export interface WorkerPool<T extends TaskMap> {
  run<K extends keyof T & string>(method: K, args: TaskArgs<T, K>, options?: RunOptions): Promise<TaskResult<T, K>>;
  /** Workers ready to take a task (0 while they set up). */
  readyCount(): number;
  /** Tasks waiting for a worker. */
  queued(): number;
  /** Running tasks abandoned so far (each cost its worker). */
  abandoned(): number;
  /** Resolves once every worker is set up (rejects when setting up failed). */
  whenReady(): Promise<void>;
  /** Terminates every worker; waiting and running tasks are rejected. */
  close(): Promise<void>;
}

export function createWorkerPool<T extends TaskMap>(options: PoolOptions): WorkerPool<T> {
  const schedule = new PoolSchedule<Task>(options.size);
  /** The worker of each slot: events from a worker that was replaced (or closed) are ignored. */
  const workers: Worker[] = [];
  let nextId = 1;
  let abandonedCount = 0;
  let readyWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  const settleReadyWaiters = () => {
    const phase = schedule.phase;
    if (phase.kind === 'failed') {
      for (const waiter of readyWaiters) waiter.reject(phase.error);
      readyWaiters = [];
    } else if (phase.kind === 'closed' || schedule.allReady()) {
      for (const waiter of readyWaiters) waiter.resolve();
      readyWaiters = [];
    }
  };

  const settle = (task: Task | null, outcome: { error: unknown } | { value: unknown }) => {
    if (task === null) return;
    task.detach();
    if ('error' in outcome) task.reject(outcome.error);
    else task.resolve(outcome.value);
  };

  const failSetup = (reason: Error) => {
    const { error, waiting } = schedule.fail(reason);
    for (const task of waiting) settle(task, { error });
    settleReadyWaiters();
  };

  const dispatch = () => {
    const sent = schedule.dispatch();
    if (options.sendWhileStarting === true) sent.push(...schedule.dispatchToStarting());
    for (const [index, task] of sent)
      workers[index]?.postMessage({ id: task.id, method: task.method, args: task.args });
  };

  const spawn = (index: number) => {
    const own = options.setupWorker?.();
    const setup = own === undefined ? options.workerData : own.workerData;
    const transferList = [...(own?.transferList ?? [])] as never;
    const waiting = options.waiting?.take(options.entry);
    waiting?.postMessage({ setup } satisfies SetupMessage, transferList);
    const worker = waiting ?? new Worker(options.entry, { workerData: setup, transferList });
    if (own !== undefined) worker.once('exit', own.release);
    workers[index] = worker;
    const current = () => workers[index] === worker;
    worker.on('message', (reply: WorkerReply) => {
      if (!current()) return;
      if ('type' in reply) {
        if (reply.type === 'ready') {
          if (!schedule.ready(index)) return;
          settleReadyWaiters();
          dispatch();
        } else {
          failSetup(new WorkerSetupError(reply.message));
          void worker.terminate();
        }
        return;
      }
      const task = schedule.finished(index, (running) => running.id === reply.id);
      if (task === null) return;
      settle(
        task,
        reply.ok
          ? { value: reply.value }
          : {
              error: Object.assign(new Error(reply.error.message), {
                name: reply.error.name,
                stack: reply.error.stack,
              }),
            },
      );
      dispatch();
    });
    worker.on('error', (error) => {
      if (!current()) return;
      if (schedule.slot(index).kind === 'starting' && schedule.phase.kind === 'open')
        failSetup(new WorkerSetupError(`a worker could not start: ${error.message}`));
      settle(schedule.restart(index), { error });
    });
    worker.on('exit', () => {
      if (!current()) return; // replaced on purpose, or closed
      settle(schedule.restart(index), { error: new Error('the worker running this task stopped unexpectedly') });
      if (schedule.phase.kind === 'open') replace(index);
    });
  };

  /** A fresh worker in the slot (already marked as starting), the old one terminated. */
  const replace = (index: number) => {
    const old = workers[index];
    spawn(index);
    if (old !== undefined) void old.terminate();
  };

  for (let i = 0; i < schedule.size; i += 1) spawn(i);

  return {
    run<K extends keyof T & string>(method: K, args: TaskArgs<T, K>, runOptions: RunOptions = {}) {
      return new Promise<TaskResult<T, K>>((resolve, reject) => {
        const refusal = schedule.refusal();
        if (refusal !== null) {
          reject(refusal);
          return;
        }
        const { signal } = runOptions;
        if (signal?.aborted) {
          reject(new TaskAbandoned(String(signal.reason ?? 'abandoned')));
          return;
        }
        const task: Task = {
          id: nextId++,
          method,
          args: [...args],
          resolve: resolve as (value: unknown) => void,
          reject,
          detach: () => {},
        };
        if (signal !== undefined) {
          const onAbort = () => {
            const where = schedule.abandon(task);
            if (where !== null) {
              schedule.restart(where.running);
              abandonedCount += 1;
              replace(where.running);
            }
            reject(new TaskAbandoned(String(signal.reason ?? 'abandoned')));
          };
          signal.addEventListener('abort', onAbort, { once: true });
          task.detach = () => signal.removeEventListener('abort', onAbort);
        }
        schedule.enqueue(task);
        dispatch();
      });
    },
    readyCount: () => schedule.readyCount(),
    queued: () => schedule.queued(),
    abandoned: () => abandonedCount,
    whenReady: () =>
      new Promise<void>((resolve, reject) => {
        readyWaiters.push({ resolve, reject });
        settleReadyWaiters();
      }),
    async close() {
      const { waiting, running } = schedule.close();
      for (const task of waiting) settle(task, { error: new Error(CLOSED_MESSAGE) });
      settleReadyWaiters();
      for (const task of running) settle(task, { error: new Error(CLOSED_MESSAGE) });
      await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
    },
  };
}

/**
 * Worker threads started before what they set up from is known (a replica starts its request
 * workers while its network downloads): each loads its code and waits (`SETUP_FOLLOWS`); a pool
 * given them takes them as its first workers and sends each its setup. Waiting, they do not keep
 * the process alive; one that failed or stopped meanwhile is not taken (the pool starts its own).
 */
export class WaitingWorkers {
  private readonly workers: Worker[] = [];
  private readonly gone = new WeakSet<Worker>();

  constructor(
    private readonly entry: URL,
    count: number,
  ) {
    for (let i = 0; i < count; i += 1) {
      const worker = new Worker(entry, { workerData: SETUP_FOLLOWS });
      worker.unref();
      // Heard here until taken (unheard, an error would end the process); the pool hears it after.
      worker.on('error', () => this.gone.add(worker));
      worker.on('exit', () => this.gone.add(worker));
      this.workers.push(worker);
    }
  }

  /** A waiting worker of module `entry`, now the caller's (null when none is left). */
  take(entry: URL): Worker | null {
    if (entry.href !== this.entry.href) return null;
    for (let worker = this.workers.shift(); worker !== undefined; worker = this.workers.shift()) {
      if (this.gone.has(worker)) continue;
      worker.removeAllListeners('error').removeAllListeners('exit');
      worker.ref();
      return worker;
    }
    return null;
  }

  /** How many are still waiting to be taken. */
  count(): number {
    return this.workers.filter((worker) => !this.gone.has(worker)).length;
  }

  /** Stops those not taken. */
  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.terminate()));
  }
}
