/**
 * A replica's share of the exact pass (src/db/shared-exact-pass.ts) survives PostgreSQL going away in
 * the middle: the database errors are retried with a backoff, the pass completes once the server is
 * back, and the values equal a one-process pass. On a private server of the test's own, stopped and
 * started again while chunks are being computed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import { main } from '../../src/cli.ts';
import { connectDatabase } from '../../src/db/database.ts';
import { sharedExactPass } from '../../src/db/shared-exact-pass.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';
import { captureIO } from '../helpers/files.ts';
import { type PrivatePostgres, privatePostgresAvailable, startPrivatePostgres } from '../helpers/private-postgres.ts';

describe.skipIf(!privatePostgresAvailable)('the shared pass through a database restart', () => {
  let server: PrivatePostgres;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    expect(await main(['db', 'migrate', '--database', server.url], captureIO())).toBe(0);
    const imported = captureIO();
    expect(await main(['import', '--database', server.url, '--data', ACL_SLICE_FILE], imported), imported.stderr).toBe(
      0,
    );
  }, 120_000);
  afterAll(() => server?.destroy());

  it('PostgreSQL stopped during the pass and started again: retried with backoff, the pass completes with the one-process values', async () => {
    const network = buildNetwork(loadFiles({ files: [ACL_SLICE_FILE] }).catalog, { maxAuthorsPerPaper: 50 });
    const database = connectDatabase(server.url, { maxConnections: 4, onIdleError: () => undefined });
    const retries: string[] = [];
    try {
      const run = sharedExactPass(database, 1, {
        chunkSources: 100,
        firstRetryMs: 200,
        maxRetryMs: 1_000,
        onRetry: (error) => retries.push(error.message),
      })(network.compact, { signal: new AbortController().signal, threads: 1 });
      const outcome = run.result.then(
        (values) => ({ values }),
        (error: Error) => ({ error }),
      );
      while (run.done() === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      server.stop(); // chunks written so far are in; the ones being computed are lost with their leases
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      server.start();
      const settled = await outcome;
      expect('error' in settled ? settled.error.message : null).toBeNull();
      expect(retries.length).toBeGreaterThan(0);
      const expected = computeAllPairsCentralitySync(network.compact);
      const values = (settled as { values: typeof expected }).values;
      for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
        const got = values[metric];
        const want = expected[metric];
        expect(got.length).toBe(want.length);
        let worst = 0;
        for (let i = 0; i < want.length; i += 1)
          worst = Math.max(
            worst,
            Math.abs((got[i] as number) - (want[i] as number)) / Math.max(1e-300, Math.abs(want[i] as number)),
          );
        expect(worst, metric).toBeLessThanOrEqual(1e-12);
      }
    } finally {
      await database.end().catch(() => undefined);
    }
  }, 300_000);
});
