import eigenvectorCentrality from 'graphology-metrics/centrality/eigenvector.js';
import { describe, expect, it } from 'vitest';
import { centralityMetrics, computeCentrality } from '../../src/analysis/centrality.ts';
import type { CentralityMetric, CentralityTable } from '../../src/analysis/centrality.ts';
import { buildNetwork, compareIds } from '../../src/graph/network.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { handMadeEdges } from '../reference/networkx-expected.ts';
import { loadSeedNetwork, networkFromEdges } from '../helpers/networks.ts';
import type { WeightedEdge } from '../helpers/networks.ts';
import { type ReferenceGraph, handMadeReference, seedReference } from '../helpers/reference.ts';

/**
 * Eigenvector and PageRank are iterated to the fixed point (power-iteration.ts) and compared with
 * NetworkX run to the fixed point (`metricsTight`: tol 1e-17/1e-18, checked against a SciPy direct
 * solve; see tests/reference/README.md) to 1e-10 relative. The other metrics are exact up to rounding.
 */
const CONVERGED_TOLERANCE = 1e-10;
const EXACT_TOLERANCE = 1e-12;

/** The reference value ranked and compared for `metric`: the converged run for the power iterations. */
function referenceValue(reference: ReferenceGraph, metric: CentralityMetric, name: string): number {
  return (
    metric === 'eigenvector' || metric === 'pagerank'
      ? reference.metricsTight[metric][name]
      : reference.metrics[metric][name]
  ) as number;
}

const graphs: { label: string; network: CoauthorNetwork; reference: ReferenceGraph }[] = [
  { label: 'the seed (30 authors)', network: loadSeedNetwork(), reference: seedReference },
  {
    label: 'the hand-made graph (9 authors, two components)',
    network: networkFromEdges(handMadeEdges),
    reference: handMadeReference,
  },
];

describe.each(graphs)('computeCentrality on $label', ({ network, reference }) => {
  const table = computeCentrality(network);

  it('scores exactly the authors of the network', () => {
    expect(reference.names).toHaveLength(network.graph.order);
    for (const name of reference.names) expect(table.scoresOf(reference.idOf(name)), name).toBeDefined();
    expect(table.scoresOf('nobody')).toBeUndefined();
  });

  it.each(centralityMetrics)(
    'gives %s equal to NetworkX for every author (1e-10 relative for the power iterations, else 1e-12)',
    (metric) => {
      const tolerance = metric === 'eigenvector' || metric === 'pagerank' ? CONVERGED_TOLERANCE : EXACT_TOLERANCE;
      for (const name of reference.names) {
        const score = table.scoresOf(reference.idOf(name))?.[metric];
        expect(score, `${metric} of ${name}`).toBeTypeOf('number');
        const want = referenceValue(reference, metric, name);
        // Eigenvector scores of a smaller component decay to 0 (NetworkX ~1e-31): absolute below 1e-6.
        expect(Math.abs((score as number) - want), `${metric} of ${name}`).toBeLessThanOrEqual(
          tolerance * Math.max(Math.abs(want), metric === 'eigenvector' ? 1e-6 : 0),
        );
      }
    },
  );

  it("is farther from NetworkX's default-tolerance results than from the fixed point: the iteration did not stop early", () => {
    for (const metric of ['eigenvector', 'pagerank'] as const) {
      const largest = Math.max(
        ...reference.names.map((name) =>
          Math.abs(
            (table.scoresOf(reference.idOf(name))?.[metric] as number) - (reference.metrics[metric][name] as number),
          ),
        ),
      );
      expect(largest, metric).toBeGreaterThan(1e-7);
    }
  });

  it.each(centralityMetrics)(
    'ranks every author by %s with competition ranks matching the reference scores',
    (metric) => {
      const ranking = table.ranking(metric);
      expect(ranking).toHaveLength(reference.names.length);
      // Expected rank: 1 + the number of authors with a clearly better reference score (higher; lower for constraint).
      const sign = metric === 'constraint' ? -1 : 1;
      const referenceScore = (id: string) =>
        sign * referenceValue(reference, metric, reference.names.find((name) => reference.idOf(name) === id) as string);
      for (const entry of ranking) {
        const higher = reference.names.filter(
          (name) => sign * referenceValue(reference, metric, name) > referenceScore(entry.authorId) + 1e-9,
        ).length;
        expect(entry.rank, `${metric} rank of ${entry.authorId}`).toBe(higher + 1);
      }
    },
  );

  it.each(centralityMetrics)('orders the %s ranking by score, then id, with equal scores sharing a rank', (metric) => {
    const ranking = table.ranking(metric);
    ranking.forEach((entry, i) => {
      expect(entry.score).toBe(table.scoresOf(entry.authorId)?.[metric]);
      const previous = ranking[i - 1];
      if (previous === undefined) {
        expect(entry.rank).toBe(1);
      } else if (previous.rank === entry.rank) {
        expect(Math.abs(previous.score - entry.score)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(entry.score)));
        expect(compareIds(previous.authorId, entry.authorId)).toBeLessThan(0);
      } else {
        if (metric === 'constraint') expect(previous.score).toBeLessThan(entry.score);
        else expect(previous.score).toBeGreaterThan(entry.score);
        expect(entry.rank).toBe(i + 1);
      }
    });
  });

  it('caches each ranking', () => {
    expect(table.ranking('pagerank')).toBe(table.ranking('pagerank'));
  });
});

describe('centrality rankings on the seed', () => {
  const table = computeCentrality(loadSeedNetwork());

  it('gives the eight GRAN co-authors of David Duvenaud a shared degree rank 2, listed by id, and the next author rank 10', () => {
    const ranking = table.ranking('degree');
    expect(ranking[0]).toEqual({ rank: 1, authorId: 'david-duvenaud', score: 1 });
    expect(ranking.slice(1, 9).map((entry) => [entry.rank, entry.authorId])).toEqual([
      [2, 'charlie-nash'],
      [2, 'raquel-urtasun'],
      [2, 'renjie-liao'],
      [2, 'richard-s-zemel'],
      [2, 'shenlong-wang'],
      [2, 'william-l-hamilton'],
      [2, 'yang-song'],
      [2, 'yujia-li'],
    ]);
    expect(ranking[9]?.rank).toBe(10);
    expect(ranking.slice(1, 9).every((entry) => entry.score === 8 / 29)).toBe(true);
  });

  it('puts David Duvenaud first by every metric but clustering (his co-authors mostly do not know each other) and coreness (shared)', () => {
    for (const metric of centralityMetrics.filter((m) => m !== 'clustering' && m !== 'coreness'))
      expect(table.ranking(metric)[0]?.authorId, metric).toBe('david-duvenaud');
    expect(table.scoresOf('david-duvenaud')?.clustering).toBeLessThan(0.2);
    // The nine authors of the GRAN paper form the 8-core (the degeneracy): all share rank 1.
    expect(table.ranking('coreness').filter((entry) => entry.rank === 1)).toHaveLength(9);
    expect(table.scoresOf('david-duvenaud')?.coreness).toBe(8);
  });

  it('ranks constraint lowest first (brokers first)', () => {
    const ranking = table.ranking('constraint');
    expect(ranking[0]?.score).toBeLessThan(ranking.at(-1)?.score as number);
  });
});

describe('computeCentrality on small hand-built graphs', () => {
  it('gives exact fractions on a path a - b - c with 2 and 1 joint papers', () => {
    const table = computeCentrality(
      networkFromEdges([
        ['a', 'b', 2],
        ['b', 'c', 1],
      ]),
    );
    expect(table.scoresOf('b')).toMatchObject({
      degree: 1,
      weightedDegree: 3,
      betweenness: 1,
      closeness: 1,
      harmonic: 2,
    });
    expect(table.scoresOf('a')).toMatchObject({
      degree: 1 / 2,
      weightedDegree: 2,
      betweenness: 0,
      harmonic: 1 + 1 / 2,
    });
    expect(table.scoresOf('a')?.closeness).toBeCloseTo(2 / 3, 12);
  });

  it('scales closeness by the reachable share of the network (Wasserman–Faust), as NetworkX', () => {
    // a - b and c - d - e: from a, one author at distance 1 of 4 others: (1 / 1) · (1 / 4).
    const table = computeCentrality(
      networkFromEdges([
        ['a', 'b', 1],
        ['c', 'd', 1],
        ['d', 'e', 1],
      ]),
    );
    expect(table.scoresOf('a')?.closeness).toBeCloseTo(1 / 4, 12);
    // From d: two at distance 1, of 4 others: (2 / 2) · (2 / 4).
    expect(table.scoresOf('d')?.closeness).toBeCloseTo(1 / 2, 12);
  });

  it('reads joint papers as tie strength in eigenvector and PageRank, never as a distance in betweenness', () => {
    // Two routes from a to d: via b (heavy ties) and via c (light ties). Hop counts are equal, so
    // betweenness splits evenly whatever the weights; eigenvector and PageRank favour b.
    const table = computeCentrality(
      networkFromEdges([
        ['a', 'b', 5],
        ['b', 'd', 5],
        ['a', 'c', 1],
        ['c', 'd', 1],
      ]),
    );
    const b = table.scoresOf('b');
    const c = table.scoresOf('c');
    expect(b?.betweenness).toBeCloseTo(c?.betweenness as number, 12);
    expect(b?.eigenvector).toBeGreaterThan(c?.eigenvector as number);
    expect(b?.pagerank).toBeGreaterThan(c?.pagerank as number);
    expect(b?.weightedDegree).toBe(10);
  });
});

describe('computeCentrality edge cases', () => {
  it('handles an empty network (no papers) without crashing: no scores, empty rankings', () => {
    const table = computeCentrality(buildNetwork({ authors: [], papers: [] }));
    for (const metric of centralityMetrics) expect(table.ranking(metric)).toEqual([]);
    expect(table.scoresOf('anyone')).toBeUndefined();
  });

  it("gives the single author of a single paper NetworkX's values for n = 1 (degree 1, eigenvector 1, PageRank 1)", () => {
    // nx.degree_centrality gives 1 for a one-node graph; the other values are NetworkX 2.8.8's for that graph.
    const table = computeCentrality(networkFromEdges([], ['solo']));
    // Coreness 0, clustering 0; constraint and effective size are NaN in NetworkX (no co-author): our
    // documented convention is constraint 1 and effective size 0 (structural-holes.ts).
    expect(table.scoresOf('solo')).toEqual({
      degree: 1,
      weightedDegree: 0,
      betweenness: 0,
      closeness: 0,
      harmonic: 0,
      eigenvector: 1,
      pagerank: 1,
      coreness: 0,
      clustering: 0,
      constraint: 1,
      effectiveSize: 0,
    });
    for (const metric of centralityMetrics)
      expect(table.ranking(metric)).toEqual([{ rank: 1, authorId: 'solo', score: table.scoresOf('solo')?.[metric] }]);
  });

  it('scores authors without co-authors as NetworkX does (two single-author papers)', () => {
    // NetworkX 2.8.8: degree 0, closeness 0, eigenvector 1/√2, PageRank 1/2 each.
    const table = computeCentrality(networkFromEdges([], ['x', 'y']));
    for (const id of ['x', 'y']) {
      const scores = table.scoresOf(id);
      expect(scores).toMatchObject({ degree: 0, weightedDegree: 0, betweenness: 0, closeness: 0, harmonic: 0 });
      expect(scores?.eigenvector).toBeCloseTo(Math.SQRT1_2, 12);
      expect(scores?.pagerank).toBeCloseTo(1 / 2, 12);
    }
    expect(table.ranking('degree').map((entry) => entry.rank)).toEqual([1, 1]);
  });

  it("goes on where NetworkX's 100 rounds do not converge (eigenvector of a 20-author chain) and reaches the fixed point", () => {
    // nx.eigenvector_centrality(nx.path_graph(20)) raises PowerIterationFailedConvergence (NetworkX 2.8.8).
    const n = 20;
    const id = (k: number) => `n${String(k).padStart(2, '0')}`;
    const chain: WeightedEdge[] = Array.from({ length: n - 1 }, (_, k) => [id(k), id(k + 1), 1]);
    const network = networkFromEdges(chain);
    expect(() =>
      eigenvectorCentrality(network.graph, { getEdgeWeight: 'weight', maxIterations: 100, tolerance: 1e-6 }),
    ).toThrow(/converge/u);

    let table: CentralityTable | undefined;
    expect(() => {
      table = computeCentrality(network);
    }).not.toThrow();
    // The principal eigenvector of a path is sin(kπ / (n + 1)), k = 1..n, normalized.
    const exact = Array.from({ length: n }, (_, k) => Math.sin(((k + 1) * Math.PI) / (n + 1)));
    const norm = Math.hypot(...exact);
    for (let k = 0; k < n; k += 1) {
      const want = (exact[k] as number) / norm;
      expect(Math.abs((table?.scoresOf(id(k))?.eigenvector as number) - want), id(k)).toBeLessThanOrEqual(1e-10 * want);
    }
    const pagerankSum = [...Array(n).keys()].reduce((sum, k) => sum + (table?.scoresOf(id(k))?.pagerank as number), 0);
    expect(pagerankSum).toBeCloseTo(1, 6);
    expect(
      table
        ?.ranking('eigenvector')
        .slice(0, 2)
        .map((entry) => [entry.rank, entry.authorId]),
    ).toEqual([
      [1, 'n09'],
      [1, 'n10'],
    ]);
  });

  it.each<[string, WeightedEdge[]]>([
    ['a star of 50', Array.from({ length: 50 }, (_, k): WeightedEdge => ['hub', `leaf${k}`, 1 + (k % 3)])],
    [
      'a long weighted cycle',
      Array.from({ length: 40 }, (_, k): WeightedEdge => [`c${k}`, `c${(k + 1) % 40}`, 1 + (k % 2)]),
    ],
    [
      'two equal triangles',
      [
        ['a', 'b', 1],
        ['b', 'c', 1],
        ['a', 'c', 1],
        ['x', 'y', 1],
        ['y', 'z', 1],
        ['x', 'z', 1],
      ],
    ],
  ])('never throws on %s, and every score is a finite number', (_label, edges) => {
    const network = networkFromEdges(edges);
    const table = computeCentrality(network);
    for (const node of network.graph.nodes()) {
      for (const metric of centralityMetrics)
        expect(Number.isFinite(table.scoresOf(node)?.[metric] as number), `${metric} of ${node}`).toBe(true);
    }
  });
});

describe('centrality metric names', () => {
  it('lists the eleven metrics of AuthorCentrality', () => {
    expect([...centralityMetrics]).toEqual<CentralityMetric[]>([
      'degree',
      'weightedDegree',
      'betweenness',
      'closeness',
      'harmonic',
      'eigenvector',
      'pagerank',
      'coreness',
      'clustering',
      'constraint',
      'effectiveSize',
    ]);
  });
});
