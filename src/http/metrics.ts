/**
 * Prometheus metrics at `/metrics` (on with `--metrics` / `METRICS=true`), from
 * `@graphql-yoga/plugin-prometheus` (prom-client) with a registry of this app's own:
 * - `graphql_yoga_http_duration` (histogram, per operation name and type, method and status):
 *   request counts and latency of every GraphQL request, refused ones included;
 * - `graphql_envelop_request` / `graphql_envelop_request_duration`: executions per operation;
 * - `graphql_envelop_error_result`: errors by `code` (and phase and operation);
 * - `coauthor_graph_worker_queue_depth`: heavy tasks waiting for a request worker;
 * - `coauthor_graph_exact_pass_sources` (`state` done / total) and
 *   `coauthor_graph_exact_pass_ratio`: how far the exact centrality pass is;
 * - `coauthor_graph_network_info{version}`: the network served (always 1);
 * - prom-client's process metrics (`process_resident_memory_bytes`, `nodejs_heap_size_used_bytes`, ...).
 * The gauges are read when scraped: nothing is counted by hand.
 */
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { RequestWork } from '../work/request-work.ts';
import { networkVersion } from './network-version.ts';

import { METRICS_ENDPOINT } from './observability.ts';

export { METRICS_ENDPOINT };

export interface MetricsOptions {
  readonly currentData: () => AnalyzedNetwork;
  readonly currentWork: () => RequestWork;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function metricsRegistry(options: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'coauthor_graph_worker_queue_depth',
    help: 'Heavy tasks (layouts, exports, duplicate candidates) waiting for a request worker thread.',
    registers: [registry],
    collect() {
      this.set(options.currentWork().queued?.() ?? 0);
    },
  });
  new Gauge({
    name: 'coauthor_graph_exact_pass_sources',
    help: 'Sources of the exact centrality pass: done and total.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const progress = options.currentData().progress();
      this.set({ state: 'done' }, progress.sourcesDone);
      this.set({ state: 'total' }, progress.sourcesTotal);
    },
  });
  new Gauge({
    name: 'coauthor_graph_exact_pass_ratio',
    help: 'How far the exact centrality pass is, from 0 to 1 (1: every value exact).',
    registers: [registry],
    collect() {
      const progress = options.currentData().progress();
      this.set(
        progress.phase === 'exact' ? 1 : progress.sourcesTotal === 0 ? 0 : progress.sourcesDone / progress.sourcesTotal,
      );
    },
  });
  new Gauge({
    name: 'coauthor_graph_network_info',
    help: 'The network served, by version (always 1).',
    labelNames: ['version'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ version: networkVersion(options.currentData()) }, 1);
    },
  });
  return registry;
}

export function useMetrics(options: MetricsOptions): Plugin {
  const registry = metricsRegistry(options);
  return usePrometheus({
    endpoint: METRICS_ENDPOINT,
    registry,
    metrics: {
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time to answer a GraphQL request over HTTP (seconds).',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode'],
          buckets: LATENCY_BUCKETS,
        },
        fillLabelsFn: (params, { request, response }: { request: Request; response: Response }) => ({
          operationName: params.operationName ?? 'Anonymous',
          operationType: params.operationType ?? 'unknown',
          method: request.method,
          statusCode: String(response.status),
        }),
      }),
      graphql_envelop_request: true,
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time to execute an operation (seconds).',
          labelNames: ['operationName', 'operationType'],
          buckets: LATENCY_BUCKETS,
        },
        fillLabelsFn: (params) => ({
          operationName: params.operationName ?? 'Anonymous',
          operationType: params.operationType ?? 'unknown',
        }),
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors in answers, by code, phase and operation.',
          labelNames: ['code', 'phase', 'operationName', 'operationType'],
        },
        fillLabelsFn: (params) => ({
          code: String((params.error as GraphQLError | undefined)?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
          phase: params.errorPhase ?? 'unknown',
          operationName: params.operationName ?? 'Anonymous',
          operationType: params.operationType ?? 'unknown',
        }),
      }),
    },
  });
}
