/**
 * The messages between a worker pool (worker-pool.ts) and its workers, typed by one task map: the
 * worker module declares its tasks as an object of functions, `serveTasks` answers them, and the pool
 * is `createWorkerPool<typeof tasks>` (a type-only import), so a method name, its arguments and its
 * result are checked on both sides rather than cast.
 *
 * A worker started before its setup is known (`SETUP_FOLLOWS`) is first sent `{ setup }`.
 * Worker → pool: `{ type: 'ready' }` once set up, or `{ type: 'setup-failed', message }`; then for each
 * task `{ id, ok: true, value }` or `{ id, ok: false, error }`. Pool → worker: `{ id, method, args }`.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
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
 * The `workerData` of a worker started before what it sets up from is known (worker-pool.ts,
 * `WaitingWorkers`): it loads its code, then waits for its setup as its first message (`{ setup }`).
 */
export const SETUP_FOLLOWS = 'coauthor-graph: setup follows';

/** The first message of a worker started with `SETUP_FOLLOWS`. */
export interface SetupMessage {
  readonly setup: unknown;
}

/**
 * The worker side: sets up from its `workerData` (or, started with `SETUP_FOLLOWS`, from its first
 * message), a thrown error reported as a setup failure; says it is ready, then answers every task
 * with its result or its error.
 */
export function serveTasks<T extends TaskMap>(
  port: MessagePort | null,
  setUp: (setup: unknown) => T,
  given: unknown = workerData,
): void {
  if (port === null) throw new Error('worker-protocol: serveTasks must run in a worker thread');
  if (given === SETUP_FOLLOWS) {
    port.once('message', (message: SetupMessage) => serveTasks(port, setUp, message.setup));
    return;
  }
  let tasks: T;
  try {
    tasks = setUp(given);
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
