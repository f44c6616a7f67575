/**
 * Operators' view: Prometheus metrics at /metrics with `--metrics`, and OpenTelemetry spans (here
 * into an in-memory exporter) when tracing is on.
 */
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { networkVersion } from '../../src/http/network-version.ts';
import { loadObservability, tracingRequested } from '../../src/http/observability.ts';

const observability = await loadObservability({ metrics: true, tracing: true });
import { bundledApp, bundledData, graphql } from '../helpers/app.ts';

describe('/metrics', () => {
  it('is not served without --metrics', async () => {
    expect((await bundledApp().fetch('http://yoga/metrics')).status).toBe(404);
  });

  it('counts requests and their latency per operation, errors by code, and shows the queue, the exact pass, the network version and memory', async () => {
    const data = bundledData();
    const app = bundledApp({ data, http: { metrics: true }, observability });
    await graphql(app, 'query Stats { graphStats { authorCount } }');
    await graphql(app, 'query Stats { graphStats { authorCount } }');
    await graphql(app, 'query Wide { authors(first: 1000) { totalCount } }');
    await graphql(app, 'query Bad($n: Int!) { authors(first: $n) { totalCount } }', { n: 'x' });
    const response = await app.fetch('http://yoga/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1]);
    expect(
      value(/^graphql_envelop_request_duration_count\{operationName="Stats",operationType="query"\} (\d+)$/mu),
    ).toBe(1); // the second from the response cache
    expect(
      value(
        /^graphql_yoga_http_duration_count\{operationName="Stats",operationType="query",method="POST",statusCode="200"\} (\d+)$/mu,
      ),
    ).toBe(1); // hits of the response cache are not parsed, so not counted
    expect(text).toMatch(/^graphql_yoga_http_duration_bucket\{le="0.05",operationName="Stats"/mu);
    expect(
      value(
        /^graphql_envelop_error_result\{code="BAD_USER_INPUT",phase="execute",operationName="Wide",operationType="query"\} (\d+)$/mu,
      ),
    ).toBe(1);
    expect(
      value(
        /^graphql_envelop_error_result\{code="BAD_USER_INPUT",phase="execute",operationName="Bad",operationType="query"\} (\d+)$/mu,
      ),
    ).toBe(1);
    expect(value(/^coauthor_graph_worker_queue_depth (\d+)$/mu)).toBe(0);
    expect(value(/^coauthor_graph_exact_pass_ratio (\d+)$/mu)).toBe(1);
    expect(value(/^coauthor_graph_exact_pass_sources\{state="total"\} (\d+)$/mu)).toBe(data.progress().sourcesTotal);
    expect(value(new RegExp(`^coauthor_graph_network_info\\{version="${networkVersion(data)}"\\} (\\d+)$`, 'mu'))).toBe(
      1,
    );
    expect(value(/^process_resident_memory_bytes (\d+)$/mu)).toBeGreaterThan(1_000_000);
  });
});

describe('OpenTelemetry', () => {
  it('is on when an OTLP endpoint is set, unless OTel is turned off', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(
      false,
    );
    expect(
      tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBe(false);
  });

  it('records a span per operation, named after it', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const app = bundledApp({ tracerProvider: provider, observability });
    await graphql(app, 'query Stats { graphStats { authorCount } }');
    await graphql(app, 'query Missing($id: ID!) { author(id: $id) { name } }');
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(expect.arrayContaining(['query.Stats']));
    const stats = spans.find((span) => span.name === 'query.Stats')!;
    expect(stats.attributes['graphql.execute.operationName']).toBe('Stats');
    await app.dispose();
  });
});

describe('observability plugins are loaded only when asked for', () => {
  it('loads neither module without --metrics or an OTLP endpoint, and refuses to build an app that asks for one not loaded', async () => {
    expect(await loadObservability({ metrics: false, tracing: false })).toEqual({});
    const only = await loadObservability({ metrics: true, tracing: false });
    expect(Object.keys(only)).toEqual(['metrics']);
    expect(() => bundledApp({ http: { metrics: true } })).toThrow(/metrics or tracing are turned on but not loaded/u);
  });
});
