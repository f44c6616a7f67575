/**
 * A replica serves a version's snapshot as `serve --snapshot` serves its file (src/commands/store-data.ts,
 * `lazyTables`): the store's snapshot downloaded to the cache is opened, its tables read when a query
 * first touches them; each version followed is opened so too, and the GraphQL plugin waits on the
 * tables of the version a request is answered from; a curation step on such a version reads every
 * table first. Every answer equals the one from the network read whole, or built from the rows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { main } from '../../src/cli.ts';
import { followVersions } from '../../src/commands/follow-versions.ts';
import { type StoreLoadOptions, loadStoreVersion, storeIdentity } from '../../src/commands/store-data.ts';
import { postgresCurationStore } from '../../src/curation/pg-store.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { type StoredVersion, loadVersionNetwork, versionById } from '../../src/db/version-network.ts';
import { networkOf } from '../../src/graph/network.ts';
import { lazySourceOf, wholeColumns } from '../../src/snapshot/lazy-snapshot.ts';
import { LAZY_ENTRIES } from '../../src/snapshot/snapshot-entries.ts';
import { query } from '../helpers/app.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';
import { networkContents } from '../helpers/network-contents.ts';

const paper = (id: string, authors: string[], venue: string) =>
  JSON.stringify({ id, title: `Paper ${id}`, abstract: `About ${id}`, venue, authors, year: 2021 });
const first = [
  paper('p1', ['Ann Lee', 'Bo Chen'], 'ACL'),
  paper('p2', ['Bo Chen', 'Cy Diaz'], 'EMNLP'),
  paper('p3', ['A. Lee', 'Cy Diaz'], 'NAACL'),
];
const files = tempFiles({
  'v1.jsonl': first.join('\n'),
  'v2.jsonl': [...first, paper('p4', ['Dee Ng', 'Ann Lee'], 'COLING')].join('\n'),
});

/** Touches the lazy tables: titles, venues, spellings, sources, the search indexes. */
const TEXT = `{
  networkVersion
  papers(first: 10) { nodes { id title venue sources { file line } authors { id name nameVariants } } }
  authors(search: "lee", first: 5) { nodes { id name } }
}`;

const cacheDir = () => mkdtempSync(join(tmpdir(), 'cg-replica-lazy-'));

describe.runIf(postgresAvailable)('a replica opens the versions it serves lazily', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let storeId: string;

  const version = async (id: number): Promise<StoredVersion> => (await versionById(database, id)) as StoredVersion;
  const load = async (id: number, cacheDirectory: string | null, options: StoreLoadOptions = {}) => {
    const loaded = await loadStoreVersion(database, storeId, await version(id), { cacheDirectory }, options);
    if ('failure' in loaded) throw new Error(loaded.failure);
    return loaded;
  };
  /** A first replica of version `id`: built from the rows, its snapshot saved in the store. */
  const share = async (id: number) => {
    const built = await load(id, cacheDir(), { shareSnapshots: true });
    expect(built.how).toBe('built');
    for (let tries = 0; ; tries += 1) {
      const { rowCount } = await database.query('SELECT 1 FROM version_snapshots WHERE version_id = $1', [id]);
      if (rowCount === 1) break;
      if (tries > 400) throw new Error(`no snapshot of version ${id} in the store`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    built.servable.data.dispose();
  };
  const importFile = async (file: string) => {
    const io = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', file], io), io.stderr).toBe(0);
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase('replica_lazy');
    expect(await main(['db', 'migrate', '--database', testDatabase.url], captureIO())).toBe(0);
    await importFile(files['v1.jsonl']!);
    database = connectDatabase(testDatabase.url, { maxConnections: 4 });
    storeId = await storeIdentity(database);
    await share(1);
  });
  afterAll(async () => {
    await database?.end();
    await testDatabase?.drop();
  });

  it("joins from the store's snapshot without reading a lazy table until a query touches it; answers equal a whole read", async () => {
    const joined = await load(1, cacheDir(), { shareSnapshots: true, lazyTables: true });
    expect(joined.how).toBe('store-snapshot');
    const lazy = lazySourceOf(joined.servable.data.network.columns);
    expect(lazy).not.toBeNull();
    await joined.servable.loaded.snapshot?.verified;
    for (const entry of LAZY_ENTRIES) expect(lazy?.tables.readsOf(entry)).toBe(0);

    const whole = await load(1, cacheDir(), { shareSnapshots: true });
    expect(whole.how).toBe('store-snapshot');
    expect(lazySourceOf(whole.servable.data.network.columns)).toBeNull();
    const answer = await query(createApp({ data: joined.servable.data, logging: false }), TEXT);
    expect(answer).toEqual(await query(createApp({ data: whole.servable.data, logging: false }), TEXT));
    expect(answer['papers'].nodes[0].title).toBe('Paper p1');
    expect(lazy?.tables.readsOf('paper-text.arrow')).toBe(1);
    // Every table, read: the same network as one built from the store's rows.
    const built = await loadVersionNetwork(database, 1, { inWorker: false });
    expect(networkContents(networkOf(await wholeColumns(joined.servable.data.network.columns)))).toEqual(
      networkContents(built.network),
    );
    joined.servable.data.dispose();
    whole.servable.data.dispose();
  });

  it('restarts from its cache lazily too', async () => {
    const directory = cacheDir();
    const joined = await load(1, directory, { shareSnapshots: true, lazyTables: true });
    // Served before its download is whole (replica-join-arriving.test.ts); in the cache once it is.
    await joined.servable.loaded.snapshot?.downloaded;
    joined.servable.data.dispose();
    const restarted = await load(1, directory, { shareSnapshots: true, lazyTables: true });
    expect(restarted.how).toBe('cache');
    const lazy = lazySourceOf(restarted.servable.data.network.columns);
    expect(lazy).not.toBeNull();
    for (const entry of LAZY_ENTRIES) expect(lazy?.tables.readsOf(entry)).toBe(0);
    restarted.servable.data.dispose();
  });

  it("serves a followed version lazily; a request waits on that version's tables, not the first's", async () => {
    const directory = cacheDir();
    const joined = await load(1, directory, { shareSnapshots: true, lazyTables: true });
    // Version 2 and its snapshot are in the store before the replica follows (it would build it from the rows otherwise).
    await importFile(files['v2.jsonl']!);
    await share(2);
    const io = captureIO();
    const follower = followVersions(
      database,
      testDatabase.url,
      storeId,
      { version: joined.curation.version, data: joined.servable.data, curation: joined.curation },
      { cacheDirectory: directory },
      { io, pollMs: 600_000 },
    );
    try {
      const app = createApp({ data: joined.servable.data, dataSource: follower.current, logging: false });
      const firstTables = lazySourceOf(joined.servable.data.network.columns)?.tables;
      await follower.check();
      expect(follower.servingVersion(), io.stderr).toBe(2);
      const served = lazySourceOf(follower.current().network.columns);
      expect(served, io.stdout + io.stderr).not.toBeNull();
      expect(served?.tables).not.toBe(firstTables);
      expect(served?.tables.readsOf('paper-text.arrow')).toBe(0);
      const answer = await query(app, '{ networkVersion paper(id: "p4") { title venue authors { name } } }');
      expect(answer).toEqual({
        networkVersion: '2',
        paper: { title: 'Paper p4', venue: 'COLING', authors: [{ name: 'Dee Ng' }, { name: 'Ann Lee' }] },
      });
      expect(served?.tables.readsOf('paper-text.arrow')).toBe(1);
      expect(firstTables?.readsOf('paper-text.arrow')).toBe(0);
    } finally {
      await follower.close();
    }
  });

  it('takes a curation step from a lazily opened version: the same network as one built from the rows', async () => {
    // The newest version (a curation applies to it), its snapshot in the store.
    const newest = await database.query<{ id: string }>('SELECT max(id) AS id FROM network_versions');
    const fromId = Number(newest.rows[0]?.id);
    const saved = await database.query('SELECT 1 FROM version_snapshots WHERE version_id = $1', [fromId]);
    if (saved.rowCount === 0) await share(fromId);
    const joined = await load(fromId, cacheDir(), { shareSnapshots: true, lazyTables: true });
    expect(joined.how).toBe('store-snapshot');
    const whole = networkOf(await wholeColumns(joined.servable.data.network.columns));
    const idOf = (name: string) => [...whole.authors.values()].find((author) => author.name === name)?.id as string;
    const store = postgresCurationStore(database);
    const recorded = await store.record({
      action: { kind: 'merge', authorIds: [idOf('Ann Lee'), idOf('A. Lee')], name: 'Ann Lee' },
      note: null,
      actor: 'test',
      basis: 0,
      check: () => {},
    });
    const curated = Number(recorded.networkVersion);
    expect(curated).toBeGreaterThan(fromId);
    const fresh = await load(fromId, cacheDir(), { shareSnapshots: true, lazyTables: true });
    const stepped = await load(curated, cacheDir(), {
      shareSnapshots: true,
      lazyTables: true,
      previous: fresh.curation,
      previousData: fresh.servable.data,
    });
    expect(stepped.how).toBe('curation-step');
    const built = await load(curated, null);
    expect(built.how).toBe('built');
    expect(networkContents(stepped.servable.data.network)).toEqual(networkContents(built.servable.data.network));
    expect(stepped.servable.data.network.authors.size).toBe(whole.authors.size - 1);
    for (const loaded of [joined, fresh, stepped, built]) loaded.servable.data.dispose();
  });
});
