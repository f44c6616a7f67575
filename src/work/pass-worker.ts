/**
 * A pass thread: runs the searches of the exact all-pairs pass and of the estimates, at the lowest
 * scheduling priority (thread-priority.ts). It holds nothing of its own: each task brings its plan,
 * whose arrays are the network's SharedArrayBuffers (posting one shares the memory, nothing is copied
 * or reloaded), so a thread started to replace one stopped mid-task is ready at once. Between two
 * searches it yields to the server's requests (interactive-gate.ts). Its tasks are the pool's typed
 * protocol (`PassWorkerTasks`).
 */
import { parentPort } from 'node:worker_threads';
import type { AllPairsScores } from '../analysis/all-pairs-centrality.ts';
import {
  type ChunkRunner,
  type ChunkScratch,
  type ChunkedPass,
  type CombinedPass,
  type PassChunk,
  chunkScratch,
  combineEncodedChunks,
  computeChunk,
  encodePartial,
  prepareChunkedPass,
} from '../analysis/chunked-pass.ts';
import type { PassGraph } from '../analysis/shortest-path-pass.ts';
import { lowerThreadPriority } from '../analysis/thread-priority.ts';
import { type WindowParts, type WindowSource, type YearRange, windowParts } from '../graph/year-window.ts';
import { type YieldPolicy, yieldToInteractive } from './interactive-gate.ts';
import { type SourcesJob, runSources } from './source-runs.ts';
import { Transferred, serveTasks } from './worker-protocol.ts';

export type { SourcesJob } from './source-runs.ts';

/** One chunk of the shared pass (chunked-pass.ts). */
export interface ChunkJob {
  /** Names the pass, so a thread reuses its scratch for the pass's next chunk. */
  readonly passKey: string;
  readonly pass: ChunkRunner;
  readonly chunk: PassChunk;
  readonly yieldTo: YieldPolicy | null;
}

export interface ComputedChunk {
  /** The encoded partial sums (chunked-pass.ts `encodePartial`). */
  readonly partial: Uint8Array;
  /** Thread time spent on the chunk. */
  readonly seconds: number;
}

let kept: { readonly passKey: string; readonly scratch: ChunkScratch } | null = null;

/** One chunk's partial sums, encoded; yields to requests before each of its searches, as `runSources` does. */
function computePassChunk(job: ChunkJob): Transferred<ComputedChunk> {
  const { yieldTo } = job;
  const started = process.hrtime.bigint();
  if (kept?.passKey !== job.passKey) kept = { passKey: job.passKey, scratch: chunkScratch(job.pass) };
  // The chunk's compute time leaves out its pauses (the store adds them up as the pass's CPU cost).
  let paused = 0n;
  const beforeSource =
    yieldTo === null
      ? undefined
      : () => {
          const pause = process.hrtime.bigint();
          yieldToInteractive(yieldTo);
          paused += process.hrtime.bigint() - pause;
        };
  const encoded = encodePartial(computeChunk(job.pass, job.chunk, kept.scratch, beforeSource));
  const partial = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
  const seconds = Number(process.hrtime.bigint() - started - paused) / 1e9;
  return new Transferred({ partial, seconds }, [partial.buffer as ArrayBuffer]);
}

/** A listed window's papers and compact graph (year-window.ts), made from the shared columns on shared memory: nothing is copied back. */
function buildWindowParts(source: WindowSource, range: YearRange): WindowParts {
  return windowParts(source, range);
}

/** The shared pass's plan (chunked-pass.ts), made here rather than on the event loop: seconds on a large network. */
function planChunkedPass(graph: PassGraph): ChunkedPass {
  return prepareChunkedPass(graph);
}

/** One chunk's work to combine the shared pass's partials (stored form) into its exact scores. */
export interface CombineJob {
  readonly pass: CombinedPass;
  readonly partials: readonly Uint8Array[];
}

/**
 * The shared pass's exact scores from every chunk's partials, here rather than on the event loop: on
 * the ACL Anthology the decoding and adding held a replica's event loop for 77–170 ms.
 */
function combinePassChunks(job: CombineJob): Transferred<AllPairsScores> {
  const scores = combineEncodedChunks(job.pass, job.partials);
  const buffers = [scores.betweenness.buffer, scores.closeness.buffer, scores.harmonic.buffer];
  return new Transferred(scores, [...new Set(buffers)] as ArrayBuffer[]);
}

const passWorkerTasks = {
  runSources: (job: SourcesJob) => runSources(job),
  computeChunk: computePassChunk,
  windowParts: buildWindowParts,
  planChunkedPass,
  combineChunks: combinePassChunks,
};

export type PassWorkerTasks = typeof passWorkerTasks;

serveTasks(parentPort, () => {
  // Background work: the server's event loop and request workers must win the CPU whenever they want it.
  lowerThreadPriority();
  return passWorkerTasks;
});
