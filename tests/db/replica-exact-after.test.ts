/**
 * A replica of the shared store serves a version before that version's exact pass starts: the first
 * version's pass waits for the server to be ready (`exactAfter`, as `serve --data` does), and a curated
 * version's pass waits for its swap, with no estimates from a sample meanwhile (the previous version's
 * exact values are served, marked stale, until the new pass is in), so nothing is planned on the event
 * loop between a curator's change and its first answers. The values that follow equal a pass from scratch.
 * Data: the ACL 2016 slice with the ACL 2017 main venues (large enough for the background passes).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import { allPairsStale } from '../../src/analysis/stale-centrality.ts';
import { type StoreReplica, startStoreReplica } from '../../src/commands/serve-store.ts';
import { postgresCurationStore } from '../../src/curation/pg-store.ts';
import { storeCurator } from '../../src/curation/store-curator.ts';
import type { Database } from '../../src/db/database.ts';
import { type TestDatabase, postgresAvailable } from '../helpers/database.ts';
import { type TestStore, importedTestStore, testReplicaConfig } from '../helpers/store.ts';
import { captureIO } from '../helpers/files.ts';

const fixtures = new URL('../fixtures/', import.meta.url);
const LONG = 600_000;

async function sharedPasses(database: Database): Promise<string[]> {
  const { rows } = await database.query<{ version_id: string }>('SELECT version_id FROM shared_passes ORDER BY 1');
  return rows.map((row) => String(row.version_id));
}

describe.runIf(postgresAvailable)('a replica serves a version before its exact pass starts', () => {
  let store: TestStore | undefined;
  let testDatabase: TestDatabase;
  let database: Database;
  let replica: StoreReplica | undefined;
  const directory = mkdtempSync(join(tmpdir(), 'cg-replica-exact-after-'));
  const data = join(directory, 'papers.jsonl');
  writeFileSync(
    data,
    `${readFileSync(new URL('acl-anthology-2016.jsonl', fixtures), 'utf8')}\n${readFileSync(new URL('acl-2017-main-venues.jsonl', fixtures), 'utf8')}`,
  );

  beforeAll(async () => {
    store = await importedTestStore('exact_after', [data]);
    ({ testDatabase, database } = store);
  }, LONG);
  afterAll(async () => {
    await replica?.close();
    await store?.close();
  });

  it(
    'the first version’s pass after ready; a curated version’s after its swap, without estimates, then exact',
    async () => {
      const config = testReplicaConfig(testDatabase.url, join(directory, 'cache'));
      let ready: () => void = () => {};
      const exactAfter = new Promise<void>((resolve) => {
        ready = resolve;
      });
      const started = await startStoreReplica(config, { io: captureIO(), exactAfter });
      if ('failure' in started) throw new Error(started.failure);
      replica = started;
      const { follower } = replica;
      const first = follower.current();
      // Its estimates are in (what `serve` waits for before it says it is ready); its pass waits for ready.
      await first.centrality();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(first.progress().phase).toBe('estimating');
      expect(await sharedPasses(database)).toEqual([]);
      ready();
      await first.whenExact();
      expect(await sharedPasses(database)).toEqual([String(follower.servingVersion())]);

      // A curator's merge: served at once (the previous exact values, stale), no estimates, then this version's pass.
      const curator = storeCurator(postgresCurationStore(database), follower);
      const [a, b] = (await first.centrality()).ranking('betweenness').map((ranked) => ranked.authorId);
      const outcome = await curator.mutate({ kind: 'merge', authorIds: [a!, b!], name: null }, 'test', 'test');
      const curated = follower.current();
      expect(String(follower.servingVersion())).toBe(outcome.networkVersion);
      expect(allPairsStale(curated)).toBe(true);
      const seen: { phase: string; sourcesTotal: number }[] = [];
      await new Promise<void>((resolve) => {
        const look = setInterval(() => {
          const { phase, sourcesTotal } = curated.progress();
          seen.push({ phase, sourcesTotal });
          if (phase !== 'estimating') {
            clearInterval(look);
            resolve();
          }
        }, 2);
      });
      // Until the exact pass started, nothing was searched for estimates.
      expect(seen.filter((progress) => progress.phase === 'estimating' && progress.sourcesTotal > 0)).toEqual([]);
      await curated.whenExact();
      expect(allPairsStale(curated)).toBe(false);
      const scratch = computeAllPairsCentralitySync(curated.network.compact);
      const served = (await curated.centrality()).columns().scores;
      for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
        scratch[metric].forEach((value, row) =>
          expect(Math.abs((served[metric][row] as number) - value), `${metric} row ${row}`).toBeLessThanOrEqual(
            1e-12 * Math.max(1, Math.abs(value)),
          ),
        );
    },
    LONG,
  );
});
