import { describe, expect, it } from 'vitest';
import { computeWeightedScores } from '../../src/analysis/centrality.ts';
import { bestCollaborationPath, shortestCollaborationPaths } from '../../src/analysis/paths.ts';
import { entryOf } from '../../src/graph/compact-graph.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { type TieWeighting, tieWeights, weightingSource } from '../../src/graph/tie-weighting.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { loadSeedNetwork, networkFromRecords, paperRecord } from '../helpers/networks.ts';
import { tieWeightingExpected } from '../reference/tie-weighting-expected.ts';

/**
 * Tie strengths against independent computations (tests/reference/tie_weighting_reference.py, which
 * uses no project code): FRACTIONAL against NetworkX's bipartite.collaboration_weighted_projected_graph,
 * ASSOCIATION_STRENGTH against VOSviewer's formula written out in Python; weighted degree, PageRank and
 * eigenvector under each against NetworkX (weight="weight") run to the fixed point. Plus a hand
 * computation on a graph small enough to check on paper.
 */

const seed = loadSeedNetwork();

function weightOf(network: CoauthorNetwork, weights: Float64Array, a: string, b: string): number {
  const entry = entryOf(network.compact, network.authorIndex.get(a) as number, network.authorIndex.get(b) as number);
  expect(entry, `${a} – ${b} are co-authors`).toBeGreaterThanOrEqual(0);
  return weights[entry] as number;
}

function expectClose(actual: number, expected: number, tolerance: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.max(1e-6, Math.abs(expected)),
  );
}

describe('tie weights by hand', () => {
  // Papers: P1 by a, b, c; P2 by a, b; P3 by c, d. Joint papers: ab 2, ac 1, bc 1, cd 1.
  const network = networkFromRecords([
    paperRecord('P1', ['A A', 'B B', 'C C']),
    paperRecord('P2', ['A A', 'B B']),
    paperRecord('P3', ['C C', 'D D']),
  ]);
  const source = weightingSource(network);

  it('FRACTIONAL gives each paper 1/(n − 1) per tie: ab = 1/2 + 1, ac = bc = 1/2, cd = 1', () => {
    const weights = tieWeights(source, 'fractional');
    expect(weightOf(network, weights, 'a-a', 'b-b')).toBeCloseTo(1.5, 15);
    expect(weightOf(network, weights, 'a-a', 'c-c')).toBeCloseTo(0.5, 15);
    expect(weightOf(network, weights, 'b-b', 'c-c')).toBeCloseTo(0.5, 15);
    expect(weightOf(network, weights, 'c-c', 'd-d')).toBeCloseTo(1, 15);
    // Fractional counting: an author's weighted degree is their number of papers with co-authors.
    expect(Array.from(computeWeightedScores(network, 'fractional').weightedDegree)).toEqual([2, 2, 2, 1]);
  });

  it('ASSOCIATION_STRENGTH is 2m·c/(k_i·k_j): m = 5, k = (3, 3, 3, 1), so ab = 20/9, ac = bc = 10/9, cd = 10/3', () => {
    const weights = tieWeights(source, 'associationStrength');
    expect(weightOf(network, weights, 'a-a', 'b-b')).toBeCloseTo(20 / 9, 14);
    expect(weightOf(network, weights, 'a-a', 'c-c')).toBeCloseTo(10 / 9, 14);
    expect(weightOf(network, weights, 'c-c', 'b-b')).toBeCloseTo(10 / 9, 14);
    expect(weightOf(network, weights, 'd-d', 'c-c')).toBeCloseTo(10 / 3, 14);
  });

  it('JOINT_PAPERS is the stored count', () => {
    expect(tieWeights(source, 'jointPapers')).toBe(network.compact.weights);
  });
});

describe.each(['fractional', 'associationStrength'] as const)('%s on the seed, against the reference', (weighting) => {
  const expected = tieWeightingExpected.seed[weighting];
  const weights = tieWeights(weightingSource(seed), weighting);
  const scores = computeWeightedScores(seed, weighting);
  const at = (id: string) => seed.authorIndex.get(id) as number;

  it('gives every tie the reference weight (1e-12 relative)', () => {
    expect(expected.edges.length).toBe(seed.compact.edgeCount);
    for (const [a, b, weight] of expected.edges) expectClose(weightOf(seed, weights, a, b), weight, 1e-12, `${a}–${b}`);
  });

  it.each(['weightedDegree', 'pagerank', 'eigenvector'] as const)('gives every author the reference %s', (metric) => {
    const reference = expected[metric] as Record<string, number>;
    expect(Object.keys(reference).length).toBe(seed.compact.order);
    for (const [id, value] of Object.entries(reference))
      expectClose(scores[metric][at(id)] as number, value, 1e-10, `${metric} of ${id}`);
  });

  it('picks the strongest of the shortest paths under the weighting, as the reference', () => {
    expected.paths.forEach((path) => {
      const from = path.ids[0] as string;
      const to = path.ids[path.ids.length - 1] as string;
      const found = bestCollaborationPath(seed, from, to, { weighting });
      expect(found?.authorIds).toEqual(path.ids);
      expectClose(found?.strength as number, path.totalStrength, 1e-12, `${from} → ${to}`);
      // The ranked list starts with the same path.
      expect(shortestCollaborationPaths(seed, from, to, 10, { weighting })[0]?.authorIds).toEqual(path.ids);
    });
  });
});

describe('the weighting changes which of two equally short paths is strongest', () => {
  // s–x–t: two joint papers of 10 authors each per hop; s–y–t: one joint paper of two per hop.
  // JOINT_PAPERS: via x (2 + 2 > 1 + 1). FRACTIONAL: via y (1 + 1 > 2/9 + 2/9).
  const crowd = (k: number) => Array.from({ length: 8 }, (_, i) => `Crowd${k} Member${i}`);
  const network = networkFromRecords([
    paperRecord('SX1', ['S S', 'X X', ...crowd(1)]),
    paperRecord('SX2', ['S S', 'X X', ...crowd(2)]),
    paperRecord('XT1', ['X X', 'T T', ...crowd(3)]),
    paperRecord('XT2', ['X X', 'T T', ...crowd(4)]),
    paperRecord('SY', ['S S', 'Y Y']),
    paperRecord('YT', ['Y Y', 'T T']),
  ]);
  const via = (weighting: TieWeighting) => bestCollaborationPath(network, 's-s', 't-t', { weighting })?.authorIds[1];

  it('JOINT_PAPERS goes through the author with more joint papers, FRACTIONAL through the closer collaborator', () => {
    expect(via('jointPapers')).toBe('x-x');
    expect(via('fractional')).toBe('y-y');
    expect(bestCollaborationPath(network, 's-s', 't-t', { weighting: 'fractional' })?.strength).toBeCloseTo(2, 14);
    expect(bestCollaborationPath(network, 's-s', 't-t')?.strength).toBe(4);
  });

  it('keeps avoided papers out of the strength: s–x–t without SX1 weighs 1/9 + 2/9', () => {
    const path = bestCollaborationPath(network, 's-s', 't-t', {
      weighting: 'fractional',
      avoidAuthors: ['y-y'],
      avoidPapers: [network.paperIds[0] as string],
    });
    expect(path?.authorIds).toEqual(['s-s', 'x-x', 't-t']);
    expect(path?.hops[0]?.paperIds).toEqual([network.paperIds[1]]);
    expect(path?.strength).toBeCloseTo(1 / 3, 14);
    expect(path?.weight).toBe(3);
  });
});

describe('on the ACL 2016 slice, against the reference', () => {
  const network = loadAclSliceNetwork();
  it.each(['fractional', 'associationStrength'] as const)(
    '%s: the top 10 by weighted degree, PageRank and eigenvector have the reference values',
    (weighting) => {
      const scores = computeWeightedScores(network, weighting);
      const expected = tieWeightingExpected.aclSlice[weighting];
      for (const metric of ['weightedDegree', 'pagerank', 'eigenvector'] as const) {
        for (const [id, value] of expected[metric] as readonly (readonly [string, number])[])
          expectClose(
            scores[metric][network.authorIndex.get(id) as number] as number,
            value,
            1e-9,
            `${weighting} ${metric} of ${id}`,
          );
      }
      const weights = tieWeights(weightingSource(network), weighting);
      expectClose(weights.reduce((sum, w) => sum + w, 0) / 2, expected.totalWeight, 1e-12, 'total weight');
    },
    60_000,
  );
});
