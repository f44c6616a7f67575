/**
 * The one module that listens: serves an app over HTTP and drains it gracefully on shutdown.
 *
 * Every request goes through the outermost error handler (`http/error-boundary.ts`). The transport
 * limits (`HttpConfig`) apply here: a client must send its headers within `headersTimeoutMs` and its
 * whole request within `requestTimeoutMs` (else 408 and the connection is closed), an idle keep-alive
 * connection is closed after `keepAliveTimeoutMs`, and at most `maxConnections` are open at once (one
 * more is closed as soon as it is accepted).
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, appLogger } from './app.ts';
import { type HttpConfig, defaultHttpConfig } from './config.ts';
import { optionDefault } from './options.ts';
import { errorBoundary } from './http/error-boundary.ts';
import { type DrainOutcome, gracefulDrain } from './http/graceful-drain.ts';
import { createLogger } from './http/logger.ts';

/** How long `close()` waits for requests in flight by default: `--shutdown-grace`'s default. */
export const DEFAULT_CLOSE_GRACE_MS = optionDefault('shutdown-grace') * 1000;

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

export type TransportLimits = Pick<
  HttpConfig,
  'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'maxConnections'
>;

export async function startServer(
  app: App,
  options: { port: number; host: string; http?: TransportLimits },
): Promise<RunningServer> {
  const limits = options.http ?? defaultHttpConfig;
  const drain = gracefulDrain(errorBoundary(app, appLogger(app) ?? createLogger('info')), {
    passThrough: ['/health', '/ready'],
  });
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two time-outs above (its default, 30 s, would let a slow client stay that long).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    drain.listener,
  );
  server.maxConnections = limits.maxConnections;
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
