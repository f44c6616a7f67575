import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';

let app: App;
beforeAll(() => {
  app = bundledApp();
});

const pathQuery = `query($from: ID!, $to: ID!, $avoidAuthors: [ID!], $avoidPapers: [ID!]) {
  collaborationPath(from: $from, to: $to, avoidAuthors: $avoidAuthors, avoidPapers: $avoidPapers) {
    length totalJointPapers authors { id } steps { from { id } to { id } jointPaperCount papers { id } } } }`;

describe('collaborationPath', () => {
  // Expected paths: NetworkX all_shortest_paths, the one with the most joint papers, then by ids
  // (tests/reference/networkx_reference.py).
  it.each([...seedExpected.paths, ...seedExpected.extraPaths].map((path) => [path.from, path.to, path]))(
    'finds the strongest shortest path from %s to %s, as the NetworkX reference does',
    async (_from, _to, expected) => {
      const ids = seedExpected.authorIds as Record<string, string>;
      const data = await query(app, pathQuery, { from: ids[expected.from], to: ids[expected.to] });
      const path = data.collaborationPath;
      expect(path.length).toBe(expected.length);
      expect(path.authors.map((author: any) => author.id)).toEqual(expected.weightiestShortestPath!.ids);
      expect(path.totalJointPapers).toBe(expected.weightiestShortestPath!.totalJointPapers);
      expect(path.steps.map((step: any) => step.jointPaperCount)).toEqual(expected.weightiestShortestPath!.hopWeights);
      for (const step of path.steps) expect(step.papers).toHaveLength(step.jointPaperCount);
    },
  );

  it('shows the joint papers behind each hop', async () => {
    const data = await query(app, pathQuery, { from: 'paul-vicol', to: 'jorn-henrik-jacobsen' });
    expect(data.collaborationPath.steps).toEqual([
      {
        from: { id: 'paul-vicol' },
        to: { id: 'david-duvenaud' },
        jointPaperCount: 2,
        papers: [
          { id: 'on-implicit-bias-in-overparameterized-bilevel-optimization' },
          { id: 'self-tuning-networks-bilevel-optimization-of-hyperparameters-using-structured' },
        ],
      },
      {
        from: { id: 'david-duvenaud' },
        to: { id: 'jorn-henrik-jacobsen' },
        jointPaperCount: 2,
        papers: [{ id: 'invertible-residual-networks' }, { id: 'residual-flows-for-invertible-generative-modeling' }],
      },
    ]);
  });

  it('goes around avoided authors, and answers null when nothing is left', async () => {
    // Behrmann and Xu are joined through Duvenaud (3 joint papers) or through Chen (2).
    const around = await query(app, pathQuery, {
      from: 'jens-behrmann',
      to: 'winnie-xu',
      avoidAuthors: ['david-duvenaud'],
    });
    expect(around.collaborationPath.authors.map((author: any) => author.id)).toEqual([
      'jens-behrmann',
      'ricky-t-q-chen',
      'winnie-xu',
    ]);
    const none = await query(app, pathQuery, {
      from: 'paul-vicol',
      to: 'jorn-henrik-jacobsen',
      avoidAuthors: ['david-duvenaud'],
    });
    expect(none.collaborationPath).toBeNull();
  });

  it('drops a hop when all its joint papers are avoided and leaves out avoided papers from a hop', async () => {
    const data = await query(app, pathQuery, {
      from: 'paul-vicol',
      to: 'roger-grosse',
      avoidPapers: ['on-implicit-bias-in-overparameterized-bilevel-optimization'],
    });
    expect(data.collaborationPath.steps).toEqual([
      {
        from: { id: 'paul-vicol' },
        to: { id: 'roger-grosse' },
        jointPaperCount: 1,
        papers: [{ id: 'self-tuning-networks-bilevel-optimization-of-hyperparameters-using-structured' }],
      },
    ]);
  });

  it('is a path of length 0 from an author to themself', async () => {
    const data = await query(app, pathQuery, { from: 'winnie-xu', to: 'winnie-xu' });
    expect(data.collaborationPath).toEqual({
      length: 0,
      totalJointPapers: 0,
      authors: [{ id: 'winnie-xu' }],
      steps: [],
    });
  });

  it('rejects unknown ids and avoiding an endpoint', async () => {
    expect(await failure(app, pathQuery, { from: 'nobody', to: 'winnie-xu' })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'from' },
    ]);
    expect(await failure(app, pathQuery, { from: 'winnie-xu', to: 'nobody' })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'to' },
    ]);
    expect(await failure(app, pathQuery, { from: 'winnie-xu', to: 'jimmy-ba', avoidAuthors: ['ghost'] })).toMatchObject(
      [{ code: 'BAD_USER_INPUT', argument: 'avoidAuthors' }],
    );
    expect(await failure(app, pathQuery, { from: 'winnie-xu', to: 'jimmy-ba', avoidPapers: ['ghost'] })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'avoidPapers' },
    ]);
    expect(
      await failure(app, pathQuery, { from: 'winnie-xu', to: 'jimmy-ba', avoidAuthors: ['jimmy-ba'] }),
    ).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'avoidAuthors' }]);
  });
});

describe('collaborationPaths', () => {
  it('lists every shortest path NetworkX finds, strongest first', async () => {
    // Matthew MacKay → Fabian Pedregosa: four shortest paths, all with 2 joint papers (reference extraPaths[2]).
    const expected = seedExpected.extraPaths[2]!;
    const ids = seedExpected.authorIds as Record<string, string>;
    const data = await query(
      app,
      'query($from: ID!, $to: ID!) { collaborationPaths(from: $from, to: $to) { nodes { length totalJointPapers authors { id } } } }',
      { from: ids[expected.from], to: ids[expected.to] },
    );
    const found = data.collaborationPaths.nodes.map((path: any) => path.authors.map((author: any) => author.id));
    expect([...found].sort()).toEqual([...expected.allShortestPathIds].map((path) => [...path]).sort());
    expect(found[0]).toEqual(expected.weightiestShortestPath!.ids);
    const weights = data.collaborationPaths.nodes.map((path: any) => path.totalJointPapers);
    expect(weights).toEqual([...weights].sort((a: number, b: number) => b - a));
  });

  it('stops at first and rejects more than 100', async () => {
    const data = await query(
      app,
      '{ collaborationPaths(from: "matthew-mackay", to: "fabian-pedregosa", first: 2) { nodes { length } } }',
    );
    expect(data.collaborationPaths.nodes).toHaveLength(2);
    expect(
      await failure(
        app,
        '{ collaborationPaths(from: "matthew-mackay", to: "fabian-pedregosa", first: 101) { nodes { length } } }',
      ),
    ).toMatchObject([{ code: 'BAD_USER_INPUT', argument: 'first' }]);
  });
});
