import { beforeAll, describe, expect, it } from 'vitest';
import { type AllPairsScores, computeAllPairsCentrality } from '../../src/analysis/all-pairs-centrality.ts';
import { computeLocalCentrality } from '../../src/analysis/centrality.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { eigenvectorAndPagerank, eigenvectorScores, pagerankScores } from '../../src/analysis/power-iteration.ts';
import { ISOLATED_CONSTRAINT, ISOLATED_EFFECTIVE_SIZE } from '../../src/analysis/structural-holes.ts';
import { type AclSliceMetric, aclSliceExpected, expectedInOrder, loadAclSliceNetwork } from '../helpers/acl-slice.ts';

/**
 * The exact fused pass (one BFS per source for betweenness, closeness and harmonic, in worker threads),
 * PageRank and eigenvector centrality, checked on real data against NetworkX: the ACL Anthology 2016 slice (7,728
 * authors, largest component 4,304) and tests/fixtures/acl-anthology-2016-networkx.json, computed by
 * tests/reference/acl_slice_reference.py with NetworkX 2.8.8 (betweenness normalized, weight=None;
 * closeness wf_improved; harmonic unnormalized; PageRank alpha .85 and eigenvector on joint-paper weights).
 */
const ALL_PAIRS = ['betweenness', 'closeness', 'harmonic'] as const;
const EXACT_TOLERANCE = 1e-9;

const network = loadAclSliceNetwork();
const reference = aclSliceExpected();
const expectedInNodeOrder = (metric: AclSliceMetric): Float64Array => expectedInOrder(metric, network.authorIds);

/** The authors whose value is farther than `tolerance` (relative to max(1, |expected|)) from the reference. */
function mismatches(actual: Float64Array, expected: Float64Array, tolerance: number): string[] {
  const wrong: string[] = [];
  for (let i = 0; i < expected.length; i += 1) {
    const want = expected[i] as number;
    const got = actual[i] as number;
    if (!(Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want))))
      wrong.push(`${network.authorIds[i]}: ${got} vs NetworkX ${want}`);
  }
  return wrong;
}

describe('exact all-pairs centrality on the ACL 2016 slice', () => {
  let exact: AllPairsScores;
  beforeAll(async () => {
    exact = await computeAllPairsCentrality(network.compact, { threads: 2 }).result;
  }, 120_000);

  it('covers every author of the reference', () => {
    expect(network.compact.order).toBe(reference.stats.authors);
    for (const metric of ALL_PAIRS) expect(exact[metric]).toHaveLength(reference.stats.authors);
  });

  // Betweenness and closeness lie in [0, 1]: absolute 1e-9. Harmonic runs to about 1,100 here (a sum of
  // 1/distance over up to 4,304 authors), so its 1e-9 is relative to the value: summing in another
  // order may move the last bits.
  it.each(ALL_PAIRS)('gives %s equal to NetworkX within 1e-9 for every one of the 7,728 authors', (metric) => {
    expect(mismatches(exact[metric], expectedInNodeOrder(metric), EXACT_TOLERANCE)).toEqual([]);
  });

  it('gives the same values in one thread as in several', async () => {
    const single = await computeAllPairsCentrality(network.compact, { threads: 1 }).result;
    for (const metric of ALL_PAIRS) expect(mismatches(single[metric], exact[metric], 1e-12), metric).toEqual([]);
  });
});

// PageRank and eigenvector run to the fixed point; the reference is NetworkX run to convergence
// (pagerankTight: tol 1e-17, eigenvectorTight: tol 1e-18; `tightCheck` gives their distance from SciPy's
// direct solutions, about 1e-12). Every score within 1e-10 relative; eigenvector scores below 1e-6 (the
// smaller components' decay to 0, and far corners of the largest) within 1e-16 absolute.
describe('PageRank and eigenvector centrality on the ACL 2016 slice', () => {
  it('holds a reference itself within 1e-11 of the direct solutions', () => {
    expect(reference.tightCheck.pagerankMaxRelativeToDirectSolve).toBeLessThanOrEqual(1e-11);
    expect(reference.tightCheck.eigenvectorMaxScaledToLanczos).toBeLessThanOrEqual(1e-9);
  });

  it('gives every PageRank score within 1e-10 relative of NetworkX run to convergence', () => {
    const scores = pagerankScores(network.compact);
    expect(relativeMismatches(scores, expectedInNodeOrder('pagerankTight'), 1e-10, 0)).toEqual([]);
    // NetworkX's default stop is farther off than that: the iteration really went on.
    expect(relativeMismatches(scores, expectedInNodeOrder('pagerank'), 1e-7, 0).length).toBeGreaterThan(0);
  });

  it('gives every eigenvector score within 1e-10 relative of NetworkX run to convergence (absolute below 1e-6)', () => {
    const scores = eigenvectorScores(network.compact);
    expect(relativeMismatches(scores, expectedInNodeOrder('eigenvectorTight'), 1e-10, 1e-6)).toEqual([]);
  });

  it('gives the same scores, bit for bit, when both iterations share each product (as the local metrics run them)', () => {
    const together = eigenvectorAndPagerank(network.compact);
    expect(Buffer.from(together.pagerank.buffer).equals(Buffer.from(pagerankScores(network.compact).buffer))).toBe(
      true,
    );
    expect(
      Buffer.from(together.eigenvector.buffer).equals(Buffer.from(eigenvectorScores(network.compact).buffer)),
    ).toBe(true);
    expect(relativeMismatches(together.pagerank, expectedInNodeOrder('pagerankTight'), 1e-10, 0)).toEqual([]);
    expect(relativeMismatches(together.eigenvector, expectedInNodeOrder('eigenvectorTight'), 1e-10, 1e-6)).toEqual([]);
  });
});

/** The authors whose value is farther than `tolerance` × max(|expected|, floor) from the reference. */
function relativeMismatches(actual: Float64Array, expected: Float64Array, tolerance: number, floor: number): string[] {
  const wrong: string[] = [];
  for (let i = 0; i < expected.length; i += 1) {
    const want = expected[i] as number;
    const got = actual[i] as number;
    if (!(Math.abs(got - want) <= tolerance * Math.max(Math.abs(want), floor)))
      wrong.push(`${network.authorIds[i]}: ${got} vs NetworkX ${want}`);
  }
  return wrong;
}

// Coreness, clustering, constraint and effective size: NetworkX's core_number, clustering, constraint
// and effective_size (unweighted) for every author; where NetworkX gives NaN (no co-authors), our
// documented values (constraint 1, effective size 0).
describe('structure metrics on the ACL 2016 slice', () => {
  const local = computeLocalCentrality(network);

  it.each(['coreness', 'clustering', 'constraint', 'effectiveSize'] as const)(
    'gives %s equal to NetworkX for every one of the 7,728 authors',
    (metric) => {
      const nanAs = metric === 'constraint' ? ISOLATED_CONSTRAINT : ISOLATED_EFFECTIVE_SIZE;
      expect(mismatches(local[metric], expectedInOrder(metric, network.authorIds, nanAs), 1e-12)).toEqual([]);
    },
  );

  it('has authors without co-authors, where NetworkX gives NaN', () => {
    expect(reference.constraint.filter((value) => value === null).length).toBeGreaterThan(0);
  });

  it('gives the network figures of NetworkX: degeneracy, transitivity, average clustering, assortativity, largest component share', () => {
    const stats = computeGraphStats(network, local.figures);
    const want = reference.structure;
    expect(stats.degeneracy).toBe(want.degeneracy);
    for (const key of ['transitivity', 'averageClustering', 'degreeAssortativity', 'largestComponentShare'] as const) {
      expect(Math.abs((stats[key] as number) - (want[key] as number)), key).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('path figures of the exact pass on the ACL 2016 slice', () => {
  it("gives the largest component's average shortest path length (1e-9) and diameter of NetworkX", async () => {
    const { figures } = await computeAllPairsCentrality(network.compact, { threads: 2 }).result;
    expect(
      Math.abs((figures?.averageShortestPathLength as number) - reference.structure.averageShortestPathLength),
    ).toBeLessThanOrEqual(1e-9);
    expect(figures).toMatchObject({ diameter: reference.structure.diameter, exact: true });
  }, 120_000);
});
