import { describe, expect, it } from 'vitest';
import { computeWeightedStructure } from '../../src/analysis/centrality.ts';
import { countTriangles } from '../../src/analysis/triangles.ts';
import {
  constraint,
  effectiveSize,
  weightedConstraint,
  weightedEffectiveSize,
} from '../../src/analysis/structural-holes.ts';
import { buildCompactGraph } from '../../src/graph/compact-graph.ts';
import { listColumn } from '../../src/graph/columns.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { windowsExpected } from '../reference/windows-expected.ts';

/**
 * Burt's constraint and effective size with tie strengths, against NetworkX's constraint(G,
 * weight="weight") and effective_size(G, weight="weight") on the ACL 2016 slice under joint papers and
 * fractional counting (tests/reference/windows_reference.py; the seed's values are checked through the API).
 */
function expectClose(actual: number, wanted: number, label: string): void {
  expect(Math.abs(actual - wanted), `${label}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(wanted)),
  );
}

describe('weighted structural holes', () => {
  it('equal the unweighted measures when every tie weighs 1', () => {
    // A triangle 0-1-2 with a pendant 3 on 2, and 4 alone.
    const graph = buildCompactGraph({
      order: 5,
      bylines: listColumn([Int32Array.of(0, 1, 2), Int32Array.of(2, 3), Int32Array.of(4)]),
      maxAuthorsPerPaper: null,
    });
    const ones = new Float64Array(graph.neighbors.length).fill(1);
    const triangles = countTriangles(graph);
    expect([...weightedConstraint(graph, ones)]).toEqual(
      [...constraint(graph, triangles)].map((v) => expect.closeTo(v, 14)),
    );
    expect([...weightedEffectiveSize(graph, ones)]).toEqual(
      [...effectiveSize(graph, triangles)].map((v) => expect.closeTo(v, 14)),
    );
    // Author 2 (ties to 0, 1, 3): NetworkX gives constraint 0.6111… = 2·(1/3 + 1/6)² + (1/3)², effective size 7/3.
    expect(weightedConstraint(graph, ones)[2]).toBeCloseTo(2 * (1 / 3 + 1 / 6) ** 2 + (1 / 3) ** 2, 14);
    expect(weightedEffectiveSize(graph, ones)[2]).toBeCloseTo(3 - 2 / 3, 14);
  });

  it('weigh a strong tie: a pendant tie of weight 3 against two of weight 1', () => {
    // 0-1 three joint papers, 0-2 and 1-2 one each.
    const graph = buildCompactGraph({
      order: 3,
      bylines: listColumn([Int32Array.of(0, 1), Int32Array.of(0, 1), Int32Array.of(0, 1, 2)]),
      maxAuthorsPerPaper: null,
    });
    // By hand: s_0 = 4 (w01 = 3, w02 = 1), s_2 = 2; p_01 = 3/4, p_02 = 1/4, p_21 = 1/2, p_12 = 1/4.
    // c_0 = (3/4 + 1/4·1/2)² + (1/4 + 3/4·1/4)² = (7/8)² + (7/16)².
    expect(weightedConstraint(graph, graph.weights)[0]).toBeCloseTo((7 / 8) ** 2 + (7 / 16) ** 2, 14);
    // Effective size of 0: (1 − p_02·m_12) + (1 − p_01·m_21) = (1 − 1/4·1/3) + (1 − 3/4·1).
    expect(weightedEffectiveSize(graph, graph.weights)[0]).toBeCloseTo(1 - 1 / 12 + (1 - 3 / 4), 14);
  });

  describe.each(['jointPapers', 'fractional'] as const)('on the ACL 2016 slice, weighting %s', (weighting) => {
    const network = loadAclSliceNetwork();
    const scores = computeWeightedStructure(network, weighting);
    const expected = windowsExpected.aclSlice[weighting];

    it.each(['constraint', 'effectiveSize'] as const)('%s as NetworkX with weight="weight"', (metric) => {
      for (const [id, value] of expected[metric]) {
        const row = network.authorIndex.get(id) as number;
        expectClose(scores[metric][row] as number, value, `${metric} of ${id}`);
      }
      // The extreme ten as NetworkX's (lowest constraint, largest effective size), authors with co-authors only.
      const order = network.authorIds
        .map(
          (id, row) =>
            [
              id,
              scores[metric][row] as number,
              network.compact.offsets[row + 1]! - network.compact.offsets[row]!,
            ] as const,
        )
        .filter(([, , degree]) => degree > 0)
        .sort(([a, x], [b, y]) => (metric === 'constraint' ? x - y : y - x) || (a < b ? -1 : 1))
        .slice(0, 10)
        .map(([id]) => id);
      expect(order).toEqual(expected[metric].map(([id]) => id));
    });
  });
});
