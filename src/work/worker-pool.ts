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
 */
import { Worker } from 'node:worker_threads';
import type { TaskArgs, TaskMap, TaskResult, WorkerReply } from './worker-protocol.ts';

export interface PoolOptions {
  /** The worker's module. */
  readonly entry: URL;
  readonly workerData: unknown;
  /** Worker threads (at least 1). */
  readonly size: number;
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

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
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
  const queue: Task[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let abandonedCount = 0;
  let closed = false;
  let setupFailure: Error | null = null;
  let readyWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  const settleReadyWaiters = () => {
    if (setupFailure !== null) {
      for (const waiter of readyWaiters) waiter.reject(setupFailure);
      readyWaiters = [];
    } else if (slots.every((slot) => slot.ready)) {
      for (const waiter of readyWaiters) waiter.resolve();
      readyWaiters = [];
    }
  };

  const failAll = (error: Error) => {
    for (const task of queue.splice(0)) {
      task.detach();
      task.reject(error);
    }
    settleReadyWaiters();
  };

  const spawn = (index: number) => {
    const worker = new Worker(options.entry, { workerData: options.workerData });
    const slot: Slot = { worker, ready: false, task: null };
    slots[index] = slot;
    worker.on('message', (reply: WorkerReply) => {
      if ('type' in reply) {
        if (reply.type === 'ready') {
          if (slots[index] !== slot || closed) return;
          slot.ready = true;
          settleReadyWaiters();
          dispatch();
        } else {
          if (setupFailure === null) setupFailure = new WorkerSetupError(reply.message);
          failAll(setupFailure);
          void worker.terminate();
        }
        return;
      }
      const task = slot.task;
      if (task === null || task.id !== reply.id) return;
      slot.task = null;
      task.detach();
      if (reply.ok) task.resolve(reply.value);
      else
        task.reject(
          Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack }),
        );
      dispatch();
    });
    worker.on('error', (error) => {
      if (!slot.ready && setupFailure === null) {
        setupFailure = new WorkerSetupError(`a worker could not start: ${error.message}`);
        failAll(setupFailure);
      }
      const task = slot.task;
      slot.task = null;
      if (task !== null) {
        task.detach();
        task.reject(error);
      }
    });
    worker.on('exit', () => {
      if (slots[index] !== slot) return; // replaced on purpose
      const task = slot.task;
      slot.task = null;
      if (task !== null) {
        task.detach();
        task.reject(new Error('the worker running this task stopped unexpectedly'));
      }
      if (!closed && setupFailure === null) replace(index);
    });
  };

  const replace = (index: number) => {
    const old = slots[index];
    spawn(index);
    if (old !== undefined) void old.worker.terminate();
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (!slot.ready || slot.task !== null) continue;
      const task = queue.shift();
      if (task === undefined) return;
      slot.task = task;
      slot.worker.postMessage({ id: task.id, method: task.method, args: task.args });
    }
  };

  for (let i = 0; i < Math.max(1, options.size); i += 1) spawn(i);

  return {
    run<K extends keyof T & string>(method: K, args: TaskArgs<T, K>, runOptions: RunOptions = {}) {
      return new Promise<TaskResult<T, K>>((resolve, reject) => {
        if (closed) {
          reject(new Error('the worker pool is closed'));
          return;
        }
        if (setupFailure !== null) {
          reject(setupFailure);
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
            const waiting = queue.indexOf(task);
            if (waiting >= 0) queue.splice(waiting, 1);
            else {
              const index = slots.findIndex((slot) => slot.task === task);
              if (index >= 0) {
                (slots[index] as Slot).task = null;
                abandonedCount += 1;
                replace(index);
              }
            }
            reject(new TaskAbandoned(String(signal.reason ?? 'abandoned')));
          };
          signal.addEventListener('abort', onAbort, { once: true });
          task.detach = () => signal.removeEventListener('abort', onAbort);
        }
        queue.push(task);
        dispatch();
      });
    },
    readyCount: () => slots.filter((slot) => slot.ready).length,
    queued: () => queue.length,
    abandoned: () => abandonedCount,
    whenReady: () =>
      new Promise<void>((resolve, reject) => {
        readyWaiters.push({ resolve, reject });
        settleReadyWaiters();
      }),
    async close() {
      closed = true;
      failAll(new Error('the worker pool is closed'));
      const running = slots.splice(0);
      for (const slot of running) {
        const task = slot.task;
        slot.task = null;
        if (task !== null) {
          task.detach();
          task.reject(new Error('the worker pool is closed'));
        }
      }
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}
