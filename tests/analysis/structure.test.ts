import { describe, expect, it } from 'vitest';
import { degreeAssortativity } from '../../src/analysis/assortativity.ts';
import { averageClustering, localClustering, transitivity } from '../../src/analysis/clustering.ts';
import { coreNumbers, degeneracy } from '../../src/analysis/coreness.ts';
import {
  ISOLATED_CONSTRAINT,
  ISOLATED_EFFECTIVE_SIZE,
  constraint,
  effectiveSize,
} from '../../src/analysis/structural-holes.ts';
import { countTriangles } from '../../src/analysis/triangles.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { networkFromEdges, syntheticNetwork } from '../helpers/networks.ts';
import type { WeightedEdge } from '../helpers/networks.ts';

/**
 * The structure modules on tiny hand-built graphs, with exact fractions worked out by hand and checked
 * with NetworkX 2.8.8 (core_number, clustering, average_clustering, transitivity, constraint,
 * effective_size, degree_assortativity_coefficient on the same edge lists). Joint papers (the third
 * entry of an edge) must not matter: every measure here is unweighted.
 */

/** Scores by author id. */
function byId(network: CoauthorNetwork, values: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(network.authorIds.map((id, i) => [id, values[i] as number]));
}

function expectFractions(actual: Record<string, number>, expected: Record<string, number>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [id, value] of Object.entries(expected)) expect(actual[id], id).toBeCloseTo(value, 14);
}

// A triangle a–b–c with a pendant d on c; weights vary to show they are ignored.
const paw: WeightedEdge[] = [
  ['a', 'b', 3],
  ['b', 'c', 1],
  ['a', 'c', 2],
  ['c', 'd', 5],
];

describe('coreNumbers (NetworkX core_number)', () => {
  it('gives the triangle 2 and its pendant 1', () => {
    const network = networkFromEdges(paw);
    expect(byId(network, coreNumbers(network.compact))).toEqual({ a: 2, b: 2, c: 2, d: 1 });
  });

  it('gives a 4-clique 3 and its two-author tail 1, degeneracy 3', () => {
    const network = networkFromEdges([
      ['a', 'b', 1],
      ['a', 'c', 1],
      ['a', 'd', 1],
      ['b', 'c', 1],
      ['b', 'd', 1],
      ['c', 'd', 1],
      ['a', 'e', 1],
      ['e', 'f', 1],
    ]);
    const cores = coreNumbers(network.compact);
    expect(byId(network, cores)).toEqual({ a: 3, b: 3, c: 3, d: 3, e: 1, f: 1 });
    expect(degeneracy(cores)).toBe(3);
  });

  it('gives an author without co-authors 0, and a network without ties degeneracy 0', () => {
    const network = networkFromEdges([], ['solo', 'other']);
    const cores = coreNumbers(network.compact);
    expect(Array.from(cores)).toEqual([0, 0]);
    expect(degeneracy(cores)).toBe(0);
  });

  it('peels a chain of cliques of growing size to their own sizes less one', () => {
    // Cliques of 2..6 authors joined in a chain by single ties: each clique's coreness is its size − 1.
    const edges: WeightedEdge[] = [];
    const expected: Record<string, number> = {};
    for (let size = 2; size <= 6; size += 1) {
      for (let i = 0; i < size; i += 1) {
        expected[`k${size}-${i}`] = size - 1;
        for (let j = i + 1; j < size; j += 1) edges.push([`k${size}-${i}`, `k${size}-${j}`, 1]);
      }
      if (size > 2) edges.push([`k${size - 1}-0`, `k${size}-0`, 1]);
    }
    const network = networkFromEdges(edges);
    expect(byId(network, coreNumbers(network.compact))).toEqual(expected);
  });
});

describe('countTriangles', () => {
  it('finds each triangle once and the common co-authors of every tie', () => {
    const network = networkFromEdges(paw);
    const triangles = countTriangles(network.compact);
    expect(triangles.total).toBe(1);
    expect(byId(network, triangles.perAuthor)).toEqual({ a: 1, b: 1, c: 1, d: 0 });
  });

  it('counts the 4 triangles of a 4-clique, 3 at each author', () => {
    const network = networkFromEdges([
      ['a', 'b', 1],
      ['a', 'c', 1],
      ['a', 'd', 1],
      ['b', 'c', 1],
      ['b', 'd', 1],
      ['c', 'd', 1],
    ]);
    const triangles = countTriangles(network.compact);
    expect(triangles.total).toBe(4);
    expect(Array.from(triangles.perAuthor)).toEqual([3, 3, 3, 3]);
    // Each tie has two common co-authors of degree 3, s = 2/3: each author's three ties give 3·(1 + 2/3)².
    for (const sum of triangles.constraintSums) expect(sum).toBeCloseTo(25 / 3, 13);
  });

  it("gives every author the sum over its ties of (1 + the tie's common co-authors' 1/degree)², counted directly", () => {
    // Overlapping teams: ties in many triangles, hubs, leaves and ties in none.
    const { compact } = syntheticNetwork(11, 600, { newAuthorShare: 0.2 });
    const { offsets, neighbors } = compact;
    const triangles = countTriangles(compact);
    const degree = (v: number) => (offsets[v + 1] as number) - (offsets[v] as number);
    const perAuthor = new Int32Array(compact.order);
    let total = 0;
    let tiesInTriangles = 0;
    for (let a = 0; a < compact.order; a += 1) {
      let constraintSum = 0;
      const around = new Set(Array.from(neighbors.subarray(offsets[a] as number, offsets[a + 1] as number)));
      for (let j = offsets[a] as number; j < (offsets[a + 1] as number); j += 1) {
        const b = neighbors[j] as number;
        let expected = 0;
        let common = 0;
        for (let k = offsets[b] as number; k < (offsets[b + 1] as number); k += 1) {
          const q = neighbors[k] as number;
          if (!around.has(q)) continue;
          expected += 1 / degree(q);
          common += 1;
        }
        if (common > 0) tiesInTriangles += 1;
        perAuthor[a] = (perAuthor[a] as number) + common;
        total += common;
        constraintSum += (1 + expected) ** 2;
      }
      expect(triangles.constraintSums[a]).toBeCloseTo(constraintSum, 10);
    }
    // Each triangle is seen from both ties at each of its three authors.
    expect(Array.from(triangles.perAuthor)).toEqual(Array.from(perAuthor, (count) => count / 2));
    expect(triangles.total).toBe(total / 6);
    expect(tiesInTriangles).toBeGreaterThan(100);
    expect(tiesInTriangles).toBeLessThan(neighbors.length);
  });

  it('refuses adjacency lists where a tie is listed at one end only, rather than lose triangles', () => {
    // Four authors list a fifth, whose own list names only itself (twice, so that it ranks above them):
    // four ties oriented outwards from six entries, where a symmetric graph has one per two entries.
    const offsets = Int32Array.from([0, 1, 2, 3, 4, 6]);
    const neighbors = Int32Array.from([4, 4, 4, 4, 4, 4]);
    expect(() => countTriangles({ order: 5, offsets, neighbors })).toThrow(/not symmetric/u);
  });
});

describe('clustering (NetworkX clustering, average_clustering, transitivity)', () => {
  it('gives 1 in the triangle, 1/3 where the pendant hangs, 0 at the pendant', () => {
    const network = networkFromEdges(paw);
    const triangles = countTriangles(network.compact);
    const local = localClustering(network.compact, triangles);
    expectFractions(byId(network, local), { a: 1, b: 1, c: 1 / 3, d: 0 });
    expect(averageClustering(local)).toBeCloseTo(7 / 12, 14);
    // 3 × 1 triangle / 5 connected triples.
    expect(transitivity(network.compact, triangles)).toBeCloseTo(3 / 5, 14);
  });

  it('gives 0 everywhere on a star, and 0 for an empty network', () => {
    const network = networkFromEdges([
      ['hub', 'x', 1],
      ['hub', 'y', 1],
      ['hub', 'z', 1],
    ]);
    const triangles = countTriangles(network.compact);
    expect(Array.from(localClustering(network.compact, triangles))).toEqual([0, 0, 0, 0]);
    expect(transitivity(network.compact, triangles)).toBe(0);
    expect(averageClustering(new Float64Array(0))).toBe(0);
  });
});

describe('structural holes (NetworkX constraint, effective_size)', () => {
  it("gives Burt's constraint and effective size as exact fractions", () => {
    const network = networkFromEdges(paw);
    const triangles = countTriangles(network.compact);
    // a: (1/4)·((1 + 1/3)² + (1 + 1/2)²) = 145/144; c: (1/9)·((3/2)² + (3/2)² + 1²) = 11/18; d: 1.
    expectFractions(byId(network, constraint(network.compact, triangles)), {
      a: 145 / 144,
      b: 145 / 144,
      c: 11 / 18,
      d: 1,
    });
    // d − 2t/d: a: 2 − 1 = 1; c: 3 − 2/3 = 7/3; d: 1 − 0 = 1.
    expectFractions(byId(network, effectiveSize(network.compact, triangles)), { a: 1, b: 1, c: 7 / 3, d: 1 });
  });

  it('makes the hub of a star the least constrained author (1/4 with four spokes, effective size 4)', () => {
    const network = networkFromEdges([
      ['hub', 'p', 1],
      ['hub', 'q', 1],
      ['hub', 'r', 1],
      ['hub', 's', 1],
    ]);
    const triangles = countTriangles(network.compact);
    expectFractions(byId(network, constraint(network.compact, triangles)), { hub: 1 / 4, p: 1, q: 1, r: 1, s: 1 });
    expectFractions(byId(network, effectiveSize(network.compact, triangles)), { hub: 4, p: 1, q: 1, r: 1, s: 1 });
  });

  it('gives an author without co-authors constraint 1 and effective size 0 where NetworkX gives NaN', () => {
    const network = networkFromEdges([['a', 'b', 1]], ['alone']);
    const triangles = countTriangles(network.compact);
    expect(byId(network, constraint(network.compact, triangles)).alone).toBe(ISOLATED_CONSTRAINT);
    expect(byId(network, effectiveSize(network.compact, triangles)).alone).toBe(ISOLATED_EFFECTIVE_SIZE);
    expect([ISOLATED_CONSTRAINT, ISOLATED_EFFECTIVE_SIZE]).toEqual([1, 0]);
  });
});

describe('degreeAssortativity (NetworkX degree_assortativity_coefficient)', () => {
  it('gives −5/7 on the triangle with a pendant', () => {
    // Tie ends (both directions): mean degree 9/4, variance 7/16, covariance −5/16.
    expect(degreeAssortativity(networkFromEdges(paw).compact)).toBeCloseTo(-5 / 7, 14);
  });

  it('gives −1 on a star', () => {
    expect(
      degreeAssortativity(
        networkFromEdges([
          ['hub', 'p', 1],
          ['hub', 'q', 1],
          ['hub', 'r', 1],
        ]).compact,
      ),
    ).toBeCloseTo(-1, 14);
  });

  it('is null (NetworkX: NaN) without ties and when every tie joins equal degrees', () => {
    expect(degreeAssortativity(networkFromEdges([], ['x']).compact)).toBeNull();
    expect(
      degreeAssortativity(
        networkFromEdges([
          ['a', 'b', 1],
          ['b', 'c', 1],
          ['c', 'a', 1],
        ]).compact,
      ),
    ).toBeNull();
  });
});
