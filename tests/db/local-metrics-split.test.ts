/**
 * The local metrics of a large network in two workers at once (db/curation-step.ts): eigenvector and
 * PageRank in one, the structure metrics in the other, put together into what one worker (or this
 * thread) computes.
 */
import { describe, expect, it } from 'vitest';
import { computeLocalCentrality } from '../../src/analysis/centrality.ts';
import {
  SPLIT_LOCAL_ENTRIES,
  localMetricsOffThread,
  runCurationWorkerTask,
  splitsLocalMetrics,
} from '../../src/db/curation-step.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';

const network = loadAclSliceNetwork();

describe('local metrics in two workers', () => {
  it('are the metrics computed in this thread, every score and figure', async () => {
    const { computedAt: _here, ...expected } = computeLocalCentrality(network);
    const { computedAt, ...split } = await localMetricsOffThread(network.compact, undefined, { split: true });
    expect(split).toEqual(expected);
    expect(computedAt).toBeInstanceOf(Date);
  });

  it('each worker computes its part alone and moves back only its arrays', () => {
    const weighted = runCurationWorkerTask({ task: 'local', graph: network.compact, part: 'weighted' });
    expect(Object.keys(weighted.result ?? {}).sort()).toEqual(['eigenvector', 'pagerank', 'weightedDegree']);
    expect(weighted.transfer).toHaveLength(3);
    const structure = runCurationWorkerTask({ task: 'local', graph: network.compact, part: 'structure' });
    expect(Object.keys(structure.result ?? {}).sort()).toEqual(
      ['clustering', 'computedAt', 'constraint', 'coreness', 'degree', 'effectiveSize', 'figures'].sort(),
    );
    expect(structure.transfer).toHaveLength(5);
  });

  it('are asked for on a graph of SPLIT_LOCAL_ENTRIES adjacency entries or more, with two cores or more, whose products the kernel does not take', () => {
    const order = 1_000;
    const graph = (entries: number) => ({
      order,
      offsets: new Int32Array(order + 1),
      neighbors: new Int32Array(entries),
      weights: new Uint32Array(entries).fill(1),
    });
    const big = graph(SPLIT_LOCAL_ENTRIES);
    // A kernel too small for the graph's copy: the products in the TypeScript loops, in a worker of their own.
    expect(splitsLocalMetrics(big, 2, 0)).toBe(true);
    expect(splitsLocalMetrics(graph(SPLIT_LOCAL_ENTRIES - 1), 2, 0)).toBe(false);
    expect(splitsLocalMetrics(big, 1, 0)).toBe(false);
    // The copy fits the kernel (6 bytes an entry, 36 an author): one worker, the weighted metrics first.
    expect(splitsLocalMetrics(big, 2)).toBe(false);
    expect(splitsLocalMetrics(big, 2, 6 * SPLIT_LOCAL_ENTRIES + 36 * order + 4)).toBe(false);
    expect(splitsLocalMetrics(big, 2, 6 * SPLIT_LOCAL_ENTRIES + 36 * order + 3)).toBe(true);
    // The ACL 2016 slice, and the ACL Anthology's 1 M entries, stay in one worker.
    expect(splitsLocalMetrics(network.compact, 2, 0)).toBe(false);
  });

  it('one worker computes every metric, the weighted ones first, as this thread does', () => {
    const { computedAt: _here, ...expected } = computeLocalCentrality(network);
    const { result } = runCurationWorkerTask({ task: 'local', graph: network.compact });
    const { computedAt: _there, ...inWorker } = result as ReturnType<typeof computeLocalCentrality>;
    expect(inWorker).toEqual(expected);
  });

  it('both stop when the load is abandoned, the promise rejecting with its reason', async () => {
    const controller = new AbortController();
    const running = localMetricsOffThread(network.compact, controller.signal, { split: true });
    controller.abort(new Error('not needed after all'));
    await expect(running).rejects.toThrow('not needed after all');
    const already = new AbortController();
    already.abort(new Error('refused before it started'));
    await expect(localMetricsOffThread(network.compact, already.signal, { split: true })).rejects.toThrow(
      'refused before it started',
    );
  });
});
