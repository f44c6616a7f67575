import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { main } from '../../src/cli.ts';
import { type StoreReplica, startStoreReplica } from '../../src/commands/serve-store.ts';
import { serveConfig } from '../../src/config.ts';
import { postgresCurationStore } from '../../src/curation/pg-store.ts';
import { storeCurator } from '../../src/curation/store-curator.ts';
import type { Database } from '../../src/db/database.ts';
import { query } from '../helpers/app.ts';
import { type TestDatabase, postgresAvailable } from '../helpers/database.ts';
import { type TestStore, importedTestStore } from '../helpers/store.ts';
import { captureIO } from '../helpers/files.ts';
import { expectWindowValues, windowFromScratch } from './window-from-scratch.ts';

/**
 * `serve --database --windows`: a replica of the shared store computes its listed windows exactly
 * for every version it serves. A new import (other papers) is estimated in the window until the
 * window's pass is in; a curation version (the same papers) serves the previous version's window
 * values, marked stale, until then. Each time the values are checked against the window's pass run
 * from scratch on the same papers and decisions (the pass itself is checked against NetworkX in
 * listed-windows.test.ts). Data: the ACL 2016 slice's first 1,800 papers, then its first 2,000, each
 * with the ACL 2017 main venues: the window {to: 2016} is too large to be computed exactly on request
 * (4,723 authors and 11,208 ties in the second), its passes take seconds.
 */
const fixtures = new URL('../fixtures/', import.meta.url);
const slice2016 = readFileSync(new URL('acl-anthology-2016.jsonl', fixtures), 'utf8');
const main2017 = readFileSync(new URL('acl-2017-main-venues.jsonl', fixtures), 'utf8');
const listed = { from: null, to: 2016 };
const LONG = 600_000;

const rankingQuery = `{ centralityRanking(metric: BETWEENNESS, years: {to: 2016}, first: 3) { nodes { author { id } } } }`;
const windowQuery = `query ($id: ID!) { author(id: $id) {
  centrality(years: {to: 2016}) { exact sampleSize computedAt stale betweenness closeness harmonic } } }`;
type WindowCentrality = {
  exact: boolean;
  sampleSize: number | null;
  computedAt: string;
  stale: boolean;
  betweenness: number;
  closeness: number;
  harmonic: number;
};

describe.runIf(postgresAvailable)('serve --database --windows: a replica’s listed windows follow its versions', () => {
  let store: TestStore | undefined;
  let testDatabase: TestDatabase;
  let database: Database;
  let replica: StoreReplica;
  const directory = mkdtempSync(join(tmpdir(), 'cg-listed-windows-replica-'));
  const partial = join(directory, 'partial.jsonl');
  const whole = join(directory, 'whole.jsonl');
  const lines = slice2016.split('\n');
  writeFileSync(partial, `${lines.slice(0, 1800).join('\n')}\n${main2017}`);
  writeFileSync(whole, `${lines.slice(0, 2000).join('\n')}\n${main2017}`);

  beforeAll(async () => {
    store = await importedTestStore('listed_windows', [partial]);
    ({ testDatabase, database } = store);
  }, LONG);
  afterAll(async () => {
    await replica?.close();
    await store?.close();
  });

  it(
    'a new import: estimates, then the new version’s exact window values; a curation: stale, then exact',
    async () => {
      const config = serveConfig([
        '--database',
        testDatabase.url,
        '--windows',
        '-2016',
        '--threads',
        '1',
        '--cache-dir',
        join(directory, 'cache'),
        '--version-poll',
        '600',
      ]);
      const started = await startStoreReplica(config, { io: captureIO() });
      if ('failure' in started) throw new Error(started.failure);
      replica = started;
      const { follower } = replica;
      const curator = storeCurator(postgresCurationStore(database), follower);
      const app = createApp({ data: follower.current(), dataSource: follower.current, logging: false });
      const windowOf = async (id: string) =>
        (await query(app, windowQuery, { id })).author.centrality as WindowCentrality;
      // The first version: its window computed exactly.
      const first = follower.current();
      await first.whenExact();
      await expect.poll(() => first.exactWindow(listed), { timeout: LONG, interval: 200 }).not.toBeNull();
      // The window's three authors of highest betweenness: the first two merged below, the third looks on.
      const top = ((await query(app, rankingQuery)).centralityRanking.nodes as { author: { id: string } }[]).map(
        (node) => node.author.id,
      );
      const [one, two, bystander] = top as [string, string, string];
      const before = await windowOf(one);
      expect(before).toMatchObject({ exact: true, sampleSize: null, stale: false });
      expectWindowValues(before, windowFromScratch([partial], listed).get(one), one);

      // A new import with other papers: nothing carried over; then this version's exact window values.
      const imported = captureIO();
      expect(await main(['import', '--database', testDatabase.url, '--data', whole], imported), imported.stderr).toBe(
        0,
      );
      await follower.check();
      const second = follower.current();
      expect(second).not.toBe(first);
      if (second.exactWindow(listed) === null)
        expect(await windowOf(one)).toMatchObject({ exact: false, sampleSize: 256, stale: false });
      await expect.poll(() => second.exactWindow(listed), { timeout: LONG, interval: 200 }).not.toBeNull();
      const afterImport = await windowOf(one);
      expect(afterImport).toMatchObject({ exact: true, sampleSize: null, stale: false });
      expect(Date.parse(afterImport.computedAt)).toBeGreaterThan(Date.parse(before.computedAt));
      const imports = windowFromScratch([whole], listed);
      for (const id of [one, two, bystander]) expectWindowValues(await windowOf(id), imports.get(id), id);
      expect(afterImport.betweenness).not.toBeCloseTo(before.betweenness, 9);

      // A curation merge (a new version of the same papers): the previous window values, stale, at once.
      const bystanderBefore = await windowOf(bystander);
      const decision = { kind: 'merge' as const, authorIds: [one, two], name: null };
      const outcome = await curator.mutate(decision, 'test: one person', 'test');
      const merged = outcome.authorIds[0] as string;
      expect(follower.current()).not.toBe(second);
      // The first query waits for the new version's window (built on a pass thread), then gets the old values.
      expect(await windowOf(bystander)).toEqual({ ...bystanderBefore, stale: true });
      expect(follower.current().exactWindow(listed)?.stale).toBe(true);

      // Then the curated version's own window pass: not stale, the values of the curated papers.
      await expect.poll(async () => (await windowOf(bystander)).stale, { timeout: LONG, interval: 250 }).toBe(false);
      const curated = windowFromScratch([whole], listed, [{ id: 1, action: decision }]);
      for (const id of [merged, bystander]) {
        const now = await windowOf(id);
        expect(now).toMatchObject({ exact: true, sampleSize: null, stale: false });
        expect(Date.parse(now.computedAt)).toBeGreaterThan(Date.parse(afterImport.computedAt));
        expectWindowValues(now, curated.get(id), id);
      }
    },
    LONG,
  );
});
