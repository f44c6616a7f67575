/**
 * A thread of the shared pass (src/db/shared-pass.ts): holds the renumbered network and the plan
 * (shared memory, no copies), computes the chunks it is sent one at a time, and answers each with the
 * chunk's encoded partial sums (chunked-pass.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PassPlan } from './all-pairs-centrality.ts';
import { chunkScratch, computeChunk, encodePartial } from './chunked-pass.ts';
import { lowerThreadPriority } from './thread-priority.ts';
import { errorMessage } from '../error-message.ts';

export interface ChunkWorkerData {
  readonly order: number;
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
  readonly plan: Pick<PassPlan, 'mode' | 'sources' | 'leaves' | 'multiplicity' | 'linearScaling'>;
}

export interface ChunkRequest {
  readonly index: number;
  readonly from: number;
  readonly to: number;
}

export type ChunkAnswer =
  | { readonly index: number; readonly partial: Uint8Array; readonly seconds: number }
  | { readonly index: number; readonly error: string };

// Background work: a replica's event loop must win the CPU whenever it wants it.
lowerThreadPriority();
const data = workerData as ChunkWorkerData;
const pass = {
  graph: { order: data.order, offsets: data.offsets, neighbors: data.neighbors },
  plan: data.plan as PassPlan,
};
const scratch = chunkScratch(data.order);
parentPort?.on('message', (request: ChunkRequest) => {
  const started = process.hrtime.bigint();
  try {
    const encoded = encodePartial(computeChunk(pass, request, scratch));
    const partial = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    parentPort?.postMessage({ index: request.index, partial, seconds } satisfies ChunkAnswer, [
      partial.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    parentPort?.postMessage({ index: request.index, error: errorMessage(error) } satisfies ChunkAnswer);
  }
});
