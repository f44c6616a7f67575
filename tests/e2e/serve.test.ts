/**
 * The real command, end to end: `coauthor-graph serve` in a child process (plain Node, as a user
 * runs it), queried over HTTP on a free port, then stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticPapersJsonl } from '../helpers/networks.ts';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
});
// The command runs the bundle in .build/ when it is fresh (as after `npm install`): the run's global setup
// (tests/helpers/server-bundle.global.ts) builds it, so these tests run what users run. One test below runs
// the TypeScript sources instead.

function start(
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  const process_ = spawn(process.execPath, ['src/bin/coauthor-graph.js', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  child = process_;
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not become ready:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+\/graphql)/u.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: process_, output: () => output });
      }
    };
    process_.stdout!.on('data', read);
    process_.stderr!.on('data', read);
    process_.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

describe('coauthor-graph serve', () => {
  it('serves the bundled data over HTTP and stops cleanly on SIGTERM', async () => {
    const server = await start();
    expect(server.output()).toContain('10 papers, 30 authors, 89 collaborations');
    const base = server.url.replace(/\/graphql$/u, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);

    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ graphStats { authorCount } centralityRanking(metric: BETWEENNESS, first: 1) { nodes { author { name } } } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: { graphStats: { authorCount: 30 }, centralityRanking: { nodes: [{ author: { name: 'David Duvenaud' } }] } },
    });

    const exited = new Promise<number | null>((resolve) => server.process.on('exit', resolve));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

/** Waits until the server's output matches, or fails after `ms`. */
async function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!pattern.test(output())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function post(url: string, query: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

async function stop(server: { process: ChildProcess; output?: () => string }): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    server.process.on('exit', (code, signal) => {
      if (code !== 0) console.error(`server exited with code ${code}, signal ${signal}:\n${server.output?.() ?? ''}`);
      resolve(code);
    }),
  );
  server.process.kill('SIGTERM');
  return exited;
}

describe('the command from the TypeScript sources (an edited checkout, before the bundle is rebuilt)', () => {
  it('gives the same answers as the bundle', async () => {
    const query =
      '{ graphStats { paperCount authorCount collaborationCount } centralityRanking(metric: HARMONIC, first: 3) { nodes { rank score author { id } } } }';
    const bundled = await start();
    const fromBundle = await post(bundled.url, query);
    expect(await stop(bundled)).toBe(0);
    const sources = await start([], { ...process.env, COAUTHOR_GRAPH_FROM_SOURCES: '1' });
    expect(await post(sources.url, query)).toEqual(fromBundle);
    expect(await stop(sources)).toBe(0);
  }, 60_000);
});

describe('coauthor-graph serve on a network too large for an exact pass at load', () => {
  // 6,000 synthetic papers, about 7,000 authors: above the size computed in-thread at load.
  const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-e2e-'));
  const dataFile = join(directory, 'papers.jsonl');
  const lines = syntheticPapersJsonl(12345, 6000).trimEnd().split('\n');
  writeFileSync(dataFile, `${lines.join('\n')}\n`);
  const cache = join(directory, 'cache');
  const args = ['--data', dataFile, '--cache-dir', cache, '--threads', '1', '--sample-size', '64'];
  const query =
    '{ graphStats { centralityProgress { phase fromCache } } centralityRanking(metric: BETWEENNESS, first: 1) { nodes { exact sampleSize author { id } } } }';

  it('answers with estimates, finishes the exact pass in the background, and a restart reads the exact values from the cache', async () => {
    const first = await start(args);
    await waitFor(first.output, /estimates from a sample first/u, 5000);
    // Normally the estimates (the exact pass takes seconds); a busy test runner may ask only after the
    // exact pass is done. Either way the answer must say which it is.
    const early = (await post(first.url, query)).data.centralityRanking.nodes[0];
    expect(early).toMatchObject(early.exact ? { sampleSize: null } : { sampleSize: 64 });
    await waitFor(first.output, /exact betweenness, closeness and harmonic centrality ready/u, 60_000);
    const exact = await post(first.url, query);
    expect(exact.data).toMatchObject({
      graphStats: { centralityProgress: { phase: 'EXACT', fromCache: false } },
      centralityRanking: { nodes: [{ exact: true, sampleSize: null }] },
    });
    expect(await stop(first)).toBe(0);
    expect(readdirSync(cache)).toHaveLength(1);

    const second = await start(args);
    await waitFor(second.output, /exact values read from the cache/u, 5000);
    const cached = await post(second.url, query);
    expect(cached.data).toEqual({
      ...exact.data,
      graphStats: { centralityProgress: { phase: 'EXACT', fromCache: true } },
    });
    expect(await stop(second)).toBe(0);

    // One changed paper: a new key, so the saved values are not used.
    writeFileSync(dataFile, `${lines.slice(1).join('\n')}\n`);
    const third = await start(args);
    await waitFor(third.output, /no cached values for these inputs/u, 5000);
    expect(await stop(third)).toBe(0);
  }, 120_000);
});
