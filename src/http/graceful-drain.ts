/**
 * Graceful drain of a `node:http` server, as a load balancer expects when an instance stops.
 *
 * Until `drain` starts, every request goes to the handler. From then on:
 * - the listening socket is closed (a new connection is refused) and idle keep-alive connections are
 *   closed at once;
 * - requests in flight run to completion; their responses, when not begun, say `Connection: close`,
 *   so the connection ends after them;
 * - a request that arrives on a connection opened before (a client racing the shutdown) is refused with
 *   503, `Connection: close` and a GraphQL-shaped JSON error with code `SHUTTING_DOWN`, except the
 *   `passThrough` paths (`/health` keeps answering until the process exits; `/ready` answers 503);
 * - when no request is in flight, or when `cutAfterMs` has passed, or on `cut()`, every connection
 *   left is closed: the requests still running then are cut, and counted.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export const SHUTTING_DOWN = 'SHUTTING_DOWN';

export interface DrainOutcome {
  /** Requests still running when the connections were closed. */
  readonly cut: number;
}

export interface GracefulDrain {
  /** The server's request listener. */
  readonly listener: RequestListener;
  /** Requests whose responses have not finished. */
  inFlight(): number;
  /** Starts draining `server`; resolves once every connection is closed (see the module comment). */
  drain(server: Server, cutAfterMs: number): Promise<DrainOutcome>;
  /** Ends a drain now: closes every connection, cutting what still runs. */
  cut(): void;
}

const refusal = JSON.stringify({
  errors: [
    {
      message: 'The server is shutting down; send the request again (to another instance).',
      extensions: { code: SHUTTING_DOWN },
    },
  ],
});

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function gracefulDrain(handler: RequestListener, options: { passThrough: readonly string[] }): GracefulDrain {
  const running = new Set<ServerResponse>();
  let draining = false;
  let finishDrain: (() => void) | null = null;
  const settleWhenIdle = () => {
    if (draining && running.size === 0) finishDrain?.();
  };

  const listener: RequestListener = (request, response) => {
    running.add(response);
    response.once('close', () => {
      running.delete(response);
      settleWhenIdle();
    });
    if (!draining) {
      void handler(request, response);
    } else if (options.passThrough.includes(pathOf(request))) {
      response.setHeader('Connection', 'close');
      void handler(request, response);
    } else {
      response.writeHead(503, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(refusal),
        Connection: 'close',
      });
      response.end(refusal);
    }
  };

  return {
    listener,
    inFlight: () => running.size,
    drain(server, cutAfterMs) {
      draining = true;
      for (const response of running) {
        if (!response.headersSent) response.setHeader('Connection', 'close');
      }
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      }); // also closes idle connections
      const over = new Promise<void>((resolve) => {
        finishDrain = resolve;
      });
      const timer = setTimeout(() => finishDrain?.(), cutAfterMs);
      settleWhenIdle();
      return over.then(async () => {
        clearTimeout(timer);
        const cut = running.size;
        server.closeAllConnections();
        await closed;
        return { cut };
      });
    },
    cut: () => finishDrain?.(),
  };
}
