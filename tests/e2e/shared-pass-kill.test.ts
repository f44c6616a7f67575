/**
 * The shared pass with real worker processes (`coauthor-graph centrality-worker`, the bundled command):
 * one is killed with SIGKILL while it holds a chunk; the others finish the pass, the killed worker's
 * chunk is claimed again once its (short) lease runs out, and the values equal a one-process pass.
 * And SIGTERM gives the chunk in progress back at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AllPairsScores, computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import { prepareChunkedPass } from '../../src/analysis/chunked-pass.ts';
import { inputKey } from '../../src/commands/input-key.ts';
import { centralityWorkerConfig } from '../../src/config.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { ensureSharedPass, storedExactMetrics } from '../../src/db/shared-pass.ts';
import { ACL_SLICE_FILE, loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { insertVersion } from '../helpers/versions.ts';

interface Worker {
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: string;
}

function startWorker(url: string, leaseSeconds: number): Worker {
  const child = spawn(
    process.execPath,
    [
      'src/bin/coauthor-graph.js',
      'centrality-worker',
      '--database',
      url,
      '--data',
      ACL_SLICE_FILE,
      '--threads',
      '1',
      '--lease-seconds',
      String(leaseSeconds),
      '--exit-when-idle',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const worker: Worker = {
    child,
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    stderr: '',
  };
  child.stderr?.on('data', (chunk: Buffer) => {
    worker.stderr += chunk.toString();
  });
  child.stdout?.resume();
  return worker;
}

const ownerOf = (worker: Worker) => `%:${worker.child.pid}:%`;

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!postgresAvailable)('worker processes sharing a pass on a real PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let single: AllPairsScores;
  let key: string;
  const workers: Worker[] = [];
  beforeAll(async () => {
    // The worker processes run the bundle built by the run's global setup (tests/helpers/server-bundle.global.ts).
    testDatabase = await createTestDatabase('shared_pass_kill');
    database = connectDatabase(testDatabase.url);
    await migrate(database);
    single = computeAllPairsCentralitySync(loadAclSliceNetwork().compact);
    key = inputKey(centralityWorkerConfig(['--database', testDatabase.url, '--data', ACL_SLICE_FILE]).data!);
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await database?.end();
    await testDatabase?.drop();
  });

  it('a worker killed with SIGKILL while it holds a chunk: the others finish the pass; its chunk is reclaimed after its lease; the values equal a one-process pass (1e-12)', async () => {
    const version = await insertVersion(database, key);
    const pass = prepareChunkedPass(loadAclSliceNetwork().compact);
    // Chunks of some seconds each, so the kill lands while the chunk is computed.
    const chunkSources = Math.ceil(pass.sources / 6);
    await ensureSharedPass(database, version, pass, chunkSources);
    const leaseSeconds = 2;
    // The victim starts first and the others once it holds a chunk: started together on a slow
    // machine, the two others could take every chunk before the victim had loaded the network.
    const victim = startWorker(testDatabase.url, leaseSeconds);
    workers.push(victim);
    const held = await until('the victim to hold a chunk', async () => {
      const { rows } = await database.query<{ chunk: number; lease_owner: string }>(
        `SELECT chunk, lease_owner FROM shared_pass_chunks
          WHERE version_id = $1 AND state = 'leased' AND lease_owner LIKE $2`,
        [version, ownerOf(victim)],
      );
      return rows[0] ?? null;
    });
    const others = [startWorker(testDatabase.url, leaseSeconds), startWorker(testDatabase.url, leaseSeconds)];
    workers.push(...others);
    victim.child.kill('SIGKILL');
    expect((await victim.exit).signal).toBe('SIGKILL');
    // It died holding the chunk: the lease is still its own until it expires.
    const right = await database.query(
      'SELECT state, lease_owner FROM shared_pass_chunks WHERE version_id = $1 AND chunk = $2',
      [version, held.chunk],
    );
    expect(right.rows[0]).toEqual({ state: 'leased', lease_owner: held.lease_owner });

    const exits = await Promise.all(others.map((worker) => worker.exit));
    for (const [i, exit] of exits.entries()) expect(exit, others[i]!.stderr).toEqual({ code: 0, signal: null });

    const { rows } = await database.query(
      'SELECT state, attempts, computed_by FROM shared_pass_chunks WHERE version_id = $1 AND chunk = $2',
      [version, held.chunk],
    );
    expect(rows[0].state).toBe('done');
    expect(rows[0].attempts).toBeGreaterThanOrEqual(2);
    expect(rows[0].computed_by).not.toBe(held.lease_owner);
    const all = await database.query(
      `SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*)::int AS total FROM shared_pass_chunks WHERE version_id = $1`,
      [version],
    );
    expect(all.rows[0].done).toBe(all.rows[0].total);
    const metricsRows = await database.query('SELECT count(*)::int AS n FROM version_metrics WHERE version_id = $1', [
      version,
    ]);
    expect(metricsRows.rows[0].n).toBe(1);

    const metrics = (await storedExactMetrics(database, version))!;
    for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
      let worst = 0;
      single[metric].forEach((value, i) => {
        worst = Math.max(worst, Math.abs((metrics[metric][i] as number) - value) / Math.max(1, Math.abs(value)));
      });
      expect(worst, metric).toBeLessThanOrEqual(1e-12);
    }
    expect(metrics.figures.diameter).toBe(single.figures?.diameter);
    expect(
      Math.abs(metrics.figures.averageShortestPathLength - single.figures!.averageShortestPathLength),
    ).toBeLessThan(1e-12);
  }, 300_000);

  it('SIGTERM gives the chunk in progress back at once and exits 0', async () => {
    const version = await insertVersion(database, key);
    const pass = prepareChunkedPass(loadAclSliceNetwork().compact);
    await ensureSharedPass(database, version, pass, pass.sources); // one long chunk
    const worker = startWorker(testDatabase.url, 60);
    workers.push(worker);
    await until('the worker to hold the chunk', async () => {
      const { rows } = await database.query(
        `SELECT 1 FROM shared_pass_chunks WHERE version_id = $1 AND state = 'leased' AND lease_owner LIKE $2`,
        [version, ownerOf(worker)],
      );
      return rows[0] ?? null;
    });
    const stopped = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exit, worker.stderr).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopped).toBeLessThan(10_000);
    expect(worker.stderr).toMatch(/stopped \(SIGTERM\); chunks in progress were given back/u);
    const { rows } = await database.query(
      'SELECT state, lease_owner, attempts FROM shared_pass_chunks WHERE version_id = $1',
      [version],
    );
    expect(rows).toEqual([{ state: 'pending', lease_owner: null, attempts: 1 }]);
    expect(await storedExactMetrics(database, version)).toBeNull();
  }, 120_000);
});
