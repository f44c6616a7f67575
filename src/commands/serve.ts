/**
 * `coauthor-graph serve`: load, refuse bad data, listen, shut down gracefully on SIGINT/SIGTERM (see shutdown.ts).
 *
 * Start-up order: the network first (a snapshot is read and checked), then the request workers are
 * started, and only then are the HTTP server's modules (graphql-yoga, its plugins, the schema) loaded:
 * on a machine with two cores the workers attach on one while this thread loads the server on the
 * other. The store's and the curation's modules (the PostgreSQL driver among them) are loaded only
 * when they are used. A replica (`--database`) that waits on the store for its version (downloading
 * its snapshot, or building it from the rows) loads the server's modules, opens its curation
 * store and starts its request workers meanwhile (they attach to the network once it is there).
 */
import type { AnalysisOptions, AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import { serveConfig } from '../config.ts';
import type { Curator } from '../curation/curator.ts';
import type { CurationSetup } from '../curation/setup.ts';
import type { Database } from '../db/database.ts';
import { loadObservability } from '../http/observability.ts';
import { formatProblem } from '../ingest/records.ts';
import { type RequestWork, startRequestWorkers, workerThreadWork } from '../work/request-work.ts';
import type { WaitingWorkers } from '../work/worker-pool.ts';
import type { CommandIO } from './io.ts';
import { describeLoad, loadServableDataOffThread } from './load-data.ts';
import type { StoreReplica } from './serve-store.ts';
import { untilShutdown } from './shutdown.ts';
import { watchData } from './watch.ts';
import { errorMessage } from '../error-message.ts';

export async function serveCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const config = serveConfig(args);
  const onSettled: AnalysisOptions['onSettled'] = (progress, seconds) =>
    io.out(
      progress.phase === 'failed'
        ? `exact centrality failed: ${progress.error}; estimates are still served\n`
        : `exact betweenness, closeness and harmonic centrality ready (${seconds?.toFixed(1)} s)${progress.error === null ? '' : `; ${progress.error}`}\n`,
    );
  // The exact pass is planned and started once the server is ready (a replica's first version's too).
  let startExact: () => void = () => {};
  const exactAfter = new Promise<void>((resolve) => {
    startExact = resolve;
  });
  // With --database: the store's newest version (curation included), followed as new ones are
  // committed (serve-store.ts); curation writes decisions to the store, and every replica follows.
  let replica: StoreReplica | null = null;
  let database: Database | null = null;
  let serverModules: ReturnType<typeof loadServerModules> | null = null;
  // Without --watch or --snapshot, the curation store is opened: a replica opens it while it waits.
  const curates = !config.watch && config.snapshotFile == null;
  let curationOpening: Promise<CurationSetup | null> | null = null;
  // A replica's request workers, started while it waits on the store (they attach once the network is there).
  const early: { workers?: WaitingWorkers } = {};
  if (config.databaseUrl !== null) {
    const [{ startStoreReplica }, { connectDatabase }] = await Promise.all([
      import('./serve-store.ts'),
      import('../db/database.ts'),
    ]);
    const curationDatabase = connectDatabase(config.databaseUrl, {
      applicationName: 'coauthor-graph curation',
      onIdleError: (error) => io.err(`a curation connection to the store failed (${error.message})\n`),
    });
    // A replica that waits on the store for its version (its snapshot streaming in, or built from
    // the rows) loads the server's modules, opens its curation store (a connection of its own) and
    // starts its request workers meanwhile; not before: that would hold its first queries.
    const onWaiting = () => {
      early.workers ??= startRequestWorkers(config.requestThreads);
      serverModules ??= loadServerModules(config.http);
      serverModules.catch(() => {}); // awaited below
      if (curates && curationOpening === null) {
        curationOpening = import('../curation/setup.ts').then((setup) => setup.openCuration(config, curationDatabase));
        curationOpening.catch(() => {}); // awaited below
      }
    };
    const started = await startStoreReplica(config, { io, onSettled, exactAfter, onWaiting });
    if ('failure' in started) {
      io.err(`refusing to serve: ${started.failure}\n`);
      await early.workers?.close();
      await curationDatabase.end().catch(() => undefined);
      return 1;
    }
    replica = started;
    database = curationDatabase;
  }
  // Without a database: the decisions in the curation file shape the network served (not with --watch).
  // A snapshot is served as it was built (no curation).
  const setup = curates ? await import('../curation/setup.ts') : null;
  const curation = setup === null ? null : await (curationOpening ?? setup.openCuration(config, database));
  const result =
    replica?.initial ??
    (await loadServableDataOffThread(
      { ...config, decisions: curation?.decisions ?? [] },
      {
        onSettled,
        exactWindows: config.exactWindows,
        exactAfter,
        onNote: (note) => io.err(`${note}\n`),
        lazyTables: true,
        splitLocalMetrics: true,
      },
    ));
  if ('failure' in result) {
    io.err(`refusing to serve: ${result.failure}\n`);
    return 1;
  }
  for (const problem of result.loaded.load?.problems ?? []) io.err(`${formatProblem(problem)}\n`);
  for (const note of result.loaded.notes) io.err(`${note}\n`);

  let ready = false;
  // Each network served (a reload by --watch makes a new one) gets workers that share its memory; the
  // first network's start now, while this thread goes on loading the server.
  const startWork = (data: AnalyzedNetwork, waiting?: WaitingWorkers): RequestWork =>
    workerThreadWork(data, {
      threads: config.requestThreads,
      ...(waiting === undefined ? {} : { waiting }),
      onSetupFailure: (error) =>
        io.err(
          `request workers could not start: ${error.message}; layouts, exports and duplicate candidates fail with UNAVAILABLE, everything else is served\n`,
        ),
    });
  const firstWork = startWork(result.data, early.workers);
  void early.workers?.close(); // any not taken
  const watcher = config.watch ? watchData(config, result.data, { io, onSettled }) : null;
  let curator: Curator | null = null;
  if (curation !== null && setup !== null) {
    curator =
      replica === null
        ? setup.curatorOver(curation, result, config, { onSettled }, (milliseconds) =>
            io.out(`curation applied: network rebuilt and swapped in ${milliseconds.toFixed(0)} ms\n`),
          )
        : (await import('../curation/store-curator.ts')).storeCurator(curation.store, replica.follower);
  }
  const [observability, { createApp }, { startServer }] = await (serverModules ?? loadServerModules(config.http));
  const app = createApp({
    data: result.data,
    observability,
    dataSource: watcher?.current ?? replica?.follower.current ?? curator?.current,
    ...(curator === null || curation === null
      ? {}
      : { curation: { curator, tokens: curation.tokens, maxMutationsPerMinute: config.maxMutationsPerMinute } }),
    isReady: () => ready && (replica?.follower.ready() ?? true),
    http: config.http,
    timeBudgetMs: config.timeBudgetMs,
    maxExportAuthors: config.maxExportAuthors,
    work: (data) => (data === result.data ? firstWork : startWork(data)),
  });

  // A snapshot's tables not read at start were being checked meanwhile: nothing is served before they pass.
  try {
    await result.loaded.snapshot?.verified;
  } catch (error) {
    void firstWork.close();
    result.data.dispose();
    io.err(`refusing to serve: ${errorMessage(error)}\n`);
    return 1;
  }
  let running;
  try {
    running = await startServer(app, config);
  } catch (error) {
    void firstWork.close();
    watcher?.close();
    await replica?.close();
    await database?.end().catch(() => undefined);
    throw error;
  }
  // Listening already (light queries, /health); ready once every centrality query can be answered
  // at once (the first estimates exist) and the request workers have attached.
  const first = await result.data.centrality().catch(() => null);
  await firstWork.whenStarted();
  ready = true;
  startExact();
  return untilShutdown({
    server: running,
    // The ready lines once SIGTERM and SIGINT are handled: a signal sent on seeing them drains.
    listening: () => {
      io.out(
        `coauthor-graph ready at ${running.url} (GraphiQL in a browser; the explorer at ${running.url.replace(/graphql$/u, '')}): ${replica?.description ?? describeLoad(result.loaded, config)}\n`,
      );
      if (curation !== null)
        io.out(`curation: mutations with a bearer token (coauthor-graph token create); kept in ${curation.where}\n`);
      const progress = result.data.progress();
      const firstSample = first?.originOf('betweenness').sampleSize ?? null;
      const sampled =
        firstSample === null || firstSample >= config.sampleSize
          ? ''
          : ` (${firstSample} sources, then ${config.sampleSize})`;
      if (progress.phase !== 'exact')
        io.out(
          `betweenness, closeness and harmonic: estimates from a sample first${sampled}, exact values computed in the background (${progress.fromCache ? 'cache' : 'no cached values for these inputs'})\n`,
        );
      else if (progress.fromCache) io.out('betweenness, closeness and harmonic: exact values read from the cache\n');
    },
    graceMs: config.shutdownGrace * 1000,
    io,
    notReady: () => {
      ready = false;
    },
    // After the drain: requests in flight still use the network (and its worker threads).
    dispose: async () => {
      if (replica !== null) {
        // The replica gives back the shared pass's chunks it holds before the pool ends.
        await replica.close();
        await database?.end().catch(() => undefined);
      } else if (watcher !== null) watcher.close();
      else (curator?.current() ?? result.data).dispose();
    }, // close() disposes the network it serves
  });
}

/** The HTTP server's modules (graphql-yoga, its plugins, the schema) and its observability. */
function loadServerModules(http: Parameters<typeof loadObservability>[0]) {
  return Promise.all([loadObservability(http), import('../app.ts'), import('../server.ts')]);
}
