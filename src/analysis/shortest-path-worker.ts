/**
 * One worker of the fused all-pairs pass: takes chunks of sources from a shared cursor until none are
 * left, writes per-source totals into the shared arrays, and posts its own accumulators back once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type RunnablePlan, emptyOutput, runPlanRange } from './all-pairs-centrality.ts';
import type { SourceTotals } from './shortest-path-pass.ts';
import { passScratch } from './shortest-path-pass.ts';
import { lowerThreadPriority } from './thread-priority.ts';

interface PassWorkerData {
  /** Authors in the network. */
  readonly order: number;
  readonly plan: RunnablePlan;
  /** [next source to hand out, sources finished] */
  readonly cursor: Int32Array;
  readonly chunk: number;
  readonly totals: SourceTotals;
}

// Background work: the server's event loop must win the CPU whenever it wants it.
lowerThreadPriority();
const data = workerData as PassWorkerData;
const { plan } = data;
const local = emptyOutput(data.order, plan.searchGraph.order, plan.mode);
const output = { accumulators: local.accumulators, totals: data.totals };
const scratch = passScratch(plan.searchGraph);
const total = plan.sources.length;
for (let from = Atomics.add(data.cursor, 0, data.chunk); from < total; from = Atomics.add(data.cursor, 0, data.chunk)) {
  const to = Math.min(total, from + data.chunk);
  runPlanRange(plan, from, to, output, scratch);
  Atomics.add(data.cursor, 1, to - from);
}
const { betweenness, distanceToSources, inverseDistanceToSources } = local.accumulators;
const transfer = [betweenness.buffer, distanceToSources?.buffer, inverseDistanceToSources?.buffer].filter(
  (buffer) => buffer !== undefined,
) as ArrayBuffer[];
parentPort?.postMessage({ betweenness, distanceToSources, inverseDistanceToSources }, transfer);
