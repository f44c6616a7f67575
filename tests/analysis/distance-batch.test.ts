import { describe, expect, it } from 'vitest';
import {
  type PassPlan,
  emptyOutput,
  estimateAllPairsCentralitySync,
  exactPlan,
  runPlanRange,
} from '../../src/analysis/all-pairs-centrality.ts';
import { DISTANCE_LANES, distanceLevels } from '../../src/analysis/distance-batch.ts';
import { batchEnd, passScratch, runSource } from '../../src/analysis/shortest-path-pass.ts';
import { computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import { bruteDistances, syntheticNetwork } from '../helpers/networks.ts';

/**
 * The refinement searches of the estimates, many sources in one sweep: their totals must be the single
 * search's exactly (the same level counts), on a search graph whose nodes stand for several authors
 * (closed twins, a co-author's leaves) and across components.
 */
describe('distance searches in batches', () => {
  const network = syntheticNetwork(5, 500);
  // Contracted twins and leaves (weights above 1), without the hanging parts (refinement plans have none).
  const exact = exactPlan(network.compact, { decompose: false });
  const sources = exact.sources.slice(0, 2 * DISTANCE_LANES + 7);
  const refine: PassPlan = { ...exact, mode: 'refine', sources, behind: null, hanging: null };

  it('gives every source the totals of its own single search, bit for bit', () => {
    const n = network.compact.order;
    const nodes = refine.searchGraph.order;
    const single = emptyOutput(n, nodes, 'refine');
    const scratch = passScratch();
    for (const source of sources)
      runSource(
        refine.searchGraph,
        refine.weight,
        refine.nodeOf[source] as number,
        source,
        1,
        0,
        scratch,
        single.totals,
        null,
      );
    const batched = emptyOutput(n, nodes, 'refine');
    runPlanRange(refine, 0, sources.length, batched);
    expect(new Set(Array.from(sources, (s) => refine.weight[refine.nodeOf[s] as number])).size).toBeGreaterThan(1);
    for (const field of ['distanceSum', 'reached', 'harmonic', 'leafHarmonic', 'eccentricity'] as const)
      expect(Array.from(batched.totals[field]), field).toEqual(Array.from(single.totals[field]));
    // Nothing but the totals.
    expect(batched.accumulators.betweenness.every((value) => value === 0)).toBe(true);
  });

  it('counts the authors at each distance as a search from each source alone does, every lane used', () => {
    const { compact } = network;
    const identity = new Int32Array(compact.order).fill(1);
    const picked = Array.from({ length: DISTANCE_LANES }, (_, lane) => (lane * 37) % compact.order);
    const lanes = distanceLevels(compact, identity, picked, picked.length);
    picked.forEach((source, lane) => {
      const distances = bruteDistances(network, source);
      const expected = new Map<number, number>();
      for (const d of distances.values()) if (d > 0) expected.set(d, (expected.get(d) ?? 0) + 1);
      const level = lanes[lane] as (typeof lanes)[number];
      const deepest = Math.max(0, ...expected.keys());
      expect(level.deepest, `lane ${lane}`).toBe(deepest);
      expect(level.reached, `lane ${lane}`).toBe(1 + [...expected.values()].reduce((a, b) => a + b, 0));
      for (let d = 1; d <= deepest; d += 1)
        expect(level.members[d], `lane ${lane}, distance ${d}`).toBe(expected.get(d) ?? 0);
    });
  });

  it('runs the refinement in batches aligned to their width, the sample one search at a time', () => {
    expect(batchEnd(refine, 0, 1000)).toBe(DISTANCE_LANES);
    expect(batchEnd(refine, DISTANCE_LANES + 3, 1000)).toBe(2 * DISTANCE_LANES);
    expect(batchEnd(refine, 5, 20)).toBe(20);
    expect(batchEnd({ mode: 'sample', behind: null }, 5, 1000)).toBe(6);
    expect(batchEnd(exact, 3, 1000)).toBe(8);
  });

  it('leaves the estimates of the likely top authors exact', () => {
    const estimate = estimateAllPairsCentralitySync(network.compact, { sampleSize: 20, refineCount: 70 });
    const all = computeAllPairsCentralitySync(network.compact);
    const top = [...all.closeness.keys()]
      .sort((a, b) => (all.closeness[b] as number) - (all.closeness[a] as number))
      .slice(0, 10);
    for (const v of top) expect(estimate.closeness[v]).toBeCloseTo(all.closeness[v] as number, 12);
  });
});
