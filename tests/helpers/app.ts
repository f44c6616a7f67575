/** An app over the bundled data (loaded once per test file) and a small client for `app.fetch`. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { type AnalyzedNetwork, analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { type App, type AppOptions, createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { type HttpConfig, checkConfig, defaultHttpConfig } from '../../src/config.ts';

/** The bundled data set, analyzed. */
export function bundledData(): AnalyzedNetwork {
  return analyzeNetwork(loadData(checkConfig([])).network);
}

export interface TestAppOptions extends Partial<Omit<AppOptions, 'data' | 'http'>> {
  isReady?: () => boolean;
  /** Changes to the default limits and transport settings. */
  http?: Partial<HttpConfig>;
  logger?: Logger;
  /** The network served (default: the bundled data). */
  data?: AnalyzedNetwork;
}

export function bundledApp(options: TestAppOptions = {}): App {
  const { http, data, ...rest } = options;
  return createApp({
    data: data ?? bundledData(),
    logging: false,
    ...rest,
    ...(http ? { http: { ...defaultHttpConfig, ...http } } : {}),
  });
}

/**
 * An app over `options.data` (default: the bundled data) whose network counts every use made of it
 * from when the app is built on (GraphiQL's default query reads it while the app is built); members
 * named in `uncounted` are not counted.
 */
export function countingApp(options: TestAppOptions & { uncounted?: readonly string[] } = {}): {
  app: App;
  uses: () => number;
} {
  const { uncounted = [], data = bundledData(), ...rest } = options;
  let uses = 0;
  const counted = new Proxy(data, {
    get(target, key) {
      if (!uncounted.includes(String(key))) uses += 1;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const app = bundledApp({ ...rest, data: counted });
  uses = 0;
  return { app, uses: () => uses };
}

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string; argument?: string } }[];
}

export async function graphql(
  app: App,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse> {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

/** Runs a query that must succeed and returns its data. */
export async function query(
  app: App,
  text: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const result = await graphql(app, text, variables);
  if (result.errors) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as Record<string, any>;
}

/** Runs a query that must fail and returns its errors' codes and messages. */
export async function failure(app: App, text: string, variables: Record<string, unknown> = {}) {
  const result = await graphql(app, text, variables);
  if (!result.errors) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return result.errors.map((error) => ({
    code: error.extensions?.code,
    message: error.message,
    argument: error.extensions?.argument,
  }));
}

/**
 * Answers of `{ __typename }` at a client's cadence while `work` runs: their latencies, and the event
 * loop's longest gap between 2 ms ticks. What a test of "this work leaves the event loop answering" reads.
 */
export async function trivialQueriesDuring(
  app: App,
  work: Promise<unknown>,
): Promise<{ readonly latencies: number[]; readonly gap: number }> {
  let gap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 2);
  const latencies: number[] = [];
  let done = false;
  void work.finally(() => {
    done = true;
  });
  try {
    while (!done) {
      // A client's cadence: app.fetch alone could answer in microtasks and never let the loop turn.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const sent = performance.now();
      const answer = await graphql(app, '{ __typename }');
      if (JSON.stringify(answer.data) !== '{"__typename":"Query"}')
        throw new Error(`a trivial query failed: ${JSON.stringify(answer)}`);
      latencies.push(performance.now() - sent);
    }
  } finally {
    clearInterval(ticker);
  }
  return { latencies, gap };
}

/** Clock ticks per second, asked of the system on first use (not by every file importing these helpers). */
let clockTicks: number | null = null;

/**
 * CPU time this thread has used so far, in milliseconds (Linux's /proc/thread-self/stat, in clock ticks
 * of 10 ms): unlike wall-clock time it is not stretched when a busy machine keeps the thread waiting,
 * so it tells reliably whether work ran on this thread.
 */
export function threadCpuMs(): number {
  // Before the thread's time is read, so that asking costs no measured interval anything.
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  // After "pid (name) ": state is field 3, utime and stime fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}
