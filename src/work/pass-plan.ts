/**
 * Where an exact pass is planned (locality order, twins, hanging parts, the plan's sources): here for a
 * small network, on a pass thread for a large one, where planning would hold the event loop (about
 * 0.65 s on the ACL Anthology). The one place that decides; the served network's pass
 * (analyzed-network.ts) and the shared pass (db/shared-pass.ts) both plan through it.
 */
import { type ChunkedPass, prepareChunkedPass } from '../analysis/chunked-pass.ts';
import type { PassGraph } from '../analysis/shortest-path-pass.ts';
import { type PassThreads, plansInThread, prepareChunkedPassOnPassThread } from './pass-threads.ts';

/**
 * The pass's plan over `graph`: made in this thread when `plansInThread`, else on a thread of the pool
 * `threads()` gives (called only then, so a caller can open its pool lazily). The same plan either way.
 */
export async function planExactPass(
  graph: PassGraph,
  threads: () => PassThreads,
  signal?: AbortSignal,
): Promise<ChunkedPass> {
  if (plansInThread(graph)) return prepareChunkedPass(graph);
  return prepareChunkedPassOnPassThread(threads(), graph, signal === undefined ? {} : { signal });
}
