/**
 * One cancellation vocabulary: the exact pass's threads and the request workers are both tasks of a
 * worker pool (src/work/worker-pool.ts), stopped by an `AbortSignal`; one controller stops work of
 * both kinds at once, through the same pool mechanism (a running task's thread is terminated and
 * replaced, and counted as abandoned).
 */
import { describe, expect, it } from 'vitest';
import {
  PassCancelled,
  computeAllPairsCentrality,
  computeAllPairsCentralitySync,
} from '../../src/analysis/all-pairs-centrality.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createInteractiveGate } from '../../src/work/interactive-gate.ts';
import { openPassThreads } from '../../src/work/pass-threads.ts';
import { TaskAbandoned, workerThreadWork } from '../../src/work/request-work.ts';
import { syntheticNetwork } from '../helpers/networks.ts';

describe('one signal stops a pass and a request task alike', () => {
  it('rejects both, each with its own error, when the controller aborts', async () => {
    const network = syntheticNetwork(3, 3000, { newAuthorShare: 0.3 });
    const data = analyzeNetwork(network, { mode: 'background', threads: 1, sampleSize: 10 });
    const work = workerThreadWork(data, { threads: 1 });
    try {
      await work.whenStarted();
      const controller = new AbortController();
      const pass = computeAllPairsCentrality(network.compact, { threads: 1, signal: controller.signal });
      const drawing = work.egoNetwork(
        network.authorIds[0] as string,
        { depth: 3, maxNodes: 1000, minJointPapers: 1 },
        controller.signal,
      );
      controller.abort('the client went away');
      await expect(pass.result).rejects.toBeInstanceOf(PassCancelled);
      await expect(drawing).rejects.toBeInstanceOf(TaskAbandoned);
    } finally {
      data.dispose();
      await work.close();
    }
  });

  it("abandons the pass's running tasks as the request pool abandons a request's: terminated, replaced, counted", async () => {
    // Enough searches for two threads' tasks (a run takes no more threads than it has sources / 8).
    const network = syntheticNetwork(3, 3000, { newAuthorShare: 0.3 });
    const passThreads = openPassThreads(2);
    // Held, so the pass's two tasks are running (waiting between searches) when the signal fires.
    const gate = createInteractiveGate();
    gate.enter();
    try {
      await passThreads.whenReady();
      const controller = new AbortController();
      const pass = computeAllPairsCentrality(network.compact, {
        pool: passThreads,
        threads: 2,
        gate,
        signal: controller.signal,
      });
      await expect.poll(() => gate.waits(), { timeout: 20_000 }).toBeGreaterThan(1);
      controller.abort('shutting down');
      await expect(pass.result).rejects.toBeInstanceOf(PassCancelled);
      expect(passThreads.abandoned()).toBe(2);
      // Fresh threads took the stopped ones' places, and the pool runs the next pass.
      await passThreads.whenReady();
      expect(passThreads.readyCount()).toBe(2);
      gate.leave();
      const again = await computeAllPairsCentrality(network.compact, { pool: passThreads, gate }).result;
      expect(again.harmonic).toEqual(computeAllPairsCentralitySync(network.compact).harmonic);
    } finally {
      await passThreads.close();
    }
  });
});
