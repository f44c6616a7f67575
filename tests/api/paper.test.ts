import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';
import { tempFiles } from '../helpers/files.ts';

let app: App;
beforeAll(() => {
  app = bundledApp();
});

const residualFlows = 'residual-flows-for-invertible-generative-modeling';

describe('paper', () => {
  it('returns a paper with its byline in order and where it was read', async () => {
    const data = await query(
      app,
      `{ paper(id: "${residualFlows}") { id title year abstract authorCount authors { name } source { file line } } }`,
    );
    expect(data.paper).toMatchObject({
      id: residualFlows,
      title: 'Residual Flows for Invertible Generative Modeling',
      year: null,
      authorCount: 4,
      authors: [
        { name: 'Ricky T. Q. Chen' },
        { name: 'Jens Behrmann' },
        { name: 'David Duvenaud' },
        { name: 'Jörn-Henrik Jacobsen' },
      ],
      source: { file: 'duvenaud-publications.txt', line: 25 },
    });
    expect(data.paper.abstract).toMatch(/^Flow-based generative models/u);
  });

  it('returns null for an unknown id', async () => {
    expect(await query(app, '{ paper(id: "nope") { id } }')).toEqual({ paper: null });
  });
});

describe("paper by a merged record's id", () => {
  it('finds a paper by the id of a duplicate record merged into it', async () => {
    const files = tempFiles({
      'a.json': JSON.stringify([{ id: 'acl-1', title: 'Shared Paper', authors: ['A B', 'C D'] }]),
      'b.json': JSON.stringify([{ id: '10.1/shared', title: 'Shared paper', authors: ['A B', 'C D'], year: 2020 }]),
    });
    const loaded = loadData({
      files: [files['a.json']!, files['b.json']!],
      aliasFile: null,
      inputFormat: null,
      maxAuthorsPerPaper: null,
    });
    const merged = createApp({ data: analyzeNetwork(loaded.network), logging: false });
    const data = await query(
      merged,
      '{ paper(id: "10.1/shared") { id alternateIds year sources { file } } node(id: "10.1/shared") { id } }',
    );
    expect(data).toEqual({
      paper: {
        id: 'acl-1',
        alternateIds: ['10.1/shared'],
        year: 2020,
        sources: [{ file: 'a.json' }, { file: 'b.json' }],
      },
      node: { id: 'acl-1' },
    });
  });
});

describe('papers', () => {
  it('lists all ten papers and searches titles case- and accent-insensitively', async () => {
    const data = await query(
      app,
      '{ all: papers(first: 100) { totalCount } some: papers(search: "BILEVEL optimization") { nodes { id } } }',
    );
    expect(data.all.totalCount).toBe(10);
    expect(data.some.nodes.map((paper: any) => paper.id).sort()).toEqual([
      'on-implicit-bias-in-overparameterized-bilevel-optimization',
      'self-tuning-networks-bilevel-optimization-of-hyperparameters-using-structured',
    ]);
  });

  it('filters by author', async () => {
    const data = await query(app, '{ papers(author: "jens-behrmann") { totalCount nodes { title } } }');
    expect(data.papers.totalCount).toBe(2);
    expect(data.papers.nodes.map((paper: any) => paper.title)).toEqual([
      'Invertible Residual Networks',
      'Residual Flows for Invertible Generative Modeling',
    ]);
  });

  it('leaves out papers without a year when a year range is asked for', async () => {
    expect(await query(app, '{ papers(yearFrom: 2000) { totalCount } }')).toEqual({ papers: { totalCount: 0 } });
  });

  it('rejects an unknown author and an empty year range', async () => {
    expect(await failure(app, '{ papers(author: "nobody") { totalCount } }')).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'author' },
    ]);
    expect(await failure(app, '{ papers(yearFrom: 2020, yearTo: 2019) { totalCount } }')).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'yearFrom' },
    ]);
  });
});

describe('node', () => {
  it('resolves author and paper ids to their types, unknown ids to null', async () => {
    const data = await query(
      app,
      `{
      a: node(id: "david-duvenaud") { __typename id ... on Author { name } }
      p: node(id: "${residualFlows}") { __typename id ... on Paper { title } }
      n: node(id: "nothing") { id } }`,
    );
    expect(data).toEqual({
      a: { __typename: 'Author', id: 'david-duvenaud', name: 'David Duvenaud' },
      p: { __typename: 'Paper', id: residualFlows, title: 'Residual Flows for Invertible Generative Modeling' },
      n: null,
    });
  });
});
