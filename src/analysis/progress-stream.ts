/**
 * The all-pairs pass's progress as a stream of updates (what the `centralityProgress` subscription
 * sends): one now, then one every `intervalMs` while the pass runs, and a last one when the exact
 * values are in (or the pass failed), after which the stream ends. It also ends when `signal` fires
 * (the client went away).
 *
 * Time left is the exact pass's rate so far applied to the sources left: elapsed · (total − done) / done;
 * unknown (null) before the exact pass has finished a first source, and while estimating.
 */
import type { CentralityProgress } from './analyzed-network.ts';

/** What a stream follows: a network's pass (AnalyzedNetwork) or a listed window's. */
export interface ProgressSource {
  progress(): CentralityProgress;
  /** Settles when the pass ends, either way. */
  whenExact(): Promise<unknown>;
}

export interface ProgressUpdate {
  readonly progress: CentralityProgress;
  /** Estimated seconds until the exact values are in; null when unknown, 0 when they are. */
  readonly secondsLeft: number | null;
  /** When the exact values were computed: set on the last update only (null when the pass failed). */
  readonly computedAt: Date | null;
  /** True on the last update. */
  readonly done: boolean;
}

export interface ProgressStreamOptions {
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
  /** The clock (tests). */
  readonly now?: () => number;
}

export function secondsLeft(progress: CentralityProgress, now: number): number | null {
  if (progress.phase === 'exact') return 0;
  if (progress.phase !== 'exact-pass' || progress.exactStartedAt === null || progress.sourcesDone === 0) return null;
  const elapsed = (now - progress.exactStartedAt.getTime()) / 1000;
  return (elapsed * (progress.sourcesTotal - progress.sourcesDone)) / progress.sourcesDone;
}

function updateOf(progress: CentralityProgress, now: number): ProgressUpdate {
  const done = progress.phase === 'exact' || progress.phase === 'failed';
  return {
    progress,
    secondsLeft: secondsLeft(progress, now),
    computedAt: progress.phase === 'exact' ? progress.exactFinishedAt : null,
    done,
  };
}

export async function* progressStream(
  data: ProgressSource,
  options: ProgressStreamOptions,
): AsyncGenerator<ProgressUpdate> {
  const now = options.now ?? Date.now;
  const { signal } = options;
  // Settles when the pass ends (either way), so the last update goes out at once, not at the next tick.
  const settled = data.whenExact().then(
    () => 'settled' as const,
    () => 'settled' as const,
  );
  let watchSettled = true;
  for (;;) {
    if (signal?.aborted) return;
    const update = updateOf(data.progress(), now());
    yield update;
    if (update.done) return;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const woken = await Promise.race([
      ...(watchSettled ? [settled] : []),
      new Promise<'tick'>((resolve) => {
        timer = setTimeout(() => resolve('tick'), options.intervalMs);
      }),
      new Promise<'aborted'>((resolve) => {
        onAbort = () => resolve('aborted');
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    if (woken === 'aborted') return;
    if (woken === 'settled') {
      // The phase changes with the pass's promise: read it once more, then end.
      const last = updateOf(data.progress(), now());
      if (last.done) {
        yield last;
        return;
      }
      watchSettled = false; // cancelled, not finished: keep ticking until the client leaves
    }
  }
}
