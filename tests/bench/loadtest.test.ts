import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { authorPicker, fetchAuthorPool } from '../../src/bench/author-pool.ts';
import {
  compressionTargets,
  failureCount,
  formatMixTable,
  formatQueryTable,
  formatSoak,
  passed,
  responseCacheTarget,
} from '../../src/bench/load-report.ts';
import { type LoadResult, bodyProblem } from '../../src/bench/load-run.ts';
import { LoadtestUsageError, parseLoadtestOptions, unknownKeys } from '../../src/bench/loadtest-options.ts';
import { DEFAULT_DATA } from '../../src/bench/options.ts';
import { judgeSoak, parseStatusKb } from '../../src/bench/process-memory.ts';
import {
  API_LIST_QUERIES,
  bindSlots,
  graphqlBlocks,
  parameterize,
  personKey,
  queryMix,
  slotsOf,
  variablesFor,
} from '../../src/bench/query-mix.ts';
import { percentile } from '../../src/bench/stats.ts';
import { bundledApp, graphql } from '../helpers/app.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

describe("the load test's queries", () => {
  it("reads the README's graphql blocks as tests/readme.test.ts does, CRLF included", () => {
    expect(graphqlBlocks(readme)).toHaveLength(6);
    expect(graphqlBlocks('text\r\n```graphql\r\n{ a }\r\n```\r\n```sh\nx\n```\n```graphql\n{ b }\n```')).toEqual([
      '{ a }\n',
      '{ b }\n',
    ]);
  });

  it('treats an id and a name of one person as one person', () => {
    expect(personKey('David Duvenaud')).toBe('david-duvenaud');
    expect(personKey('Jörn-Henrik Jacobsen')).toBe('jorn-henrik-jacobsen');
    expect(personKey('ricky-t-q-chen')).toBe(personKey('Ricky T. Q. Chen'));
  });

  it('turns every author literal of the path example into a variable, one slot per person, lists included', () => {
    const example = graphqlBlocks(readme)[1] as string;
    const { query, slots, originals } = parameterize(example);
    expect(slots).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(query).toContain('query($a:ID!$b:ID!$c:ID!$d:ID!$e:ID!)');
    expect(query).toContain('collaborationPath(from:$a to:$b)');
    expect(query).toContain('avoidAuthors:[$e]');
    expect(query).toContain('paul:author(id:$a){collaborationDistance(to:$b)}');
    expect(query).not.toMatch(/"/u);
    expect(Object.fromEntries(originals)).toEqual({
      a: { id: 'paul-vicol' },
      b: { id: 'jorn-henrik-jacobsen' },
      c: { id: 'jens-behrmann' },
      d: { id: 'winnie-xu' },
      e: { id: 'david-duvenaud' },
    });
  });

  it('binds a name and an id of one person to one slot, and leaves other strings alone', () => {
    const { query, slots, originals } = parameterize(
      '{ a: author(name: "David Duvenaud") { id } b: author(id: "david-duvenaud") { name } authors(search: "Chen") { totalCount } networkExport(format: GEXF, center: "paul-vicol") { content } }',
    );
    expect(slots).toEqual(['a', 'b']);
    expect(query).toBe(
      'query($aName:String!$a:ID!$b:ID!){a:author(name:$aName){id}b:author(id:$a){name}authors(search:"Chen"){totalCount}networkExport(format:GEXF center:$b){content}}',
    );
    expect(originals.get('a')).toEqual({ name: 'David Duvenaud', id: 'david-duvenaud' });
  });

  it("has every README example and the API list's queries, each valid against the schema", () => {
    const mix = queryMix(readme);
    expect(mix.map((query) => query.key)).toEqual([
      'author',
      'path',
      'centrality',
      'network',
      'identity',
      'stats',
      'search',
      'papers',
      'paths',
      'export',
    ]);
    for (const query of mix) {
      expect(validate(schema, parse(query.query)), query.key).toEqual([]);
      expect(slotsOf(query.query), query.key).toEqual([...query.slots].sort());
    }
  });

  it('refuses a README whose examples no longer match the mix', () => {
    expect(() => queryMix(readme.replace('```graphql\n{\n  graphStats', '```text\n{\n  graphStats'))).toThrow(
      /5 graphql examples/u,
    );
    expect(() => queryMix(readme.replace('collaborationNetwork(center', 'collaborationNetworkX(center'))).toThrow(
      /README example 4/u,
    );
  });

  it("answers each parameterized README example, bound to the example's own authors, exactly as the original", async () => {
    const app = bundledApp();
    for (const example of graphqlBlocks(readme)) {
      const { query, slots, originals } = parameterize(example);
      const variables: Record<string, string> = {};
      for (const slot of slots) {
        const original = originals.get(slot) ?? {};
        if (original.id !== undefined) variables[slot] = original.id;
        if (original.name !== undefined) variables[`${slot}Name`] = original.name;
      }
      const expected = await graphql(app, example);
      const actual = await graphql(app, query, variables);
      expect(expected.errors).toBeUndefined();
      expect(actual).toEqual(expected);
    }
  });

  it('binds slots to drawn authors: id, name and surname, and sends only the declared variables', () => {
    const bound = bindSlots(
      ['a', 'b'],
      [
        { id: 'paul-vicol', name: 'Paul Vicol' },
        { id: 'ricky-t-q-chen', name: 'Ricky T. Q. Chen' },
      ],
    );
    expect(bound).toEqual({
      a: 'paul-vicol',
      aName: 'Paul Vicol',
      aSurname: 'Vicol',
      b: 'ricky-t-q-chen',
      bName: 'Ricky T. Q. Chen',
      bSurname: 'Chen',
    });
    const search = API_LIST_QUERIES.find((query) => query.key === 'search');
    expect(search && variablesFor(search, bound)).toEqual({ aSurname: 'Vicol' });
    expect(() => bindSlots(['a', 'b'], [{ id: 'x', name: 'X' }])).toThrow(/2 slots/u);
  });

  it("runs the API list's queries on the bundled data without errors", async () => {
    const app = bundledApp();
    const bound = bindSlots(
      ['a', 'b'],
      [
        { id: 'paul-vicol', name: 'Paul Vicol' },
        { id: 'jorn-henrik-jacobsen', name: 'Jörn-Henrik Jacobsen' },
      ],
    );
    for (const query of API_LIST_QUERIES) {
      const result = await graphql(app, query.query, variablesFor(query, bound));
      expect(result.errors, query.key).toBeUndefined();
      expect(bodyProblem(JSON.stringify(result)), query.key).toBeNull();
    }
  });
});

describe('the authors the requests draw from', () => {
  it('takes the best-connected authors page by page and keeps those connected to the first', async () => {
    const asked: string[] = [];
    const client = {
      async query<T>(text: string): Promise<T> {
        asked.push(text);
        if (text.includes('authors(')) {
          const page = text.includes('after:') ? 2 : 1;
          const nodes =
            page === 1
              ? [
                  { id: 'a', name: 'A A' },
                  { id: 'b', name: 'B B' },
                ]
              : [
                  { id: 'c', name: 'C C' },
                  { id: 'd', name: 'D D' },
                ];
          const answer = {
            authors: { nodes, pageInfo: { hasNextPage: page === 1, endCursor: page === 1 ? 'cursor-1' : null } },
          };
          return answer as T;
        }
        const answer = { author: { collaborationDistance: text.includes('"c"') ? null : 2 } };
        return answer as T;
      },
    };
    const pool = await fetchAuthorPool(client, 3);
    expect(pool.candidates).toBe(3);
    expect(pool.authors.map((author) => author.id)).toEqual(['a', 'b']);
    expect(asked.some((text) => text.includes('after: "cursor-1"'))).toBe(true);
  });

  it('draws distinct authors, the same ones for the same seed', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: id.toUpperCase() }));
    const first = authorPicker(pool, 'seed');
    const second = authorPicker(pool, 'seed');
    const draws = Array.from({ length: 20 }, () => first(3));
    expect(Array.from({ length: 20 }, () => second(3))).toEqual(draws);
    for (const draw of draws) expect(new Set(draw.map((author) => author.id)).size).toBe(3);
    expect(new Set(draws.map((draw) => draw.map((author) => author.id).join())).size).toBeGreaterThan(1);
    expect(() => first(6)).toThrow(/pool of 5/u);
  });
});

describe('judging responses', () => {
  it('accepts data and rejects errors, a missing data and a body that is not JSON', () => {
    expect(bodyProblem('{"data":{"__typename":"Query"}}')).toBeNull();
    expect(bodyProblem('{"data":{"author":null}}')).toBeNull();
    expect(bodyProblem('{"errors":[{"message":"late","extensions":{"code":"TIMEOUT"}}],"data":null}')).toBe(
      'GraphQL errors (TIMEOUT)',
    );
    expect(bodyProblem('{"errors":[{"message":"x"}],"data":{"a":1}}')).toBe('GraphQL errors (no code)');
    expect(bodyProblem('{"data":null}')).toBe('no data');
    expect(bodyProblem('<html>')).toBe('not JSON');
    expect(bodyProblem('"text"')).toBe('not a JSON object');
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('resident memory and the soak', () => {
  const status =
    'Name:\tnode\nVmPeak:\t 2048000 kB\nVmSize:\t 1999000 kB\nVmHWM:\t  812000 kB\nVmRSS:\t  790123 kB\nThreads:\t11\n';

  it('reads VmRSS and VmHWM from /proc/PID/status text', () => {
    expect(parseStatusKb(status, 'VmRSS')).toBe(790_123);
    expect(parseStatusKb(status, 'VmHWM')).toBe(812_000);
    expect(parseStatusKb('Name:\tnode\n', 'VmRSS')).toBeNull();
  });

  it('compares the last sample with the first: under the limit passes, the limit itself fails', () => {
    const samples = (end: number) => [
      { seconds: 0, kb: 1000 },
      { seconds: 30, kb: 1200 },
      { seconds: 60, kb: end },
    ];
    expect(judgeSoak(samples(1099), 10)).toEqual({
      startKb: 1000,
      endKb: 1099,
      peakKb: 1200,
      growthPercent: expect.closeTo(9.9, 6),
      limitPercent: 10,
      passed: true,
    });
    expect(judgeSoak(samples(1100), 10)?.passed).toBe(false);
    expect(judgeSoak(samples(900), 10)?.growthPercent).toBeCloseTo(-10, 6);
    expect(judgeSoak([], 10)).toBeNull();
    expect(formatSoak(judgeSoak(samples(1100), 10)!)).toContain('growth +10.0 % (limit < 10 %): FAIL');
  });
});

describe('the load test report', () => {
  const result = (rps: number, p99: number, failures: Partial<LoadResult> = {}): LoadResult => ({
    requestsPerSecond: rps,
    p50Ms: p99 / 2,
    p99Ms: p99,
    completed: rps * 30,
    durationSeconds: 30,
    errors: 0,
    graphqlErrors: 0,
    non2xx: 0,
    timeouts: 0,
    firstFailure: null,
    byKind: new Map(),
    bytesPerResponse: 1000,
    ...failures,
  });

  it('judges the response cache and compression targets', () => {
    expect(responseCacheTarget(result(900, 50), result(1000, 40))).toMatch(
      /^  met {4}the same author query repeated .*0\.90× the baseline/u,
    );
    expect(responseCacheTarget(result(700, 50), result(1000, 40))).toMatch(/^  MISSED .*0\.70×/u);
    const [size, p99] = compressionTargets(
      'network',
      result(200, 100, { bytesPerResponse: 12_000 }),
      result(190, 115, { bytesPerResponse: 2_400 }),
    );
    expect(size).toMatch(
      /^  met {4}network compressed \(brotli\): 2\.3 KB per answer against 11\.7 KB, 5\.0× smaller/u,
    );
    expect(p99).toMatch(/^  met {4}network compressed p99 .*1\.15×/u);
    const [bigger, slower] = compressionTargets(
      'export',
      result(200, 100, { bytesPerResponse: 3_000 }),
      result(190, 130, { bytesPerResponse: 1_000 }),
    );
    expect(bigger).toMatch(/^  MISSED export .*3\.0× smaller/u);
    expect(slower).toMatch(/^  MISSED .*1\.30×/u);
  });

  it("prints each query's rate and p99 as ratios to the baseline, with every failure count", () => {
    const baseline = result(2000, 40);
    const table = formatQueryTable(baseline, [
      { key: '{ __typename }', title: 'baseline', result: baseline },
      { key: 'path', title: 'paths', result: result(500, 120) },
      { key: 'network', title: 'network', result: result(20, 4000, { timeouts: 2, graphqlErrors: 1 }) },
      { key: 'stuck', title: 'stuck', result: result(0, 0) },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(
      /^query +req\/s +req\/s ÷ base +p50 +p99 +p99 ÷ base +requests +errors +GraphQL errors +non-2xx +timeouts +verdict$/u,
    );
    expect(lines[2]).toMatch(
      /^\{ __typename \} +2000 +1 \(base\) +20\.0 ms +40\.0 ms +1 \(base\) +60000 +0 +0 +0 +0 +ok$/u,
    );
    expect(lines[3]).toMatch(/^path +500 +0\.25× +60\.0 ms +120 ms +3\.00× +15000 +0 +0 +0 +0 +ok$/u);
    expect(lines[4]).toMatch(/^network +20\.0 +0\.01× +2\.00 s +4\.00 s +100\.0× +600 +0 +1 +0 +2 +FAIL$/u);
    expect(lines[5]).toMatch(/^stuck +0\.00 +0\.00× .* +0 +0 +0 +0 +0 +FAIL \(no answer\)$/u);
    expect(passed(result(0, 0))).toBe(false);
    expect(passed(result(1, 1))).toBe(true);
    expect(failureCount(result(1, 1, { errors: 1, non2xx: 2, graphqlErrors: 3, timeouts: 4 }))).toBe(10);
  });

  it('prints the mix per query kind in the given order with shares', () => {
    const mix = result(100, 50, {
      durationSeconds: 10,
      byKind: new Map([
        ['stats', { responses: 300, failures: 0, p50Ms: 5, p99Ms: 9 }],
        ['path', { responses: 100, failures: 1, p50Ms: 20, p99Ms: 80 }],
      ]),
    });
    const lines = formatMixTable(mix, ['path', 'stats']).split('\n');
    expect(lines[2]).toMatch(/^path +100 +25\.0 % +10\.0 +20\.0 ms +80\.0 ms +1$/u);
    expect(lines[3]).toMatch(/^stats +300 +75\.0 % +30\.0 +5\.00 ms +9\.00 ms +0$/u);
  });
});

describe('load test options', () => {
  it('defaults to 30 s at 50 connections on the ACL Anthology beside the repository, with a 60 s soak', () => {
    const options = parseLoadtestOptions([]);
    expect(options).toMatchObject({
      data: DEFAULT_DATA,
      duration: 30,
      connections: 50,
      soak: 60,
      soakLimit: 10,
      maxAuthorsPerPaper: 50,
      noCache: false,
      waitExact: false,
      only: null,
    });
    expect(DEFAULT_DATA).toMatch(/shared\/datasets\/acl-anthology-2025-11\.jsonl$/u);
  });

  it('reads every option and rejects bad ones', () => {
    const options = parseLoadtestOptions(
      [
        '--data',
        'x.jsonl',
        '--duration',
        '5',
        '--connections',
        '8',
        '--soak',
        '0',
        '--only',
        'path, Mix',
        '--wait-exact',
        '--server-arg=--threads',
        '--server-arg=1',
      ],
      '/tmp',
    );
    expect(options).toMatchObject({
      data: '/tmp/x.jsonl',
      duration: 5,
      connections: 8,
      soak: 0,
      waitExact: true,
      serverArgs: ['--threads', '1'],
    });
    expect(options !== 'help' && [...(options.only ?? [])]).toEqual(['path', 'mix']);
    expect(parseLoadtestOptions(['--help'])).toBe('help');
    expect(() => parseLoadtestOptions(['--duration', '0'])).toThrow(LoadtestUsageError);
    expect(() => parseLoadtestOptions(['--connections', 'many'])).toThrow(/--connections/u);
    expect(() => parseLoadtestOptions(['--bogus'])).toThrow(LoadtestUsageError);
    expect(unknownKeys(new Set(['path', 'mix', 'soak', 'nope']), ['path'])).toEqual(['nope']);
  });
});
