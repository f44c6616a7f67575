/** The one module that listens: serves an app over HTTP and shuts it down gracefully. */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from './app.ts';

export interface RunningServer {
  /** e.g. http://127.0.0.1:4000/graphql */
  readonly url: string;
  readonly server: Server;
  /** Stops accepting connections, lets requests in flight finish, then disposes the app. */
  close(): Promise<void>;
}

export async function startServer(app: App, options: { port: number; host: string }): Promise<RunningServer> {
  const server = createServer(app);
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
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await app.dispose();
    },
  };
}
