/**
 * One autocannon run against the GraphQL endpoint: N connections for D seconds, each request's body
 * built just before it is sent (autocannon's `setupRequest` hook: a query kind and its variables),
 * each response judged in its `onResponse` hook: a status other than 2xx, or a 2xx body that is not
 * JSON, holds `errors` or has no `data`, is a failure.
 */
import autocannon from 'autocannon';
import { percentile } from './stats.ts';

/** What a request asks: its kind (for the report) and its JSON body. */
export interface RequestPlan {
  readonly kind: string;
  readonly body: string;
}

export interface LoadSettings {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Seconds before autocannon gives up on a response (counted as a timeout). */
  readonly timeoutSeconds: number;
  /** More request headers (say, `accept-encoding`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Judge each 2xx body as a GraphQL result (default true; a compressed body cannot be read here). */
  readonly checkBodies?: boolean;
}

export interface KindFigures {
  readonly responses: number;
  readonly failures: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly completed: number;
  readonly durationSeconds: number;
  /** Connection errors other than timeouts. */
  readonly errors: number;
  /** 2xx responses whose body holds GraphQL errors (or is not a GraphQL result). */
  readonly graphqlErrors: number;
  readonly non2xx: number;
  readonly timeouts: number;
  /** The first failing response: status and the start of its body. */
  readonly firstFailure: string | null;
  /** Per request kind, measured by this module (send to response on one connection). */
  readonly byKind: ReadonlyMap<string, KindFigures>;
  /** Bytes received per answer, headers included (autocannon's throughput ÷ answers). */
  readonly bytesPerResponse: number;
}

/** Why a response body is not a successful GraphQL result, or null when it is one. */
export function bodyProblem(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'not JSON';
  }
  if (parsed === null || typeof parsed !== 'object') return 'not a JSON object';
  const result = parsed as { data?: unknown; errors?: unknown };
  if (result.errors !== undefined) {
    const codes = Array.isArray(result.errors)
      ? [
          ...new Set(
            result.errors.map((error) =>
              String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? 'no code'),
            ),
          ),
        ]
      : ['?'];
    return `GraphQL errors (${codes.join(', ')})`;
  }
  if (result.data === null || typeof result.data !== 'object') return 'no data';
  return null;
}

/** Runs autocannon; `nextRequest` is asked for every request's body (it may vary the query and variables). */
export async function runLoad(settings: LoadSettings, nextRequest: () => RequestPlan): Promise<LoadResult> {
  const latencies = new Map<string, number[]>();
  const failures = new Map<string, number>();
  let firstFailure: string | null = null;
  let graphqlErrors = 0;
  interface Sent {
    kind?: string;
    sentAt?: bigint;
  }

  const connectionErrors = new Map<string, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: settings.url,
        connections: settings.connections,
        duration: settings.durationSeconds,
        timeout: settings.timeoutSeconds,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...settings.headers,
        },
        requests: [
          {
            setupRequest(request, context) {
              const plan = nextRequest();
              const sent = context as Sent;
              sent.kind = plan.kind;
              sent.sentAt = process.hrtime.bigint();
              return { ...request, body: plan.body };
            },
            onResponse(status, body, context) {
              const sent = context as Sent;
              const kind = sent.kind ?? '?';
              if (sent.sentAt !== undefined) {
                let list = latencies.get(kind);
                if (list === undefined) latencies.set(kind, (list = []));
                list.push(Number(process.hrtime.bigint() - sent.sentAt) / 1e6);
              }
              const ok = status >= 200 && status <= 299;
              const problem = ok ? (settings.checkBodies === false ? null : bodyProblem(body)) : `HTTP ${status}`;
              if (problem === null) return;
              if (ok) graphqlErrors += 1;
              failures.set(kind, (failures.get(kind) ?? 0) + 1);
              firstFailure ??= `${kind}: ${problem}: ${body.slice(0, 600)}`;
            },
          },
        ],
      },
      (error, finished) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished),
    );
    // Timeouts and connection errors carry no response: keep what autocannon says about them.
    instance.on('reqError', (error: unknown) => {
      const message =
        error instanceof Error
          ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim()
          : String(error);
      connectionErrors.set(message, (connectionErrors.get(message) ?? 0) + 1);
    });
  });

  const byKind = new Map<string, KindFigures>();
  for (const kind of new Set([...latencies.keys(), ...failures.keys()])) {
    const list = latencies.get(kind) ?? [];
    byKind.set(kind, {
      responses: list.length,
      failures: failures.get(kind) ?? 0,
      p50Ms: percentile(list, 50),
      p99Ms: percentile(list, 99),
    });
  }
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: result.requests.total,
    durationSeconds: result.duration,
    errors: result.errors - result.timeouts,
    graphqlErrors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    firstFailure:
      firstFailure ??
      (result.errors > 0
        ? `no response: ${[...connectionErrors].map(([message, count]) => `${count} × ${message}`).join('; ')}`
        : null),
    byKind,
    bytesPerResponse: result.requests.total === 0 ? 0 : result.throughput.total / result.requests.total,
  };
}
