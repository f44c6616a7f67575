/**
 * The code catalog (src/api/errors.ts) is what the README's error table lists, row for row, and the
 * codes a client meets come with the status the catalog gives; the errors graphql-js leaves uncoded
 * (a mutation, variables that do not fit) get codes of their own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../../src/api/errors.ts';
import { createLogger } from '../../src/http/logger.ts';
import { bundledApp } from '../helpers/app.ts';

const app = bundledApp();
const URL_ = 'http://yoga/graphql';

function readmeErrorTable(): { code: string; http: string }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Errors'), readme.indexOf('## Metrics'));
  return [...section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gmu)].map((match) => ({
    code: match[1]!,
    http: match[2]!.trim(),
  }));
}

async function answer(
  init: RequestInit & { url?: string },
): Promise<{ status: number; codes: unknown[]; extensions: Record<string, unknown>[] }> {
  const response = await app.fetch(init.url ?? URL_, {
    ...init,
    headers: { accept: 'application/graphql-response+json', ...(init.headers as Record<string, string>) },
  });
  const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
  return {
    status: response.status,
    codes: (body.errors ?? []).map((error) => error.extensions?.code),
    extensions: (body.errors ?? []).map((error) => error.extensions ?? {}),
  };
}
const post = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  answer({ method: 'POST', headers, body: JSON.stringify(payload) });

describe('the error catalog', () => {
  it("is exactly the README's error table: every code, with its HTTP status", () => {
    expect(readmeErrorTable()).toEqual(
      Object.entries(errorCatalog).map(([code, entry]) => ({ code, http: entry.http })),
    );
  });

  it('gives each code the status it lists (accepting application/graphql-response+json)', async () => {
    const statusOf = (code: keyof typeof errorCatalog) => Number(/^\d+/u.exec(errorCatalog[code].http)![0]);
    const cases: [keyof typeof errorCatalog, Awaited<ReturnType<typeof answer>>][] = [
      ['BAD_USER_INPUT', await post({ query: '{ authors(first: 101) { totalCount } }' })],
      ['CSRF_HEADER_REQUIRED', await answer({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })],
      ['BATCHING_DISABLED', await post([{ query: '{ __typename }' }, { query: '{ __typename }' }])],
      ['OPERATION_NOT_SUPPORTED', await post({ query: 'mutation { x }' })],
      [
        'CORS_ORIGIN_NOT_ALLOWED',
        await answer({
          method: 'OPTIONS',
          headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
        }),
      ],
      ['GRAPHQL_PARSE_FAILED', await post({ query: '{' })],
      ['GRAPHQL_VALIDATION_FAILED', await post({ query: '{ nothing }' })],
      ['OPERATION_RESOLUTION_FAILURE', await post({ query: '{ __typename }', operationName: 'Other' })],
      ['BAD_REQUEST', await post({})],
    ];
    for (const [code, { status, codes }] of cases)
      expect({ code, status, codes }).toEqual({ code, status: statusOf(code), codes: [code] });
  });
});

describe('errors graphql-js leaves without a code', () => {
  it('refuses a mutation with OPERATION_NOT_SUPPORTED before anything runs', async () => {
    for (const operation of ['mutation']) {
      const { status, extensions } = await post({ query: `${operation} Change { author(id: "x") { id } }` });
      expect(status).toBe(400);
      expect(extensions).toEqual([{ code: 'OPERATION_NOT_SUPPORTED', operation }]);
    }
  });

  it('says BAD_USER_INPUT, naming the variable, for a variable missing, null or of the wrong type', async () => {
    const text = 'query Page($n: Int!, $search: String) { authors(first: $n, search: $search) { totalCount } }';
    for (const variables of [{}, { n: null }, { n: 'ten' }, { n: 1, search: 5 }]) {
      const { status, extensions } = await post({ query: text, variables });
      expect(status).toBe(400);
      expect(extensions).toEqual([{ code: 'BAD_USER_INPUT', variable: 'search' in variables ? 'search' : 'n' }]);
    }
    const both = await post({ query: text, variables: { n: 'ten', search: 5 } });
    expect(both.extensions).toEqual([
      { code: 'BAD_USER_INPUT', variable: 'n' },
      { code: 'BAD_USER_INPUT', variable: 'search' },
    ]);
  });
});

describe('the request log', () => {
  it('records the codes of refused operations and variables, not INTERNAL_SERVER_ERROR', async () => {
    const lines: { msg: string; errorCodes?: string[] }[] = [];
    const logged = bundledApp({
      logger: createLogger('info', {
        write: (line: string) => {
          lines.push(JSON.parse(line) as { msg: string });
        },
      }),
    });
    for (const payload of [
      { query: 'mutation M { x }' },
      { query: 'query Q($n: Int!) { authors(first: $n) { totalCount } }' },
    ]) {
      await logged.fetch(URL_, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    }
    expect(lines.filter((line) => line.msg === 'request').map((line) => line.errorCodes)).toEqual([
      ['OPERATION_NOT_SUPPORTED'],
      ['BAD_USER_INPUT'],
    ]);
  });
});
