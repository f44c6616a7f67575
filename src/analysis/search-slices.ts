/**
 * Graph searches run for requests on the event loop, in bounded slices, so that no request can hold
 * the loop for long and the time budget can stop a search wherever it is.
 *
 * A search is written as a generator that yields after every bounded amount of work (see paths.ts).
 * `inSlices` queues it; the scheduler runs queued searches one at a time, step by step, for at most
 * `SLICE_MS` per turn of the event loop, then gives the loop back (`setImmediate`), so `/health` and
 * other requests are answered between slices. Before each step it checks the request's signal: a
 * search whose request ran out of time or whose client went away is dropped, its promise rejected
 * with the signal's reason, the moment the signal fires.
 *
 * Searches wait in one queue per request (per signal) and the queues take turns, one search each, so
 * a request with ten thousand searches delays another request's search by one search, not by ten
 * thousand. Only one search runs at a time, so the searches share one set of scratch arrays
 * (see `slicedScratch` in paths.ts).
 */

export type SearchSteps<T> = Generator<void, T, void>;

/** Longest run of search steps in one turn of the event loop. */
export const SLICE_MS = 4;

interface Task {
  readonly start: () => SearchSteps<unknown>;
  steps: SearchSteps<unknown> | null;
  readonly signal: AbortSignal | null;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/** Waiting searches by request; a Map keeps insertion order, which the turns follow. */
const waiting = new Map<AbortSignal | object, Task[]>();
const unsignalled = {};
let running: Task | null = null;
/** Signals already listened to (a request's queue empties and fills again as its searches run). */
const watched = new WeakSet<AbortSignal>();
let scheduled = false;

/** Runs the search `start` makes in slices on the event loop; rejects with the signal's reason once it fires. */
export function inSlices<T>(start: () => SearchSteps<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(abandonReason(signal));
  return new Promise<T>((resolve, reject) => {
    const key = signal ?? unsignalled;
    const queue = waiting.get(key);
    const task: Task = {
      start,
      steps: null,
      signal: signal ?? null,
      resolve: resolve as (value: unknown) => void,
      reject,
    };
    if (queue !== undefined) queue.push(task);
    else {
      waiting.set(key, [task]);
      // A request that runs out of time or loses its client drops its searches at once, not as they come up.
      if (signal !== undefined && !watched.has(signal)) {
        watched.add(signal);
        signal.addEventListener('abort', () => abandon(signal), { once: true });
      }
    }
    schedule();
  });
}

/** Drops the searches of `signal`'s request: the one running (between two steps) and those waiting. */
function abandon(signal: AbortSignal): void {
  const reason = abandonReason(signal);
  const queue = waiting.get(signal) ?? [];
  waiting.delete(signal);
  if (running?.signal === signal) {
    queue.unshift(running);
    running = null;
  }
  for (const task of queue) {
    task.steps?.return(undefined);
    task.reject(reason);
  }
}

/** Searches queued or running (for tests and diagnostics). */
export function searchesPending(): number {
  let count = running === null ? 0 : 1;
  for (const queue of waiting.values()) count += queue.length;
  return count;
}

function abandonReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('search abandoned');
}

function schedule(): void {
  if (scheduled || (running === null && waiting.size === 0)) return;
  scheduled = true;
  setImmediate(pump);
}

/** The next request's next search, the requests taking turns. */
function nextTask(): Task | null {
  for (const [key, queue] of waiting) {
    waiting.delete(key);
    const task = queue.shift() as Task;
    if (queue.length > 0) waiting.set(key, queue); // to the back of the line
    return task;
  }
  return null;
}

function pump(): void {
  scheduled = false;
  const until = performance.now() + SLICE_MS;
  while (performance.now() < until) {
    const task = running ?? nextTask();
    if (task === null) break;
    running = task;
    if (task.signal?.aborted) {
      running = null;
      task.steps?.return(undefined);
      task.reject(abandonReason(task.signal));
      continue;
    }
    try {
      task.steps ??= task.start();
      const step = task.steps.next();
      if (step.done) {
        running = null;
        task.resolve(step.value);
      }
    } catch (error) {
      running = null;
      task.reject(error);
    }
  }
  schedule();
}
