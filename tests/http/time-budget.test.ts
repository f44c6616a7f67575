/**
 * Every request has a time budget: past it the client gets TIMEOUT (HTTP 504) and the work the request
 * started is told to stop through its signal. Here the heavy work never ends on its own, so only the
 * budget can end the request.
 */
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { createLogger } from '../../src/http/logger.ts';
import { type RequestWork, TaskAbandoned, inThreadWork } from '../../src/work/request-work.ts';

const data = analyzeNetwork(loadData(checkConfig([])).network);

/** Work whose drawn networks never finish: they end only when the request's signal fires. */
function endlessWork(seen: { aborted: number }): RequestWork {
  return {
    ...inThreadWork(data),
    egoNetwork: (_center, _options, signal) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener(
          'abort',
          () => {
            seen.aborted += 1;
            reject(new TaskAbandoned('stopped'));
          },
          { once: true },
        );
      }),
  };
}

async function post(app: ReturnType<typeof createApp>, query: string) {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

describe('the time budget of a request', () => {
  it('answers TIMEOUT with status 504 when the budget runs out, and stops the work', async () => {
    const seen = { aborted: 0 };
    const app = createApp({ data, logging: false, timeBudgetMs: 100, work: () => endlessWork(seen) });
    const started = performance.now();
    const { status, body } = await post(app, '{ collaborationNetwork(center: "paul-vicol") { nodes { x } } }');
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(status).toBe(504);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(body.errors?.[0]?.message).toContain('time budget of 100 ms');
    expect(seen.aborted).toBe(1);
  });

  it('logs the request with its TIMEOUT outcome', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    });
    const app = createApp({ data, logger, timeBudgetMs: 50, work: () => endlessWork({ aborted: 0 }) });
    await post(app, 'query Drawn { collaborationNetwork(center: "paul-vicol") { nodes { x } } }');
    expect(lines.filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({
        level: 40,
        operationName: 'Drawn',
        status: 504,
        outcome: 'timeout',
        errorCodes: ['TIMEOUT'],
      }),
    ]);
  });

  it('leaves requests that finish in time alone', async () => {
    const seen = { aborted: 0 };
    const app = createApp({ data, logging: false, timeBudgetMs: 5_000, work: () => endlessWork(seen) });
    const { status, body } = await post(app, '{ author(id: "paul-vicol") { name } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { author: { name: 'Paul Vicol' } } });
    expect(seen.aborted).toBe(0);
  });

  it('stops the work when the client goes away', async () => {
    const seen = { aborted: 0 };
    const app = createApp({ data, logging: false, timeBudgetMs: 60_000, work: () => endlessWork(seen) });
    const client = new AbortController();
    const request = app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ collaborationNetwork(center: "paul-vicol") { nodes { x } } }' }),
      signal: client.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.abort();
    await Promise.resolve(request).catch(() => null);
    await expect.poll(() => seen.aborted).toBe(1);
  });
});
