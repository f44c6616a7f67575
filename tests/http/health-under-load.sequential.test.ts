/**
 * While expensive queries run (a whole-network export, the layout of a drawn network of 1,000
 * authors, duplicate candidates), `/health` still answers within 50 ms (99 % of its answers; see the
 * assertions): the heavy work runs in a worker thread and the event loop stays free. The server is the real command, in its own process. And a request past its
 * time budget stops its work: the worker that ran it is replaced.
 *
 * This file runs alone, after every other test file (see vitest.config.ts), so that the time it
 * measures is the server's, not the CPU other test files take.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzedNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadServableData } from '../../src/commands/load-data.ts';
import { serveConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { type RequestWork, workerThreadWork } from '../../src/work/request-work.ts';

// The ACL Anthology's papers of 2016: 7,728 authors (tests/fixtures/README.md).
const FIXTURE = 'tests/fixtures/acl-anthology-2016.jsonl';

async function post(base: string, query: string): Promise<{ status: number; body: ArrayBuffer }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.arrayBuffer() };
}

const json = (body: ArrayBuffer) => JSON.parse(new TextDecoder().decode(body));

/** Waits until `check` holds (hooks cannot use expect.poll). */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the served command under expensive queries', () => {
  let server: ChildProcess;
  let base: string;

  beforeAll(async () => {
    server = spawn(
      process.execPath,
      [
        'src/bin/coauthor-graph.js',
        'serve',
        '--port',
        '0',
        '--data',
        FIXTURE,
        '--no-cache',
        '--request-threads',
        '1',
        '--time-budget',
        '120',
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not become ready:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready at (http:\/\/\S+)\/graphql/u.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      };
      server.stdout?.on('data', read);
      server.stderr?.on('data', read);
    });
    // The exact centrality pass would otherwise share the CPU with what is measured; a drawn network of
    // one author needs the request worker, so its answer says the worker is ready.
    await until(
      async () =>
        json((await post(base, '{ graphStats { centralityProgress { phase } } }')).body).data.graphStats
          .centralityProgress.phase === 'EXACT',
      'the exact pass is done',
    );
    expect(
      (await post(base, '{ collaborationNetwork(center: "ondrej-bojar", depth: 0) { nodes { x } } }')).status,
    ).toBe(200);
  }, 180_000);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('answers /health within 50 ms (p99) while they run', async () => {
    for (let i = 0; i < 3; i += 1) await fetch(`${base}/health`); // the client's own first-connection costs
    const [hub, other] = json(
      (await post(base, '{ centralityRanking(metric: DEGREE, first: 2) { nodes { author { id } } } }')).body,
    ).data.centralityRanking.nodes.map((entry: { author: { id: string } }) => entry.author.id) as [string, string];
    // A server that has been up a while: the code that writes these answers is compiled and warm.
    // (What is measured is the event loop while the work runs, not the first run of each code path.)
    for (let depth = 1; depth <= 3; depth += 1) {
      await post(
        base,
        `{ collaborationNetwork(center: "${other}", depth: ${depth}, maxNodes: 1000) { truncated nodes { x y community } edges { source } } }`,
      );
      await post(
        base,
        `{ networkExport(format: GEXF, center: "${other}", depth: ${depth}, maxNodes: 1000) { fileName content } }`,
      );
    }

    const probe = (latencies: number[], busy: () => boolean) =>
      (async () => {
        while (busy()) {
          const started = performance.now();
          const response = await fetch(`${base}/health`);
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          expect(response.status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
    // First the machine itself: /health of the idle server for 3 s.
    const idle: number[] = [];
    const idleUntil = performance.now() + 3_000;
    await probe(idle, () => performance.now() < idleUntil);

    const latencies: number[] = [];
    let busy = true;
    const probing = probe(latencies, () => busy);
    const started = performance.now();
    const [exported, drawn, candidates] = await Promise.all([
      post(base, '{ networkExport(format: GEXF) { fileName content } }'),
      // The layout of 1,000 authors is the work; its ~8,000 ties are left out of the answer, whose
      // writing (tens of milliseconds of GraphQL execution) is the event loop's own.
      post(
        base,
        `{ collaborationNetwork(center: "${hub}", depth: 3, maxNodes: 1000) { truncated nodes { x y community } } }`,
      ),
      post(base, '{ duplicateAuthorCandidates(first: 5) { nodes { score authors { id } } } }'),
    ]);
    const heavyMs = performance.now() - started;
    busy = false;
    await probing;

    expect([exported.status, drawn.status, candidates.status]).toEqual([200, 200, 200]);
    const file = json(exported.body).data.networkExport;
    expect(file.fileName).toBe('coauthor-network.gexf');
    expect(file.content).toContain('<node id="ondrej-bojar"');
    expect(json(drawn.body).data.collaborationNetwork.nodes).toHaveLength(1000);
    expect(json(candidates.body).data.duplicateAuthorCandidates.nodes).toHaveLength(5);

    // The heavy queries took real time (seconds here), and /health was asked all along.
    expect(heavyMs).toBeGreaterThan(500);
    expect(latencies.length).toBeGreaterThan(20);
    const worst = Math.max(...latencies);
    const idleWorst = Math.max(...idle);
    const p99 = [...latencies].sort((a, b) => a - b)[Math.floor(0.99 * (latencies.length - 1))] as number;
    const story =
      `${latencies.length} /health while the heavy queries ran ${heavyMs.toFixed(0)} ms: p99 ${p99.toFixed(1)} ms, slowest ${worst.toFixed(1)} ms` +
      ` (20 ms or more: ${
        latencies
          .filter((ms) => ms >= 20)
          .map((ms) => ms.toFixed(0))
          .join(', ') || 'none'
      }); idle server: slowest ${idleWorst.toFixed(1)} of ${idle.length}`;
    // 99 % of the answers within 50 ms (on a quiet machine they take a few ms). A single answer may
    // come later: a collection or the scheduler can hold any process for tens of milliseconds (52 ms
    // seen once in CI), so the slowest is held to 250 ms, still far from what work on the event loop
    // would cost (seconds: the export alone takes longer than that in its worker).
    expect(p99, story).toBeLessThan(50);
    expect(worst, story).toBeLessThan(idleWorst < 20 ? 250 : 500);
  }, 120_000);

  it('answers /health within 50 ms (p99) while the event-loop attacks of issue 12 run', async () => {
    // The attack of the issue: two aliases of 100 × 100 collaboration distances (refused now: too complex); 30 × 30
    // = 900 distances (graph searches, run in slices); a 200 KB search of one repeated word (refused) and searches of
    // one letter (every name and title checked). (At 65 × 65, the most the cost limit lets through, executing the
    // query's 4,225 fields is itself about 20 ms of the event loop's CPU time, searches aside: see the README.)
    const distances = (first: number, aliases: string[]) =>
      `{ ${aliases.map((alias) => `${alias}: authors(first: ${first}, orderBy: COAUTHOR_COUNT) { nodes { coauthors(first: ${first}) { nodes { collaborationDistance(to: "ondrej-bojar") } } } }`).join(' ')} }`;
    const attack = distances(100, ['a', 'b']);
    const allowed = distances(30, ['a']);
    const longSearch = `{ authors(search: "${'neural '.repeat(30_000)}") { totalCount } }`;
    const letters =
      '{ authors(search: "a", first: 100) { totalCount nodes { id } } papers(search: "e", first: 100) { totalCount nodes { id } } }';
    const round = () =>
      Promise.all([post(base, attack), post(base, allowed), post(base, longSearch), post(base, letters)]);
    // Warm: what is measured is the event loop while the attacks run, not the first run of each code path.
    for (let i = 0; i < 2; i += 1) await round();
    const latencies: number[] = [];
    let busy = true;
    const probing = (async () => {
      while (busy) {
        const started = performance.now();
        const response = await fetch(`${base}/health`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const started = performance.now();
    let answers: Awaited<ReturnType<typeof round>> | undefined;
    // Twelve rounds at least, and more while fewer than 20 probes came back: on a fast machine twelve rounds end
    // in a quarter of a second, too few probes for a 99th percentile (CI once had 9).
    for (let i = 0; i < 12 || (latencies.length < 20 && i < 400); i += 1) answers = await round();
    const attackMs = performance.now() - started;
    busy = false;
    await probing;

    const [refusedAttack, answered, refusedSearch, searched] = (answers ?? []).map((answer) => ({
      status: answer.status,
      body: json(answer.body),
    }));
    expect(refusedAttack?.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(answered?.status).toBe(200);
    expect(answered?.body.data.a.nodes).toHaveLength(30);
    expect(refusedSearch?.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(searched?.body.data.authors.totalCount).toBeGreaterThan(1000);
    expect(latencies.length).toBeGreaterThanOrEqual(20);
    const p99 = [...latencies].sort((a, b) => a - b)[Math.floor(0.99 * (latencies.length - 1))] as number;
    const story = `${latencies.length} /health while the attacks ran ${attackMs.toFixed(0)} ms: p99 ${p99.toFixed(1)} ms, slowest ${Math.max(...latencies).toFixed(1)} ms (${latencies.map((ms) => ms.toFixed(0)).join(', ')})`;
    expect(p99, story).toBeLessThan(50);
  }, 120_000);
});

describe('a request past its time budget', () => {
  const config = serveConfig(['--data', FIXTURE, '--no-cache']);
  let data: AnalyzedNetwork;
  let server: RunningServer;
  let work: RequestWork;

  beforeAll(async () => {
    const loaded = loadServableData(config);
    if ('failure' in loaded) throw new Error(loaded.failure);
    data = loaded.data;
    const app = createApp({
      data,
      logging: false,
      timeBudgetMs: 100,
      work: (served) => (work = workerThreadWork(served, { threads: 1 })),
    });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await until(() => work.workersReady() === 1, 'the request worker is ready');
    // As `serve` does before it reports ready: the first estimates exist.
    await data.centrality();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await work?.close();
    data?.dispose();
  });

  it('gets TIMEOUT, and the worker that ran it is replaced', async () => {
    const base = server.url.replace(/\/graphql$/u, '');
    const started = performance.now();
    const { status, body } = await post(base, '{ networkExport(format: GRAPHML) { content } }');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(status).toBe(504);
    expect(json(body).errors[0].extensions.code).toBe('TIMEOUT');
    expect(work.abandoned()).toBe(1);
    // A fresh worker replaces it, and answers what fits in the budget.
    await expect.poll(() => work.workersReady(), { timeout: 60_000, interval: 50 }).toBe(1);
    const small = await post(base, '{ collaborationNetwork(center: "ondrej-bojar", depth: 0) { nodes { x } } }');
    expect(json(small.body)).toEqual({ data: { collaborationNetwork: { nodes: [{ x: 0 }] } } });
  }, 120_000);
});
