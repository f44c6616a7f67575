/** Relay cursor connections through GraphQL: both directions, list-specific cursors, `nodes(ids:)`, ids to cache by. */
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { parse } from 'graphql';
import { schema } from '../../src/api/schema.ts';
import { queryCost } from '../../src/http/query-cost.ts';
import { bundledApp, bundledData, failure, query } from '../helpers/app.ts';
import { SEED_DATA_FILE } from '../helpers/networks.ts';

const app = bundledApp();
/** The seed without the alias file: it names one person in two ways, a duplicate candidate. */
const withoutAliases = createApp({
  data: analyzeNetwork(buildNetwork(loadFiles({ files: [SEED_DATA_FILE] }).catalog)),
  logging: false,
});

type Page = {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
};

/** Every id of a connection, read forward with `first`/`after`, then backward with `last`/`before`. */
async function readBothWays(field: (args: string) => string, select: (data: any) => Page, size: number) {
  const forward: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = select(await query(app, field(`first: ${size}${after ? `, after: "${after}"` : ''}`)));
    forward.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const backward: string[] = [];
  let before: string | null = null;
  for (;;) {
    const page = select(await query(app, field(`last: ${size}${before ? `, before: "${before}"` : ''}`)));
    backward.unshift(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor;
  }
  return { forward, backward };
}

const PAGE = 'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

describe('Relay connections', () => {
  it.each([
    ['centralityRanking', (args: string) => `{ c: centralityRanking(metric: PAGERANK, ${args}) { ${PAGE} } }`, 30],
    ['authors', (args: string) => `{ c: authors(${args}) { ${PAGE} } }`, 30],
    ['coauthors', (args: string) => `{ a: author(id: "david-duvenaud") { c: coauthors(${args}) { ${PAGE} } } }`, 29],
    [
      'collaborationPaths',
      (args: string) =>
        `{ c: collaborationPaths(from: "matthew-mackay", to: "fabian-pedregosa", ${args}) { ${PAGE} } }`,
      4,
    ],
  ])('page %s forward and backward to the same list, with every item once', async (_name, field, count) => {
    const select = (data: any): Page => data.c ?? data.a.c;
    const { forward, backward } = await readBothWays(field, select, 3);
    expect(forward).toHaveLength(count);
    expect(new Set(forward).size).toBe(count);
    expect(backward).toEqual(forward);
    const whole = select(await query(app, field('first: 100')));
    expect(whole.totalCount).toBe(count);
    expect(whole.edges.map((edge) => edge.node.id)).toEqual(forward);
  });

  it('gives the same opaque cursor for the same item in every request, and refuses it in another list', async () => {
    const text = '{ centralityRanking(metric: DEGREE, first: 3) { edges { cursor } pageInfo { endCursor } } }';
    const [one, two] = [await query(app, text), await query(app, text)];
    expect(one).toEqual(two);
    const cursor: string = one.centralityRanking.pageInfo.endCursor;
    expect(cursor).not.toMatch(/offset|:/u);
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toMatch(/offset/u);
    for (const other of [
      `{ centralityRanking(metric: PAGERANK, after: "${cursor}") { totalCount } }`,
      `{ authors(before: "${cursor}") { totalCount } }`,
      `{ duplicateAuthorCandidates(after: "${cursor}") { totalCount } }`,
      `{ author(id: "david-duvenaud") { coauthors(after: "${cursor}") { totalCount } } }`,
    ])
      expect(await failure(app, other)).toMatchObject([
        { code: 'BAD_USER_INPUT', argument: expect.stringMatching(/^(after|before)$/u) },
      ]);
    expect(
      (await query(app, `{ centralityRanking(metric: DEGREE, first: 1, after: "${cursor}") { nodes { rank } } }`))
        .centralityRanking.nodes,
    ).toHaveLength(1);
  });

  it("keeps one list of an author's co-authors whatever minJointPapers, so a cursor stays valid across the filter", async () => {
    const all = await query(
      app,
      '{ author(id: "david-duvenaud") { coauthors(first: 2) { edges { id cursor node { id } } } } }',
    );
    const strong = await query(
      app,
      '{ author(id: "david-duvenaud") { coauthors(first: 2, minJointPapers: 2) { edges { id cursor node { id } } } } }',
    );
    expect(strong.author.coauthors.edges).toEqual(all.author.coauthors.edges);
    expect(all.author.coauthors.edges[0].id).toBe(
      `coauthorship:david-duvenaud:${all.author.coauthors.edges[0].node.id}`,
    );
  });

  it('still pages the ranking by the deprecated offset', async () => {
    const all = await query(app, '{ centralityRanking(metric: PAGERANK, first: 30) { nodes { id } } }');
    const page = await query(app, '{ centralityRanking(metric: PAGERANK, first: 5, offset: 10) { nodes { id } } }');
    expect(page.centralityRanking.nodes).toEqual(all.centralityRanking.nodes.slice(10, 15));
  });
});

describe('nodes(ids:)', () => {
  it('answers each id in order, null for an unknown one, and refuses more than 100', async () => {
    const data = await query(
      app,
      '{ nodes(ids: ["paul-vicol", "no-such-id", "david-duvenaud"]) { __typename id ... on Author { name } } }',
    );
    expect(data.nodes).toEqual([
      { __typename: 'Author', id: 'paul-vicol', name: 'Paul Vicol' },
      null,
      { __typename: 'Author', id: 'david-duvenaud', name: 'David Duvenaud' },
    ]);
    const ids = JSON.stringify(Array.from({ length: 101 }, () => 'paul-vicol'));
    expect(await failure(app, `{ nodes(ids: ${ids}) { id } }`)).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'ids' },
    ]);
  });
});

describe('ids for normalized caches', () => {
  it('are unique across types and stable across requests', async () => {
    const text = `{
      graphStats { id }
      networkVersion
      author(id: "paul-vicol") { id centrality { id } }
      centralityRanking(metric: WEIGHTED_DEGREE, first: 1) { nodes { id author { id } } }
      collaborationPath(from: "paul-vicol", to: "jorn-henrik-jacobsen") { id steps { id from { id } to { id } } }
    }`;
    const data = await query(app, text);
    expect(await query(app, text)).toEqual(data);
    expect(data.graphStats.id).toBe(`graph-stats:${data.networkVersion}`);
    expect(data.author.centrality.id).toBe('centrality:paul-vicol');
    const ranked = data.centralityRanking.nodes[0];
    expect(ranked.id).toBe(`ranked:WEIGHTED_DEGREE:${ranked.author.id}`);
    const candidates = await query(
      withoutAliases,
      '{ duplicateAuthorCandidates(first: 1) { nodes { id authors { id } } } }',
    );
    const pair = candidates.duplicateAuthorCandidates.nodes[0];
    expect(pair.id).toBe(`duplicate:${pair.authors[0].id}+${pair.authors[1].id}`);
    const steps = data.collaborationPath.steps;
    expect(data.collaborationPath.id).toMatch(new RegExp(`^path:paul-vicol>.*>jorn-henrik-jacobsen#[0-9a-f]{8}$`, 'u'));
    for (const step of steps)
      expect(step.id).toMatch(new RegExp(`^hop:${step.from.id}>${step.to.id}#[0-9a-f]{8}$`, 'u'));
  });
});

describe('the cost of Relay arguments', () => {
  const data = bundledData();
  const cost = (text: string, variables: Record<string, unknown> = {}) =>
    queryCost(schema, parse(text), variables, null, { data });

  it('prices a page by first or last (the smaller of both), the default page without either, nodes by ids', () => {
    // authors 1, then everything under it (nodes 1 + id 1 + name 1 + pageInfo 1 + hasNextPage 1) × page size.
    expect(cost('{ authors(first: 50) { nodes { id name } pageInfo { hasNextPage } } }')).toBe(1 + 5 * 50);
    expect(cost('{ authors(last: 50) { nodes { id name } pageInfo { hasNextPage } } }')).toBe(1 + 5 * 50);
    expect(cost('{ authors(first: 50, last: 5) { nodes { id name } pageInfo { hasNextPage } } }')).toBe(1 + 5 * 5);
    expect(cost('{ authors { nodes { id name } pageInfo { hasNextPage } } }')).toBe(1 + 5 * 20);
    expect(cost('{ centralityRanking(metric: DEGREE) { nodes { rank } } }')).toBe(1 + 2 * 10);
    expect(cost('query ($n: Int) { centralityRanking(metric: DEGREE, last: $n) { nodes { rank } } }', { n: 40 })).toBe(
      1 + 2 * 40,
    );
    // A path search costs 10, then each path's selection per path the page holds.
    expect(cost('{ collaborationPaths(from: "a", to: "b", last: 3) { nodes { length } } }')).toBe(10 + 2 * 3);
    expect(cost('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).toBe(1 + 3);
  });
});
