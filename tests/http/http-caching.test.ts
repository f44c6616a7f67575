/**
 * HTTP caching and compression: ETags from the network version and the operation, 304 for
 * If-None-Match, Cache-Control on GET answers (no-store while centrality is estimated), the bounded
 * server-side response cache, gzip and brotli above a threshold, hashed immutable explorer assets.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type AnalyzedNetwork, analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { boundedAnswerStore, mayHoldEstimates } from '../../src/http/answer-caching.ts';
import { COMPRESSION_THRESHOLD_BYTES, chooseEncoding, compressedMemo } from '../../src/http/compression.ts';
import { networkVersion } from '../../src/http/network-version.ts';
import { computeLocalCentrality } from '../../src/analysis/centrality.ts';
import { provisionalLocal } from '../../src/analysis/provisional-local.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { type Catalog, buildCatalog } from '../../src/ingest/catalog.ts';
import { type IdentityDecision, applyIdentityDecisions } from '../../src/ingest/identity-decisions.ts';
import { curationRecord } from '../helpers/networks.ts';
import { bundledApp, bundledData } from '../helpers/app.ts';

const URL_ = 'http://yoga/graphql';
const get = (
  app: ReturnType<typeof bundledApp>,
  text: string,
  headers: Record<string, string> = {},
  variables?: Record<string, unknown>,
) =>
  app.fetch(
    `${URL_}?query=${encodeURIComponent(text)}${variables ? `&variables=${encodeURIComponent(JSON.stringify(variables))}` : ''}`,
    { headers },
  );

describe('ETag and Cache-Control', () => {
  const data = bundledData();
  const app = bundledApp({ data, http: { cacheMaxAge: 120 } });

  it('tags an answer with the network version and the operation, and answers If-None-Match with 304', async () => {
    const text = 'query Find($name: String!) { author(name: $name) { id name } }';
    const first = await get(app, text, {}, { name: 'David Duvenaud' });
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(new RegExp(`^"${networkVersion(data)}-[\\w-]+"$`, 'u'));
    expect(first.headers.get('cache-control')).toBe('public, max-age=120');
    expect(first.headers.get('vary')).toContain('Accept');
    expect((await get(app, text, {}, { name: 'Ryan Adams' })).headers.get('etag')).not.toBe(tag); // other variables
    expect((await get(app, '{ graphStats { authorCount } }')).headers.get('etag')).not.toBe(tag); // another operation
    const again = await get(app, text, { 'if-none-match': tag }, { name: 'David Duvenaud' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=120');
    // a POST gets the same tag and 304, without Cache-Control
    const post = await app.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': tag },
      body: JSON.stringify({ query: text, variables: { name: 'David Duvenaud' } }),
    });
    expect(post.status).toBe(304);
    expect(post.headers.get('cache-control')).toBeNull();
  });

  it('answers 304 for an answer that is not kept in the cache (an export) too, after running it', async () => {
    const text = '{ networkExport(format: VOSVIEWER, center: "david-duvenaud") { fileName } }';
    const tag = (await get(app, text)).headers.get('etag')!;
    expect(tag).not.toBeNull();
    expect((await get(app, text, { 'if-none-match': `"other", ${tag}` })).status).toBe(304);
  });

  it('tags no answer with errors', async () => {
    const response = await get(app, '{ authors(first: 1000) { totalCount } }');
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBeNull();
  });

  it('says no-store, with no ETag, for an answer that holds estimates while the exact pass runs', async () => {
    const estimating: AnalyzedNetwork = { ...data, progress: () => ({ ...data.progress(), phase: 'exact-pass' }) };
    const app = bundledApp({ data: estimating });
    for (const text of [
      '{ author(id: "paul-vicol") { centrality { betweenness } } }',
      'query { ...F } fragment F on Query { graphStats { diameter } }',
      '{ centralityRanking(metric: DEGREE, first: 1) { nodes { author { id } } } }',
    ]) {
      const response = await get(app, text);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('etag')).toBeNull();
    }
    // An answer without estimates is final at once: tagged, cacheable, kept in the response cache.
    const plain = await get(app, '{ graphStats { authorCount } author(id: "paul-vicol") { centrality { pagerank } } }');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=60');
    expect(plain.headers.get('etag')).toMatch(/^"/u);
    expect(mayHoldEstimates('{ author(id: "x") { name coauthors { nodes { id } } } }')).toBe(false);
    expect(mayHoldEstimates('{ networkExport(format: GEXF) { content } }')).toBe(true);
    expect(mayHoldEstimates('not a query')).toBe(true);
  });

  it('says no-cache for --cache-max-age 0', async () => {
    expect(
      (await get(bundledApp({ data, http: { cacheMaxAge: 0 } }), '{ graphStats { authorCount } }')).headers.get(
        'cache-control',
      ),
    ).toBe('no-cache');
  });
});

describe('the server-side response cache', () => {
  it('answers a repeated operation from memory, keyed by the network served: a new network gets its own answers', async () => {
    const data = bundledData();
    let resolved = 0;
    const counting = (served: AnalyzedNetwork): AnalyzedNetwork => ({
      ...served,
      centralityFor: (metric) => {
        resolved += 1;
        return served.centralityFor(metric);
      },
    });
    let served = counting(data);
    const app = bundledApp({ data: served, dataSource: () => served });
    const text =
      '{ centralityRanking(metric: PAGERANK, first: 1) { nodes { author { id } } } graphStats { authorCount } }';
    const first = await (await get(app, text)).json();
    expect(resolved).toBe(1);
    expect(await (await get(app, text)).json()).toEqual(first);
    expect(resolved).toBe(1); // from the cache
    served = counting(
      analyzeNetwork(loadData(checkConfig(['--data', 'tests/fixtures/three-papers/papers.json'])).network),
    );
    expect(networkVersion(served)).not.toBe(networkVersion(data));
    const swapped = (await (await get(app, text)).json()) as { data: { graphStats: { authorCount: number } } };
    expect(resolved).toBe(2);
    expect(swapped.data.graphStats.authorCount).not.toBe(30);
    const withoutCache = bundledApp({ data: counting(data), http: { responseCache: false } });
    await get(withoutCache, text);
    await get(withoutCache, text);
    expect(resolved).toBe(4);
  });

  it('is bounded by the size of what it holds, dropping the least recently used', () => {
    const store = boundedAnswerStore(8 * 100);
    const result = (n: number) => ({ data: { text: 'x'.repeat(n) } });
    void store.set('a', result(60), [], Infinity);
    void store.set('b', result(60), [], Infinity);
    expect(store.get('a')).not.toBeNull(); // a is now the most recently used
    for (const key of ['c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']) void store.set(key, result(60), [], Infinity);
    expect(store.bytes).toBeLessThanOrEqual(800);
    expect(store.get('b')).toBeNull();
    expect(store.get('l')).not.toBeNull();
    void store.set('huge', result(200), [], Infinity); // over an eighth of the bound: not kept
    expect(store.get('huge')).toBeNull();
  });
});

describe('compression', () => {
  const app = bundledApp();
  const network =
    '{ collaborationNetwork(center: "david-duvenaud", depth: 2) { nodes { author { id name } x y } edges { source target } } }';

  it('chooses brotli, then gzip, as the client accepts them', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding(null)).toBeNull();
  });

  it('compresses an answer with brotli or gzip when asked, to the same JSON', async () => {
    const plain = await get(app, network);
    const text = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const response = await get(app, network, { 'accept-encoding': encoding });
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = Buffer.from(await response.arrayBuffer());
      expect(decode(body).toString('utf8')).toBe(text);
      expect(body.byteLength * 4).toBeLessThan(text.length);
      expect(Number(response.headers.get('content-length'))).toBe(body.byteLength);
    }
  });

  it('keeps compressed bodies by ETag, bounded by their size, least recently used dropped first', () => {
    const memo = compressedMemo(800);
    memo.set('"a" br', Buffer.alloc(90));
    memo.set('"b" br', Buffer.alloc(90));
    expect(memo.get('"a" br')?.byteLength).toBe(90);
    for (let i = 0; i < 8; i += 1) memo.set(`"c${i}" br`, Buffer.alloc(90));
    expect(memo.get('"b" br')).toBeUndefined();
    expect(memo.get('"c7" br')?.byteLength).toBe(90);
    memo.set('"huge" br', Buffer.alloc(101)); // over an eighth of the bound
    expect(memo.get('"huge" br')).toBeUndefined();
  });

  it('sends a repeated answer compressed the same way', async () => {
    const first = Buffer.from(await (await get(app, network, { 'accept-encoding': 'br' })).arrayBuffer());
    const again = await get(app, network, { 'accept-encoding': 'br' });
    expect(again.headers.get('content-encoding')).toBe('br');
    expect(Buffer.from(await again.arrayBuffer()).equals(first)).toBe(true);
  });

  it('leaves small answers as they are', async () => {
    const response = await get(app, '{ graphStats { authorCount } }', { 'accept-encoding': 'br, gzip' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await response.text()).length).toBeLessThan(COMPRESSION_THRESHOLD_BYTES);
  });
});

describe("the explorer's assets", () => {
  const app = bundledApp();

  it('are linked under hashed names, served immutable and compressed, and revalidated under their plain names', async () => {
    const page = await (await app.fetch('http://yoga/')).text();
    const script = /src="(\/explorer\/explorer\.[0-9a-f]{16}\.js)"/u.exec(page)![1]!;
    const hashed = await app.fetch(`http://yoga${script}`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers.get('content-encoding')).toBe('br');
    const code = brotliDecompressSync(Buffer.from(await hashed.arrayBuffer())).toString('utf8');
    const plain = await app.fetch('http://yoga/explorer/explorer.js');
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    expect(await plain.text()).toBe(code);
    const tag = plain.headers.get('etag')!;
    expect((await app.fetch('http://yoga/explorer/explorer.js', { headers: { 'if-none-match': tag } })).status).toBe(
      304,
    );
    expect((await app.fetch('http://yoga/explorer/explorer.0000000000000000.js')).status).toBe(404);
  });
});

/**
 * `catalog` analyzed, then `merge` applied as a replica's curation step applies it: the merged network
 * served at once with the previous version's local metrics (stale), its own computed only after `open()`.
 */
async function afterMerge(catalog: Catalog, merge: IdentityDecision) {
  const previous = analyzeNetwork(buildNetwork(catalog), { mode: 'in-thread' });
  const merged = buildNetwork(applyIdentityDecisions(catalog, [merge]).catalog);
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const next = analyzeNetwork(merged, {
    mode: 'in-thread',
    local: provisionalLocal(merged, {
      network: previous.network,
      columns: (await previous.centrality()).columns(),
      figures: previous.stats,
    }),
    freshLocal: opened.then(() => computeLocalCentrality(merged)),
  });
  return { previous, merged, next, open };
}

describe('answers holding local metrics that are stale after a curation step', () => {
  const record = curationRecord;
  const catalog = buildCatalog([
    record('p1', ['A', 'B'], 1),
    record('p2', ['B', 'C'], 2),
    record('p3', ['C', 'D'], 3),
    record('p4', ['A', 'B', 'E'], 4),
  ]);
  const merge: IdentityDecision = { id: 1, action: { kind: 'merge', authorIds: ['c', 'e'], name: null } };

  it('are no-store and not kept while stale; under the same network version the fresh values are then served, tagged and kept', async () => {
    const { previous, merged, next, open } = await afterMerge(catalog, merge);
    const scratch = computeLocalCentrality(buildNetwork(applyIdentityDecisions(catalog, [merge]).catalog));
    const app = bundledApp({ data: next, dataSource: () => next, http: { cacheMaxAge: 120, responseCache: true } });
    const text = '{ author(id: "c") { centrality { pagerank degree stale } } }';
    const stale = await get(app, text);
    expect(stale.headers.get('cache-control')).toBe('no-store');
    expect(stale.headers.get('etag')).toBeNull();
    const staleAnswer = (await stale.json()) as { data: { author: { centrality: Record<string, unknown> } } };
    expect(staleAnswer.data.author.centrality).toEqual({
      pagerank: (await previous.centrality()).scoresOf('c')?.pagerank,
      degree: scratch.degree[merged.authorIndex.get('c')!],
      stale: true,
    });
    // A query without the stale metrics is final at once.
    expect((await get(app, '{ author(id: "c") { centrality { degree } } }')).headers.get('etag')).not.toBeNull();

    open();
    await next.whenLocalFresh();
    expect(networkVersion(next)).toBe(merged.version);
    const expected = {
      pagerank: scratch.pagerank[merged.authorIndex.get('c')!],
      degree: staleAnswer.data.author.centrality['degree'],
      stale: false,
    };
    expect(expected.pagerank).not.toBe(staleAnswer.data.author.centrality['pagerank']);
    for (let i = 0; i < 2; i += 1) {
      const fresh = await get(app, text);
      expect(fresh.headers.get('etag')).toMatch(new RegExp(`^"${merged.version}-`, 'u'));
      expect(fresh.headers.get('cache-control')).toBe('public, max-age=120');
      expect(((await fresh.json()) as typeof staleAnswer).data.author.centrality).toEqual(expected);
    }
    next.dispose();
    previous.dispose();
  });
});

describe('an answer computed from stale values whose fresh values arrive before it is sent', () => {
  it('is still no-store and not kept: whether an answer may be kept is decided when its query is read', async () => {
    const record = curationRecord;
    const catalog = buildCatalog([
      record('p1', ['A', 'B'], 1),
      record('p2', ['B', 'C'], 2),
      record('p3', ['A', 'C'], 3),
    ]);
    const merge: IdentityDecision = { id: 1, action: { kind: 'merge', authorIds: ['b', 'c'], name: null } };
    const { previous, next, open } = await afterMerge(catalog, merge);
    // The resolver reads the stale table; the fresh values arrive before the answer is sent.
    let first = true;
    const racing: AnalyzedNetwork = {
      ...next,
      centralityFor: async (metric) => {
        const table = await next.centralityFor(metric);
        if (first) {
          first = false;
          open();
          await next.whenLocalFresh();
        }
        return table;
      },
    };
    const app = bundledApp({ data: racing, dataSource: () => racing, http: { cacheMaxAge: 120, responseCache: true } });
    const text = '{ author(id: "a") { centrality { pagerank } } }';
    const raced = await get(app, text);
    expect(next.localStale()).toBe(false);
    expect(raced.headers.get('cache-control')).toBe('no-store');
    expect(raced.headers.get('etag')).toBeNull();
    const staleValue = (await previous.centrality()).scoresOf('a')?.pagerank;
    expect(
      ((await raced.json()) as { data: { author: { centrality: { pagerank: number } } } }).data.author.centrality
        .pagerank,
    ).toBe(staleValue);
    // Two authors with one tie after the merge: NetworkX gives each PageRank 1/2.
    const after = await get(app, text);
    expect(after.headers.get('etag')).not.toBeNull();
    expect(
      ((await after.json()) as { data: { author: { centrality: { pagerank: number } } } }).data.author.centrality
        .pagerank,
    ).toBeCloseTo(0.5, 12);
    next.dispose();
    previous.dispose();
  });
});
