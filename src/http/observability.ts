/**
 * What the optional observability plugins need, without loading them: Prometheus metrics
 * (metrics.ts, prom-client) and OpenTelemetry traces (tracing.ts, the OTel SDK) are a few hundred
 * milliseconds of module loading that a server started without `--metrics` or an OTLP endpoint never
 * pays. `loadObservability` imports only what the configuration turns on; `createApp` takes the result.
 */
import type { TracerProvider } from '@opentelemetry/api';

export const METRICS_ENDPOINT = '/metrics';
export const SERVICE_NAME = 'coauthor-graph';

/** True when the environment asks for traces (an OTLP endpoint is set and OTel is not turned off). */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  if ((env.OTEL_TRACES_EXPORTER ?? '').trim().toLowerCase() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

export interface ObservabilityModules {
  readonly metrics?: typeof import('./metrics.ts');
  readonly tracing?: typeof import('./tracing.ts');
}

/** The plugin modules the configuration asks for (metrics with `--metrics`, tracing with OTEL_* or a provider given). */
export async function loadObservability(
  options: { readonly metrics: boolean; readonly tracing: boolean },
  tracerProvider?: TracerProvider,
): Promise<ObservabilityModules> {
  const [metrics, tracing] = await Promise.all([
    options.metrics ? import('./metrics.ts') : undefined,
    options.tracing || tracerProvider !== undefined ? import('./tracing.ts') : undefined,
  ]);
  return { ...(metrics === undefined ? {} : { metrics }), ...(tracing === undefined ? {} : { tracing }) };
}
