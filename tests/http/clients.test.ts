/**
 * The mainstream GraphQL clients, as front-end developers use them, against the app (their `fetch`
 * is `app.fetch`): urql (its default: queries by GET without a content type) and Apollo Client
 * (JSON POSTs, and GETs with its preflight header), with automatic persisted queries through
 * urql's `persistedExchange` and Apollo's `PersistedQueryLink`; graphql-request for an export.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { createHash } from 'node:crypto';
import { GraphQLClient } from 'graphql-request';
import { describe, expect, it } from 'vitest';
import { workerThreadWork } from '../../src/work/request-work.ts';
import { bundledApp } from '../helpers/app.ts';

const URL_ = 'http://yoga/graphql';
const STATS = 'query Stats { graphStats { authorCount } }';
const AUTHOR = 'query Author($name: String!) { author(name: $name) { id name coauthorCount } }';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `app.fetch` as a client's fetch, recording what was sent and answered. */
function recordingFetch(app = bundledApp()) {
  const sent: { method: string; url: string; contentType: string | null; body: string | null; status: number }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.method === 'POST' ? await request.clone().text() : null;
    const response = await app.fetch(request);
    sent.push({
      method: request.method,
      url: request.url,
      contentType: request.headers.get('content-type'),
      body,
      status: response.status,
    });
    return response;
  };
  return { fetch, sent };
}

describe('urql', () => {
  it('runs queries with its defaults (GET without a content type or CSRF header)', async () => {
    const { fetch, sent } = recordingFetch();
    const client = new Client({ url: URL_, fetch, exchanges: [cacheExchange, fetchExchange] });
    const stats = await client.query(STATS, {}).toPromise();
    expect(stats.error).toBeUndefined();
    expect(stats.data).toEqual({ graphStats: { __typename: 'GraphStats', authorCount: 30 } });
    const author = await client.query(AUTHOR, { name: 'David Duvenaud' }).toPromise();
    expect(author.data?.author).toEqual({
      __typename: 'Author',
      id: 'david-duvenaud',
      name: 'David Duvenaud',
      coauthorCount: expect.any(Number),
    });
    expect(sent.map(({ method, contentType, status }) => ({ method, contentType, status }))).toEqual([
      { method: 'GET', contentType: null, status: 200 },
      { method: 'GET', contentType: null, status: 200 },
    ]);
  });

  it('speaks automatic persisted queries through persistedExchange: a miss, then the query registered, then the hash alone', async () => {
    const { fetch, sent } = recordingFetch();
    const client = () =>
      new Client({
        url: URL_,
        fetch,
        requestPolicy: 'network-only',
        exchanges: [persistedExchange({ preferGetForPersistedQueries: true }), fetchExchange],
      });
    const first = await client().query(STATS, {}).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data?.graphStats.authorCount).toBe(30);
    const again = await client().query(STATS, {}).toPromise();
    expect(again.data?.graphStats.authorCount).toBe(30);
    expect(
      sent.map(({ method, url, status }) => ({
        method,
        hashOnly: !url.includes('query='),
        hash: decodeURIComponent(url).includes('sha256Hash'),
        status,
      })),
    ).toEqual([
      { method: 'GET', hashOnly: true, hash: true, status: 404 }, // PERSISTED_QUERY_NOT_FOUND
      { method: 'GET', hashOnly: false, hash: true, status: 200 }, // registered
      { method: 'GET', hashOnly: true, hash: true, status: 200 }, // known
    ]);
  });
});

describe('Apollo Client', () => {
  it('runs queries by JSON POST, and by GET with its preflight header', async () => {
    const { fetch, sent } = recordingFetch();
    const post = new ApolloClient({ link: new HttpLink({ uri: URL_, fetch }), cache: new InMemoryCache() });
    const stats = await post.query({ query: gql(STATS) });
    expect(stats.data).toEqual({ graphStats: { __typename: 'GraphStats', authorCount: 30 } });
    const get = new ApolloClient({
      link: new HttpLink({ uri: URL_, fetch, useGETForQueries: true, headers: { 'apollo-require-preflight': 'true' } }),
      cache: new InMemoryCache(),
    });
    const author = await get.query({ query: gql(AUTHOR), variables: { name: 'David Duvenaud' } });
    expect((author.data as { author: { id: string } }).author.id).toBe('david-duvenaud');
    expect(sent.map(({ method, status }) => ({ method, status }))).toEqual([
      { method: 'POST', status: 200 },
      { method: 'GET', status: 200 },
    ]);
  });

  it('speaks automatic persisted queries through PersistedQueryLink', async () => {
    const { fetch, sent } = recordingFetch();
    const client = () =>
      new ApolloClient({
        link: new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: URL_, fetch })),
        cache: new InMemoryCache(),
      });
    expect((await client().query({ query: gql(STATS) })).data).toEqual({
      graphStats: { __typename: 'GraphStats', authorCount: 30 },
    });
    expect((await client().query({ query: gql(STATS) })).data).toEqual({
      graphStats: { __typename: 'GraphStats', authorCount: 30 },
    });
    expect(sent.map(({ body, status }) => ({ withQuery: (body ?? '').includes('"query"'), status }))).toEqual([
      { withQuery: false, status: 404 },
      { withQuery: true, status: 200 },
      { withQuery: false, status: 200 },
    ]);
  });
});

describe('graphql-request', () => {
  it('reads a networkExport made in a worker thread (JSON, not application/octet-stream)', async () => {
    const withWorkers = bundledApp({ work: (data) => workerThreadWork(data, { threads: 1 }) });
    try {
      const { fetch, sent } = recordingFetch(withWorkers);
      let contentType: string | null = null;
      const client = new GraphQLClient(URL_, {
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          contentType = response.headers.get('content-type');
          return response;
        },
      });
      const data = await client.request<{ networkExport: { fileName: string; content: string } }>(
        '{ networkExport(format: GEXF) { fileName mediaType content } }',
      );
      expect(data.networkExport.fileName).toBe('coauthor-network.gexf');
      expect(data.networkExport.content).toContain('<gexf');
      expect(sent).toHaveLength(1);
      expect(contentType).toMatch(/^application\/(graphql-response\+)?json/u);
    } finally {
      await withWorkers.dispose();
    }
  });
});
