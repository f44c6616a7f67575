/**
 * CPU time of the exact all-pairs pass in one thread (no worker threads), for comparing changes to the
 * per-source searches on a shared machine: process CPU time is far steadier than wall time under load.
 *
 *   node --import tsx src/bench/pass-cpu.ts --data FILE [--repeat N] [--stride K] [--save FILE] [--compare FILE]
 *
 * Prints the CPU seconds of the searches (the plan's sources) and of the whole pass (renumbering,
 * planning, the hanging parts' searches and the finish included), medians over the runs. `--save`
 * writes the scores (betweenness, closeness, harmonic; float64) to a file, `--compare` reads such a
 * file and prints the largest relative difference, so that a change to the searches can be checked
 * to leave the values where they were. `--stride K` runs every K-th search only (for instruction counts
 * under `valgrind --tool=callgrind`, where the whole pass would take too long); the values are then not
 * the pass's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { emptyOutput, exactPlan, finishPass, profileLength, runPlanRange } from '../analysis/all-pairs-centrality.ts';
import { localityOrder, toOriginalOrder } from '../analysis/locality-order.ts';
import { type PassGraph, flushSearches, passScratch } from '../analysis/shortest-path-pass.ts';
import { loadData } from '../commands/load-data.ts';
import { median } from './stats.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    graph: { type: 'string' },
    'write-graph': { type: 'string' },
    repeat: { type: 'string', default: '3' },
    save: { type: 'string' },
    compare: { type: 'string' },
    'max-authors-per-paper': { type: 'string', default: '50' },
    stride: { type: 'string', default: '1' },
  },
});
if (values.data === undefined && values.graph === undefined)
  throw new Error('pass-cpu: --data FILE (JSON Lines) or --graph FILE (from --write-graph) is required');

const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

/** The co-author graph: loaded from the corpus, or read back from `--write-graph`'s file (no parsing). */
function readGraph(): PassGraph {
  if (values.graph !== undefined) {
    const bytes = readFileSync(values.graph);
    const words = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const order = words[0] as number;
    return { order, offsets: words.slice(1, order + 2), neighbors: words.slice(order + 2) };
  }
  const { network } = loadData({
    files: [values.data as string],
    aliasFile: null,
    inputFormat: null,
    maxAuthorsPerPaper: Number(values['max-authors-per-paper']),
  });
  const { order, offsets, neighbors } = network.compact;
  return { order, offsets, neighbors };
}

const graph = readGraph();
if (values['write-graph'] !== undefined) {
  const words = new Int32Array(1 + graph.offsets.length + graph.neighbors.length);
  words[0] = graph.order;
  words.set(graph.offsets, 1);
  words.set(graph.neighbors, 1 + graph.offsets.length);
  writeFileSync(values['write-graph'], new Uint8Array(words.buffer));
}
// Every stride-th source only (instruction counts under valgrind); the values are then not the pass's.
const stride = Number(values.stride);
const searches: number[] = [];
const wholes: number[] = [];
let scores: Float64Array[] = [];
for (let run = 0; run < Number(values.repeat); run += 1) {
  const whole = process.cpuUsage();
  const { graph: ordered, toOld } = localityOrder(graph);
  const plan = exactPlan(ordered);
  const output = emptyOutput(ordered.order, plan.searchGraph.order, plan.mode, undefined, profileLength(plan));
  const started = process.cpuUsage();
  if (stride === 1) runPlanRange(plan, 0, plan.sources.length, output);
  else if (stride > 1) {
    const scratch = passScratch();
    for (let i = 0; i < plan.sources.length; i += stride) runPlanRange(plan, i, i + 1, output, scratch, false);
    flushSearches(scratch);
  }
  searches.push(cpuSeconds(started));
  const result = finishPass(ordered, plan, output, new Int32Array(0), toOld);
  wholes.push(cpuSeconds(whole));
  scores = [result.betweenness, result.closeness, result.harmonic].map((values) => toOriginalOrder(values, toOld));
  process.stdout.write(
    `run ${run + 1}: searches ${searches.at(-1)?.toFixed(3)} s CPU, whole pass ${wholes.at(-1)?.toFixed(3)} s CPU ` +
      `(${plan.sources.length} core searches on ${plan.searchGraph.order} nodes, ${graph.order} authors)\n`,
  );
}
process.stdout.write(
  `median: searches ${median(searches).toFixed(3)} s CPU, whole ${median(wholes).toFixed(3)} s CPU\n`,
);

const flat = new Float64Array(scores.reduce((length, values) => length + values.length, 0));
let at = 0;
for (const values of scores) {
  flat.set(values, at);
  at += values.length;
}
if (values.save !== undefined) writeFileSync(values.save, new Uint8Array(flat.buffer));
if (values.compare !== undefined) {
  const bytes = readFileSync(values.compare);
  const saved = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  if (saved.length !== flat.length) throw new Error(`pass-cpu: ${saved.length} saved values, ${flat.length} now`);
  let worst = 0;
  for (let i = 0; i < flat.length; i += 1) {
    const a = saved[i] as number;
    const b = flat[i] as number;
    const difference = Math.abs(a - b) / Math.max(Math.abs(a), 1e-300);
    if (a !== b && difference > worst) worst = difference;
  }
  process.stdout.write(`largest relative difference from ${values.compare}: ${worst.toExponential(3)}\n`);
}
