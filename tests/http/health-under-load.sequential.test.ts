/**
 * While expensive queries run (a whole-network export, a drawn network of 1,000 authors, duplicate
 * candidates), `/health` still answers within 50 ms: the heavy work runs in a worker thread and the
 * event loop stays free. And a request past its time budget stops its work: the worker is replaced.
 *
 * This file runs alone, after every other test file (see vitest.config.ts), so that the time it
 * measures is the server's, not the CPU other test files take.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzedNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadServableData } from '../../src/commands/load-data.ts';
import { serveConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { type RequestWork, workerThreadWork } from '../../src/work/request-work.ts';

// The ACL Anthology's papers of 2016: 7,728 authors (tests/fixtures/README.md).
const config = serveConfig(['--data', 'tests/fixtures/acl-anthology-2016.jsonl', '--no-cache']);
let data: AnalyzedNetwork;
let server: RunningServer;
let base: string;
const works: RequestWork[] = [];

beforeAll(async () => {
  const loaded = loadServableData(config);
  if ('failure' in loaded) throw new Error(loaded.failure);
  data = loaded.data;
  await data.whenExact(); // the exact centrality pass would otherwise share the CPU with what is measured
}, 120_000);

afterAll(async () => {
  await server?.close();
  await Promise.all(works.map((work) => work.close()));
  data?.dispose();
});

async function serve(timeBudgetMs: number): Promise<RequestWork> {
  await server?.close();
  const app = createApp({ data, logging: false, timeBudgetMs, work: (served) => { const work = workerThreadWork(served, { source: config, threads: 1 }); works.push(work); return work; } });
  server = await startServer(app, { port: 0, host: '127.0.0.1' });
  base = server.url.replace(/\/graphql$/u, '');
  const work = works[works.length - 1] as RequestWork;
  await expect.poll(() => work.workersReady(), { timeout: 60_000, interval: 50 }).toBe(1);
  return work;
}

async function post(query: string): Promise<{ status: number; body: ArrayBuffer }> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.arrayBuffer() };
}

const json = (body: ArrayBuffer) => JSON.parse(new TextDecoder().decode(body));

describe('the server under expensive queries', () => {
  it('answers /health within 50 ms while they run', async () => {
    await serve(60_000);
    for (let i = 0; i < 3; i += 1) await fetch(`${base}/health`); // the client's own first-connection costs
    const hub = json((await post('{ centralityRanking(metric: DEGREE, first: 1) { author { id } } }')).body).data.centralityRanking[0].author.id as string;

    const latencies: number[] = [];
    let busy = true;
    const probing = (async () => {
      while (busy) {
        const started = performance.now();
        const response = await fetch(`${base}/health`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        expect(response.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const started = performance.now();
    const [exported, drawn, candidates] = await Promise.all([
      post('{ networkExport(format: GEXF) { fileName content } }'),
      post(`{ collaborationNetwork(center: "${hub}", depth: 3, maxNodes: 1000) { truncated nodes { x y community } edges { source } } }`),
      post('{ duplicateAuthorCandidates(first: 5) { score authors { id } } }'),
    ]);
    const heavyMs = performance.now() - started;
    busy = false;
    await probing;
    loop.disable();

    expect([exported.status, drawn.status, candidates.status]).toEqual([200, 200, 200]);
    const file = json(exported.body).data.networkExport;
    expect(file.fileName).toBe('coauthor-network.gexf');
    expect(file.content).toContain('<node id="ondrej-bojar"');
    expect(json(drawn.body).data.collaborationNetwork.nodes).toHaveLength(1000);
    expect(json(candidates.body).data.duplicateAuthorCandidates).toHaveLength(5);

    // The heavy queries took real time (seconds here), and /health was asked all along.
    expect(heavyMs).toBeGreaterThan(500);
    expect(latencies.length).toBeGreaterThan(20);
    const worst = Math.max(...latencies);
    expect(worst, `slowest /health of ${latencies.length} while the heavy queries ran ${heavyMs.toFixed(0)} ms`).toBeLessThan(50);
    expect(loop.max / 1e6, 'longest event-loop stall (ms)').toBeLessThan(50);
  }, 120_000);

  it('stops a request past its time budget with TIMEOUT, and the worker that ran it', async () => {
    const work = await serve(100);
    const started = performance.now();
    const { status, body } = await post('{ networkExport(format: GRAPHML) { content } }');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(status).toBe(504);
    expect(json(body).errors[0].extensions.code).toBe('TIMEOUT');
    expect(work.abandoned()).toBe(1);
    // A fresh worker replaces it, and answers what fits in the budget.
    await expect.poll(() => work.workersReady(), { timeout: 60_000, interval: 50 }).toBe(1);
    const small = await post('{ collaborationNetwork(center: "ondrej-bojar", depth: 0) { nodes { x } } }');
    expect(json(small.body)).toEqual({ data: { collaborationNetwork: { nodes: [{ x: 0 }] } } });
  }, 120_000);
});
