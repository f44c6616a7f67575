/**
 * Persisted queries: the automatic protocol by default (a miss, then registration, a bounded store,
 * the explorer's operations always known), and trusted documents with `--persisted-only FILE`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, serveConfig } from '../../src/config.ts';
import {
  APQ_MAX_ENTRIES,
  APQ_MAX_QUERY_LENGTH,
  explorerOperationsFile,
  readPersistedOperations,
  sha256Hex,
} from '../../src/http/persisted-queries.ts';
import { explorerOperations } from '../../src/web/api-client.ts';
import { progressSubscription } from '../../src/web/progress-bar.ts';
import { persistedOperationsJson } from '../../src/web/persisted-operations.ts';
import { bundledApp } from '../helpers/app.ts';

const URL_ = 'http://yoga/graphql';
const folder = mkdtempSync(join(tmpdir(), 'persisted-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function send(app: ReturnType<typeof bundledApp>, payload: Record<string, unknown>) {
  const response = await app.fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as {
    data?: Record<string, any>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, data: body.data, codes: body.errors?.map((error) => error.extensions?.code) };
}
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('automatic persisted queries (the default)', () => {
  const app = bundledApp();
  const text = '{ graphStats { authorCount } }';

  it('says PERSISTED_QUERY_NOT_FOUND for an unknown hash, keeps the query sent with it, then runs it by hash', async () => {
    expect(await send(app, { extensions: persisted(sha256Hex(text)) })).toEqual({
      status: 404,
      data: undefined,
      codes: ['PERSISTED_QUERY_NOT_FOUND'],
    });
    expect(await send(app, { query: text, extensions: persisted(sha256Hex(text)) })).toEqual({
      status: 200,
      data: { graphStats: { authorCount: 30 } },
      codes: undefined,
    });
    expect(await send(app, { extensions: persisted(sha256Hex(text)) })).toEqual({
      status: 200,
      data: { graphStats: { authorCount: 30 } },
      codes: undefined,
    });
  });

  it("refuses a hash that is not the query's", async () => {
    expect(await send(app, { query: text, extensions: persisted(sha256Hex('{ __typename }')) })).toMatchObject({
      status: 400,
      codes: ['PERSISTED_QUERY_MISMATCH'],
    });
  });

  it('keeps a bounded number of queries (least recently used dropped) and no very long one', async () => {
    const bounded = bundledApp();
    const queries = Array.from({ length: APQ_MAX_ENTRIES + 1 }, (_, index) => `{ a${index}: __typename }`);
    for (const query of queries)
      expect((await send(bounded, { query, extensions: persisted(sha256Hex(query)) })).status).toBe(200);
    expect((await send(bounded, { extensions: persisted(sha256Hex(queries[0]!)) })).codes).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
    expect((await send(bounded, { extensions: persisted(sha256Hex(queries.at(-1)!)) })).data).toEqual({
      a1000: 'Query',
    });
    const long = `{ __typename } # ${'x'.repeat(APQ_MAX_QUERY_LENGTH)}`;
    expect((await send(bounded, { query: long, extensions: persisted(sha256Hex(long)) })).data).toEqual({
      __typename: 'Query',
    });
    expect((await send(bounded, { extensions: persisted(sha256Hex(long)) })).codes).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
    ]);
  });

  it("knows the explorer's operations from the start", async () => {
    expect(await send(bundledApp(), { extensions: persisted(sha256Hex(explorerOperations.stats)) })).toEqual({
      status: 200,
      data: { graphStats: { paperCount: expect.any(Number), authorCount: 30, collaborationCount: expect.any(Number) } },
      codes: undefined,
    });
  });
});

describe('trusted documents (--persisted-only FILE)', () => {
  const app = bundledApp({ http: { persistedOperations: readPersistedOperations(explorerOperationsFile) } });

  it('runs the operations of the list by hash, and nothing else', async () => {
    expect(
      (await send(app, { extensions: persisted(sha256Hex(explorerOperations.stats)) })).data?.graphStats.authorCount,
    ).toBe(30);
    expect(
      (
        await send(app, {
          extensions: persisted(sha256Hex(explorerOperations.author)),
          variables: { id: 'david-duvenaud' },
        })
      ).data?.author.name,
    ).toBe('David Duvenaud');
    expect(await send(app, { query: explorerOperations.stats })).toEqual({
      status: 400,
      data: undefined,
      codes: ['PERSISTED_QUERY_REQUIRED'],
    });
    expect(
      await send(app, { query: '{ __typename }', extensions: persisted(sha256Hex('{ __typename }')) }),
    ).toMatchObject({ status: 400, codes: ['PERSISTED_QUERY_REQUIRED'] });
    expect(await send(app, { extensions: persisted(sha256Hex('{ __typename }')) })).toEqual({
      status: 404,
      data: undefined,
      codes: ['PERSISTED_QUERY_NOT_IN_LIST'],
    });
  });

  it("answers the explorer progress bar's subscription over server-sent events, as the bar sends it", async () => {
    const response = await app.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ extensions: persisted(sha256Hex(progressSubscription)) }),
    });
    expect(response.status).toBe(200);
    const events = [...(await response.text()).matchAll(/^data: (.+)$/gmu)].map(([, json]) =>
      JSON.parse(json as string),
    );
    // The seed's values are exact at load: one update, the last.
    expect(events).toEqual([
      {
        data: {
          centralityProgress: {
            progress: { phase: 'EXACT', sourcesDone: 30, sourcesTotal: 30 },
            secondsLeft: 0,
            done: true,
          },
        },
      },
    ]);
  });

  it('reads the list from --persisted-only (or PERSISTED_ONLY) and refuses a file that is not such a list', () => {
    // The explorer's queries and its progress bar's subscription (src/web/progress-bar.ts).
    expect(serveConfig(['--persisted-only', explorerOperationsFile]).http.persistedOperations?.size).toBe(
      Object.keys(explorerOperations).length + 1,
    );
    expect(serveConfig([], { PERSISTED_ONLY: explorerOperationsFile }).http.persistedOperations?.size).toBe(
      Object.keys(explorerOperations).length + 1,
    );
    expect(serveConfig([]).http.persistedOperations).toBeNull();
    const wrong = join(folder, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ abc: '{ __typename }' }));
    expect(() => serveConfig(['--persisted-only', wrong])).toThrow(
      new ConfigError(
        `persisted-only: ${wrong}: abc is not the SHA-256 of its query text (it is ${sha256Hex('{ __typename }')})`,
      ),
    );
    const array = join(folder, 'array.json');
    writeFileSync(array, '[]');
    expect(() => serveConfig(['--persisted-only', array])).toThrow(ConfigError);
    expect(() => serveConfig(['--persisted-only', join(folder, 'missing.json')])).toThrow(ConfigError);
  });

  it("ships the explorer's operations as a list that is up to date (npm run persisted:write)", () => {
    expect(readFileSync(explorerOperationsFile, 'utf8')).toBe(persistedOperationsJson());
  });
});
