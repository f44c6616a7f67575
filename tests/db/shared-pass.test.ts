import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PassCancelled, computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import type { AllPairsScores } from '../../src/analysis/all-pairs-centrality.ts';
import {
  type ChunkedPass,
  PASS_FORMAT,
  defaultPartition,
  prepareChunkedPass,
} from '../../src/analysis/chunked-pass.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import {
  CLAIMED_AT_THE_END,
  METRICS_CHANNEL,
  SharedPassMismatch,
  ensureSharedPass,
  joinSharedPass,
  storedExactMetrics,
  unfinishedPasses,
} from '../../src/db/shared-pass.ts';
import { networkDigest, sharedPassPlan } from '../../src/db/shared-pass-plan.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';
import { insertVersion } from '../helpers/versions.ts';
import { type PassThreads, openPassThreads } from '../../src/work/pass-threads.ts';

function expectEqualScores(actual: Omit<AllPairsScores, 'figures'>, expected: AllPairsScores): void {
  for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
    expect(actual[metric].length).toBe(expected[metric].length);
    let worst = 0;
    expected[metric].forEach((value, i) => {
      const error = Math.abs((actual[metric][i] as number) - value) / Math.max(1, Math.abs(value));
      if (!(error <= worst)) worst = error;
    });
    expect(worst, `${metric}: largest error`).toBeLessThanOrEqual(1e-12);
  }
}

describe.skipIf(!postgresAvailable)('the shared pass on a real PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let acl: CoauthorNetwork;
  let aclSingle: AllPairsScores;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('shared_pass');
    database = connectDatabase(testDatabase.url, { maxConnections: 10 });
    await migrate(database);
    acl = loadAclSliceNetwork();
    aclSingle = computeAllPairsCentralitySync(acl.compact);
  }, 120_000);
  afterAll(async () => {
    await database?.end();
    await testDatabase?.drop();
  });
  let version: string;
  beforeEach(async () => {
    version = await insertVersion(database);
  });

  it('computes every chunk, stores the combined values with the version, announces them, and equals the one-process pass (1e-12)', async () => {
    const listener = new pg.Client({ connectionString: testDatabase.url });
    await listener.connect();
    const notified: string[] = [];
    listener.on('notification', (message) => notified.push(`${message.channel} ${message.payload}`));
    await listener.query(`LISTEN ${METRICS_CHANNEL}`);
    try {
      const progress: number[] = [];
      const metrics = await joinSharedPass(database, version, acl, {
        threads: 2,
        chunkSources: 400,
        onProgress: (p) => progress.push(p.chunksDone),
      });
      expectEqualScores(metrics, aclSingle);
      expect(metrics.figures.diameter).toBe(aclSingle.figures?.diameter);
      expect(
        Math.abs(metrics.figures.averageShortestPathLength - (aclSingle.figures?.averageShortestPathLength ?? 0)),
      ).toBeLessThan(1e-12);
      const pass = prepareChunkedPass(acl.compact);
      const chunkCount = Math.ceil(pass.sources / 400);
      expect(metrics.chunkCount).toBe(chunkCount);
      expect(progress.at(-1)).toBe(chunkCount);
      const { rows } = await database.query(
        `SELECT count(*) FILTER (WHERE state = 'done')::int AS done, count(*)::int AS total, max(attempts) AS attempts
           FROM shared_pass_chunks WHERE version_id = $1`,
        [version],
      );
      expect(rows[0]).toEqual({ done: chunkCount, total: chunkCount, attempts: 1 });
      const stored = await storedExactMetrics(database, version);
      expect(stored).not.toBeNull();
      for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
        expect(Buffer.from(stored![metric].buffer).equals(Buffer.from(metrics[metric].buffer)), metric).toBe(true);
      expect(stored!.figures).toEqual(metrics.figures);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(notified).toEqual([`${METRICS_CHANNEL} ${version}`]);
      expect(await unfinishedPasses(database)).not.toContain(version);
      // Joining again reads the stored values: the loader is not even called.
      let loads = 0;
      const again = await joinSharedPass(database, version, async () => {
        loads += 1;
        return acl;
      });
      expect(loads).toBe(0);
      expect(Buffer.from(again.harmonic.buffer).equals(Buffer.from(metrics.harmonic.buffer))).toBe(true);
    } finally {
      await listener.end();
    }
  }, 180_000);

  it('refuses stored values whose arrays do not have one value per author', async () => {
    const values = (count: number) => Buffer.from(new Float64Array(count).fill(0.5).buffer);
    await database.query(
      `INSERT INTO version_metrics (version_id, fingerprint, authors, betweenness, closeness, harmonic,
         average_shortest_path_length, diameter, chunk_count, compute_seconds, elapsed_seconds)
       VALUES ($1, 'f', 3, $2, $3, $4, 1.5, 2, 1, 0.1, 0.1)`,
      [version, values(3), values(2), values(4)],
    );
    await expect(storedExactMetrics(database, version)).rejects.toThrow(
      'shared pass: stored closeness has 2 values, not 3',
    );
    await database.query('UPDATE version_metrics SET closeness = $2, harmonic = $2 WHERE version_id = $1', [
      version,
      values(3),
    ]);
    const stored = await storedExactMetrics(database, version);
    expect([...stored!.betweenness, ...stored!.closeness, ...stored!.harmonic]).toEqual(new Array(9).fill(0.5));
  });

  it('queues the next chunk behind the one computing (claimed meanwhile), but claims the pass’s last chunks only when a thread is free', async () => {
    const pool = openPassThreads(1);
    // For each chunk sent to the thread: how many chunks were on it (computing or queued) at that moment.
    const busyAtSend = new Map<number, number>();
    let onThread = 0;
    // A chunk's result is held until the next chunk is sent, for up to HOLD_MS: whether the next claim
    // comes back from the database before this chunk is computed then does not depend on how loaded the
    // machine is (under the whole suite a claim could take longer than a chunk). A pass that claimed
    // only when the thread is free sends nothing while a result is held, so it still fails the test.
    const HOLD_MS = 1500;
    let sends = 0;
    let sent: (() => void) | null = null;
    const watching: PassThreads = {
      ...pool,
      run: (method, args, runOptions) => {
        const job = args[0] as { chunk?: { index: number } };
        if (method !== 'computeChunk' || job.chunk === undefined) return pool.run(method, args, runOptions);
        busyAtSend.set(job.chunk.index, onThread);
        onThread += 1;
        sends += 1;
        sent?.();
        const mine = sends;
        return pool
          .run(method, args, runOptions)
          .then(async (result) => {
            if (sends === mine)
              await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, HOLD_MS);
                sent = () => {
                  clearTimeout(timer);
                  resolve();
                };
              });
            sent = null;
            return result;
          })
          .finally(() => {
            onThread -= 1;
          });
      },
    };
    try {
      const metrics = await joinSharedPass(database, version, acl, { threads: 1, chunkSources: 300, pool: watching });
      expectEqualScores(metrics, aclSingle);
      const count = metrics.chunkCount;
      expect(count).toBeGreaterThan(CLAIMED_AT_THE_END + 4);
      expect([...busyAtSend.keys()].sort((a, b) => a - b)).toEqual([...Array(count).keys()]);
      // Chunks 1 … count − CLAIMED_AT_THE_END were claimed while the one before computed: sent to a busy thread.
      const ahead = [...busyAtSend].filter(([chunk]) => chunk >= 1 && chunk <= count - CLAIMED_AT_THE_END);
      expect(ahead.length).toBeGreaterThan(4);
      for (const [chunk, busy] of ahead) expect(busy, `chunk ${chunk}`).toBe(1);
      expect(Math.max(...busyAtSend.values())).toBe(1);
      // The last ones, and the first, went to a free thread.
      for (const [chunk, busy] of busyAtSend)
        if (chunk === 0 || chunk > count - CLAIMED_AT_THE_END) expect(busy, `chunk ${chunk}`).toBe(0);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('runs and combines on pass threads it is given (a replica’s own, open already) and leaves them open for the next pass', async () => {
    const pool = openPassThreads(2);
    const tasks: string[] = [];
    const counting: PassThreads = {
      ...pool,
      run: (method, args, runOptions) => {
        tasks.push(method);
        return pool.run(method, args, runOptions);
      },
    };
    try {
      const metrics = await joinSharedPass(database, version, acl, { threads: 2, chunkSources: 400, pool: counting });
      expectEqualScores(metrics, aclSingle);
      expect(tasks.filter((task) => task === 'computeChunk')).toHaveLength(metrics.chunkCount);
      // Combined there too, not on the event loop.
      expect(tasks.filter((task) => task === 'combineChunks')).toHaveLength(1);
      // Not closed by the pass: the next version's pass runs on the same threads.
      const next = await joinSharedPass(database, await insertVersion(database), acl, {
        threads: 2,
        chunkSources: 400,
        pool: counting,
      });
      expectEqualScores(next, aclSingle);
      expect(tasks.filter((task) => task === 'computeChunk')).toHaveLength(2 * metrics.chunkCount);
      expect(tasks.filter((task) => task === 'combineChunks')).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('cuts a pass made without a chunk size into the default partition (chunks of equal work)', async () => {
    const metrics = await joinSharedPass(database, version, acl, { threads: 2 });
    expectEqualScores(metrics, aclSingle);
    const chunks = defaultPartition(prepareChunkedPass(acl.compact));
    const { rows } = await database.query(
      'SELECT chunk AS index, first_source AS "from", end_source AS "to" FROM shared_pass_chunks WHERE version_id = $1 ORDER BY chunk',
      [version],
    );
    expect(rows).toEqual(chunks);
    expect(metrics.chunkCount).toBe(chunks.length);
  }, 180_000);

  it('lets three processes share a pass: each chunk once, combined exactly once, the same values for all', async () => {
    const others = [connectDatabase(testDatabase.url), connectDatabase(testDatabase.url)];
    try {
      const computed: number[] = [0, 0, 0];
      const results = await Promise.all(
        [database, ...others].map((db, i) =>
          joinSharedPass(db, version, async () => acl, {
            chunkSources: 300,
            owner: `process-${i}`,
            onProgress: (p) => {
              computed[i] = p.computedHere;
            },
          }),
        ),
      );
      for (const result of results) expectEqualScores(result, aclSingle);
      const bits = results.map((r) => Buffer.from(r.betweenness.buffer).toString('base64'));
      expect(new Set(bits).size).toBe(1);
      const { rows } = await database.query(
        'SELECT computed_by, count(*)::int AS chunks FROM shared_pass_chunks WHERE version_id = $1 GROUP BY computed_by',
        [version],
      );
      const total = rows.reduce((sum: number, row: { chunks: number }) => sum + row.chunks, 0);
      expect(total).toBe(computed.reduce((a, b) => a + b, 0));
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const metricsRows = await database.query('SELECT count(*)::int AS n FROM version_metrics WHERE version_id = $1', [
        version,
      ]);
      expect(metricsRows.rows[0].n).toBe(1);
    } finally {
      await Promise.all(others.map((db) => db.end()));
    }
  }, 180_000);

  it('creates the chunks once when several processes come at the same time, and refuses a network of another version', async () => {
    const seed = loadSeedNetwork();
    const pass = prepareChunkedPass(seed.compact);
    const rows = await Promise.all(Array.from({ length: 6 }, () => ensureSharedPass(database, version, pass, 2)));
    expect(new Set(rows.map((row) => row.chunkCount))).toEqual(new Set([Math.ceil(pass.sources / 2)]));
    const chunks = await database.query('SELECT count(*)::int AS n FROM shared_pass_chunks WHERE version_id = $1', [
      version,
    ]);
    expect(chunks.rows[0].n).toBe(Math.ceil(pass.sources / 2));
    // A second call with another chunk size keeps the partition made first.
    expect((await ensureSharedPass(database, version, pass, 5)).chunkSources).toBe(2);
    await expect(joinSharedPass(database, version, acl)).rejects.toThrow(SharedPassMismatch);
    const metrics = await joinSharedPass(database, version, seed);
    expectEqualScores(metrics, computeAllPairsCentralitySync(seed.compact));
  }, 60_000);

  it('claims a chunk again when its lease expired (a dead worker loses only its chunk), and waits for a live lease', async () => {
    const seed = loadSeedNetwork();
    const pass = prepareChunkedPass(seed.compact);
    await ensureSharedPass(database, version, pass, 3);
    // A dead worker's lease, run out; a live worker's lease, running out in 1.5 s (it never finishes).
    await database.query(
      `UPDATE shared_pass_chunks SET state = 'leased', lease_owner = 'dead', lease_expires_at = now() - interval '1 second', attempts = 1
        WHERE version_id = $1 AND chunk = 0`,
      [version],
    );
    await database.query(
      `UPDATE shared_pass_chunks SET state = 'leased', lease_owner = 'slow', lease_expires_at = now() + interval '1.5 seconds', attempts = 1
        WHERE version_id = $1 AND chunk = 1`,
      [version],
    );
    const started = Date.now();
    const metrics = await joinSharedPass(database, version, seed, { leaseSeconds: 1, pollSeconds: 0.2, owner: 'me' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expectEqualScores(metrics, computeAllPairsCentralitySync(seed.compact));
    const { rows } = await database.query(
      'SELECT chunk, attempts, computed_by FROM shared_pass_chunks WHERE version_id = $1 AND chunk < 2 ORDER BY chunk',
      [version],
    );
    expect(rows).toEqual([
      { chunk: 0, attempts: 2, computed_by: 'me' },
      { chunk: 1, attempts: 2, computed_by: 'me' },
    ]);
  }, 60_000);

  it('on cancellation gives back the chunks it holds and rejects with PassCancelled', async () => {
    const controller = new AbortController();
    const joined = joinSharedPass(database, version, acl, {
      chunkSources: 2000,
      owner: 'leaving',
      signal: controller.signal,
    });
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await database.query(
        `SELECT count(*)::int AS n FROM shared_pass_chunks WHERE version_id = $1 AND lease_owner = 'leaving'`,
        [version],
      );
      if (rows[0].n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    controller.abort('SIGTERM');
    await expect(joined).rejects.toThrow(PassCancelled);
    const { rows } = await database.query(
      `SELECT count(*) FILTER (WHERE state = 'leased')::int AS leased, count(*) FILTER (WHERE state = 'done')::int AS done
         FROM shared_pass_chunks WHERE version_id = $1`,
      [version],
    );
    expect(rows[0].leased).toBe(0);
    expect(await unfinishedPasses(database)).toContain(version);
    expect(await storedExactMetrics(database, version)).toBeNull();
  }, 60_000);

  describe('its plan, made once for every process', () => {
    let aclPass: ChunkedPass;
    beforeAll(() => {
      aclPass = prepareChunkedPass(acl.compact);
    });

    /** A planner that counts its plans (and takes `delayMs` first, as planning a large network does). */
    function planner(delayMs = 0): { plans: () => number; make: () => Promise<ChunkedPass> } {
      let count = 0;
      return {
        plans: () => count,
        make: async () => {
          count += 1;
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return prepareChunkedPass(acl.compact);
        },
      };
    }

    async function storedPlans(): Promise<{ stored: boolean }[]> {
      const { rows } = await database.query<{ stored: boolean }>(
        'SELECT plan IS NOT NULL AS stored FROM shared_pass_plans WHERE version_id = $1',
        [version],
      );
      return rows;
    }

    it('is made by the first process and read by the next, which does not plan it again', async () => {
      const first = planner();
      const made = await sharedPassPlan(database, version, acl.compact, first.make);
      expect(made.origin).toBe('planned');
      // Handed over first, then stored (and committed) while the caller goes on.
      await made.stored;
      expect(await storedPlans()).toEqual([{ stored: true }]);
      const second = planner();
      const read = await sharedPassPlan(database, version, acl.compact, second.make);
      expect(read.origin).toBe('stored');
      expect(second.plans()).toBe(0);
      expect(read.pass.fingerprint).toBe(aclPass.fingerprint);
      expect(read.pass).toEqual(made.pass);
    });

    it('hands the planner its plan before the plan is stored and committed, and says when it is', async () => {
      // The planner's connection, with its write of the plan held until the test lets it go.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holding = {
        connect: async () => {
          const client = await database.connect();
          return new Proxy(client, {
            get(target, property, receiver) {
              if (property !== 'query') return Reflect.get(target, property, receiver);
              return async (...args: Parameters<typeof client.query>) => {
                if (typeof args[0] === 'string' && args[0].startsWith('UPDATE shared_pass_plans')) await held;
                return (target.query as (...a: unknown[]) => unknown).apply(target, args);
              };
            },
          });
        },
      } as unknown as Database;
      const made = await sharedPassPlan(holding, version, acl.compact, planner().make);
      expect(made.origin).toBe('planned');
      expect(made.pass.fingerprint).toBe(aclPass.fingerprint);
      let stored = false;
      void made.stored.then(() => {
        stored = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stored).toBe(false);
      expect(await storedPlans()).toEqual([]);
      release();
      await made.stored;
      expect(await storedPlans()).toEqual([{ stored: true }]);
    });

    it('lets a process that comes while another plans wait for that plan instead of making its own', async () => {
      const first = planner(300);
      const second = planner();
      const planning = sharedPassPlan(database, version, acl.compact, first.make);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [a, b] = await Promise.all([planning, sharedPassPlan(database, version, acl.compact, second.make)]);
      expect([a.origin, b.origin]).toEqual(['planned', 'stored']);
      expect(first.plans() + second.plans()).toBe(1);
      expect(b.pass.fingerprint).toBe(aclPass.fingerprint);
    });

    it('after a planner died mid-write (its plan written, not committed) lets the next process plan and store it', async () => {
      const dying = new pg.Client({ connectionString: testDatabase.url });
      dying.on('error', () => {});
      await dying.connect();
      const backend = await dying.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await dying.query('BEGIN');
      await dying.query(
        'INSERT INTO shared_pass_plans (version_id, network_digest, format, plan) VALUES ($1, $2, $3, $4)',
        [version, networkDigest(acl.compact), PASS_FORMAT, Buffer.from('half a plan')],
      );
      const next = planner();
      const waiting = sharedPassPlan(database, version, acl.compact, next.make);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(next.plans()).toBe(0);
      // As when the process is killed: PostgreSQL ends its session and rolls its transaction back.
      await database.query('SELECT pg_terminate_backend($1)', [backend.rows[0]?.pid]);
      const made = await waiting;
      expect(made.origin).toBe('planned');
      expect(next.plans()).toBe(1);
      expect(made.pass.fingerprint).toBe(aclPass.fingerprint);
      await made.stored;
      const later = await sharedPassPlan(database, version, acl.compact, planner().make);
      expect(later.origin).toBe('stored');
      await dying.end().catch(() => {});
    });

    it('plans here, without waiting, when the stored plan is unusable or was too large to store', async () => {
      await database.query(
        'INSERT INTO shared_pass_plans (version_id, network_digest, format, plan) VALUES ($1, $2, $3, $4)',
        [version, networkDigest(acl.compact), PASS_FORMAT, Buffer.from('not a plan')],
      );
      const damaged = planner();
      const own = await sharedPassPlan(database, version, acl.compact, damaged.make);
      expect(own.origin).toBe('local');
      expect(damaged.plans()).toBe(1);

      const other = await insertVersion(database);
      const first = await sharedPassPlan(database, other, acl.compact, planner().make, { maxBytes: 1 });
      expect(first.origin).toBe('planned');
      await first.stored;
      const second = planner();
      const again = await sharedPassPlan(database, other, acl.compact, second.make, { maxBytes: 1 });
      expect(again.origin).toBe('local');
      expect(second.plans()).toBe(1);
      expect(again.pass.fingerprint).toBe(aclPass.fingerprint);
    });

    it('never hands a process the plan of another network', async () => {
      await (
        await sharedPassPlan(database, version, acl.compact, planner().make)
      ).stored;
      const seed = loadSeedNetwork();
      const own = await sharedPassPlan(database, version, seed.compact, async () => prepareChunkedPass(seed.compact));
      expect(own.origin).toBe('planned');
      expect(own.pass.graph.order).toBe(seed.compact.order);
    });

    it('is stored while the version’s pass runs and deleted once the pass is combined', async () => {
      const seen: { stored: boolean }[][] = [];
      await joinSharedPass(database, version, acl, {
        chunkSources: 400,
        onProgress: () => {
          void storedPlans().then((rows) => seen.push(rows));
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toContainEqual([{ stored: true }]);
      expect(await storedPlans()).toEqual([]);
    });
  });
});
