/** The one module that listens: serves an app over HTTP and drains it gracefully on shutdown. */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from './app.ts';
import { type DrainOutcome, gracefulDrain } from './http/graceful-drain.ts';

/** How long `close()` waits for requests in flight by default. */
export const DEFAULT_CLOSE_GRACE_MS = 10_000;

export interface RunningServer {
  /** e.g. http://127.0.0.1:4000/graphql */
  readonly url: string;
  readonly server: Server;
  /** Requests whose responses have not finished. */
  inFlight(): number;
  /**
   * Stops accepting connections, closes idle ones, refuses new requests on open ones (except `/health`
   * and `/ready`), lets requests in flight finish for up to `graceMs`, cuts what still runs, then
   * disposes the app.
   */
  close(graceMs?: number): Promise<DrainOutcome>;
  /** During `close()`: stop waiting, cut the requests still running. */
  cut(): void;
}

export async function startServer(app: App, options: { port: number; host: string }): Promise<RunningServer> {
  const drain = gracefulDrain(app, { passThrough: ['/health', '/ready'] });
  const server = createServer(drain.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    server,
    inFlight: drain.inFlight,
    async close(graceMs = DEFAULT_CLOSE_GRACE_MS) {
      const outcome = await drain.drain(server, graceMs);
      await app.dispose();
      return outcome;
    },
    cut: drain.cut,
  };
}
