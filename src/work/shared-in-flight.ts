/**
 * Identical work in flight done once: the first caller starts it, later callers with the same key wait
 * for the same result. Each caller keeps its own `AbortSignal` (one giving up gets `TaskAbandoned` at
 * once); the work itself is abandoned only when every caller waiting for it has given up, so eight
 * identical aliases of one drawing are laid out once, and one client closing its tab does not stop the
 * work the seven others wait for.
 */
import { TaskAbandoned } from './worker-pool.ts';

interface Flight<T> {
  readonly result: Promise<T>;
  readonly controller: AbortController;
  waiting: number;
}

export function sharedInFlight<T>() {
  const flights = new Map<string, Flight<T>>();
  /** `start` begins the work when no identical work (same `key`) is in flight already. */
  const run = (key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> => {
    if (signal?.aborted) return Promise.reject(new TaskAbandoned(String(signal.reason ?? 'abandoned')));
    let flight = flights.get(key);
    if (flight === undefined) {
      const controller = new AbortController();
      const result = start(controller.signal);
      const started: Flight<T> = { result, controller, waiting: 0 };
      flight = started;
      flights.set(key, started);
      const forget = () => {
        if (flights.get(key) === started) flights.delete(key);
      };
      result.then(forget, forget);
    }
    const shared = flight;
    shared.waiting += 1;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const leave = () => {
        if (done) return false;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        shared.waiting -= 1;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (shared.waiting === 0) {
          flights.delete(key);
          shared.controller.abort(signal?.reason);
        }
        reject(new TaskAbandoned(String(signal?.reason ?? 'abandoned')));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.result.then(
        (value) => {
          if (leave()) resolve(value);
        },
        (error: unknown) => {
          if (leave()) reject(error);
        },
      );
    });
  };
  return { run, inFlight: () => flights.size };
}
