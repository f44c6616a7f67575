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
import { prepareListings } from './graph/lookup.ts';
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
  /** `networkExport` of the whole network is refused above this many authors (default 20,000). */
  readonly maxExportAuthors?: number;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;
export const DEFAULT_MAX_EXPORT_AUTHORS = 20_000;

export type App = YogaServerInstance<Record<string, never>, Context & { budget: RequestBudget }>;

export function createApp(options: AppOptions): App {
  const { data, dataSource, timeBudgetMs = DEFAULT_TIME_BUDGET_MS, maxExportAuthors = DEFAULT_MAX_EXPORT_AUTHORS } = options;
  const makeWork = options.work ?? inThreadWork;
  const works = new Map<AnalyzedNetwork, RequestWork>();
  const workFor = (served: AnalyzedNetwork) => {
    let work = works.get(served);
    if (work === undefined) {
      prepareListings(served.network);
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
  return createYoga<Record<string, never>, Context & { budget: RequestBudget }>({
    schema,
    context: ({ request }) => {
      const served = dataSource === undefined ? data : dataSource();
      const budget = requestBudget(timeBudgetMs, request.signal);
      return { data: served, work: workFor(served), signal: budget.signal, budget, largeStrings: largeStringsFor(request), maxExportAuthors };
    },
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    logging: options.logging ?? true,
    graphiql: options.graphiql === false ? false : { title: 'coauthor-graph', defaultQuery: defaultQuery(data) },
    renderGraphiQL,
    plugins: [
      { onDispose: async () => { await Promise.all([...works.values()].map((work) => work.close())); } },
      useTimeBudget(),
      useLargeStrings(),
      useGraphiQLAssets(),
      useReadinessCheck({ endpoint: '/ready', check: options.isReady ?? (() => true) }),
      useExplorerPage(),
    ],
  });
}
