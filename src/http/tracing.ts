/**
 * OpenTelemetry traces, on when the standard OTel environment variables ask for them
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; `OTEL_SDK_DISABLED=true`
 * or `OTEL_TRACES_EXPORTER=none` turn them off): a span per GraphQL operation and its phases
 * (`@envelop/opentelemetry`), sent in batches over OTLP/HTTP to the endpoint, which the exporter
 * reads from the same variables (headers, timeout, ...). `OTEL_SERVICE_NAME` names the service
 * (default coauthor-graph). Resolver spans, variables and results are left out: they would cost
 * more than the answer on a busy server, and variables may hold what users typed.
 */
import { useOpenTelemetry } from '@envelop/opentelemetry';
import { SpanKind, type TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Plugin } from 'graphql-yoga';
import { SERVICE_NAME } from './observability.ts';

/** A provider that sends spans over OTLP/HTTP as the environment says. */
export function otlpTracerProvider(env: NodeJS.ProcessEnv): BasicTracerProvider {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || SERVICE_NAME }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
}

/** Spans for every operation through `provider`; the provider is shut down (its spans flushed) with the app. */
export function useTracing(provider: TracerProvider & { shutdown?: () => Promise<void> }): Plugin {
  const tracing = useOpenTelemetry(
    { resolvers: false, variables: false, result: false, document: true },
    provider,
    SpanKind.SERVER,
    {},
    SERVICE_NAME,
  ) as Plugin;
  return {
    ...tracing,
    onDispose: async () => {
      await provider.shutdown?.();
    },
  };
}
