import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import closenessCentrality from 'graphology-metrics/centrality/closeness.js';
import { describe, expect, it } from 'vitest';
import {
  PassCancelled,
  computeAllPairsCentrality,
  computeAllPairsCentralitySync,
  computeInThread,
  estimateAllPairsCentrality,
  estimateAllPairsCentralitySync,
  exactPlan,
  samplePlan,
  topUnsearched,
} from '../../src/analysis/all-pairs-centrality.ts';
import type { AllPairsScores } from '../../src/analysis/all-pairs-centrality.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { connectedComponents } from '../../src/graph/compact-graph.ts';
import { bruteDistances, networkFromEdges, syntheticNetwork } from '../helpers/networks.ts';

/** Harmonic centrality by a plain BFS from every author: the definition, with nothing skipped. */
function bruteHarmonic(network: CoauthorNetwork): number[] {
  return Array.from({ length: network.compact.order }, (_, s) => {
    let sum = 0;
    for (const d of bruteDistances(network, s).values()) if (d > 0) sum += 1 / d;
    return sum;
  });
}

/** graphology-metrics (an independent Brandes and closeness, checked against NetworkX in centrality.test.ts). */
function reference(network: CoauthorNetwork): { betweenness: number[]; closeness: number[]; harmonic: number[] } {
  const b = betweennessCentrality(network.graph, { getEdgeWeight: null, normalized: true });
  const c = closenessCentrality(network.graph, { wassermanFaust: true });
  return {
    betweenness: network.authorIds.map((id) => b[id] as number),
    closeness: network.authorIds.map((id) => c[id] as number),
    harmonic: bruteHarmonic(network),
  };
}

function expectClose(actual: AllPairsScores, expected: ReturnType<typeof reference>, tolerance: number): void {
  for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
    expected[metric].forEach((value, i) => {
      expect(Math.abs((actual[metric][i] as number) - value), `${metric} of author ${i}`).toBeLessThanOrEqual(
        tolerance * Math.max(1, Math.abs(value)),
      );
    });
  }
}

const synthetic = [
  { label: 'a sparse corpus (many small components)', network: syntheticNetwork(3, 300, { newAuthorShare: 0.7 }) },
  { label: 'a dense corpus (one large component, hubs)', network: syntheticNetwork(11, 500, { newAuthorShare: 0.3 }) },
];

describe.each(synthetic)('the exact fused pass on $label', ({ network }) => {
  const expected = reference(network);

  it('equals independent betweenness, closeness and harmonic for every author (1e-12)', () => {
    expectClose(computeAllPairsCentralitySync(network.compact), expected, 1e-12);
  });

  it('skips leaves and closed twins as sources, and there are some of each in this network', () => {
    const plan = exactPlan(network.compact);
    const leaves = [...plan.leafOf].filter((u) => u !== -1).length;
    const twins = [...plan.twinOf].filter((twin, v) => twin !== v).length;
    expect(leaves).toBeGreaterThan(0);
    expect(twins).toBeGreaterThan(0);
    // Sources inside hanging parts are searched when the pass finishes (hanging-parts.test.ts).
    expect(plan.sources.length + (plan.hanging?.sources.length ?? 0)).toBe(network.compact.order - leaves - twins);
  });

  it('gives the same values from worker threads, and reports progress up to the total', async () => {
    const run = computeAllPairsCentrality(network.compact, { threads: 2 });
    const scores = await run.result;
    expect(run.done()).toBe(run.total);
    expectClose(scores, expected, 1e-12);
  });

  it('estimates exactly when the sample covers every component', () => {
    expectClose(
      estimateAllPairsCentralitySync(network.compact, { sampleSize: network.compact.order }),
      expected,
      1e-12,
    );
  });
});

describe('closed twins and leaves', () => {
  // a–b–c–d a path; e, f, g a triangle hanging off d (e, f twins: same co-authors and co-authors of each other).
  const network = networkFromEdges(
    [
      ['a', 'b', 1],
      ['b', 'c', 2],
      ['c', 'd', 1],
      ['d', 'g', 1],
      ['g', 'e', 1],
      ['g', 'f', 1],
      ['e', 'f', 3],
    ],
    ['h'],
  );
  const index = (id: string) => network.authorIndex.get(id) as number;

  it('derives a leaf from its co-author and twins from one another', () => {
    const plan = exactPlan(network.compact);
    expect(plan.leafOf[index('a')]).toBe(index('b'));
    expect(plan.twinOf[index('f')]).toBe(index('e'));
    expect(plan.multiplicity[index('e')]).toBe(2);
    expect([...plan.sources].map((v) => network.authorIds[v]).sort()).toEqual(['b', 'c', 'd', 'e', 'g', 'h']);
  });

  it('still gives every author its own exact values', () => {
    expectClose(computeAllPairsCentralitySync(network.compact), reference(network), 1e-12);
  });

  it('searches a graph with each class of twins, and the leaves of one co-author, made one node', () => {
    // A triangle of twins (one node alone: a component searched once, its authors one hop apart); a hub
    // with three leaves (one node of three) and two co-authors who wrote together (twins: one node).
    const merged = networkFromEdges([
      ['x', 'y', 1],
      ['y', 'z', 1],
      ['x', 'z', 1],
      ['hub', 'l1', 1],
      ['hub', 'l2', 1],
      ['hub', 'l3', 1],
      ['hub', 'p', 1],
      ['hub', 'q', 1],
      ['p', 'q', 1],
      ['q', 'r', 1],
      ['r', 's', 1],
    ]);
    const at = (id: string) => merged.authorIndex.get(id) as number;
    const plan = exactPlan(merged.compact);
    const node = (id: string) => plan.nodeOf[at(id)] as number;
    expect(new Set(['x', 'y', 'z'].map(node)).size).toBe(1);
    expect(new Set(['l1', 'l2', 'l3'].map(node)).size).toBe(1);
    expect(plan.weight[node('x')]).toBe(3);
    expect(plan.weight[node('l1')]).toBe(3);
    // x y z | l1 l2 l3 | hub | p | q | r | s: p and q are not twins (q also wrote with r).
    expect(plan.searchGraph.order).toBe(7);
    expect(plan.searchGraph.neighbors.length).toBe(2 * 6);
    expectClose(computeAllPairsCentralitySync(merged.compact), reference(merged), 1e-12);
  });

  it("leaves a two-author component alone (each is the other's only co-author)", () => {
    const pair = networkFromEdges([
      ['x', 'y', 1],
      ['p', 'q', 1],
      ['q', 'r', 1],
    ]);
    expectClose(computeAllPairsCentralitySync(pair.compact), reference(pair), 1e-12);
  });
});

describe('sampled estimates', () => {
  const network = syntheticNetwork(5, 2000, { newAuthorShare: 0.35 });
  const exact = computeAllPairsCentralitySync(network.compact);

  it('draw the sample size from each large component, seeded, and compute small components in full', () => {
    const plan = samplePlan(network.compact, 50, 'seed-a');
    expect(plan.sources.length).toBeLessThan(network.compact.order);
    expect([...samplePlan(network.compact, 50, 'seed-a').sources]).toEqual([...plan.sources]);
    expect([...samplePlan(network.compact, 50, 'seed-b').sources]).not.toEqual([...plan.sources]);
    const { component, sizes } = connectedComponents(network.compact);
    expect(plan.component).toBe(component);
    expect([...plan.componentSizes]).toEqual(sizes);
    sizes.forEach((size, c) => {
      expect(plan.drawnIn[c]).toBe(Math.min(size, 50));
      expect(plan.sources.filter((v) => component[v] === c).length).toBe(Math.min(size, 50));
    });
  });

  it('are unbiased: the mean over many seeds approaches the exact betweenness and harmonic sums', () => {
    const seeds = 40;
    const mean = { betweenness: 0, harmonic: 0 };
    for (let s = 0; s < seeds; s += 1) {
      const estimate = computeInThread(network.compact, samplePlan(network.compact, 40, `seed-${s}`));
      mean.betweenness += estimate.betweenness.reduce((a, b) => a + b, 0) / seeds;
      mean.harmonic += estimate.harmonic.reduce((a, b) => a + b, 0) / seeds;
    }
    const total = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
    expect(Math.abs(mean.betweenness / total(exact.betweenness) - 1)).toBeLessThan(0.05);
    expect(Math.abs(mean.harmonic / total(exact.harmonic) - 1)).toBeLessThan(0.05);
  });

  it('give a sampled source its exact closeness and harmonic', () => {
    const plan = samplePlan(network.compact, 30);
    const estimate = computeInThread(network.compact, plan);
    for (const v of plan.sources) {
      expect(estimate.harmonic[v]).toBeCloseTo(exact.harmonic[v] as number, 9);
      expect(estimate.closeness[v]).toBeCloseTo(exact.closeness[v] as number, 12);
    }
  });

  it('then search from the likely top authors by closeness and harmonic, so their values are exact', () => {
    const estimate = estimateAllPairsCentralitySync(network.compact, { sampleSize: 30, refineCount: 40 });
    const top = (values: Float64Array) =>
      [...values.keys()].sort((a, b) => (values[b] as number) - (values[a] as number) || a - b).slice(0, 10);
    for (const metric of ['closeness', 'harmonic'] as const) {
      expect(top(estimate[metric]), metric).toEqual(top(exact[metric]));
      for (const v of top(exact[metric]))
        expect(estimate[metric][v], `${metric} of ${v}`).toBeCloseTo(exact[metric][v] as number, 9);
    }
  });

  it('weigh betweenness by position on the path (linear scaling), which ranks the top authors better than plain sampling', () => {
    const plan = samplePlan(network.compact, 30, 'seed-x');
    expect(plan.linearScaling).toBe(true);
    const linear = computeInThread(network.compact, plan);
    const plain = computeInThread(network.compact, { ...plan, linearScaling: false });
    const leaders = Array.from({ length: exact.betweenness.length }, (_, v) => v)
      .sort((a, b) => (exact.betweenness[b] as number) - (exact.betweenness[a] as number))
      .slice(0, 20);
    const relativeErrors = (values: Float64Array) =>
      leaders.map((v) => Math.abs((values[v] as number) / (exact.betweenness[v] as number) - 1));
    const total = (errors: number[]) => errors.reduce((sum, e) => sum + e, 0);
    expect(total(relativeErrors(linear.betweenness))).toBeLessThan(total(relativeErrors(plain.betweenness)));
  });

  it('run in worker threads with the same result as in this thread', async () => {
    const inThread = estimateAllPairsCentralitySync(network.compact, { sampleSize: 30 });
    const run = estimateAllPairsCentrality(network.compact, { sampleSize: 30, threads: 2 });
    const fromWorkers = await run.result;
    for (let v = 0; v < network.compact.order; v += 1) {
      expect(fromWorkers.betweenness[v]).toBeCloseTo(inThread.betweenness[v] as number, 12);
      expect(fromWorkers.harmonic[v]).toBeCloseTo(inThread.harmonic[v] as number, 9);
    }
  });

  it('rejects a sample size below 1', () => {
    expect(() => samplePlan(network.compact, 0)).toThrow(/sampleSize/u);
  });
});

describe('cancelling a pass', () => {
  it('stops the workers and rejects with PassCancelled when its signal fires', async () => {
    const controller = new AbortController();
    const run = computeAllPairsCentrality(syntheticNetwork(9, 3000, { newAuthorShare: 0.3 }).compact, {
      threads: 2,
      signal: controller.signal,
    });
    controller.abort('shutting down');
    await expect(run.result).rejects.toThrow(new PassCancelled('all-pairs-centrality: cancelled (shutting down)'));
  });

  it('does not start when its signal has fired already', async () => {
    const run = computeAllPairsCentrality(syntheticNetwork(9, 300).compact, {
      threads: 1,
      signal: AbortSignal.abort('too late'),
    });
    await expect(run.result).rejects.toBeInstanceOf(PassCancelled);
  });
});

describe('topUnsearched (the refinement sources)', () => {
  it('is the head of the whole ranking, ties broken by index, the searched left out', () => {
    // Few distinct values, so ties cross the cut; every third author searched.
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    const values = Float64Array.from({ length: 5000 }, () => next() % 37);
    const searched = Uint8Array.from({ length: 5000 }, (_, v) => (v % 3 === 0 ? 1 : 0));
    const ranking = [...values.keys()]
      .filter((v) => searched[v] === 0)
      .sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
    for (const count of [0, 1, 5, 256, 3333, 4000])
      expect(topUnsearched(values, searched, count), `count ${count}`).toEqual(ranking.slice(0, count));
    expect(topUnsearched(values, searched.fill(1), 10)).toEqual([]);
  });
});
