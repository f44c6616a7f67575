import { afterAll, describe, expect, it, vi } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { computeAllPairsCentrality } from '../../src/analysis/all-pairs-centrality.ts';
import { syntheticPapers } from '../../src/bench/synthetic-corpus.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import * as passThreads from '../../src/work/pass-threads.ts';
import { tempFiles } from '../helpers/files.ts';

/**
 * A served network's exact pass (and a listed window's, by the same function) is planned on a pass thread when the network is
 * large: the plan (locality order, twins, hanging parts) held the event loop for about 0.65 s on the
 * ACL Anthology right after a start from a snapshot of estimates. The planner on the pass thread is
 * watched through the module's export; the values are those of a pass planned in this thread.
 */
vi.mock('../../src/work/pass-threads.ts', async (importOriginal) => {
  const original = await importOriginal<typeof passThreads>();
  return { ...original, prepareChunkedPassOnPassThread: vi.fn(original.prepareChunkedPassOnPassThread) };
});

const papers = [...syntheticPapers({ papers: 6_000, seed: 'exact-plan-off-loop' })];
const file = tempFiles({ 'synthetic.jsonl': papers.map((paper) => JSON.stringify(paper)).join('\n') + '\n' })[
  'synthetic.jsonl'
] as string;
const network = buildNetwork(loadFiles({ files: [file], aliasFile: null }).catalog);
const data = analyzeNetwork(network, { mode: 'background', threads: 1 });
afterAll(() => data.dispose());

describe('the exact pass of a large network', () => {
  it('is planned on a pass thread, with the values of a plan made here', async () => {
    const planner = vi.mocked(passThreads.prepareChunkedPassOnPassThread);
    expect(passThreads.plansInThread(network.compact), 'the network must be above the in-thread limit').toBe(false);
    const table = await data.whenExact();
    expect(planner.mock.calls.map(([, graph]) => graph.order)).toEqual([network.compact.order]);

    const pool = passThreads.openPassThreads(1);
    try {
      const here = await computeAllPairsCentrality(network.compact, { pool, threads: 1 }).result;
      const { scores } = table.columns();
      for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
        here[metric].forEach((value, row) =>
          expect(Math.abs((scores[metric][row] as number) - value), `${metric} of row ${row}`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(value)),
          ),
        );
    } finally {
      await pool.close();
    }
  }, 300_000);
});
