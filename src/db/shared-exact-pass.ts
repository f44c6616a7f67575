/**
 * The exact pass of a replica of the shared store: instead of every replica running the whole pass
 * for itself, each takes its share of the version's chunks (shared-pass.ts) with its pass threads
 * (the network's own, open already since its estimates: none is started for the pass), and all of
 * them serve the values combined once for the deployment. Progress counts sources, as the
 * local pass's does: the share of chunks done over all processes, times the sources.
 *
 * A database error in the middle (PostgreSQL restarted, a connection cut) does not end the replica's
 * share: it joins again after a backoff (0.5 s, doubling, at most 30 s), as the same owner, first
 * releasing the chunks it held (their partial sums are lost, the chunks written before are kept), so
 * the pass completes once the store is back; the estimates are served meanwhile.
 */
import { PassCancelled } from '../analysis/all-pairs-centrality.ts';
import type { ExactPass } from '../analysis/analyzed-network.ts';
import type { Database } from './database.ts';
import { type ExactMetrics, SharedPassMismatch, joinSharedPass, processOwner, releaseChunks } from './shared-pass.ts';

export interface SharedExactPassOptions {
  /** Hears each retry after an error (for the log). */
  readonly onRetry?: (error: Error, waitMs: number) => void;
  /** First wait after an error (default 500 ms); doubles up to `maxRetryMs` (default 30 s). */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /** Sources per chunk when this process creates the pass (default: shared-pass.ts's). */
  readonly chunkSources?: number;
}

export function sharedExactPass(
  database: Database,
  versionId: number,
  options: SharedExactPassOptions = {},
): ExactPass {
  return (graph, { signal, threads, pool }) => {
    let fraction = 0;
    const owner = processOwner();
    const join = () =>
      joinSharedPass(database, versionId, graph, {
        signal,
        owner,
        ...(pool === undefined ? {} : { pool }),
        threads: threads ?? 1,
        ...(options.chunkSources === undefined ? {} : { chunkSources: options.chunkSources }),
        onProgress: ({ chunksDone, chunksTotal }) => {
          fraction = chunksTotal === 0 ? 1 : chunksDone / chunksTotal;
        },
      });
    const result = (async (): Promise<ExactMetrics> => {
      let wait = options.firstRetryMs ?? 500;
      for (;;) {
        try {
          return await join();
        } catch (error) {
          if (signal.aborted || error instanceof PassCancelled || error instanceof SharedPassMismatch) throw error;
          options.onRetry?.(error as Error, wait);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            signal.addEventListener(
              'abort',
              () => {
                clearTimeout(timer);
                resolve();
              },
              { once: true },
            );
          });
          if (signal.aborted) throw new PassCancelled('shared pass: cancelled while waiting to retry');
          wait = Math.min(options.maxRetryMs ?? 30_000, wait * 2);
          // The chunks this process held when the error came are free again (when the store answers).
          await releaseChunks(database, String(versionId), owner).catch(() => undefined);
        }
      }
    })();
    return { total: graph.order, done: () => Math.round(fraction * graph.order), result };
  };
}
