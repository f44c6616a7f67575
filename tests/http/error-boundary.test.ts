/**
 * The outermost error handler (issue 12, point 3): outside GraphQL (static routes, URL parsing, the Host
 * header) a failure is a plain 400/404/500 naming the request id, logged, never a stack or a path
 * of the installation. Against the real server, over a socket.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBoundary } from '../../src/http/error-boundary.ts';
import { createLogger } from '../../src/http/logger.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { bundledApp } from '../helpers/app.ts';
import { rawRequest } from '../helpers/raw-http.ts';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}
const lines: LogLine[] = [];
const logger = createLogger('info', {
  write: (line: string) => {
    lines.push(JSON.parse(line) as LogLine);
  },
});
let server: RunningServer;
let port: number;

beforeAll(async () => {
  server = await startServer(bundledApp({ logger }), { port: 0, host: '127.0.0.1' });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close(100);
});

const get = (path: string, host = 'localhost', extra = '') =>
  rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);
const STACK_OR_PATH = /\bat \S+ \(|node_modules|\/work\/|[A-Za-z]:\\|\.ts:\d+|ENOENT/u;

describe('static routes', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'answers /graphiql/assets/%s and the same under /explorer/ with a plain 404, no stack',
    async (name) => {
      for (const path of [`/graphiql/assets/${name}`, `/explorer/${name}`]) {
        const answer = await get(path, 'localhost', 'x-request-id: probe-1\r\n');
        expect(answer.status).toBe(404);
        expect(answer.body).not.toMatch(STACK_OR_PATH);
        expect(answer.headers.get('x-request-id')).toBe('probe-1');
      }
      const logged = lines.filter(
        (line) => line.msg === 'request' && typeof line.path === 'string' && line.path.endsWith(`/${name}`),
      );
      expect(logged.length).toBeGreaterThanOrEqual(2);
      for (const line of logged)
        expect(line).toMatchObject({
          level: 30,
          status: 404,
          outcome: 'error',
          errorCodes: ['NOT_FOUND'],
          reqId: 'probe-1',
        });
    },
  );

  it('still serves the real assets', async () => {
    expect((await get('/graphiql/assets/graphiql.css')).status).toBe(200);
  });
});

describe('invalid Host header', () => {
  it.each(['a b', '[', 'x:99999', '%zz', 'exa mple.org:80'])(
    'refuses Host "%s" with a plain 400 naming the request id, and logs it',
    async (host) => {
      const before = lines.length;
      const answer = await get('/health', host);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const id = answer.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/u);
      expect(answer.body).toBe(
        `Bad request: the Host header and the request target do not make a valid URL (request id ${id})\n`,
      );
      expect(answer.body).not.toMatch(STACK_OR_PATH);
      expect(lines.slice(before)).toEqual([
        expect.objectContaining({
          level: 30,
          msg: 'request',
          reqId: id,
          status: 400,
          outcome: 'error',
          errorCodes: ['BAD_REQUEST_URL'],
          path: '/health',
        }),
      ]);
    },
  );
});

describe('anything thrown outside GraphQL', () => {
  it('is a plain 500 with the request id; the stack goes to the log only', async () => {
    const own: LogLine[] = [];
    const ownLogger = createLogger('info', {
      write: (line: string) => {
        own.push(JSON.parse(line) as LogLine);
      },
    });
    // What a bug in a plugin in front of GraphQL looks like to the boundary: the app's promise rejects.
    const failing = {
      handleNodeRequestAndResponse: () => Promise.reject(new Error('disk on fire at /srv/secret/path')),
    };
    const node = createServer(errorBoundary(failing, ownLogger));
    await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await rawRequest(
        (node.address() as AddressInfo).port,
        'GET /graphiql/assets/x HTTP/1.1\r\nHost: localhost\r\nx-request-id: trace-9\r\nConnection: close\r\n\r\n',
      );
      expect(answer.status).toBe(500);
      expect(answer.body).toBe('Internal server error (request id trace-9)\n');
      expect(answer.text).not.toMatch(/secret|disk on fire/u);
      const error = own.find((line) => line.level === 50 && line.msg !== 'request');
      expect(error).toMatchObject({ reqId: 'trace-9', err: { message: 'disk on fire at /srv/secret/path' } });
      expect(own).toContainEqual(
        expect.objectContaining({
          msg: 'request',
          reqId: 'trace-9',
          status: 500,
          errorCodes: ['INTERNAL_SERVER_ERROR'],
        }),
      );
    } finally {
      await new Promise((resolve) => node.close(resolve));
    }
  });
});
