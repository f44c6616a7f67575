/**
 * Graceful shutdown of the real command: `coauthor-graph serve` in a child process, stopped with
 * SIGTERM or SIGINT while a request is genuinely in flight.
 *
 * The slow request is real work: the drawn 3-hop networks of three well-connected authors of the ACL
 * Anthology 2016 slice (7,728 authors), capped at 1,000 authors each: three ForceAtlas2 layouts of
 * about 1,000 authors and 4,000 ties, one after the other in the one request worker, seconds on the
 * 2-core machine this was written on (the signal follows the request within milliseconds). The main
 * thread stays free meanwhile.
 * Connections are raw sockets, so the test controls exactly what is sent when.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { type Socket, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

const slice = 'tests/fixtures/acl-anthology-2016.jsonl';
const slowWork = ['--data', slice, '--no-cache', '--threads', '1', '--request-threads', '1', '--time-budget', '300'];
const slowCenters = ['jan-hajic', 'trevor-cohn', 'yoav-goldberg'] as const;
const slowQuery = `{ ${slowCenters.map((center, i) => `n${i}: collaborationNetwork(center: "${center}", depth: 3, maxNodes: 1000) { nodes { author { id } x y } }`).join(' ')} }`;

let children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children = [];
});
// The command runs the bundle built by the run's global setup (tests/helpers/server-bundle.global.ts).

interface Served {
  readonly port: number;
  readonly process: ChildProcess;
  output(): string;
  /** Resolves with the exit code and when it came. */
  readonly exited: Promise<{ code: number | null; at: number }>;
}

function start(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, ['src/bin/coauthor-graph.js', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not become ready:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at http:\/\/127\.0\.0\.1:(\d+)\/graphql/u.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), process: child, output: () => output, exited });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

async function waitFor(output: () => string, pattern: RegExp, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection that records what arrives and when it ends. */
interface Connection {
  readonly socket: Socket;
  received(): string;
  /** Resolves when the server ends the connection, with what was received (bytes as latin1) and when. */
  readonly ended: Promise<{ text: string; at: number; error: string | null }>;
}

function open(port: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let error: string | null = null;
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code ?? cause.message;
      reject(cause);
    });
    const ended = new Promise<{ text: string; at: number; error: string | null }>((done) =>
      socket.on('close', () => done({ text, at: Date.now(), error })),
    );
    socket.once('connect', () => resolve({ socket, received: () => text, ended }));
  });
}

function post(body: string, headers = ''): string {
  return `POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`;
}

const queryBody = (query: string) => JSON.stringify({ query });

interface Response {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Parses one HTTP/1.1 response (Content-Length or chunked) from bytes read as latin1. */
function parseResponse(text: string): Response {
  const split = text.indexOf('\r\n\r\n');
  if (split === -1) throw new Error(`no complete response in ${JSON.stringify(text)}`);
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  let rest = text.slice(split + 4);
  let body = '';
  if (headers['transfer-encoding'] === 'chunked') {
    for (;;) {
      const end = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.slice(0, end), 16);
      if (size === 0) break;
      body += rest.slice(end + 2, end + 2 + size);
      rest = rest.slice(end + 2 + size + 2);
    }
  } else {
    body = rest.slice(0, Number(headers['content-length']));
  }
  return { status: Number(statusLine!.split(' ')[1]), headers, body: Buffer.from(body, 'latin1').toString('utf8') };
}

/** How much of each connection's input earlier exchanges used. */
const mark = new WeakMap<Connection, number>();

/** The response after those of earlier exchanges, once the server has closed the connection. */
async function lastResponse(connection: Connection): Promise<Response> {
  return parseResponse((await connection.ended).text.slice(mark.get(connection) ?? 0));
}

/** Sends a whole request on a kept-alive connection and waits for its complete response. */
async function exchange(connection: Connection, request: string): Promise<Response> {
  const before = connection.received().length;
  connection.socket.write(request);
  for (let i = 0; i < 500; i += 1) {
    const text = connection.received().slice(before);
    try {
      const response = parseResponse(text);
      if (
        response.headers['content-length'] === undefined ||
        Buffer.byteLength(response.body) >= Number(response.headers['content-length'])
      ) {
        mark.set(connection, connection.received().length);
        return response;
      }
    } catch {
      /* not complete yet */
    }
    await sleep(20);
  }
  throw new Error(`no response to ${request}: ${connection.received()}`);
}

function connectionRefused(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/**
 * Sends the slow query, then a quick one on another connection: once that is answered, the server has
 * read the slow one (its bytes arrived first), so it is in flight unless already answered.
 */
async function slowRequestInFlight(port: number): Promise<Connection> {
  const connection = await open(port);
  connection.socket.write(post(queryBody(slowQuery)));
  await sleep(50);
  const probe = await open(port);
  expect((await exchange(probe, 'GET /health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n')).status).toBe(200);
  expect(connection.received(), 'the slow request must still be running when the signal is sent').toBe('');
  return connection;
}

function expectRankingAnswer(response: Response): void {
  expect(response.status).toBe(200);
  const answer = JSON.parse(response.body).data as Record<
    string,
    { nodes: { author: { id: string }; x: number; y: number }[] }
  >;
  slowCenters.forEach((center, i) => {
    const { nodes } = answer[`n${i}`] as { nodes: { author: { id: string }; x: number; y: number }[] };
    // 1,000 authors within 3 hops of the first two (the cap), 991 of the third.
    expect(nodes).toHaveLength(center === 'yoav-goldberg' ? 991 : 1000);
    expect(nodes[0]?.author.id).toBe(center);
    for (const node of nodes) expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
  });
}

describe('serve: graceful shutdown', () => {
  it('on SIGTERM turns /ready to 503, refuses new requests, answers the one in flight in full and exits 0', async () => {
    const server = await start([...slowWork, '--shutdown-grace', '60']);
    const events: string[] = [];

    // Kept-alive connections, each used once before the signal.
    const idle = await open(server.port);
    expect((await exchange(idle, 'GET /ready HTTP/1.1\r\nHost: test\r\n\r\n')).status).toBe(200);
    const ready = await open(server.port);
    expect((await exchange(ready, 'GET /ready HTTP/1.1\r\nHost: test\r\n\r\n')).status).toBe(200);
    const graphql = await open(server.port);
    expect((await exchange(graphql, post(queryBody('{ graphStats { authorCount } }')))).body).toBe(
      '{"data":{"graphStats":{"authorCount":7728}}}',
    );
    const health = await open(server.port);
    expect((await exchange(health, 'GET /health HTTP/1.1\r\nHost: test\r\n\r\n')).status).toBe(200);

    const inFlight = await slowRequestInFlight(server.port);
    void inFlight.ended.then(() => events.push('in-flight answered'));
    void idle.ended.then(() => events.push('idle connection closed'));
    // Clients racing the shutdown: a request begun before the signal, finished after it.
    ready.socket.write('GET /ready HTTP/1.1\r\nHost: test\r\n');
    graphql.socket.write('POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n');
    health.socket.write('GET /health HTTP/1.1\r\nHost: test\r\n');
    await sleep(100);

    server.process.kill('SIGTERM');
    await waitFor(
      server.output,
      /SIGTERM received: \/ready answers 503, new requests are refused; finishing 1 request in flight \(grace period 60 s/u,
    );
    void server.exited.then(() => events.push('exited'));

    expect(await connectionRefused(server.port)).toBe('ECONNREFUSED');
    await idle.ended;

    ready.socket.write('\r\n');
    const readiness = await lastResponse(ready);
    expect(readiness.status).toBe(503);
    expect(readiness.headers.connection).toBe('close');

    const body = queryBody('{ graphStats { authorCount } }');
    graphql.socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const refused = await lastResponse(graphql);
    expect(refused.status).toBe(503);
    expect(refused.headers.connection).toBe('close');
    expect(refused.headers['content-type']).toMatch(/^application\/json/u);
    expect(JSON.parse(refused.body)).toEqual({
      errors: [{ message: expect.stringContaining('shutting down'), extensions: { code: 'SHUTTING_DOWN' } }],
    });

    health.socket.write('\r\n');
    const healthy = await lastResponse(health);
    expect(healthy.status).toBe(200);
    expect(healthy.headers.connection).toBe('close');
    events.push('refusals checked');

    const answer = await inFlight.ended;
    expect(answer.error).toBeNull();
    const response = parseResponse(answer.text);
    expectRankingAnswer(response);
    expect(response.headers.connection).toBe('close');

    const exit = await server.exited;
    expect(exit.code).toBe(0);
    expect(events).toEqual(['idle connection closed', 'refusals checked', 'in-flight answered', 'exited']);
    // It stops once the last request is answered, not at the end of the 60 s grace period.
    expect(exit.at - answer.at).toBeLessThan(5000);
    expect(server.output()).toContain('every request in flight finished; stopped');
  }, 60_000);

  it('cuts a request that outlasts --shutdown-grace and exits 0 at the end of the grace period', async () => {
    const server = await start([...slowWork, '--shutdown-grace', '1']);
    const inFlight = await slowRequestInFlight(server.port);
    const signalledAt = Date.now();
    server.process.kill('SIGTERM');
    const { code, at } = await server.exited;
    expect(code).toBe(0);
    // Requests are cut 0.25 s before the end of a 1 s grace period; the upper bound allows for a busy machine.
    expect(at - signalledAt).toBeGreaterThanOrEqual(750);
    expect(at - signalledAt).toBeLessThan(5000);
    const cut = await inFlight.ended;
    expect(cut.text).toBe(''); // the work was not finished: nothing was sent
    expect(server.output()).toContain('grace period over: 1 request still running cut; stopped');
  }, 60_000);

  it('on SIGINT drains the same way and exits 0', async () => {
    const server = await start([...slowWork, '--shutdown-grace', '60']);
    const inFlight = await slowRequestInFlight(server.port);
    server.process.kill('SIGINT');
    await waitFor(server.output, /SIGINT received: \/ready answers 503/u);
    expect(await connectionRefused(server.port)).toBe('ECONNREFUSED');
    expectRankingAnswer(parseResponse((await inFlight.ended).text));
    expect((await server.exited).code).toBe(0);
  }, 60_000);

  it('stops at once on a second signal during the drain, with 130 after SIGINT', async () => {
    const server = await start([...slowWork, '--shutdown-grace', '60']);
    const inFlight = await slowRequestInFlight(server.port);
    server.process.kill('SIGTERM');
    await waitFor(server.output, /SIGTERM received/u);
    server.process.kill('SIGINT');
    const { code } = await server.exited;
    expect(code).toBe(130);
    expect((await inFlight.ended).text).toBe(''); // cut, not answered
    expect(server.output()).toContain('SIGINT received again: stopping now; 1 request in flight cut');
  }, 60_000);
});
