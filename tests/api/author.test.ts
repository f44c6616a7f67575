import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';

let app: App;
beforeAll(() => {
  app = bundledApp();
});

describe('author', () => {
  it('finds an author by id', async () => {
    const data = await query(app, '{ author(id: "david-duvenaud") { id name paperCount coauthorCount } }');
    expect(data.author).toEqual({ id: 'david-duvenaud', name: 'David Duvenaud', paperCount: 10, coauthorCount: 29 });
  });

  it('finds an author by any spelling, ignoring case and accents', async () => {
    for (const name of ['Jörn-Henrik Jacobsen', 'jorn-henrik jacobsen', '  JÖRN-HENRIK   JACOBSEN ']) {
      const data = await query(app, 'query($name: String) { author(name: $name) { id } }', { name });
      expect(data.author).toEqual({ id: 'jorn-henrik-jacobsen' });
    }
  });

  it('merges the two spellings of Jonathan Lorraine through the alias file', async () => {
    const data = await query(app, '{ author(name: "Jon Lorraine") { id name nameVariants paperCount } }');
    expect(data.author).toEqual({
      id: 'jonathan-lorraine',
      name: 'Jonathan Lorraine',
      nameVariants: ['Jonathan Lorraine', 'Jon Lorraine'],
      paperCount: 2,
    });
  });

  it('returns null for an unknown id or name', async () => {
    const data = await query(app, '{ a: author(id: "nobody") { id } b: author(name: "No Body") { id } }');
    expect(data).toEqual({ a: null, b: null });
  });

  it('asks for exactly one of id and name', async () => {
    expect(await failure(app, '{ author { id } }')).toMatchObject([{ code: 'BAD_USER_INPUT' }]);
    expect(await failure(app, '{ author(id: "david-duvenaud", name: "David Duvenaud") { id } }')).toMatchObject([
      { code: 'BAD_USER_INPUT' },
    ]);
  });

  it('serves the centrality scores NetworkX computes', async () => {
    const data = await query(
      app,
      '{ author(id: "jacob-kelly") { centrality { degree weightedDegree betweenness closeness harmonic eigenvector pagerank coreness clustering constraint effectiveSize } } }',
    );
    // Eigenvector and PageRank: NetworkX run to convergence (metricsTight).
    const metrics = { ...seedExpected.metrics, ...seedExpected.metricsTight };
    for (const [metric, value] of Object.entries(data.author.centrality)) {
      const want = metrics[metric as keyof typeof metrics]['Jacob Kelly'];
      expect(Math.abs((value as number) - want), metric).toBeLessThanOrEqual(1e-10 * Math.max(1, want));
    }
  });
});

describe('coauthors', () => {
  it('lists co-authors by joint papers, then name, with the joint papers', async () => {
    const data = await query(
      app,
      `{ author(id: "jonathan-lorraine") { coauthors(first: 3) {
      totalCount edges { jointPaperCount node { id } jointPapers { title } } } } }`,
    );
    const { coauthors } = data.author;
    expect(coauthors.totalCount).toBe(5); // Vicol, Pedregosa, Duvenaud, Grosse, MacKay
    // Lorraine wrote both his papers with Duvenaud, Grosse and Vicol; the tie is broken by name.
    expect(coauthors.edges.map((edge: any) => [edge.node.id, edge.jointPaperCount])).toEqual([
      ['david-duvenaud', 2],
      ['paul-vicol', 2],
      ['roger-grosse', 2],
    ]);
    expect(coauthors.edges[0].jointPapers.map((paper: any) => paper.title).sort()).toEqual([
      'On Implicit Bias in Overparameterized Bilevel Optimization',
      'Self-Tuning Networks: Bilevel Optimization of Hyperparameters using Structured Best-Response Functions',
    ]);
  });

  it('filters co-authors by minimum joint papers', async () => {
    const data = await query(
      app,
      '{ author(id: "jonathan-lorraine") { coauthors(minJointPapers: 2) { totalCount } } }',
    );
    expect(data.author.coauthors.totalCount).toBe(3);
  });

  it('pages through co-authors with cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const data: Record<string, any> = await query(
        app,
        `query($after: String) { author(id: "david-duvenaud") {
        coauthors(first: 7, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } } } } }`,
        { after },
      );
      const { coauthors } = data.author;
      expect(coauthors.totalCount).toBe(29);
      expect(coauthors.pageInfo.hasPreviousPage).toBe(page > 0);
      seen.push(...coauthors.edges.map((edge: any) => edge.node.id));
      if (!coauthors.pageInfo.hasNextPage) break;
      after = coauthors.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(29);
    expect(new Set(seen).size).toBe(29);
  });

  it('rejects a page size over 100, a negative one and a forged cursor', async () => {
    expect(
      await failure(app, '{ author(id: "david-duvenaud") { coauthors(first: 101) { totalCount } } }'),
    ).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'first' }]);
    expect(
      await failure(app, '{ author(id: "david-duvenaud") { coauthors(first: -1) { totalCount } } }'),
    ).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'first' }]);
    expect(
      await failure(app, '{ author(id: "david-duvenaud") { coauthors(after: "bm9wZQ") { totalCount } } }'),
    ).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'after' }]);
    expect(
      await failure(app, '{ author(id: "david-duvenaud") { coauthors(minJointPapers: 0) { totalCount } } }'),
    ).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'minJointPapers' }]);
  });
});

describe('collaborationDistance', () => {
  it('counts hops as NetworkX does: 0 to self, 1 to a co-author, 2 through Duvenaud', async () => {
    const data = await query(
      app,
      `{ author(id: "paul-vicol") {
      self: collaborationDistance(to: "paul-vicol") one: collaborationDistance(to: "roger-grosse") two: collaborationDistance(to: "jorn-henrik-jacobsen") } }`,
    );
    expect(data.author).toEqual({ self: 0, one: 1, two: seedExpected.paths[0]!.length });
  });

  it('rejects an unknown target id', async () => {
    expect(await failure(app, '{ author(id: "paul-vicol") { collaborationDistance(to: "nobody") } }')).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'to' },
    ]);
  });
});

describe('authors', () => {
  it('searches names case- and accent-insensitively, every word required', async () => {
    const data = await query(
      app,
      '{ a: authors(search: "jorn") { totalCount nodes { id } } b: authors(search: "david j") { nodes { id } } c: authors(search: "DAVID") { nodes { id } } }',
    );
    expect(data.a).toEqual({ totalCount: 1, nodes: [{ id: 'jorn-henrik-jacobsen' }] });
    expect(data.b.nodes.map((node: any) => node.id)).toEqual(['david-j-fleet']);
    expect(data.c.nodes.map((node: any) => node.id)).toEqual(['david-duvenaud', 'david-j-fleet']);
  });

  it('orders by name by default and by paper count on request', async () => {
    const data = await query(
      app,
      '{ byName: authors(first: 3) { totalCount nodes { name } } byPapers: authors(orderBy: PAPER_COUNT, first: 2) { nodes { name paperCount } } }',
    );
    expect(data.byName.totalCount).toBe(30);
    expect(data.byName.nodes.map((node: any) => node.name)).toEqual([
      'Charlie Nash',
      'David Duvenaud',
      'David J. Fleet',
    ]);
    expect(data.byPapers.nodes).toEqual([
      { name: 'David Duvenaud', paperCount: 10 },
      { name: 'Ricky T. Q. Chen', paperCount: 3 },
    ]);
  });
});
