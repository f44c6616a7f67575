/**
 * A pass thread's run of a plan's sources (src/work/source-runs.ts), in this thread: the sums are the
 * in-thread pass's, and a run whose kernel grew large collects it as soon as the run is done, so the
 * next run's arrays are not made beside it.
 */
import { describe, expect, it } from 'vitest';
import {
  computeAllPairsCentralitySync,
  emptyOutput,
  exactPlan,
  finishPass,
  sharedPlan,
} from '../../src/analysis/all-pairs-centrality.ts';
import { localityOrder } from '../../src/analysis/locality-order.ts';
import { collectGarbage } from '../../src/ingest/collect-garbage.ts';
import { type SourcesJob, runSources } from '../../src/work/source-runs.ts';
import { syntheticNetwork } from '../helpers/networks.ts';

const network = syntheticNetwork(5, 300, { newAuthorShare: 0.3 });

function exactJob() {
  const { graph, toOld } = localityOrder(network.compact);
  const plan = exactPlan(graph);
  const output = emptyOutput(graph.order, plan.searchGraph.order, plan.mode, (bytes) => new SharedArrayBuffer(bytes));
  const job: SourcesJob = {
    order: graph.order,
    plan: sharedPlan(plan),
    cursor: new Int32Array(new SharedArrayBuffer(8)),
    chunk: 16,
    totals: output.totals,
    yieldTo: null,
  };
  return { graph, toOld, plan, output, job };
}

describe('runSources', () => {
  it("sums every source's searches as the in-thread pass does", () => {
    const { graph, toOld, plan, output, job } = exactJob();
    const sums = runSources(job).value;
    output.accumulators.betweenness.set(sums.betweenness);
    const scores = finishPass(graph, plan, output, undefined, toOld);
    const expected = computeAllPairsCentralitySync(network.compact);
    for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
      toOld.forEach((old, v) => expect(scores[metric][v]).toBeCloseTo(expected[metric][old] as number, 12));
  });

  it('collects its kernel when the run is done, once the kernel is no longer reachable', async () => {
    const finalized: string[] = [];
    const registry = new FinalizationRegistry<string>((held) => finalized.push(held));
    let collections = 0;
    runSources(exactJob().job, {
      collectFrom: 0,
      collect: () => {
        collections += 1;
        collectGarbage();
      },
      onKernel: (kernel) => registry.register(kernel, 'kernel'),
    });
    expect(collections).toBe(1);
    // Finalization callbacks run in a later task: the kernel was collected by the run's own collection.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finalized).toEqual(['kernel']);
  });

  it('leaves a small kernel to V8', () => {
    let collections = 0;
    runSources(exactJob().job, { collect: () => (collections += 1) });
    expect(collections).toBe(0);
  });
});
