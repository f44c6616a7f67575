/**
 * Logs that cannot be flooded and page nobody for a client's mistake (issue 12, point 6): bounded log
 * fields, error bodies with a short excerpt of the request at most, client disconnects and time-outs
 * logged at info/warn with their own outcome, variable errors as BAD_USER_INPUT. Against `app.fetch`.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { MAX_ERROR_MESSAGE } from '../../src/http/client-errors.ts';
import { createLogger } from '../../src/http/logger.ts';
import { MAX_LOG_FIELD } from '../../src/http/request-log.ts';
import { startServer } from '../../src/server.ts';
import { type RequestWork, TaskAbandoned, inThreadWork } from '../../src/work/request-work.ts';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const data = analyzeNetwork(loadData(checkConfig([])).network);
const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

function logged() {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = createLogger('info', {
    write: (line: string) => {
      raw.push(line);
      lines.push(JSON.parse(line) as LogLine);
    },
  });
  return { logger, lines, raw };
}

/** Work whose drawn networks end only when the request's signal fires (as a long layout would). */
function endlessWork(): RequestWork {
  return {
    ...inThreadWork(data),
    egoNetwork: (_center, _options, signal) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new TaskAbandoned('stopped')), { once: true });
      }),
  };
}

describe('error answers echo a short excerpt of the request at most', () => {
  it('answers an invalid JSON body of 1 MB of NUL bytes with a short BAD_REQUEST (not 6 MB)', async () => {
    const app = createApp({ data, logging: false });
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: json,
      body: '\0'.repeat(1_000_000),
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(1000);
    const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'POST body sent invalid JSON.',
        extensions: expect.objectContaining({ code: 'BAD_REQUEST' }),
      }),
    ]);
  });

  it('cuts an error message that quotes a 1 MB variable value', async () => {
    const app = createApp({ data, logging: false });
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        query: 'query Q($n: Int) { authors(first: $n) { totalCount } }',
        variables: { n: 'x'.repeat(1_000_000) },
      }),
    });
    const text = await response.text();
    expect(text.length).toBeLessThan(MAX_ERROR_MESSAGE + 400);
    const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.message).toMatch(/^Variable "\$n" got invalid value "xxx.*… \(\d+ more characters\)$/u);
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('client errors have their own codes and page nobody', () => {
  it('gives a variable that cannot be coerced BAD_USER_INPUT (status 400), logged at info', async () => {
    const { logger, lines } = logged();
    const app = createApp({ data, logger });
    for (const [query, variables] of [
      ['query Q($n: Int) { authors(first: $n) { totalCount } }', { n: 'x' }],
      ['query Q($n: Int!) { authors(first: $n) { totalCount } }', {}],
    ] as const) {
      const response = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query, variables }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(lines.filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ level: 30, status: 400, outcome: 'error', errorCodes: ['BAD_USER_INPUT'] }),
      expect.objectContaining({ level: 30, status: 400, outcome: 'error', errorCodes: ['BAD_USER_INPUT'] }),
    ]);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('names answers without a GraphQL error by their status (415, 405, 404)', async () => {
    const { logger, lines } = logged();
    const app = createApp({ data, logger });
    await app.fetch('http://yoga/graphql', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' });
    await app.fetch('http://yoga/graphiql/assets/__proto__');
    expect(lines.filter((line) => line.msg === 'request').map((line) => [line.status, line.errorCodes])).toEqual([
      [415, ['UNSUPPORTED_MEDIA_TYPE']],
      [404, ['NOT_FOUND']],
    ]);
  });

  it('answers /graphiql/assets/__proto__, constructor and toString with 404 through app.fetch too', async () => {
    const app = createApp({ data, logging: false });
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect((await app.fetch(`http://yoga/graphiql/assets/${name}`)).status).toBe(404);
      expect((await app.fetch(`http://yoga/explorer/${name}`)).status).toBe(404);
    }
  });
});

describe('log lines are bounded', () => {
  it('cuts a 1 MB operationName to MAX_LOG_FIELD characters in the log', async () => {
    const { logger, lines, raw } = logged();
    const app = createApp({ data, logger });
    const name = 'B'.repeat(1_000_000);
    await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: 'query A { __typename }', operationName: name }),
    });
    expect(raw.reduce((sum, line) => sum + line.length, 0)).toBeLessThan(2000);
    const [line] = lines.filter((entry) => entry.msg === 'request');
    expect(line?.operationName).toBe(`${'B'.repeat(MAX_LOG_FIELD)}… (${1_000_000 - MAX_LOG_FIELD} more characters)`);
  });

  it('cuts a long operation name taken from the document too', async () => {
    const { logger, lines } = logged();
    const app = createApp({ data, logger });
    await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: `query ${'C'.repeat(500_000)} { __typename }` }),
    });
    const [line] = lines.filter((entry) => entry.msg === 'request');
    expect(line?.operationName).toBe(`${'C'.repeat(MAX_LOG_FIELD)}… (${500_000 - MAX_LOG_FIELD} more characters)`);
  });
});

describe('client disconnects and time-outs', () => {
  it('logs a client that went away at info with outcome client-disconnected, no "unexpected error"', async () => {
    const { logger, lines } = logged();
    const app = createApp({ data, logger, work: endlessWork });
    const controller = new AbortController();
    const pending = Promise.resolve(
      app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: '{ collaborationNetwork(center: "paul-vicol") { nodes { x } } }' }),
        signal: controller.signal,
      }),
    )
      .then((response) => response.text())
      .catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ level: 30, outcome: 'client-disconnected' }),
    ]);
  });

  it('logs a request stopped by its time budget at warn with outcome timeout, no "unexpected error"', async () => {
    const { logger, lines } = logged();
    const app = createApp({ data, logger, work: endlessWork, timeBudgetMs: 50 });
    const response = await app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: '{ collaborationNetwork(center: "paul-vicol") { nodes { x } } }' }),
    });
    expect(response.status).toBe(504);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ level: 40, status: 504, outcome: 'timeout', errorCodes: ['TIMEOUT'] }),
    ]);
  });

  it('over a real socket: a client that hangs up mid-request is logged at info as client-disconnected, no error line', async () => {
    const { logger, lines } = logged();
    const running = await startServer(createApp({ data, logger, work: endlessWork }), { port: 0, host: '127.0.0.1' });
    try {
      const body = JSON.stringify({ query: '{ collaborationNetwork(center: "paul-vicol") { nodes { x } } }' });
      const socket = connect(Number(new URL(running.url).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      socket.destroy();
      await expect.poll(() => lines.filter((line) => line.msg === 'request').length, { timeout: 5000 }).toBe(1);
      expect(lines.filter((line) => line.msg === 'request')).toEqual([
        expect.objectContaining({ level: 30, outcome: 'client-disconnected' }),
      ]);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    } finally {
      await running.close(100);
    }
  });
});
