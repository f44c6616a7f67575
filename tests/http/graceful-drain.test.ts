/**
 * The drain on a real socket, in this process: the handler waits until the test lets it answer, so
 * every step is ordered by the test and nothing depends on timing.
 */
import { type RequestListener, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulDrain } from '../../src/http/graceful-drain.ts';

let release: () => void = () => {};
const slowHandler: RequestListener = (req, res) => {
  if (req.url === '/slow') {
    void new Promise<void>((resolve) => {
      release = resolve;
    }).then(() => res.end('slow answer'));
  } else {
    res.end(`answer to ${req.url}`);
  }
};
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
});

async function serve() {
  const drain = gracefulDrain(slowHandler, { passThrough: ['/health'] });
  const server = createServer(drain.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup = () => {
    server.closeAllConnections();
    server.close();
  };
  return { drain, server, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    })
      .on('error', reject)
      .end();
  });
}

async function untilInFlight(drain: { inFlight(): number }, count: number): Promise<void> {
  while (drain.inFlight() !== count) await new Promise((resolve) => setImmediate(resolve));
}

describe('gracefulDrain', () => {
  it('lets the request in flight finish with Connection: close, refuses new connections, then resolves with nothing cut', async () => {
    const { drain, server, port } = await serve();
    const slow = get(port, '/slow');
    await untilInFlight(drain, 1);
    let drained = false;
    const outcome = drain.drain(server, 60_000).then((result) => {
      drained = true;
      return result;
    });
    await expect(get(port, '/other')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(drained).toBe(false);
    release();
    expect(await slow).toEqual({ status: 200, connection: 'close', body: 'slow answer' });
    expect(await outcome).toEqual({ cut: 0 });
    expect(server.listening).toBe(false);
  });

  it('cut() closes the connections of requests still running and counts them', async () => {
    const { drain, server, port } = await serve();
    const slow = get(port, '/slow');
    await untilInFlight(drain, 1);
    const outcome = drain.drain(server, 60_000);
    drain.cut();
    expect(await outcome).toEqual({ cut: 1 });
    await expect(slow).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('cuts at the end of the drain window', async () => {
    const { drain, server, port } = await serve();
    const slow = get(port, '/slow');
    await untilInFlight(drain, 1);
    expect(await drain.drain(server, 0)).toEqual({ cut: 1 });
    await expect(slow).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('resolves at once when nothing is in flight', async () => {
    const { drain, server, port } = await serve();
    expect((await get(port, '/first')).body).toBe('answer to /first');
    expect(await drain.drain(server, 60_000)).toEqual({ cut: 0 });
  });
});
