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
import { largeStringsFor, useLargeStrings } from './http/large-strings.ts';
import { type RequestBudget, requestBudget, useTimeBudget } from './http/time-budget.ts';
import { type RequestWork, inThreadWork } from './work/request-work.ts';

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
  /** Where each network's heavy work runs (default: in this thread); called once per network served. */
  readonly work?: (data: AnalyzedNetwork) => RequestWork;
  /** Each request's time budget in milliseconds (default 10 s); past it the answer is a TIMEOUT error. */
  readonly timeBudgetMs?: number;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;

export type App = YogaServerInstance<Record<string, never>, Context & { budget: RequestBudget }>;

export function createApp(options: AppOptions): App {
  const { data, dataSource, timeBudgetMs = DEFAULT_TIME_BUDGET_MS } = options;
  const makeWork = options.work ?? inThreadWork;
  const works = new WeakMap<AnalyzedNetwork, RequestWork>();
  const workFor = (served: AnalyzedNetwork) => {
    let work = works.get(served);
    if (work === undefined) {
      work = makeWork(served);
      works.set(served, work);
      const closing = work;
      served.onDispose(() => void closing.close());
    }
    return work;
  };
  workFor(data); // workers start loading now, not on the first request
  return createYoga<Record<string, never>, Context & { budget: RequestBudget }>({
    schema,
    context: ({ request }) => {
      const served = dataSource === undefined ? data : dataSource();
      const budget = requestBudget(timeBudgetMs, request.signal);
      return { data: served, work: workFor(served), signal: budget.signal, budget, largeStrings: largeStringsFor(request) };
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: options.logging ?? true,
    graphiql: options.graphiql === false ? false : { title: 'coauthor-graph', defaultQuery: defaultQuery(data) },
    renderGraphiQL,
    plugins: [
      useTimeBudget(),
      useLargeStrings(),
      useGraphiQLAssets(),
      useReadinessCheck({ endpoint: '/ready', check: options.isReady ?? (() => true) }),
      useExplorerPage(),
    ],
  });
}
