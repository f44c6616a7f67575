/**
 * The exact pass of a replica of the shared store: instead of every replica running the whole pass
 * for itself, each takes its share of the version's chunks (shared-pass.ts) with its pass threads,
 * and all of them serve the values combined once for the deployment. Progress counts sources, as the
 * local pass's does: the share of chunks done over all processes, times the sources.
 */
import type { ExactPass } from '../analysis/analyzed-network.ts';
import type { Database } from './database.ts';
import { joinSharedPass } from './shared-pass.ts';

export function sharedExactPass(database: Database, versionId: number): ExactPass {
  return (graph, { signal, threads }) => {
    let fraction = 0;
    const result = joinSharedPass(database, versionId, graph, {
      signal,
      threads: threads ?? 1,
      onProgress: ({ chunksDone, chunksTotal }) => {
        fraction = chunksTotal === 0 ? 1 : chunksDone / chunksTotal;
      },
    });
    return { total: graph.order, done: () => Math.round(fraction * graph.order), result };
  };
}
