/**
 * The attacks of issue 12, point 1 ("unbounded work on the event loop"), each reproduced against the
 * app (`app.fetch`) with the answer it now gets: a search is bounded before anything is searched, a
 * collaboration distance costs a graph search, lists are priced by what the loaded data can hold,
 * and an answer ready only after the time budget is TIMEOUT, not data.
 */
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { searchesPending } from '../../src/analysis/search-slices.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig, defaultHttpConfig } from '../../src/config.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { bundledApp, bundledData, countingApp, failure, graphql, query } from '../helpers/app.ts';
import { tempFiles } from '../helpers/files.ts';

describe('a search of 200 KB of one repeated word (issue 12)', () => {
  const app = bundledApp();
  const words = 'neural '.repeat(30_000);

  it('is refused with BAD_USER_INPUT naming the limit, for authors and papers alike', async () => {
    for (const field of ['authors', 'papers']) {
      expect(await failure(app, `query Q($s: String) { ${field}(search: $s) { totalCount } }`, { s: words })).toEqual([
        {
          code: 'BAD_USER_INPUT',
          argument: 'search',
          message: 'The search is 210000 characters long; the limit is 300. Search with fewer, shorter words.',
        },
      ]);
    }
  });

  it('refuses too many different words and too long a word; answers a repeated word once', async () => {
    const many = Array.from({ length: 17 }, (_, i) => `w${String.fromCharCode(97 + i)}`).join(' ');
    expect((await failure(app, `{ authors(search: "${many}") { totalCount } }`))[0]).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('17 different words; the limit is 16'),
    });
    expect((await failure(app, `{ papers(search: "${'x'.repeat(65)}") { totalCount } }`))[0]).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('65 characters long; the limit is 64'),
    });
    const once = await query(app, '{ authors(search: "duvenaud") { totalCount nodes { id } } }');
    expect(await query(app, `{ authors(search: "${'duvenaud '.repeat(30)}") { totalCount nodes { id } } }`)).toEqual(
      once,
    );
    expect(once.authors.nodes).toEqual([{ id: 'david-duvenaud' }]);
  });

  it('runs no search for a refused search', async () => {
    const { app: counting, uses } = countingApp();
    await failure(counting, 'query Q($s: String) { authors(search: $s) { totalCount } }', { s: words });
    await failure(counting, 'query Q($s: String) { papers(search: $s, author: "david-duvenaud") { totalCount } }', {
      s: words,
    });
    expect(uses()).toBe(0);
  });
});

describe('nested collaborationDistance (issue 12)', () => {
  // Two aliases of 100 × 100 distances: 10,000 graph searches each. A distance now costs a search (10),
  // as a path does: 1 + 100 × (1 + 1 + 100 × (1 + 10)) = 110,201 per alias, counted by hand from complexity.ts.
  const attack = (first: number) =>
    ['a', 'b']
      .map(
        (alias) =>
          `${alias}: authors(first: ${first}) { nodes { coauthors(first: ${first}) { nodes { collaborationDistance(to: "david-duvenaud") } } } }`,
      )
      .join(' ');

  it('is refused as too complex before any search runs', async () => {
    const { app, uses } = countingApp();
    const [error] = await failure(app, `{ ${attack(100)} }`);
    expect(error).toMatchObject({ code: 'QUERY_TOO_COMPLEX', message: expect.stringContaining('costs 220402;') });
    expect(uses()).toBe(0);
  });

  it('answers what fits in the limit', async () => {
    const data = await query(bundledApp(), `{ ${attack(3)} }`);
    expect(
      data.a.nodes[0].coauthors.nodes.every(
        (node: { collaborationDistance: number | null }) => typeof node.collaborationDistance === 'number',
      ),
    ).toBe(true);
  });
});

describe('lists priced by what the loaded data holds (issue 12)', () => {
  // One paper by 300 authors (a 300-author clique) and one by two of them.
  const names = Array.from({ length: 300 }, (_, i) => `Author Number${i}`);
  const file = tempFiles({
    'bomb.jsonl': `${JSON.stringify({ id: 'bomb', title: 'Everyone', authors: names, year: 2020 })}\n${JSON.stringify({ id: 'pair', title: 'Two of them', authors: names.slice(0, 2), year: 2021 })}\n`,
  })['bomb.jsonl'] as string;
  const bomb = analyzeNetwork(loadData(checkConfig(['--data', file])).network);
  const app = createApp({ data: bomb, logging: false });

  it('prices a byline by the largest byline in the data (300), not 10', async () => {
    // 1 (paper) + 300 × (1 + 100 × (1 + 1)) + 1 (authors) = 60,302 > 50,000; it was priced 2,012.
    const [error] = await failure(
      app,
      '{ paper(id: "bomb") { authors { coauthors(first: 100) { nodes { name } } } } }',
    );
    expect(error).toMatchObject({ code: 'QUERY_TOO_COMPLEX', message: expect.stringContaining('costs 60302;') });
  });

  it("prices a drawn network's edges by the ties its authors can have (300 authors of a 300-clique: 149.5 each)", async () => {
    // Eight aliases returned 28.7 MB at a cost of 40,000. Now one network costs 300 (drawing) + 300 × (1 + 150 × 3):
    // 135,600, over the limit; 300 × 299 / 2 = 44,850 ties are what it would return.
    const eight = Array.from(
      { length: 8 },
      (_, i) =>
        `n${i}: collaborationNetwork(center: "author-number0", maxNodes: 300) { edges { source target jointPaperCount } }`,
    ).join(' ');
    expect((await failure(app, `{ ${eight} }`))[0]).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringContaining('costs 1084800;'),
    });
    expect((await failure(app, `{ ${eight.split(' n1:')[0]} }`))[0]).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringContaining('costs 135600;'),
    });
    // A network of 30 of them fits: 30 authors have at most 30 × 29 / 2 = 435 ties, 14.5 → 15 per author: 30 + 30 × (1 + 15) = 510.
    const small = await query(
      app,
      '{ collaborationNetwork(center: "author-number0", maxNodes: 30) { edges { source } } }',
    );
    expect(small.collaborationNetwork.edges).toHaveLength((30 * 29) / 2);
    expect(
      await failure(
        createApp({ data: bomb, logging: false, http: { ...defaultHttpConfig, maxCost: 509 } }),
        '{ collaborationNetwork(center: "author-number0", maxNodes: 30) { edges { source } } }',
      ),
    ).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', message: expect.stringContaining('costs 510;') })]);
  });

  it('prices the edges of several networks, however their selections are shared, by the densest of their sizes', async () => {
    // A fragment's price is computed once: the 30-author network must not lend its price to the 300-author one.
    const shared =
      'fragment Ties on CollaborationNetwork { edges { source } } { small: collaborationNetwork(center: "author-number0", maxNodes: 30) { ...Ties } large: collaborationNetwork(center: "author-number0", maxNodes: 300) { ...Ties } }';
    // Ties per author: 14.5 for 30 authors, 149.5 for 300: both priced at 150: (30 + 30 × 151) + (300 + 300 × 151) = 50,160.
    expect((await failure(app, shared))[0]).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringContaining('costs 50160;'),
    });
    // Sizes given as variables are read too: 300 + 300 × (1 + 150 × 3) = 135,600.
    const variable =
      'query Q($n: Int) { collaborationNetwork(center: "author-number0", maxNodes: $n) { edges { source target jointPaperCount } } }';
    expect((await failure(app, variable, { n: 300 }))[0]).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringContaining('costs 135600;'),
    });
    expect((await graphql(app, variable, { n: 30 })).errors).toBeUndefined();
  });

  it("prices a tie's joint papers by the tie with the most (2 here)", async () => {
    // 1 (author) + 1 + 100 × (1 + (1 + 2 × 1)) = 402 with jointPapers { id }; with 10 assumed it was 1,202.
    const text = '{ author(id: "author-number0") { coauthors(first: 100) { edges { jointPapers { id } } } } }';
    const limited = (maxCost: number) =>
      createApp({ data: bomb, logging: false, http: { ...defaultHttpConfig, maxCost } });
    expect((await graphql(limited(402), text)).errors).toBeUndefined();
    expect((await failure(limited(401), text))[0]).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringContaining('costs 402;'),
    });
  });

  it("prices a whole-network export by the network's authors and ties", async () => {
    // The ACL Anthology's papers of 2016: 7,728 authors and 19,750 ties, so 27,478 + 1 (fileName) each; it was 3,001.
    const acl = createApp({ data: analyzeNetwork(loadAclSliceNetwork()), logging: false });
    const two = '{ a: networkExport(format: GRAPHML) { fileName } b: networkExport(format: GEXF) { fileName } }';
    expect((await failure(acl, two))[0]).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      message: expect.stringContaining('costs 54958;'),
    });
  });
});

describe('work that holds the event loop past the time budget (issue 12)', () => {
  it('answers TIMEOUT, not data, even when the timer could not fire in time', async () => {
    const data = bundledData();
    // A network whose every use holds the event loop for 30 ms: the search answers only after its 5 ms budget.
    const slow = new Proxy(data, {
      get(target, key) {
        if (key === 'network') {
          const until = performance.now() + 30;
          while (performance.now() < until);
        }
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const app = createApp({ data: slow, logging: false, timeBudgetMs: 5 });
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ authors(search: "duvenaud") { totalCount } }' }),
    });
    expect(response.status).toBe(504);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors.map((error) => error.extensions.code)).toEqual(['TIMEOUT']);
  });
});

describe('graph searches past the time budget (issue 12)', () => {
  it('are stopped: the request gets TIMEOUT and no search of it is left to run', async () => {
    // The ACL Anthology's papers of 2016: 65 × 65 = 4,225 distances fit the cost limit (46,606), far more than 10 ms of searching.
    const app = createApp({ data: analyzeNetwork(loadAclSliceNetwork()), logging: false, timeBudgetMs: 10 });
    const result = await graphql(
      app,
      '{ authors(first: 65, orderBy: COAUTHOR_COUNT) { nodes { coauthors(first: 65) { nodes { collaborationDistance(to: "ondrej-bojar") } } } } }',
    );
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['TIMEOUT']);
    // Dropped when the budget fires (search-slices.ts); the poll only waits for the step running then.
    await expect.poll(() => searchesPending(), { timeout: 5_000 }).toBe(0);
  });
});
