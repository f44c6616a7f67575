/**
 * Worker threads that compute chunks of the shared pass (chunk-worker.ts), one chunk per thread at a
 * time, over the renumbered network in shared memory.
 */
import { Worker } from 'node:worker_threads';
import { sharedPlan } from './all-pairs-centrality.ts';
import type { ChunkAnswer, ChunkWorkerData } from './chunk-worker.ts';
import type { ChunkedPass, PassChunk } from './chunked-pass.ts';

const WORKER_ENTRY = new URL('./chunk-worker.mjs', import.meta.url);

export interface ComputedChunk {
  /** The encoded partial sums (chunked-pass.ts `encodePartial`). */
  readonly partial: Uint8Array;
  /** Thread time spent on the chunk. */
  readonly seconds: number;
}

/** One thread: compute chunks on it one at a time. */
export interface ChunkThread {
  compute(chunk: PassChunk): Promise<ComputedChunk>;
  /** Stops the thread; a chunk in progress rejects. */
  close(): Promise<void>;
}

export function startChunkThread(pass: ChunkedPass): ChunkThread {
  const { graph, plan } = pass;
  const workerData: ChunkWorkerData = { order: graph.order, plan: sharedPlan(plan) };
  const worker = new Worker(WORKER_ENTRY, { workerData });
  let pending: { index: number; resolve: (c: ComputedChunk) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    pending?.reject(error);
    pending = null;
  };
  worker.on('message', (answer: ChunkAnswer) => {
    const waiting = pending;
    if (waiting === null || waiting.index !== answer.index) return;
    pending = null;
    if ('error' in answer) waiting.reject(new Error(`shared pass: chunk ${answer.index} failed: ${answer.error}`));
    else waiting.resolve({ partial: answer.partial, seconds: answer.seconds });
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`shared pass: a chunk thread exited (code ${code})`)));
  return {
    compute(chunk) {
      if (failure !== null) return Promise.reject(failure);
      if (pending !== null) return Promise.reject(new Error('shared pass: this thread is busy'));
      return new Promise<ComputedChunk>((resolve, reject) => {
        pending = { index: chunk.index, resolve, reject };
        worker.postMessage({ index: chunk.index, from: chunk.from, to: chunk.to });
      });
    },
    async close() {
      failure ??= new Error('shared pass: the chunk thread was stopped');
      await worker.terminate();
    },
  };
}
