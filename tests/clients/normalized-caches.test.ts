/**
 * Apollo Client's InMemoryCache and urql's graphcache, configured as the README says
 * (src/clients/cache-policies.ts), against the app (`app.fetch` as their fetch): each fetches an
 * author, pages their co-authors, a path and a ranking, and reads every answer back from its
 * normalized cache, merged pages included, without a warning.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  apolloTypePolicies,
  embeddedTypes,
  graphcacheKeys,
  graphcacheResolvers,
} from '../../src/clients/cache-policies.ts';
import { schema } from '../../src/api/schema.ts';
import { isObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { bundledApp, query } from '../helpers/app.ts';

const URL_ = 'http://yoga/graphql';
const app = bundledApp();
const fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(app.fetch(new Request(input, init)));

const AUTHOR = `query Author($id: ID!) { author(id: $id) { id name paperCount centrality { id pagerank } } }`;
const AUTHOR_BETWEENNESS = `query AuthorBetweenness($id: ID!) { author(id: $id) { id centrality { id betweenness } } }`;
const COAUTHORS = `query Coauthors($id: ID!, $first: Int, $after: String) {
  author(id: $id) {
    id
    coauthors(first: $first, after: $after) {
      totalCount
      edges { id cursor jointPaperCount node { id name } }
      nodes { id name }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
const PATH = `query Path($from: ID!, $to: ID!) {
  collaborationPath(from: $from, to: $to) { id length authors { id name } steps { id from { id } to { id } papers { id title } } }
}`;
const RANKING = `query Ranking($first: Int, $after: String) {
  centralityRanking(metric: PAGERANK, first: $first, after: $after) {
    edges { cursor node { id rank score author { id name } } }
    nodes { id rank }
    pageInfo { hasNextPage endCursor }
  }
}`;
const STATS_AUTHORS = 'query StatsAuthors { graphStats { id authorCount } }';
const STATS_PAPERS = 'query StatsPapers { graphStats { id paperCount } }';

const duvenaud = { id: 'david-duvenaud' };
const path = { from: 'paul-vicol', to: 'jorn-henrik-jacobsen' };

/** What the server answers in one request for what the clients fetch in pages (with `__typename`, as the clients add it). */
async function expected() {
  const withTypes = (text: string) =>
    text.replace(/\{/gu, '{ __typename ').replace(/^query (\w+)(\([^)]*\))? \{ __typename /u, 'query $1$2 { ');
  return {
    author: await query(app, withTypes(AUTHOR), duvenaud),
    coauthors: await query(app, withTypes(COAUTHORS), { ...duvenaud, first: 10 }),
    path: await query(app, withTypes(PATH), path),
    ranking: await query(app, withTypes(RANKING), { first: 6 }),
  };
}

/** urql's `readQuery` leaves out the `__typename`s it added to the query sent. */
function withoutTypenames<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, item) => (key === '__typename' ? undefined : item)) as T;
}

let warnings: unknown[][];
beforeEach(() => {
  warnings = [];
  for (const method of ['warn', 'error'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void warnings.push(args));
});
afterEach(() => vi.restoreAllMocks());

describe('the cache configuration', () => {
  it('is the one the README shows', () => {
    const source = readFileSync(new URL('../../src/clients/cache-policies.ts', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(source.slice(source.indexOf('import type { FieldPolicy')));
  });

  it('declares every object type without an id embedded, and no other', () => {
    const withoutId = Object.values(schema.getTypeMap())
      .filter(
        (type) =>
          isObjectType(type) &&
          !type.name.startsWith('__') &&
          !['Query', 'Mutation', 'Subscription'].includes(type.name),
      )
      .filter((type) => isObjectType(type) && !('id' in type.getFields()))
      .map((type) => type.name)
      .sort();
    expect([...embeddedTypes].sort()).toEqual(withoutId);
  });
});

describe('Apollo Client with the README typePolicies', () => {
  it('reads an author, two pages of co-authors, a path and two pages of a ranking back from its cache', async () => {
    const want = await expected();
    const client = new ApolloClient({
      link: new HttpLink({ uri: URL_, fetch }),
      cache: new InMemoryCache({ typePolicies: apolloTypePolicies }),
    });
    const run = async (text: string, variables: Record<string, unknown>) => {
      const result = await client.query({ query: gql(text), variables, fetchPolicy: 'network-only' });
      expect(result.error).toBeUndefined();
      return result.data as any;
    };
    await run(AUTHOR, duvenaud);
    await run(AUTHOR_BETWEENNESS, duvenaud);
    const page = await run(COAUTHORS, { ...duvenaud, first: 5 });
    await run(COAUTHORS, { ...duvenaud, first: 5, after: page.author.coauthors.pageInfo.endCursor });
    await run(PATH, path);
    const ranking = await run(RANKING, { first: 3 });
    await run(RANKING, { first: 3, after: ranking.centralityRanking.pageInfo.endCursor });
    await run(STATS_AUTHORS, {});
    await run(STATS_PAPERS, {});

    const read = (text: string, variables: Record<string, unknown> = {}) =>
      client.readQuery({ query: gql(text), variables }) as any;
    expect(read(AUTHOR, duvenaud)).toEqual(want.author);
    expect(read(AUTHOR_BETWEENNESS, duvenaud).author.centrality.betweenness).toEqual(expect.any(Number));
    const coauthors = read(COAUTHORS, { ...duvenaud, first: 5 }).author.coauthors;
    expect(coauthors.edges).toEqual(want.coauthors.author.coauthors.edges);
    expect(coauthors.nodes).toEqual(want.coauthors.author.coauthors.nodes);
    expect(read(PATH, path)).toEqual(want.path);
    const ranked = read(RANKING, { first: 3 }).centralityRanking;
    expect(ranked.edges).toEqual(want.ranking.centralityRanking.edges);
    expect(ranked.nodes).toEqual(want.ranking.centralityRanking.nodes);
    // A second query on the same object keeps the first one's fields.
    expect(read(STATS_AUTHORS).graphStats.authorCount).toBe(30);
    // Normalized: the author of the path is the author fetched first.
    expect(
      client.cache.readFragment({ id: 'Author:paul-vicol', fragment: gql('fragment A on Author { id name }') }),
    ).toEqual({
      __typename: 'Author',
      id: 'paul-vicol',
      name: 'Paul Vicol',
    });
    expect(warnings).toEqual([]);
  });
});

describe('urql with graphcache and the README keys and resolvers', () => {
  const client = (config: Parameters<typeof cacheExchange>[0]) =>
    new Client({ url: URL_, fetch, exchanges: [cacheExchange(config), fetchExchange] });

  it('reads an author, two pages of co-authors, a path and two pages of a ranking back from its cache', async () => {
    let want = await expected();
    const urql = client({ keys: graphcacheKeys, resolvers: graphcacheResolvers });
    const run = async (text: string, variables: Record<string, unknown>) => {
      const result = await urql.query(text, variables, { requestPolicy: 'network-only' }).toPromise();
      expect(result.error).toBeUndefined();
      return result.data as any;
    };
    await run(AUTHOR, duvenaud);
    await run(AUTHOR_BETWEENNESS, duvenaud);
    const page = await run(COAUTHORS, { ...duvenaud, first: 5 });
    await run(COAUTHORS, { ...duvenaud, first: 5, after: page.author.coauthors.pageInfo.endCursor });
    await run(PATH, path);
    const ranking = await run(RANKING, { first: 3 });
    await run(RANKING, { first: 3, after: ranking.centralityRanking.pageInfo.endCursor });
    await run(STATS_AUTHORS, {});
    await run(STATS_PAPERS, {});

    const read = (text: string, variables: Record<string, unknown> = {}) => {
      const result = urql.readQuery(text, variables, { requestPolicy: 'cache-only' });
      expect(result?.stale).toBeFalsy();
      return withoutTypenames(result?.data) as any;
    };
    want = withoutTypenames(want);
    expect(read(AUTHOR, duvenaud)).toEqual(want.author);
    const coauthors = read(COAUTHORS, { ...duvenaud, first: 5 }).author.coauthors;
    expect(coauthors.edges).toEqual(want.coauthors.author.coauthors.edges);
    expect(coauthors.nodes).toEqual(want.coauthors.author.coauthors.nodes);
    expect(read(PATH, path)).toEqual(want.path);
    const ranked = read(RANKING, { first: 3 }).centralityRanking;
    expect(ranked.edges).toEqual(want.ranking.centralityRanking.edges);
    expect(ranked.nodes).toEqual(want.ranking.centralityRanking.nodes);
    expect(read(STATS_AUTHORS).graphStats.authorCount).toBe(30);
    // The resolver answers author(id:) for an author cached through another query (the path's).
    expect(read('query A($id: ID!) { author(id: $id) { id name } }', { id: 'paul-vicol' }).author.name).toBe(
      'Paul Vicol',
    );
    expect(warnings).toEqual([]);
  });

  it('warns about an id-less type without the keys (so the test above would see a missing one)', async () => {
    const urql = client({ resolvers: graphcacheResolvers });
    await urql.query('{ graphStats { id centralityProgress { phase } } }', {}).toPromise();
    expect(warnings.map((args) => String(args[0])).join('\n')).toMatch(/Invalid key/u);
  });
});
