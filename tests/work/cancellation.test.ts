/**
 * One cancellation vocabulary: the exact pass's workers and the request workers are both stopped by
 * an `AbortSignal`; one controller stops work of both kinds at once.
 */
import { describe, expect, it } from 'vitest';
import { PassCancelled, computeAllPairsCentrality } from '../../src/analysis/all-pairs-centrality.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
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
});
