/**
 * The pass threads: a worker pool of their own kind, on shared memory, that yields to the server's
 * requests between searches. Every check here waits on a state (a counter, a promise), never on time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  PassCancelled,
  computeAllPairsCentrality,
  computeAllPairsCentralitySync,
  emptyOutput,
  exactPlan,
  sharedPlan,
} from '../../src/analysis/all-pairs-centrality.ts';
import { computeChunk, decodePartial, partition, prepareChunkedPass } from '../../src/analysis/chunked-pass.ts';
import { BATCH_LANES } from '../../src/analysis/shortest-path-pass.ts';
import { createInteractiveGate } from '../../src/work/interactive-gate.ts';
import {
  type PassThreads,
  computeChunkOnPassThreads,
  openPassThreads,
  runOnPassThreads,
} from '../../src/work/pass-threads.ts';
import { syntheticNetwork } from '../helpers/networks.ts';

const network = syntheticNetwork(11, 400, { newAuthorShare: 0.3 });
const expected = computeAllPairsCentralitySync(network.compact);

let pool: PassThreads | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

function expectSame(actual: typeof expected): void {
  for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
    actual[metric].forEach((value, v) => expect(value).toBeCloseTo(expected[metric][v] as number, 12));
}

describe('pass threads yielding to requests', () => {
  it('make no progress while a request holds the gate, and finish once it is released', async () => {
    const gate = createInteractiveGate();
    gate.enter();
    pool = openPassThreads(2);
    const run = computeAllPairsCentrality(network.compact, { pool, threads: 2, gate, maxPauseMs: 1e9 });
    // Both threads have been waiting through many slices of Atomics.wait: none started a search.
    await expect.poll(() => gate.waits(), { timeout: 20_000 }).toBeGreaterThan(40);
    expect(run.done()).toBe(0);
    gate.leave();
    expectSame(await run.result);
    expect(run.done()).toBe(run.total);
  });

  it('still finish under requests that never stop, one search per longest pause', async () => {
    const gate = createInteractiveGate();
    gate.enter();
    pool = openPassThreads(1);
    const small = syntheticNetwork(5, 40);
    const run = computeAllPairsCentrality(small.compact, { pool, threads: 1, gate, maxPauseMs: 2 });
    const scores = await run.result;
    expect(gate.waits()).toBeGreaterThan(0);
    expect(gate.inFlight()).toBe(1);
    const alone = computeAllPairsCentralitySync(small.compact);
    scores.betweenness.forEach((value, v) => expect(value).toBeCloseTo(alone.betweenness[v] as number, 12));
  });

  it("yield between a shared pass chunk's searches, not only before the chunk, with the chunk's sums unchanged", async () => {
    const gate = createInteractiveGate();
    gate.enter();
    pool = openPassThreads(1);
    const pass = prepareChunkedPass(network.compact);
    const runner = { graph: { order: pass.graph.order }, plan: sharedPlan(pass.plan) };
    const [chunk] = partition(pass.sources, pass.sources);
    expect(chunk?.to, 'one chunk of every search').toBe(pass.sources);
    // Requests that never stop, a pause of 20 ms at most: one wait per batch of searches (runPlanRange's, of
    // BATCH_LANES sources; a single one before the chunk, before). The pauses are long beside the
    // searches (about 0.05 s in all, 0.1 s on a loaded machine, where 2 ms pauses made 0.064 s).
    const maxPauseMs = 20;
    const computed = await computeChunkOnPassThreads(
      pool,
      pass.fingerprint,
      runner,
      chunk as NonNullable<typeof chunk>,
      { gate, maxPauseMs },
    );
    expect(gate.waits()).toBeGreaterThanOrEqual(Math.ceil(pass.sources / BATCH_LANES));
    // The pauses are not counted as the chunk's compute time.
    expect(computed.seconds).toBeLessThan((gate.waits() * maxPauseMs) / 1000);
    // The same sums as the chunk computed here in one go, to the bit.
    expect(decodePartial(computed.partial)).toEqual(computeChunk(runner, chunk as NonNullable<typeof chunk>));
  });

  it('never wait when no gate is given (null)', async () => {
    pool = openPassThreads(1);
    expectSame(await computeAllPairsCentrality(network.compact, { pool, threads: 1, gate: null }).result);
  });
});

describe('pass threads on shared memory', () => {
  it("write each source's totals straight into the caller's shared arrays", async () => {
    const plan = exactPlan(network.compact);
    const shared = sharedPlan(plan);
    // Already shared: handing the plan to the threads copies nothing.
    expect(sharedPlan(shared).searchGraph.neighbors).toBe(shared.searchGraph.neighbors);
    const output = emptyOutput(
      network.compact.order,
      plan.searchGraph.order,
      plan.mode,
      (n) => new SharedArrayBuffer(n),
    );
    pool = openPassThreads(1);
    const run = runOnPassThreads(network.compact.order, shared, output, { pool, threads: 1, gate: null });
    expect(await run.output).toBe(output);
    for (const source of plan.sources) expect(output.totals.reached[source]).toBeGreaterThan(0);
  });

  it('replace a thread stopped mid-pass with one that attaches at once and computes the same values', async () => {
    const gate = createInteractiveGate();
    gate.enter();
    pool = openPassThreads(1);
    const controller = new AbortController();
    const stopped = computeAllPairsCentrality(network.compact, { pool, threads: 1, gate, signal: controller.signal });
    await expect.poll(() => gate.waits(), { timeout: 20_000 }).toBeGreaterThan(0);
    controller.abort('shutting down');
    await expect(stopped.result).rejects.toThrow(new PassCancelled('all-pairs-centrality: cancelled (shutting down)'));
    expect(pool.abandoned()).toBe(1);
    gate.leave();
    // The replacement was given nothing at start (no network, no plan): the next task brings its plan.
    await pool.whenReady();
    expectSame(await computeAllPairsCentrality(network.compact, { pool, threads: 1, gate }).result);
  });
});
