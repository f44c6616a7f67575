/**
 * Query limits: depth, aliases, directives, tokens and cost are checked before anything runs, each
 * rejection with its own code and a message giving the limit and what the query had. A counter on
 * the served network shows that no resolver ran for a rejected query.
 */
import { readFileSync } from 'node:fs';
import { Kind, Lexer, Source, TokenKind, parse, visit } from 'graphql';
import { explorerOperations } from '../../src/web/api-client.ts';
import { describe, expect, it } from 'vitest';
import type { AnalyzedNetwork } from '../../src/analysis/analyzed-network.ts';
import { schema } from '../../src/api/schema.ts';
import type { App } from '../../src/app.ts';
import { defaultHttpConfig } from '../../src/config.ts';
import { queryCost } from '../../src/http/query-cost.ts';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { type TestAppOptions, bundledData, countingApp, failure, query } from '../helpers/app.ts';

/**
 * An app whose network counts every use a resolver makes of it. `progress` is not counted: the
 * response cache asks it on every request whether answers are final yet, which is no resolver's work.
 */
function countedApp(http: TestAppOptions['http'] = {}, data: AnalyzedNetwork = bundledData()) {
  return countingApp({ http, data, uncounted: ['progress'] });
}

const nested = (first: number) => `{
  author(name: "David Duvenaud") {
    coauthors(first: ${first}) { nodes { name
      coauthors(first: ${first}) { nodes { name
        coauthors(first: ${first}) { nodes { name } }
      } }
    } }
  }
}`;

async function post(app: App, body: unknown): Promise<Response> {
  return app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
}

describe('query cost', () => {
  it('rejects three levels of coauthors(first: 100) before any resolver runs', async () => {
    const { app, uses } = countedApp();
    const response = await post(app, { query: nested(100) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      data?: unknown;
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(body.data).toBeUndefined();
    // 1 (author) + 1 + 100 × (1 + 1 + 1 + 100 × (1 + 1 + 1 + 100 × (1 + 1))) + 1 = 2,030,302, counted by hand from complexity.ts.
    expect(body.errors).toEqual([
      {
        message:
          'The query costs 2030302; the limit is 50000. Lists cost their page size (first, maxNodes) times what is selected under them: ask for smaller pages or fewer nested lists.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 50000, cost: 2030302 },
      },
    ]);
    expect(uses()).toBe(0);
  });

  it('answers 200 with the error to a client that accepts only application/json (GraphQL over HTTP)', async () => {
    const { app } = countedApp();
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: nested(100) }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'QUERY_TOO_COMPLEX',
    );
  });

  it('answers the same nesting with first: 5', async () => {
    const { app, uses } = countedApp();
    const data = await query(app, nested(5));
    expect(data.author.coauthors.nodes).toHaveLength(5);
    expect(data.author.coauthors.nodes[0].coauthors.nodes[0].coauthors.nodes.length).toBeGreaterThan(0);
    expect(uses()).toBeGreaterThan(0); // the counter does count resolvers
  });

  it('prices page sizes given as variables, each request on its own (not from a cached validation)', async () => {
    const { app, uses } = countedApp();
    const document = `query Nested($n: Int!) { author(name: "David Duvenaud") { coauthors(first: $n) { nodes { coauthors(first: $n) { nodes { coauthors(first: $n) { nodes { name } } } } } } } }`;
    expect((await query(app, document, { n: 5 })).author.coauthors.nodes).toHaveLength(5);
    const before = uses();
    expect(await failure(app, document, { n: 100 })).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' })]);
    expect(uses()).toBe(before);
  });

  it('refuses the same costly document every time (its cost is remembered with the document)', async () => {
    const { app, uses } = countedApp();
    for (let i = 0; i < 3; i += 1) expect((await failure(app, nested(100)))[0]?.code).toBe('QUERY_TOO_COMPLEX');
    expect(uses()).toBe(0);
  });

  it('runs no resolver when the variables do not fit (execution refuses them)', async () => {
    const { app, uses } = countedApp();
    const document =
      'query Nested($n: Int!) { author(name: "David Duvenaud") { coauthors(first: $n) { nodes { name } } } }';
    expect((await failure(app, document, { n: 'many' }))[0]?.message).toContain(
      'Int cannot represent non-integer value: "many"',
    );
    expect(uses()).toBe(0);
  });

  it('prices a network by maxNodes and depth, so an alias bomb of networks is refused', async () => {
    // The ACL Anthology's papers of 2016 (7,728 authors): a network of 1,000 authors can be drawn.
    const { app, uses } = countedApp({}, analyzeNetwork(loadAclSliceNetwork()));
    const bomb = `{ ${Array.from({ length: 11 }, (_, i) => `n${i}: collaborationNetwork(center: "ondrej-bojar", depth: 3, maxNodes: 1000) { nodes { x } }`).join(' ')} }`;
    const [error] = await failure(app, bomb);
    expect(error?.code).toBe('QUERY_TOO_COMPLEX');
    // Each network: 1000 × 3 for the search, 1000 × (1 + 1) for the nodes' x → 5,000; eleven of them.
    expect(error?.message).toContain('costs 55000;');
    expect(uses()).toBe(0);
  });

  it('leaves out-of-range page sizes to the resolver, whose error names the argument', async () => {
    const { app } = countedApp();
    expect(await failure(app, '{ authors(first: 1000000) { totalCount } }')).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'first' }),
    ]);
  });

  it('takes its limit from the configuration', async () => {
    const { app } = countedApp({ maxCost: 300 });
    // The first: 5 nesting costs 1 + 1 + 5 × (3 + 5 × (3 + 5 × 2)) = 342.
    expect(await failure(app, nested(5))).toEqual([
      expect.objectContaining({
        code: 'QUERY_TOO_COMPLEX',
        message: expect.stringContaining('costs 342; the limit is 300'),
      }),
    ]);
  });
});

describe('query shape limits', () => {
  const deep =
    '{ author(name: "David Duvenaud") { coauthors(first: 1) { edges { node { coauthors(first: 1) { edges { node { coauthors(first: 1) { edges { node { name } } } } } } } } } } }';

  it('rejects a query nested deeper than the limit (10)', async () => {
    const { app, uses } = countedApp();
    expect(await failure(app, deep)).toEqual([
      { code: 'QUERY_TOO_DEEP', message: 'The query is nested 11 levels deep; the limit is 10.', argument: undefined },
    ]);
    expect(uses()).toBe(0);
    const { app: deeper } = countedApp({ maxDepth: 11 });
    expect((await query(deeper, deep)).author.coauthors.edges).toHaveLength(1);
  });

  it('rejects more aliases than the limit (15)', async () => {
    const { app, uses } = countedApp();
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: graphStats { authorCount }`).join(' ')} }`;
    expect(await failure(app, aliases(16))).toEqual([
      expect.objectContaining({ code: 'TOO_MANY_ALIASES', message: 'The query uses 16 aliases; the limit is 15.' }),
    ]);
    expect(uses()).toBe(0);
    expect(Object.keys(await query(app, aliases(15)))).toHaveLength(15);
  });

  it('rejects more directives than the limit (20)', async () => {
    const { app, uses } = countedApp();
    const directives = (n: number) => `{ graphStats { ${'... @include(if: true) { authorCount } '.repeat(n)} } }`;
    expect(await failure(app, directives(21))).toEqual([
      expect.objectContaining({
        code: 'TOO_MANY_DIRECTIVES',
        message: 'The query uses 21 directives; the limit is 20.',
      }),
    ]);
    expect(uses()).toBe(0);
    expect((await query(app, directives(20))).graphStats.authorCount).toBe(30);
  });

  it('rejects a query of more tokens than the limit (1000), saying how many it has', async () => {
    const { app, uses } = countedApp();
    // 18 tokens around the list, plus one per id in it (graphql-js refuses a thousand repeats of one field by itself).
    const tokens = (n: number) =>
      `{ collaborationPath(from: "paul-vicol", to: "david-duvenaud", avoidAuthors: [${' "jorn-henrik-jacobsen"'.repeat(n - 18)} ]) { length } }`;
    expect(await failure(app, tokens(1200))).toEqual([
      expect.objectContaining({ code: 'TOO_MANY_TOKENS', message: 'The query has 1200 tokens; the limit is 1000.' }),
    ]);
    expect(uses()).toBe(0);
    expect(await query(app, tokens(1000))).toHaveProperty('collaborationPath');
  });

  it('does not count introspection against the depth limit (GraphiQL loads the schema)', async () => {
    const { app } = countedApp();
    const { getIntrospectionQuery } = await import('graphql');
    expect((await query(app, getIntrospectionQuery())).__schema.queryType.name).toBe('Query');
  });
});

describe('the README examples and the defaults', () => {
  // Prices depend on the network served (a byline costs the largest byline, ...): the bundled data's.
  const bundled = { data: bundledData() };
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/gu)].map((match) => match[1]!);

  function measure(text: string) {
    const document = parse(text);
    let depth = 0;
    let level = 0;
    let aliases = 0;
    let directives = 0;
    visit(document, {
      Field: {
        enter: (node) => {
          level += 1;
          depth = Math.max(depth, level);
          if (node.alias) aliases += 1;
        },
        leave: () => {
          level -= 1;
        },
      },
      Directive: () => {
        directives += 1;
      },
    });
    let tokens = 0;
    const lexer = new Lexer(new Source(text));
    while (lexer.advance().kind !== TokenKind.EOF) tokens += 1;
    const cost = queryCost(schema, document, {}, null, bundled);
    return {
      depth,
      aliases,
      directives,
      tokens,
      cost,
      operations: document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length,
    };
  }

  it('keep every example within half of every default limit', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const { depth, aliases, directives, tokens, cost } = measure(example);
      expect(depth).toBeLessThanOrEqual(defaultHttpConfig.maxDepth / 2);
      expect(aliases).toBeLessThanOrEqual(defaultHttpConfig.maxAliases / 2);
      expect(directives).toBeLessThanOrEqual(defaultHttpConfig.maxDirectives / 2);
      expect(tokens).toBeLessThanOrEqual(defaultHttpConfig.maxTokens / 2);
      expect(cost).toBeLessThanOrEqual(defaultHttpConfig.maxCost / 2);
    }
  });

  it('price the explorer’s largest request (1,000 authors, 2 hops, with centrality) by what the data can hold', () => {
    const network = explorerOperations.network;
    expect(network).toContain('collaborationNetwork');
    const costOn = (data: AnalyzedNetwork, maxNodes: number, depth: number) =>
      queryCost(schema, parse(network!), { center: 'x', depth, minJointPapers: 1, maxNodes }, null, { data });
    // Counted by hand from complexity.ts. Per author of the network: nodes 1 + 4 (distance x y community) + 1 + 4
    // (the author's id name paperCount coauthorCount) + 9 (centrality, 8 fields) = 19, edges 1 + t × 3 where t is
    // the most ties per author a network of that size can have, rounded up (network-bounds.ts `tiesAmong`), center
    // 1 + 3 = 4, truncated 1. The bundled data: 30 authors (so at most 30 drawn) with 89 ties, t = 89 / 30 → 3:
    // 30 × 2 + 30 × (19 + 10 + 4 + 1) = 1,080.
    expect(costOn(bundled.data, 1000, 2)).toBe(1080);
    expect(costOn(bundled.data, 1000, 2)).toBeLessThanOrEqual(defaultHttpConfig.maxCost * 0.6);
    // The ACL Anthology's papers of 2016: the explorer's default (200 authors, 1 hop) has t = 13.54 → 14:
    // 200 + 200 × (19 + 43 + 4 + 1) = 13,600; its largest (1,000 authors, 2 hops) t = 7.76 → 8:
    // 2,000 + 1,000 × (19 + 25 + 4 + 1) = 51,000, just over the default limit.
    const acl = analyzeNetwork(loadAclSliceNetwork());
    expect(costOn(acl, 200, 1)).toBe(13_600);
    expect(costOn(acl, 1000, 2)).toBe(51_000);
  });
});
