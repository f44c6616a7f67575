import { describe, expect, it } from 'vitest';
import { bundledApp, query } from '../helpers/app.ts';
import { windowsExpected } from '../reference/windows-expected.ts';

/**
 * `constraint` / `effectiveSize` with and without `weighting`, on the bundled seed: unweighted by
 * default (NetworkX's defaults, checked elsewhere), weighted when a weighting is given, as NetworkX's
 * constraint(G, weight="weight") / effective_size(G, weight="weight") on the graph whose weights are
 * that weighting's strengths (tests/reference/windows_reference.py).
 */
const app = bundledApp();
const enumOf = { jointPapers: 'JOINT_PAPERS', fractional: 'FRACTIONAL' } as const;

function expectClose(actual: number, wanted: number, label: string): void {
  expect(Math.abs(actual - wanted), `${label}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(
    1e-12 * Math.max(1, Math.abs(wanted)),
  );
}

describe.each(['jointPapers', 'fractional'] as const)('weighting: %s', (weighting) => {
  const expected = windowsExpected.seed[weighting];

  it("gives every author's weighted constraint and effective size as NetworkX, and the default unweighted", async () => {
    const { centralityRanking } = await query(
      app,
      `query ($w: TieWeighting) { centralityRanking(metric: CONSTRAINT, first: 100) { nodes { author { id centrality {
        constraint(weighting: $w) effectiveSize(weighting: $w) plain: constraint plainSize: effectiveSize
      } } } } }`,
      { w: enumOf[weighting] },
    );
    const nodes = centralityRanking.nodes as {
      author: {
        id: string;
        centrality: { constraint: number; effectiveSize: number; plain: number; plainSize: number };
      };
    }[];
    let differs = 0;
    for (const { author } of nodes) {
      const wanted = (expected.constraint as Record<string, number>)[author.id];
      if (wanted === undefined) continue; // no co-author: NaN in NetworkX
      expectClose(author.centrality.constraint, wanted, `constraint of ${author.id}`);
      expectClose(
        author.centrality.effectiveSize,
        (expected.effectiveSize as Record<string, number>)[author.id] as number,
        `effective size of ${author.id}`,
      );
      if (Math.abs(author.centrality.plain - wanted) > 1e-9) differs += 1;
    }
    expect(nodes.length).toBeGreaterThan(10);
    // Left out, the weighting does not apply: the unweighted values differ from the weighted ones.
    expect(differs).toBeGreaterThan(0);
  });

  it('ranks by the weighted constraint, lowest first, when the ranking is given the weighting', async () => {
    const { centralityRanking } = await query(
      app,
      `query ($w: TieWeighting) { centralityRanking(metric: CONSTRAINT, weighting: $w, first: 5) { nodes { score author { id } } } }`,
      { w: enumOf[weighting] },
    );
    const want = Object.entries(expected.constraint as Record<string, number>)
      // Lowest first, equal scores (to rounding) by id, as the ranking orders them.
      .sort(([a, x], [b, y]) => (Math.abs(x - y) <= 1e-12 * Math.max(1, x, y) ? (a < b ? -1 : 1) : x - y))
      .slice(0, 5);
    centralityRanking.nodes.forEach((node: { score: number; author: { id: string } }, i: number) => {
      expect(node.author.id).toBe(want[i]?.[0]);
      expectClose(node.score, want[i]?.[1] as number, `#${i + 1}`);
    });
  });
});
