/**
 * A pass thread's run of a plan's sources (`runSources`, pass-worker.ts): sources taken from a cursor
 * shared by the run's threads, searched with this thread's search kernel, the totals written to shared
 * memory and the sums handed back; the kernel collected once the run is done when it grew large.
 */
import { type RunnablePlan, emptyOutput, runPlanRange } from '../analysis/all-pairs-centrality.ts';
import type { PassAccumulators, SourceTotals } from '../analysis/shortest-path-pass.ts';
import { batchEnd, flushSearches, passScratch } from '../analysis/shortest-path-pass.ts';
import { collectGarbage } from '../ingest/collect-garbage.ts';
import { type YieldPolicy, yieldToInteractive } from './interactive-gate.ts';
import { Transferred } from './worker-protocol.ts';

/** Sources of a plan, shared out by a cursor among the threads of one run. */
export interface SourcesJob {
  /** Authors in the network. */
  readonly order: number;
  readonly plan: RunnablePlan;
  /** [next source to hand out, sources finished] (shared by the run's threads). */
  readonly cursor: Int32Array;
  /** Sources taken from the cursor at a time. */
  readonly chunk: number;
  /** Per-source totals, written in place (shared). */
  readonly totals: SourceTotals;
  readonly yieldTo: YieldPolicy | null;
}

/**
 * Kernel memory from which a run's kernel is collected as soon as the run is done: 64 MB. The kernel
 * (a copy of the graph searched and its per-author arrays: 170 MB at 1 M synthetic papers) is garbage
 * once its run ends, but V8 freed its memory only at some later collection of this thread's heap, and
 * meanwhile the next run (the estimate's refinement searches, right after its sample's) made its own
 * arrays beside it: the start's peak.
 */
export const COLLECTED_KERNEL_BYTES = 64 * 1024 ** 2;

export interface SourceRunOptions {
  /** Kernel bytes from which the kernel is collected (default `COLLECTED_KERNEL_BYTES`). */
  readonly collectFrom?: number;
  /** Collects garbage (default: a full collection of this thread's heap, collect-garbage.ts). */
  readonly collect?: () => void;
  /** Shown the run's kernel (tests watch it be collected). */
  readonly onKernel?: (kernel: object) => void;
}

/** Takes sources from the cursor until none are left; the totals go to shared memory, the sums come back. */
export function runSources(job: SourcesJob, options: SourceRunOptions = {}): Transferred<PassAccumulators> {
  const { sums, kernelBytes } = searchSources(job, options.onKernel);
  // The run's kernel is unreachable now (it lived in searchSources' frame alone).
  if (kernelBytes >= (options.collectFrom ?? COLLECTED_KERNEL_BYTES)) (options.collect ?? collectGarbage)();
  return sums;
}

function searchSources(
  job: SourcesJob,
  onKernel: ((kernel: object) => void) | undefined,
): { sums: Transferred<PassAccumulators>; kernelBytes: number } {
  const { plan } = job;
  const local = emptyOutput(job.order, plan.searchGraph.order, plan.mode);
  const output = { accumulators: local.accumulators, totals: job.totals };
  const scratch = passScratch();
  onKernel?.(scratch.kernel);
  const total = plan.sources.length;
  for (let from = Atomics.add(job.cursor, 0, job.chunk); from < total; from = Atomics.add(job.cursor, 0, job.chunk)) {
    const to = Math.min(total, from + job.chunk);
    // One batch of searches at a time (runPlanRange's: `batchEnd`), yielding before each.
    for (let source = from; source < to;) {
      const end = batchEnd(plan, source, to);
      if (job.yieldTo !== null) yieldToInteractive(job.yieldTo);
      runPlanRange(plan, source, end, output, scratch, false);
      Atomics.add(job.cursor, 1, end - source);
      source = end;
    }
  }
  flushSearches(scratch);
  const { betweenness, distanceToSources, inverseDistanceToSources } = local.accumulators;
  const buffers = [betweenness.buffer, distanceToSources?.buffer, inverseDistanceToSources?.buffer].filter(
    (buffer) => buffer !== undefined,
  ) as ArrayBuffer[];
  return { sums: new Transferred(local.accumulators, buffers), kernelBytes: scratch.kernel.memoryBytes() };
}
