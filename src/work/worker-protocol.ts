/**
 * The messages between a worker pool (worker-pool.ts) and its workers, typed by one task map: the
 * worker module declares its tasks as an object of functions, `serveTasks` answers them, and the pool
 * is `createWorkerPool<typeof tasks>` (a type-only import), so a method name, its arguments and its
 * result are checked on both sides rather than cast.
 *
 * Worker → pool: `{ type: 'ready' }` once set up, or `{ type: 'setup-failed', message }`; then for each
 * task `{ id, ok: true, value }` or `{ id, ok: false, error }`. Pool → worker: `{ id, method, args }`.
 */
import type { MessagePort } from 'node:worker_threads';
import { errorMessage } from '../error-message.ts';

/** What a worker can do: each task takes plain data and returns plain data (or `Transferred` data). */
export type TaskMap = { readonly [method: string]: (...args: never[]) => unknown };

export type TaskArgs<T extends TaskMap, K extends keyof T> = Parameters<T[K]>;
/** A task's result as the pool's caller receives it (a `Transferred` wrapper is unwrapped). */
export type TaskResult<T extends TaskMap, K extends keyof T> =
  ReturnType<T[K]> extends Transferred<infer V> ? V : Awaited<ReturnType<T[K]>>;

/** A result whose buffers are moved to the caller rather than copied. */
export class Transferred<V> {
  constructor(
    readonly value: V,
    readonly buffers: readonly ArrayBuffer[],
  ) {}
}

export interface TaskRequest {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'setup-failed'; readonly message: string }
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

/**
 * The worker side: sets up (a thrown error is reported as a setup failure), says it is ready, then
 * answers every task with its result or its error.
 */
export function serveTasks<T extends TaskMap>(port: MessagePort | null, setUp: () => T): void {
  if (port === null) throw new Error('worker-protocol: serveTasks must run in a worker thread');
  let tasks: T;
  try {
    tasks = setUp();
  } catch (error) {
    port.postMessage({ type: 'setup-failed', message: errorMessage(error) } satisfies WorkerReply);
    return;
  }
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
  port.on('message', ({ id, method, args }: TaskRequest) => {
    try {
      if (!Object.hasOwn(tasks, method)) throw new TypeError(`worker-protocol: no task "${method}"`);
      const result = (tasks[method] as (...given: readonly unknown[]) => unknown)(...args);
      if (result instanceof Transferred)
        port.postMessage({ id, ok: true, value: result.value } satisfies WorkerReply, [...result.buffers]);
      else port.postMessage({ id, ok: true, value: result } satisfies WorkerReply);
    } catch (error) {
      const { name, message, stack } = error as Error;
      port.postMessage({
        id,
        ok: false,
        error: { name, message, ...(stack === undefined ? {} : { stack }) },
      } satisfies WorkerReply);
    }
  });
}
