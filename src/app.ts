/**
 * Builds the HTTP application (yoga) for a loaded network. It never listens: `server.ts` does, and
 * tests call `app.fetch(...)` directly.
 *
 * Routes: `/graphql` (GraphQL over HTTP; GraphiQL for browsers), `/health` (the process is up),
 * `/ready` (the network is loaded and being served), `/` (the collaboration explorer, with its bundle
 * under `/explorer/`).
 */
import { type YogaServerInstance, createYoga, useReadinessCheck } from 'graphql-yoga';
import type { AnalyzedNetwork } from './analysis/analyzed-network.ts';
import type { Context } from './api/builder.ts';
import { schema } from './api/schema.ts';
import { defaultQuery } from './http/default-query.ts';
import { useExplorerPage } from './http/explorer-page.ts';
import { renderGraphiQL, useGraphiQLAssets } from './http/graphiql.ts';

export interface AppOptions {
  readonly data: AnalyzedNetwork;
  /** Where each request gets the network it answers from (default: always `data`); a live reload swaps what it returns. */
  readonly dataSource?: () => AnalyzedNetwork;
  /** Serve GraphiQL to browsers at /graphql (default true). */
  readonly graphiql?: boolean;
  /** Where yoga logs masked errors; `false` silences it (tests). */
  readonly logging?: boolean;
  /** `/ready` answers 200 while this says true (default: always); the server turns it off on shutdown. */
  readonly isReady?: () => boolean;
}

export type App = YogaServerInstance<Record<string, never>, Context>;

export function createApp(options: AppOptions): App {
  const { data, dataSource } = options;
  const context: Context = { data };
  return createYoga<Record<string, never>, Context>({
    schema,
    context: () => (dataSource === undefined ? context : { data: dataSource() }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: options.logging ?? true,
    graphiql: options.graphiql === false ? false : { title: 'coauthor-graph', defaultQuery: defaultQuery(data) },
    renderGraphiQL,
    plugins: [
      useGraphiQLAssets(),
      useReadinessCheck({ endpoint: '/ready', check: options.isReady ?? (() => true) }),
      useExplorerPage(),
    ],
  });
}
