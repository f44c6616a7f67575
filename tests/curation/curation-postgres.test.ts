/** Curation on a real PostgreSQL: one transaction per mutation, conflicts between two curators, the database down. */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { postgresCurationStore } from '../../src/curation/pg-store.ts';
import { CurationConflict, CurationUnavailable } from '../../src/curation/store.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { type PrivatePostgres, privatePostgresAvailable, startPrivatePostgres } from '../helpers/private-postgres.ts';
import { curatedServer, post } from '../helpers/curation.ts';

async function seed(database: Database): Promise<void> {
  await migrate(database);
  await database.query(`INSERT INTO imports (input_key, files, paper_count) VALUES ('test', '[]', 6)`);
  await database.query(`INSERT INTO network_versions (import_id, reason) VALUES (1, 'import')`);
}

async function counts(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM identity_decisions) AS decisions, (SELECT count(*) FROM network_versions) AS versions,
            (SELECT count(*) FROM curation_log) AS log, (SELECT count(*) FROM curated_authors) AS authors`,
  );
  return Object.fromEntries(Object.entries(rows[0] as Record<string, string>).map(([k, v]) => [k, Number(v)]));
}

describe.skipIf(!postgresAvailable)('curation on PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  beforeEach(async () => {
    testDatabase = await createTestDatabase('curation');
    database = connectDatabase(testDatabase.url);
    await seed(database);
  });
  afterEach(async () => {
    await database.end();
    await testDatabase.drop();
  });

  it('a mutation is one transaction: the decision, the log entry (no token), a new network version, NOTIFY', async () => {
    const listener = new pg.Client({ connectionString: testDatabase.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query('LISTEN coauthor_graph_versions');
    try {
      const { app, setup } = await curatedServer({ database });
      const { token } = await setup.tokens.create('curator', 'alice');
      const merged = await post(
        app,
        'mutation { mergeAuthors(authorIds: ["ann-lee", "a-lee"], note: "one person") { id networkVersion author { id paperCount } } }',
        {},
        token,
      );
      expect(merged.body.errors).toBeUndefined();
      const result = merged.body.data.mergeAuthors;
      expect(result.author).toEqual({ id: 'ann-lee', paperCount: 3 });
      const version = await database.query(
        'SELECT id, import_id, curation_through, reason FROM network_versions ORDER BY id DESC LIMIT 1',
      );
      expect(version.rows[0]).toEqual({
        id: result.networkVersion,
        import_id: '1',
        curation_through: '1',
        reason: 'curation',
      });
      for (let i = 0; i < 50 && heard.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([result.networkVersion]);
      const log = await database.query('SELECT * FROM curation_log');
      expect(log.rows).toHaveLength(1);
      expect(log.rows[0]).toMatchObject({
        actor: 'token 1 (curator)',
        note: 'one person',
        outcome: 'applied',
        decision_id: '1',
      });
      // The audit log and the decisions never hold the token; the token table holds only its hash.
      const everything = JSON.stringify([
        (await database.query('SELECT * FROM curation_log')).rows,
        (await database.query('SELECT * FROM identity_decisions')).rows,
        (await database.query('SELECT * FROM api_tokens')).rows,
      ]);
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.slice(4, 24));
      // A revert is a version of its own.
      const reverted = await post(app, `mutation { revertCuration(id: "${result.id}") { networkVersion } }`, {}, token);
      const last = await database.query(
        'SELECT reason, curation_through FROM network_versions ORDER BY id DESC LIMIT 1',
      );
      expect(last.rows[0]).toEqual({ reason: 'revert', curation_through: '2' });
      expect(reverted.body.data.revertCuration.networkVersion).toBe(String(Number(result.networkVersion) + 1));
      expect((await post(app, '{ author(id: "a-lee") { id } }')).body.data.author).toEqual({ id: 'a-lee' });
      // Tokens: listed, revoked, refused.
      expect((await setup.tokens.list()).map((t) => [t.id, t.role, t.label])).toEqual([['1', 'curator', 'alice']]);
      await setup.tokens.revoke('1');
      expect(
        (await post(app, 'mutation { renameAuthor(authorId: "ed-gu", name: "E") { id } }', {}, token)).status,
      ).toBe(401);
    } finally {
      await listener.end();
    }
  });

  it('two curators changing one author at once, in two real concurrent transactions: one commits, the other is CONFLICT; both are logged', async () => {
    const other = connectDatabase(testDatabase.url);
    const watcher = connectDatabase(testDatabase.url);
    try {
      const first = postgresCurationStore(database);
      const second = postgresCurationStore(other);
      let secondStarted: () => void = () => {};
      const started = new Promise<void>((resolve) => (secondStarted = resolve));
      const one = first.record({
        action: { kind: 'rename', authorId: 'jo-kim', name: 'Joanne Kim' },
        note: 'alice',
        actor: 'token 1 (curator)',
        basis: 0,
        // Inside the first transaction, its row of jo-kim locked: let the second start and wait until it blocks on the lock.
        check: async () => {
          secondStarted();
          for (let i = 0; i < 200; i += 1) {
            const { rows } = await watcher.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            if ((rows[0] as { n: number }).n > 0) return;
            await new Promise((r) => setTimeout(r, 25));
          }
          throw new Error('the second transaction never waited on the first');
        },
      });
      await started;
      const two = second.record({
        action: { kind: 'split', authorId: 'jo-kim', spellings: null, paperIds: ['p5'], name: 'Jo-Ann Kim' },
        note: 'bob',
        actor: 'token 2 (curator)',
        basis: 0,
        check: () => {},
      });
      const [a, b] = await Promise.allSettled([one, two]);
      expect(a.status).toBe('fulfilled');
      expect(b.status).toBe('rejected');
      expect((b as PromiseRejectedResult).reason).toBeInstanceOf(CurationConflict);
      const log = await database.query('SELECT note, outcome, decision_id FROM curation_log ORDER BY id');
      expect(log.rows).toEqual([
        { note: 'alice', outcome: 'applied', decision_id: '1' },
        { note: 'bob', outcome: 'conflict', decision_id: null },
      ]);
      expect(await counts(database)).toEqual({ decisions: 1, versions: 2, log: 2, authors: 1 });
      // Retried with the view that includes the first change, it applies.
      const retried = await second.record({
        action: { kind: 'split', authorId: 'jo-kim', spellings: null, paperIds: ['p5'], name: 'Jo-Ann Kim' },
        note: 'bob again',
        actor: 'token 2 (curator)',
        basis: 1,
        check: () => {},
      });
      expect(retried.decision.id).toBe(3); // the conflicting attempt's decision id was rolled back with it
    } finally {
      await other.end();
      await watcher.end();
    }
  });
});

describe.skipIf(!privatePostgresAvailable)('curation while PostgreSQL restarts (a private server)', () => {
  let server: PrivatePostgres;
  let database: Database;
  beforeAll(async () => {
    server = await startPrivatePostgres();
    database = connectDatabase(server.url, { onIdleError: () => {} });
    await seed(database);
  }, 60_000);
  afterAll(async () => {
    await database?.end().catch(() => {});
    server?.destroy();
  });

  it('down: mutations answer UNAVAILABLE (503) and queries keep answering; killed mid-transaction, nothing is half-applied; back up, mutations work', async () => {
    const { app, setup } = await curatedServer({ database });
    const { token } = await setup.tokens.create('curator', null);
    const store = postgresCurationStore(database);
    const before = await counts(database);

    // Stopped in the middle of a mutation's transaction (decision inserted, author row locked): nothing remains.
    const midway = store.record({
      action: { kind: 'rename', authorId: 'bob-ray', name: 'Robert Ray' },
      note: null,
      actor: 'token 1 (curator)',
      basis: 0,
      check: () => server.stop(),
    });
    await expect(midway).rejects.toBeInstanceOf(CurationUnavailable);

    const down = await post(
      app,
      'mutation { renameAuthor(authorId: "bob-ray", name: "Robert Ray") { id } }',
      {},
      token,
    );
    expect(down.status).toBe(503);
    expect(down.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    const read = await post(app, '{ author(id: "bob-ray") { name paperCount } }');
    expect(read.body.data).toEqual({ author: { name: 'Bob Ray', paperCount: 3 } });
    await expect(store.log(5, null)).rejects.toBeInstanceOf(CurationUnavailable);

    server.start();
    expect(await counts(database)).toEqual(before);
    const up = await post(
      app,
      'mutation { renameAuthor(authorId: "bob-ray", name: "Robert Ray") { author { name } } }',
      {},
      token,
    );
    expect(up.body.errors).toBeUndefined();
    expect(up.body.data.renameAuthor.author).toEqual({ name: 'Robert Ray' });
    expect(await counts(database)).toEqual({
      ...before,
      decisions: 1,
      versions: before['versions']! + 1,
      log: 1,
      authors: 1,
    });
  }, 60_000);
});
