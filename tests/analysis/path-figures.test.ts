import { describe, expect, it } from 'vitest';
import {
  computeAllPairsCentrality,
  computeAllPairsCentralitySync,
  computeInThread,
  estimateAllPairsCentralitySync,
  exactPlan,
  samplePlan,
} from '../../src/analysis/all-pairs-centrality.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { handMadeEdges } from '../reference/networkx-expected.ts';
import { bruteDistances, loadSeedNetwork, networkFromEdges, syntheticNetwork } from '../helpers/networks.ts';
import type { WeightedEdge } from '../helpers/networks.ts';
import { handMadeReference, seedReference } from '../helpers/reference.ts';

/**
 * The largest component's average shortest path length and diameter, taken from the exact all-pairs
 * pass (with its pruned leaves and closed twins derived, not searched), and the other network figures of
 * graphStats. Expected values: NetworkX 2.8.8 (`structure` in tests/reference/networkx-expected.ts, from
 * networkx_reference.structure) and exact fractions on hand-built graphs, checked with NetworkX
 * (average_shortest_path_length / diameter of G.subgraph(max(connected_components(G), key=len))).
 */

/** Average path length and diameter of the largest component by a plain BFS from every author. */
function bruteFigures(network: CoauthorNetwork): { averageShortestPathLength: number; diameter: number } {
  const { compact } = network;
  const searches = Array.from({ length: compact.order }, (_, s) => bruteDistances(network, s));
  // The largest component; among equal sizes, the one holding the first author.
  const largest = searches.reduce((best, search) => (search.size > best.size ? search : best));
  let sum = 0;
  let diameter = 0;
  for (const v of largest.keys()) {
    for (const d of (searches[v] as Map<number, number>).values()) {
      sum += d;
      diameter = Math.max(diameter, d);
    }
  }
  return { averageShortestPathLength: largest.size > 1 ? sum / (largest.size * (largest.size - 1)) : 0, diameter };
}

describe('path figures of the exact pass on hand-built graphs', () => {
  it('gives a path of four authors (both ends pruned leaves) 5/3 and diameter 3', () => {
    const figures = computeAllPairsCentralitySync(
      networkFromEdges([
        ['a', 'b', 1],
        ['b', 'c', 2],
        ['c', 'd', 1],
      ]).compact,
    ).figures;
    expect(figures?.averageShortestPathLength).toBeCloseTo(5 / 3, 14);
    expect(figures).toMatchObject({ diameter: 3, exact: true });
  });

  it('derives closed twins: a triangle x, y, z with w on z gives 4/3 and diameter 2; the smaller component p–q is left out', () => {
    const network = networkFromEdges([
      ['x', 'y', 1],
      ['y', 'z', 1],
      ['x', 'z', 1],
      ['z', 'w', 1],
      ['p', 'q', 1],
    ]);
    const plan = exactPlan(network.compact);
    expect(plan.sources.length).toBeLessThan(network.compact.order); // twins and leaves were not searched
    expect(computeAllPairsCentralitySync(network.compact).figures).toMatchObject({
      averageShortestPathLength: 4 / 3,
      diameter: 2,
      exact: true,
    });
  });

  it("derives a pruned leaf's eccentricity from its co-author: a star's diameter is 2", () => {
    const star: WeightedEdge[] = Array.from({ length: 6 }, (_, k) => ['hub', `leaf${k}`, 1]);
    // 6 spokes: 12 ordered pairs at distance 1, 30 at distance 2 over 42 ordered pairs.
    expect(computeAllPairsCentralitySync(networkFromEdges(star).compact).figures).toMatchObject({
      averageShortestPathLength: 72 / 42,
      diameter: 2,
      exact: true,
    });
  });

  it("takes the first of two equally large components, as NetworkX's max(..., key=len)", () => {
    // a–b–c (path: 8/6, diameter 2) comes first; x–y–z is a triangle (1, diameter 1).
    const network = networkFromEdges([
      ['a', 'b', 1],
      ['b', 'c', 1],
      ['x', 'y', 1],
      ['y', 'z', 1],
      ['x', 'z', 1],
    ]);
    expect(computeAllPairsCentralitySync(network.compact).figures).toMatchObject({
      averageShortestPathLength: 4 / 3,
      diameter: 2,
    });
  });

  it('gives a single author 0 and 0', () => {
    expect(computeAllPairsCentralitySync(networkFromEdges([], ['solo']).compact).figures).toEqual({
      averageShortestPathLength: 0,
      diameter: 0,
      exact: true,
    });
  });
});

describe.each([
  { label: 'a sparse corpus', network: syntheticNetwork(3, 300, { newAuthorShare: 0.7 }) },
  { label: 'a dense corpus', network: syntheticNetwork(11, 500, { newAuthorShare: 0.3 }) },
])('path figures on $label (leaves, twins, several components)', ({ network }) => {
  const expected = bruteFigures(network);

  it('equal a BFS from every author, in this thread and in worker threads', async () => {
    const inThread = computeAllPairsCentralitySync(network.compact).figures;
    expect(inThread?.averageShortestPathLength).toBeCloseTo(expected.averageShortestPathLength, 12);
    expect(inThread).toMatchObject({ diameter: expected.diameter, exact: true });
    const workers = (await computeAllPairsCentrality(network.compact, { threads: 2 }).result).figures;
    expect(workers).toEqual(inThread);
  });

  it('are estimates from the sample (figuresExact false, diameter a lower bound) when the largest component was not fully drawn', () => {
    const plan = samplePlan(network.compact, 8, 'figures');
    const figures = computeInThread(network.compact, plan).figures;
    expect(figures?.exact).toBe(false);
    expect(figures?.diameter).toBeLessThanOrEqual(expected.diameter);
    expect(figures?.averageShortestPathLength).toBeGreaterThan(0.5 * expected.averageShortestPathLength);
    expect(figures?.averageShortestPathLength).toBeLessThan(1.5 * expected.averageShortestPathLength);
    expect(estimateAllPairsCentralitySync(network.compact, { sampleSize: 8 }).figures?.exact).toBe(false);
  });
});

describe.each([
  { label: 'the seed', network: loadSeedNetwork(), reference: seedReference },
  { label: 'the hand-made graph', network: networkFromEdges(handMadeEdges), reference: handMadeReference },
])('network figures on $label equal NetworkX (networkx_reference.structure)', ({ network, reference }) => {
  it('degeneracy, transitivity, average clustering, degree assortativity, largest component share', () => {
    const stats = computeGraphStats(network);
    expect(stats.degeneracy).toBe(reference.structure.degeneracy);
    for (const key of ['transitivity', 'averageClustering', 'degreeAssortativity', 'largestComponentShare'] as const) {
      expect(Math.abs((stats[key] as number) - (reference.structure[key] as number)), key).toBeLessThanOrEqual(1e-12);
    }
  });

  it('average shortest path length and diameter of the largest component, from the pass', async () => {
    const table = await analyzeNetwork(network, { mode: 'in-thread' }).centrality();
    const figures = table.pathFigures();
    expect(
      Math.abs((figures?.averageShortestPathLength as number) - reference.structure.averageShortestPathLength),
    ).toBeLessThanOrEqual(1e-12);
    expect(figures).toMatchObject({ diameter: reference.structure.diameter, exact: true });
  });
});
