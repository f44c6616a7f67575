/**
 * A replica that stops (SIGTERM, `serve`'s shutdown) while its share of a version's exact pass runs
 * gives back the chunks it holds before its store connection closes, so the other replicas and
 * centrality workers claim them at once instead of waiting for the lease to expire. Its stop used to
 * end the pool while the pass was still winding down, so the release failed and the chunk stayed
 * leased to a process that no longer existed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStoreReplica } from '../../src/commands/serve-store.ts';
import type { Database } from '../../src/db/database.ts';
import { postgresAvailable } from '../helpers/database.ts';
import { captureIO } from '../helpers/files.ts';
import { syntheticCorpusFile } from '../helpers/networks.ts';
import { type TestStore, importedTestStore, testReplicaConfig } from '../helpers/store.ts';

const LONG = 300_000;

async function chunkStates(database: Database): Promise<Record<string, number>> {
  const { rows } = await database.query<{ state: string; count: string }>(
    'SELECT state, count(*) AS count FROM shared_pass_chunks GROUP BY state',
  );
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}

describe.runIf(postgresAvailable)('a replica stopping during the shared pass', () => {
  let store: TestStore | undefined;

  beforeAll(async () => {
    // 20,000 synthetic papers: a pass of some seconds on one thread, in dozens of chunks.
    store = await importedTestStore('replica_close', [syntheticCorpusFile(20_000, 'replica-close')]);
  }, LONG);
  afterAll(async () => {
    await store?.close();
  });

  it(
    'gives back the chunk it holds before it closes its store',
    async () => {
      const { testDatabase, database } = store!;
      const config = testReplicaConfig(testDatabase.url, mkdtempSync(join(tmpdir(), 'cg-replica-close-')));
      const started = await startStoreReplica(config, { io: captureIO(), exactAfter: Promise.resolve() });
      if ('failure' in started) throw new Error(started.failure);
      let leased = false;
      const until = Date.now() + 120_000;
      while (!leased && Date.now() < until) {
        leased = ((await chunkStates(database)).leased ?? 0) > 0;
        if (!leased) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(leased, 'the replica claimed a chunk').toBe(true);
      await started.close();
      const states = await chunkStates(database);
      expect(states.leased ?? 0).toBe(0);
      expect(states.pending ?? 0).toBeGreaterThan(0);
    },
    LONG,
  );
});
