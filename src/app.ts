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
import type { Logger } from 'pino';
import type { AnalyzedNetwork } from './analysis/analyzed-network.ts';
import type { Context } from './api/builder.ts';
import { schema } from './api/schema.ts';
import { type HttpConfig, defaultHttpConfig } from './config.ts';
import { useBodyLimit } from './http/body-limit.ts';
import { corsOptions, useVaryOnOrigin } from './http/cors.ts';
import { defaultQuery } from './http/default-query.ts';
import { useExplorerPage } from './http/explorer-page.ts';
import { renderGraphiQL, useGraphiQLAssets } from './http/graphiql.ts';
import { useIntrospectionOff } from './http/introspection.ts';
import { createLogger } from './http/logger.ts';
import { useQueryCostLimit } from './http/query-cost.ts';
import { useQueryLimits } from './http/query-limits.ts';
import { useRequestGuards } from './http/request-guards.ts';
import { requestLog } from './http/request-log.ts';

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
}

export type App = YogaServerInstance<Record<string, never>, Context>;

export function createApp(options: AppOptions): App {
  const { data, dataSource } = options;
  const http = options.http ?? defaultHttpConfig;
  const logger = options.logger ?? createLogger(options.logging === false ? 'silent' : http.logLevel);
  const log = requestLog(logger, ['/health', '/ready']);
  const context: Context = { data };
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => (dataSource === undefined ? context : { data: dataSource() }),
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
    graphiql: options.graphiql === false || !http.graphiql ? false : { title: 'coauthor-graph', defaultQuery: defaultQuery(data) },
    renderGraphiQL,
    plugins: [
      log.plugin,
      useGraphiQLAssets(),
      useReadinessCheck({ endpoint: '/ready', check: options.isReady ?? (() => true) }),
      useExplorerPage(),
      useBodyLimit(http.maxBodyBytes),
      useRequestGuards(),
      useQueryLimits(http),
      ...(http.corsOrigins.length > 0 ? [useVaryOnOrigin()] : []),
      ...(http.introspection ? [] : [useIntrospectionOff()]),
      useQueryCostLimit(http.maxCost),
    ],
  });
}
