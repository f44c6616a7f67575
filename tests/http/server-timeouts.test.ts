/**
 * Slow clients and connection floods (issue 12, point 8), against the real server over sockets: a
 * client that sends its headers byte by byte is cut at the header time-out (408, connection closed);
 * a connection over the cap is closed at once while the others are served.
 */
import { type Socket, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultHttpConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { bundledApp } from '../helpers/app.ts';
import { rawRequest } from '../helpers/raw-http.ts';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.close(100);
  running = null;
});

async function serve(limits: Partial<typeof defaultHttpConfig>) {
  running = await startServer(bundledApp(), { port: 0, host: '127.0.0.1', http: { ...defaultHttpConfig, ...limits } });
  return Number(new URL(running.url).port);
}

function open(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1');
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', () => {});
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

describe('header time-out', () => {
  it('cuts a client that sends its headers one byte at a time with 408 before it has sent them all', async () => {
    const port = await serve({ headersTimeoutMs: 300, requestTimeoutMs: 1000 });
    const { socket, received, closed } = await open(port);
    const request = `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    let sent = 0;
    let ended = false;
    void closed.then(() => {
      ended = true;
    });
    // One byte every 20 ms: the whole request would take more than 4 s.
    while (!ended && sent < request.length) {
      socket.write(request[sent]!);
      sent += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await closed;
    expect(sent).toBeLessThan(request.length);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /u);
  }, 20_000);

  it('answers a client that sends its request at once', async () => {
    const port = await serve({ headersTimeoutMs: 300, requestTimeoutMs: 1000 });
    const answer = await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(200);
  });
});

describe('connection cap', () => {
  it('closes a connection over maxConnections at once and serves the others', async () => {
    const port = await serve({ maxConnections: 2 });
    const first = await open(port);
    const second = await open(port);
    const third = await open(port);
    await third.closed; // closed by the server without a byte
    expect(third.received()).toBe('');
    for (const held of [first, second])
      held.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await Promise.all([first.closed, second.closed]);
    expect(first.received()).toMatch(/^HTTP\/1\.1 200 /u);
    expect(second.received()).toMatch(/^HTTP\/1\.1 200 /u);
    // With room again, a new connection is served.
    expect(
      (await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).status,
    ).toBe(200);
  });
});

describe('the settings reach the server', () => {
  it('sets the time-outs and the cap on the node server', async () => {
    await serve({ headersTimeoutMs: 4000, requestTimeoutMs: 9000, keepAliveTimeoutMs: 61_000, maxConnections: 77 });
    const server = running!.server;
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout, server.maxConnections]).toEqual([
      4000, 9000, 61_000, 77,
    ]);
  });
});
