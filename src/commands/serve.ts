/** `coauthor-graph serve`: load, refuse bad data, listen, shut down gracefully on SIGINT/SIGTERM. */
import { createApp } from '../app.ts';
import { serveConfig } from '../config.ts';
import { formatProblem } from '../ingest/records.ts';
import { startServer } from '../server.ts';
import type { CommandIO } from './io.ts';
import { describeLoad, loadServableData } from './load-data.ts';

export async function serveCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const config = serveConfig(args);
  const result = loadServableData(config);
  if ('failure' in result) {
    io.err(`${result.failure}\n`);
    return 1;
  }
  for (const problem of result.loaded.load.problems) io.err(`${formatProblem(problem)}\n`);

  let ready = false;
  const app = createApp({ data: result.data, isReady: () => ready });
  const running = await startServer(app, config);
  ready = true;
  io.out(`coauthor-graph ready at ${running.url} (GraphiQL in a browser; the explorer at ${running.url.replace(/graphql$/u, '')}): ${describeLoad(result.loaded, config)}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ready = false;
      io.out(`${signal} received: finishing requests in flight, then stopping\n`);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
