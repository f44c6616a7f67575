import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeAllPairsCentrality } from '../../src/analysis/all-pairs-centrality.ts';
import { LOWEST_PRIORITY, servingPassThreads } from '../../src/analysis/thread-priority.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { openPassThreads } from '../../src/work/pass-threads.ts';
import { syntheticNetwork } from '../helpers/networks.ts';

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function niceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe.runIf(process.platform === 'linux')('the exact pass at the lowest priority', () => {
  it('runs its worker threads at nice 19 while this thread keeps its own', async () => {
    // Polled: test files share their worker process, and the pass threads of a file that ran there
    // before, stopped, may take a moment to exit.
    await expect
      .poll(() => niceValues().every((nice) => nice < LOWEST_PRIORITY), { timeout: 20_000, interval: 20 })
      .toBe(true);
    const controller = new AbortController();
    const run = computeAllPairsCentrality(syntheticNetwork(5, 6000).compact, { threads: 2, signal: controller.signal });
    try {
      await expect
        .poll(() => niceValues().filter((nice) => nice === LOWEST_PRIORITY).length, { timeout: 20_000, interval: 20 })
        .toBe(2);
      const mine = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ')[16]);
      expect(mine).toBeLessThan(LOWEST_PRIORITY);
    } finally {
      controller.abort();
      await run.result.catch(() => {});
    }
  });
});

describe.runIf(process.platform === 'linux')('the pass threads', () => {
  it('drop to nice 19 as soon as they are set up, before any pass, and a replaced one does too', async () => {
    const pool = openPassThreads(2);
    try {
      await pool.whenReady();
      // Polled: a thread of the test before, stopped, may take a moment to exit (a third at nice 19).
      await expect
        .poll(() => niceValues().filter((nice) => nice === LOWEST_PRIORITY).length, { timeout: 20_000, interval: 20 })
        .toBe(2);
      // A running task stopped: its thread is terminated and a fresh one (at nice 19 too) takes its place.
      const controller = new AbortController();
      const run = computeAllPairsCentrality(syntheticNetwork(5, 6000).compact, {
        pool,
        threads: 1,
        gate: null,
        signal: controller.signal,
      });
      controller.abort();
      await run.result.catch(() => {});
      await pool.whenReady();
      await expect
        .poll(() => niceValues().filter((nice) => nice === LOWEST_PRIORITY).length, { timeout: 20_000, interval: 20 })
        .toBe(2);
    } finally {
      await pool.close();
    }
  });
});

describe.runIf(process.platform === 'linux')("an analyzed network's pass threads", () => {
  it('are one pool for the estimates and the exact pass, closed once the exact values are in', async () => {
    const data = analyzeNetwork(syntheticNetwork(7, 3000, { newAuthorShare: 0.3 }), {
      mode: 'background',
      threads: 2,
      exactThreads: 1,
      sampleSize: 20,
    });
    try {
      await data.whenExact();
      await expect
        .poll(() => niceValues().filter((nice) => nice === LOWEST_PRIORITY).length, { timeout: 20_000, interval: 20 })
        .toBe(0);
    } finally {
      data.dispose();
    }
  });
});

describe('threads for the exact pass while serving', () => {
  it('leaves one core to the event loop, and runs on one thread on a machine of one core', () => {
    expect(servingPassThreads(2)).toBe(1);
    expect(servingPassThreads(8)).toBe(7);
    expect(servingPassThreads(1)).toBe(1);
  });
});
