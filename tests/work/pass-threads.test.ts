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
import { createInteractiveGate } from '../../src/work/interactive-gate.ts';
import { type PassThreads, openPassThreads, runOnPassThreads } from '../../src/work/pass-threads.ts';
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
