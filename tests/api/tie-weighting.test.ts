import { describe, expect, it } from 'vitest';
import { workerThreadWork } from '../../src/work/request-work.ts';
import { bundledApp, query } from '../helpers/app.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { tieWeightingExpected } from '../reference/tie-weighting-expected.ts';

/**
 * `weighting: TieWeighting` through the API, on the bundled seed, against the values of
 * tests/reference/tie_weighting_reference.py (NetworkX's collaboration_weighted_projected_graph for
 * FRACTIONAL, VOSviewer's formula for ASSOCIATION_STRENGTH; see tests/graph/tie-weighting.test.ts).
 */
const app = bundledApp();
const enumOf = { fractional: 'FRACTIONAL', associationStrength: 'ASSOCIATION_STRENGTH' } as const;

function expectClose(actual: number, expected: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-10 * Math.max(1e-6, Math.abs(expected)),
  );
}

/** The reference's ranking of a metric: score descending, then id (as centralityRanking orders). */
function referenceRanking(scores: Record<string, number>): string[] {
  return Object.entries(scores)
    .sort(([a, x], [b, y]) => (Math.abs(x - y) <= 1e-12 * Math.max(1, x, y) ? (a < b ? -1 : 1) : y - x))
    .map(([id]) => id);
}

describe.each(['fractional', 'associationStrength'] as const)('weighting: %s', (weighting) => {
  const expected = tieWeightingExpected.seed[weighting];

  it("gives an author's weighted degree, eigenvector and PageRank under the weighting, and the default unchanged", async () => {
    const { author } = await query(
      app,
      `query ($w: TieWeighting!) { author(id: "david-duvenaud") { centrality {
        weightedDegree(weighting: $w) eigenvector(weighting: $w) pagerank(weighting: $w)
        plain: pagerank degree
      } } }`,
      { w: enumOf[weighting] },
    );
    const { centrality } = author;
    for (const metric of ['weightedDegree', 'eigenvector', 'pagerank'] as const)
      expectClose(centrality[metric], expected[metric]['david-duvenaud'], metric);
    expectClose(centrality.plain, seedExpected.metricsTight.pagerank['David Duvenaud'], 'default pagerank');
  });

  it('ranks authors by PageRank and eigenvector under the weighting', async () => {
    const data = await query(
      app,
      `query ($w: TieWeighting!) {
        pagerank: centralityRanking(metric: PAGERANK, weighting: $w, first: 30) { nodes { rank score author { id } } }
        eigenvector: centralityRanking(metric: EIGENVECTOR, weighting: $w, first: 30) { nodes { score author { id } } }
        betweenness: centralityRanking(metric: BETWEENNESS, weighting: $w, first: 3) { nodes { author { id } } }
        plainBetweenness: centralityRanking(metric: BETWEENNESS, first: 3) { nodes { author { id } } }
      }`,
      { w: enumOf[weighting] },
    );
    for (const metric of ['pagerank', 'eigenvector'] as const) {
      const ranking = (data[metric] as { nodes: { score: number; author: { id: string } }[] }).nodes;
      expect(ranking.map((entry) => entry.author.id)).toEqual(referenceRanking(expected[metric]));
      for (const entry of ranking)
        expectClose(entry.score, expected[metric][entry.author.id as 'david-duvenaud'], metric);
    }
    // Unweighted metrics do not change with the weighting.
    expect(data.betweenness).toEqual(data.plainBetweenness);
  });

  it('gives each co-author tie its strength under the weighting (CoauthorEdge.strength)', async () => {
    const { author } = await query(
      app,
      `query ($w: TieWeighting!) { author(id: "david-duvenaud") { coauthors(first: 100) { edges {
        node { id } jointPaperCount strength(weighting: $w) plain: strength
      } } } }`,
      { w: enumOf[weighting] },
    );
    const reference = new Map(expected.edges.map(([a, b, w]) => [`${a}|${b}`, w]));
    for (const edge of author.coauthors.edges) {
      const key = ['david-duvenaud', edge.node.id].sort().join('|');
      expectClose(edge.strength, reference.get(key) as number, key);
      expect(edge.plain).toBe(edge.jointPaperCount);
    }
    expect(author.coauthors.edges.length).toBeGreaterThan(10);
  });

  it('picks the strongest shortest path under the weighting, with its total strength', async () => {
    for (const path of expected.paths) {
      const { collaborationPath, collaborationPaths } = await query(
        app,
        `query ($from: ID!, $to: ID!, $w: TieWeighting!) {
          collaborationPath(from: $from, to: $to, weighting: $w) { totalStrength authors { id } }
          collaborationPaths(from: $from, to: $to, weighting: $w, first: 1) { nodes { totalStrength authors { id } } }
        }`,
        { from: path.ids[0], to: path.ids[path.ids.length - 1], w: enumOf[weighting] },
      );
      expect(collaborationPath.authors.map((a: { id: string }) => a.id)).toEqual(path.ids);
      expectClose(collaborationPath.totalStrength, path.totalStrength, 'totalStrength');
      expect(collaborationPaths.nodes[0]).toEqual(collaborationPath);
    }
  });

  it('exports edge weights and scores under the weighting (GraphML with double weights)', async () => {
    const { networkExport } = await query(
      app,
      `query ($w: TieWeighting!) { networkExport(format: GRAPHML, weighting: $w) { content } }`,
      { w: enumOf[weighting] },
    );
    const content = networkExport.content as string;
    expect(content).toContain('attr.name="weight" attr.type="double"');
    const edges = [...content.matchAll(/source="([^"]+)" target="([^"]+)"><data key="weight">([^<]+)</g)];
    expect(edges.length).toBe(expected.edges.length);
    const reference = new Map(expected.edges.map(([a, b, w]) => [`${a}|${b}`, w]));
    for (const [, source, target, weight] of edges)
      expectClose(Number(weight), reference.get(`${source}|${target}`) as number, `${source}–${target}`);
    const pagerank = content.match(/<node id="david-duvenaud">.*?<data key="pagerank">([^<]+)</)?.[1];
    expectClose(Number(pagerank), expected.pagerank['david-duvenaud'], 'exported pagerank');
  });
});

describe('weighted scores in worker threads', () => {
  it('are the same as computed in this thread', async () => {
    const text = `{
      centralityRanking(metric: PAGERANK, weighting: FRACTIONAL, first: 30) { nodes { score author { id } } }
      author(id: "jesse-bettencourt") { centrality { eigenvector(weighting: ASSOCIATION_STRENGTH) } }
    }`;
    const expected = await query(app, text);
    const withWorkers = bundledApp({ work: (data) => workerThreadWork(data, { threads: 1 }) });
    try {
      expect(await query(withWorkers, text)).toEqual(expected);
    } finally {
      await withWorkers.dispose();
    }
  });
});
