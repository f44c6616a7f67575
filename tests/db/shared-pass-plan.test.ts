import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChunkedPass, PASS_FORMAT, prepareChunkedPass } from '../../src/analysis/chunked-pass.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { joinSharedPass } from '../../src/db/shared-pass.ts';
import { networkDigest, sharedPassPlan } from '../../src/db/shared-pass-plan.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';
import { insertVersion } from '../helpers/versions.ts';

describe.skipIf(!postgresAvailable)('the shared pass’s plan, made once for every process', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let acl: CoauthorNetwork;
  let aclPass: ChunkedPass;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('shared_pass_plan');
    database = connectDatabase(testDatabase.url, { maxConnections: 10 });
    await migrate(database);
    acl = loadAclSliceNetwork();
    aclPass = prepareChunkedPass(acl.compact);
  }, 120_000);
  afterAll(async () => {
    await database?.end();
    await testDatabase?.drop();
  });
  let version: string;
  beforeEach(async () => {
    version = await insertVersion(database);
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
    expect(await storedPlans()).toEqual([{ stored: true }]);
    const second = planner();
    const read = await sharedPassPlan(database, version, acl.compact, second.make);
    expect(read.origin).toBe('stored');
    expect(second.plans()).toBe(0);
    expect(read.pass.fingerprint).toBe(aclPass.fingerprint);
    expect(read.pass).toEqual(made.pass);
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
    const second = planner();
    const again = await sharedPassPlan(database, other, acl.compact, second.make, { maxBytes: 1 });
    expect(again.origin).toBe('local');
    expect(second.plans()).toBe(1);
    expect(again.pass.fingerprint).toBe(aclPass.fingerprint);
  });

  it('never hands a process the plan of another network', async () => {
    await sharedPassPlan(database, version, acl.compact, planner().make);
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
    expect(seen[0]).toEqual([{ stored: true }]);
    expect(await storedPlans()).toEqual([]);
  });
});
