/**
 * Builds the HTTP application (yoga) for a loaded network. It never listens: `server.ts` does, and
 * tests call `app.fetch(...)` directly.
 *
 * Routes: `/graphql` (GraphQL over HTTP; GraphiQL for browsers), `/health` (the process is up),
 * `/ready` (the network is loaded and being served), `/` (the collaboration explorer, with its bundle
 * under `/explorer/`).
 *
 * What the endpoint accepts (limits, transport, introspection) comes from `HttpConfig`; see the
 * modules under `http/` and the README's "Running it on the internet".
 */
import { type YogaServerInstance, createYoga, maskError, useReadinessCheck } from 'graphql-yoga';
import type { TracerProvider } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { AnalyzedNetwork } from './analysis/analyzed-network.ts';
import type { Context } from './api/builder.ts';
import { prepareQueryCosts } from './api/complexity.ts';
import { queryOnlySchema, schema } from './api/schema.ts';
import { type HttpConfig, defaultHttpConfig } from './config.ts';
import { optionDefault } from './options.ts';
import { networkVersion, useNetworkVersionHeader } from './http/network-version.ts';
import { useAnswerCaching } from './http/answer-caching.ts';
import { useBodyLimit } from './http/body-limit.ts';
import { useClientErrors } from './http/client-errors.ts';
import { useCompression } from './http/compression.ts';
import { useCodedErrors } from './http/coded-errors.ts';
import { corsOptions, useVaryOnOrigin } from './http/cors.ts';
import { defaultQuery } from './http/default-query.ts';
import { useExplorerPage } from './http/explorer-page.ts';
import { renderGraphiQL, useGraphiQLAssets } from './http/graphiql.ts';
import { useInteractiveFirst } from './http/interactive-first.ts';
import { useIntrospectionOff } from './http/introspection.ts';
import { METRICS_ENDPOINT, type ObservabilityModules } from './http/observability.ts';
import { largeStringsFor, useLargeStrings } from './http/large-strings.ts';
import { createLogger } from './http/logger.ts';
import { usePersistedQueries } from './http/persisted-queries.ts';
import { useQueryCostLimit } from './http/query-cost.ts';
import { useQueryLimits } from './http/query-limits.ts';
import { useRequestGuards } from './http/request-guards.ts';
import { requestLog } from './http/request-log.ts';
import { type RequestBudget, requestBudget, useTimeBudget } from './http/time-budget.ts';
import { useLazyColumns } from './http/lazy-columns.ts';
import { lazySourceOf } from './snapshot/lazy-snapshot.ts';
import { type RequestWork, inThreadWork } from './work/request-work.ts';
import type { Curator } from './curation/curator.ts';
import type { TokenStore } from './curation/tokens.ts';
import { useCurationAuth } from './http/curation-auth.ts';

export interface AppOptions {
  readonly data: AnalyzedNetwork;
  /** Where each request gets the network it answers from (default: always `data`); a live reload swaps what it returns. */
  readonly dataSource?: () => AnalyzedNetwork;
  /** Serve GraphiQL to browsers at /graphql (default true; off also when `http.graphiql` is). */
  readonly graphiql?: boolean;
  /** `false` silences the log (tests); ignored when `logger` is given. */
  readonly logging?: boolean;
  /** `/ready` answers 200 while this says true (default: always); the server turns it off on shutdown. */
  readonly isReady?: () => boolean;
  /** Query limits, transport and log level (default: `defaultHttpConfig`). */
  readonly http?: HttpConfig;
  /** Where the request log goes (default: JSON lines on standard output at `http.logLevel`). */
  readonly logger?: Logger;
  /** Where each network's heavy work runs (default: in this thread); called once per network served. */
  readonly work?: (data: AnalyzedNetwork) => RequestWork;
  /** Each request's time budget in milliseconds (default: `--time-budget`'s); past it the answer is a TIMEOUT error. */
  readonly timeBudgetMs?: number;
  /** `networkExport` of the whole network is refused above this many authors (default: `--max-export-authors`'s). */
  readonly maxExportAuthors?: number;
  /** Where spans go (default: OTLP as the OTEL_* environment variables say, when `http.tracing`; else none). */
  readonly tracerProvider?: TracerProvider & { shutdown?: () => Promise<void> };
  /** The metrics and tracing plugins, loaded by `loadObservability` when the configuration asks for them. */
  readonly observability?: ObservabilityModules;
  /** Curation: the mutations, their tokens and rate limit (absent: the API is query-only). The curator's network is served unless `dataSource` says otherwise. */
  readonly curation?: {
    readonly curator: Curator;
    readonly tokens: TokenStore;
    readonly maxMutationsPerMinute?: number;
  };
}

/** `serve`'s defaults, from the option table. */
export const DEFAULT_TIME_BUDGET_MS = optionDefault('time-budget') * 1000;
export const DEFAULT_MAX_EXPORT_AUTHORS = optionDefault('max-export-authors');

export type App = YogaServerInstance<Record<string, never>, Context & { budget: RequestBudget }>;

const loggers = new WeakMap<App, Logger>();

/** The log an app writes its requests to (the server's outermost error handler writes there too). */
export function appLogger(app: App): Logger | undefined {
  return loggers.get(app);
}

export function createApp(options: AppOptions): App {
  const {
    data,
    curation,
    dataSource = curation?.curator.current,
    timeBudgetMs = DEFAULT_TIME_BUDGET_MS,
    maxExportAuthors = DEFAULT_MAX_EXPORT_AUTHORS,
  } = options;
  const makeWork = options.work ?? inThreadWork;
  const works = new Map<AnalyzedNetwork, RequestWork>();
  const workFor = (served: AnalyzedNetwork) => {
    let work = works.get(served);
    if (work === undefined) {
      prepareQueryCosts(served);
      networkVersion(served); // what answers are cached under: known before the first request

      work = makeWork(served);
      works.set(served, work);
      const closing = work;
      served.onDispose(() => {
        works.delete(served);
        void closing.close();
      });
    }
    return work;
  };
  workFor(data); // listings sorted and workers loading now, not on the first request
  const http = options.http ?? defaultHttpConfig;
  const logger = options.logger ?? createLogger(options.logging === false ? 'silent' : http.logLevel);
  const log = requestLog(logger, ['/health', '/ready', METRICS_ENDPOINT]);
  const currentData = () => (dataSource === undefined ? data : dataSource());
  const { metrics, tracing } = options.observability ?? {};
  if (
    (http.metrics && metrics === undefined) ||
    ((http.tracing || options.tracerProvider !== undefined) && tracing === undefined)
  ) {
    throw new Error(
      'createApp: metrics or tracing are turned on but not loaded; pass `observability: await loadObservability(...)`',
    );
  }
  let graphiqlQuery: string | undefined;
  const tracerProvider =
    options.tracerProvider ?? (http.tracing ? tracing?.otlpTracerProvider(process.env) : undefined);
  const app: App = createYoga<Record<string, never>, Context & { budget: RequestBudget }>({
    schema: curation === undefined ? queryOnlySchema : schema,
    context: ({ request }) => {
      const served = dataSource === undefined ? data : dataSource();
      const budget = requestBudget(timeBudgetMs, request.signal);
      return {
        data: served,
        work: workFor(served),
        signal: budget.signal,
        budget,
        largeStrings: largeStringsFor(request),
        maxExportAuthors,
        curator: curation?.curator ?? null,
        writer: null,
      };
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: log.yogaLogger,
    // Never a stack or an original message to the client, whatever NODE_ENV says.
    maskedErrors: { maskError: (error, message) => maskError(error, message, false) },
    cors: corsOptions(http.corsOrigins),
    batching: false,
    multipart: false,
    maxRequestBodySize: false, // useBodyLimit: the same check, with the limit and the size in its message
    // The default query is written on the first GraphiQL page asked for (a search across the whole
    // network: not something start-up should wait for), then kept.
    graphiql:
      options.graphiql === false || !http.graphiql
        ? false
        : () => ({ title: 'coauthor-graph', defaultQuery: (graphiqlQuery ??= defaultQuery(data)) }),
    renderGraphiQL,
    plugins: [
      // The background pass's threads pause while requests are answered (probes and metrics aside).
      useInteractiveFirst({ except: ['/health', '/ready', METRICS_ENDPOINT] }),
      useClientErrors(), // before the log reads the answer
      log.plugin,
      {
        onDispose: async () => {
          await Promise.all([...works.values()].map((work) => work.close()));
        },
      },
      // A snapshot's tables read when first used: an operation that touched one not read yet runs again once it is (before the budget, which then covers every run).
      // Each request's network: `serve --snapshot`'s one, or the version a replica served when the request came
      // (none for an app whose one network is held whole).
      useLazyColumns(
        dataSource !== undefined || lazySourceOf(data.network.columns) !== null
          ? (context: Context) => lazySourceOf(context.data.network.columns)?.tables ?? null
          : null,
      ),
      useTimeBudget(),
      useLargeStrings(),
      useGraphiQLAssets(),
      // Ready when the server says so and the workers for heavy requests have attached (or failed to).
      useReadinessCheck({
        endpoint: '/ready',
        check: () => (options.isReady?.() ?? true) && workFor(dataSource === undefined ? data : dataSource()).started(),
      }),
      useExplorerPage(),
      useBodyLimit(http.maxBodyBytes),
      useRequestGuards(),
      ...(http.metrics && metrics !== undefined
        ? [metrics.useMetrics({ currentData, currentWork: () => workFor(currentData()) })]
        : []),
      ...(tracerProvider === undefined || tracing === undefined ? [] : [tracing.useTracing(tracerProvider)]),
      usePersistedQueries(http.persistedOperations),
      useQueryLimits(http),
      ...(http.corsOrigins.length > 0 ? [useVaryOnOrigin()] : []),
      ...(http.introspection ? [] : [useIntrospectionOff()]),
      useCodedErrors(),
      ...(curation === undefined
        ? []
        : [useCurationAuth({ tokens: curation.tokens, maxPerMinute: curation.maxMutationsPerMinute })]),
      useQueryCostLimit(http.maxCost),
      // After the refusals above: an operation they stop never reaches the response cache's execute.
      useAnswerCaching({ currentData, maxAgeSeconds: http.cacheMaxAge, responseCache: http.responseCache }),
      useCompression(),
      useNetworkVersionHeader(currentData),
    ],
  });
  loggers.set(app, logger);
  return app;
}
