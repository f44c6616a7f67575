/**
 * The request log: one JSON line per request (id, operation, duration, outcome, status), the id
 * echoed to the client; an unexpected error's stack in the log and never in the answer.
 */
import { describe, expect, it } from 'vitest';
import type { AnalyzedNetwork } from '../../src/analysis/analyzed-network.ts';
import { createLogger } from '../../src/http/logger.ts';
import { bundledApp, bundledData } from '../helpers/app.ts';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  [field: string]: unknown;
}

function capturedLogger(level: 'info' | 'debug' = 'info') {
  const lines: LogLine[] = [];
  const logger = createLogger(level, {
    write: (line: string) => {
      lines.push(JSON.parse(line) as LogLine);
    },
  });
  return { logger, lines, requests: () => lines.filter((line) => line.msg === 'request') };
}

async function post(app: ReturnType<typeof bundledApp>, body: unknown, headers: Record<string, string> = {}) {
  return app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

describe('request log', () => {
  it('writes one line per request with its id, operation, status, duration and outcome, and echoes the id', async () => {
    const { logger, requests } = capturedLogger();
    const app = bundledApp({ logger });
    const response = await post(app, { query: 'query Stats { graphStats { authorCount } }' });
    expect(response.status).toBe(200);
    const [line, ...more] = requests();
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: 30,
      service: 'coauthor-graph',
      method: 'POST',
      path: '/graphql',
      operationName: 'Stats',
      status: 200,
      outcome: 'ok',
    });
    expect(line?.reqId).toMatch(UUID);
    expect(response.headers.get('x-request-id')).toBe(line?.reqId);
    expect(typeof line?.durationMs).toBe('number');
    expect(line?.durationMs).toBeGreaterThanOrEqual(0);
    expect(typeof line?.time).toBe('string'); // ISO 8601
    expect(line).not.toHaveProperty('errorCodes');
  });

  it('keeps a caller\u2019s x-request-id when it is a plain token, and replaces one that is not', async () => {
    const { logger, requests } = capturedLogger();
    const app = bundledApp({ logger });
    const kept = await post(app, { query: '{ __typename }' }, { 'x-request-id': 'edge-7f3a.42' });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a.42');
    const replaced = await post(app, { query: '{ __typename }' }, { 'x-request-id': 'bad id "quoted"' });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    expect(requests().map((line) => line.reqId)).toEqual(['edge-7f3a.42', replaced.headers.get('x-request-id')]);
  });

  it('names the operation from the document when the request does not, and null for an anonymous one', async () => {
    const { logger, requests } = capturedLogger();
    const app = bundledApp({ logger });
    await post(app, { query: 'query Count { graphStats { paperCount } }' });
    await post(app, { query: '{ graphStats { paperCount } }' });
    await post(app, { query: 'query A { __typename } query B { graphStats { paperCount } }', operationName: 'B' });
    expect(requests().map((line) => line.operationName)).toEqual(['Count', null, 'B']);
  });

  it('gives the error codes of a failed request as its outcome', async () => {
    const { logger, requests } = capturedLogger();
    const app = bundledApp({ logger });
    await post(app, { query: 'query Bad { authors(first: 1000) { totalCount } }' });
    await post(app, {
      query:
        '{ author(name: "David Duvenaud") { coauthors(first: 100) { nodes { coauthors(first: 100) { nodes { coauthors(first: 100) { nodes { name } } } } } } } }',
    });
    await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '2000000' },
      body: '{}',
    });
    expect(
      requests().map(({ operationName, status, outcome, errorCodes }) => ({
        operationName,
        status,
        outcome,
        errorCodes,
      })),
    ).toEqual([
      { operationName: 'Bad', status: 200, outcome: 'error', errorCodes: ['BAD_USER_INPUT'] },
      { operationName: null, status: 400, outcome: 'error', errorCodes: ['QUERY_TOO_COMPLEX'] },
      { operationName: null, status: 413, outcome: 'error', errorCodes: ['REQUEST_TOO_LARGE'] },
    ]);
  });

  it('logs an unexpected error with its stack, and sends the client only "Unexpected error."', async () => {
    const { logger, lines, requests } = capturedLogger();
    const data = bundledData();
    // A network whose figures cannot be read: what a bug in a resolver's code looks like.
    const broken = new Proxy(data, {
      get(target, key) {
        if (key === 'stats') throw new Error('disk on fire at /srv/secret/path');
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as AnalyzedNetwork;
    const app = bundledApp({ logger, data: broken });
    const response = await post(
      app,
      { query: 'query Stats { graphStats { authorCount } }' },
      { 'x-request-id': 'trace-1' },
    );
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      data: null,
      errors: [
        {
          message: 'Unexpected error.',
          locations: [{ line: 1, column: 15 }],
          path: ['graphStats'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
    expect(text).not.toContain('disk on fire');
    expect(text).not.toContain('secret');
    expect(text).not.toMatch(/\bat \S+:\d+/u); // no stack frame

    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      reqId: 'trace-1',
      operationName: 'Stats',
      path: ['graphStats'],
      err: { type: 'Error', message: 'disk on fire at /srv/secret/path' },
    });
    expect((errors[0]?.err as { stack: string }).stack).toMatch(/disk on fire[\s\S]*\n\s+at /u);
    expect(requests()).toEqual([
      expect.objectContaining({
        reqId: 'trace-1',
        status: 200,
        outcome: 'error',
        errorCodes: ['INTERNAL_SERVER_ERROR'],
      }),
    ]);
  });

  it('does not leak a stack even with NODE_ENV=development', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const data = bundledData();
      const broken = new Proxy(data, {
        get: (target, key) => {
          if (key === 'stats') throw new Error('boom');
          return Reflect.get(target, key, target) as unknown;
        },
      }) as AnalyzedNetwork;
      const text = await (await post(bundledApp({ data: broken }), { query: '{ graphStats { authorCount } }' })).text();
      expect(text).not.toContain('boom');
      expect(text).toContain('Unexpected error.');
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('logs health and readiness probes at debug level only', async () => {
    const info = capturedLogger('info');
    await bundledApp({ logger: info.logger }).fetch('http://yoga/health');
    expect(info.requests()).toEqual([]);
    const debug = capturedLogger('debug');
    const response = await bundledApp({ logger: debug.logger }).fetch('http://yoga/ready');
    expect(debug.requests()).toEqual([
      expect.objectContaining({
        level: 20,
        path: '/ready',
        status: 200,
        outcome: 'ok',
        reqId: response.headers.get('x-request-id'),
      }),
    ]);
  });

  it('echoes a request id with the log off (logging: false, the tests\u2019 default)', async () => {
    const app = bundledApp();
    const response = await post(app, { query: '{ __typename }' });
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });
});
