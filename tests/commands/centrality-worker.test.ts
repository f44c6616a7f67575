import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import { main } from '../../src/cli.ts';
import { inputKey } from '../../src/commands/input-key.ts';
import { centralityWorkerConfig } from '../../src/config.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { storedExactMetrics } from '../../src/db/shared-pass.ts';
import { ACL_SLICE_FILE, loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO } from '../helpers/files.ts';
import { SEED_ALIAS_FILE, SEED_DATA_FILE, loadSeedNetwork } from '../helpers/networks.ts';
import { readSnapshotFile } from '../../src/snapshot/snapshot-file.ts';
import { insertVersion } from '../helpers/versions.ts';

describe('centrality-worker options', () => {
  it('needs a database, and says which network with --data or --snapshot', async () => {
    const io = captureIO();
    expect(await main(['centrality-worker', '--data', ACL_SLICE_FILE], io)).toBe(2);
    expect(io.stderr).toMatch(/centrality-worker needs --database URL/u);
    expect(() => centralityWorkerConfig(['--database', 'mysql://x'])).toThrow(/postgres/u);
    expect(() => centralityWorkerConfig(['--database', 'postgres://x', '--threads', '0'])).toThrow(/threads/u);
    expect(() => centralityWorkerConfig(['--database', 'postgres://x', '--lease-seconds', 'soon'])).toThrow(
      /lease-seconds/u,
    );
    const config = centralityWorkerConfig(['--database', 'postgres://x', '--data', ACL_SLICE_FILE, '--exit-when-idle']);
    expect(config).toMatchObject({ threads: 1, exitWhenIdle: true, leaseSeconds: 60, chunkSources: null });
    expect(config.data?.files).toEqual([ACL_SLICE_FILE]);
  });
});

describe.skipIf(!postgresAvailable)('coauthor-graph centrality-worker on a real PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('centrality_worker');
    database = connectDatabase(testDatabase.url);
    await migrate(database);
  });
  afterAll(async () => {
    await database?.end();
    await testDatabase?.drop();
  });

  it('computes the pass of the version its files are, skips a version of other files, and exits when idle', async () => {
    const data = centralityWorkerConfig(['--database', testDatabase.url, '--data', ACL_SLICE_FILE]).data!;
    const other = await insertVersion(database, 'some-other-input');
    const version = await insertVersion(database, inputKey(data));
    const io = captureIO();
    const code = await main(
      [
        'centrality-worker',
        '--database',
        testDatabase.url,
        '--data',
        ACL_SLICE_FILE,
        '--threads',
        '2',
        '--chunk-sources',
        '600',
        '--exit-when-idle',
      ],
      io,
    );
    expect(io.stderr).toMatch(/no pass left to compute; exiting/u);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(new RegExp(`version ${version}: exact pass combined \\(\\d+ chunks`, 'u'));
    const metrics = await storedExactMetrics(database, version);
    const expected = computeAllPairsCentralitySync(loadAclSliceNetwork().compact);
    for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
      expected[metric].forEach((value, i) => {
        expect(Math.abs((metrics![metric][i] as number) - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, value));
      });
    }
    // The older version is not its newest and has no pass: left alone. A version of other files is refused.
    expect(await storedExactMetrics(database, other)).toBeNull();
    const foreign = await insertVersion(database, 'yet-another-input');
    const second = captureIO();
    expect(
      await main(
        ['centrality-worker', '--database', testDatabase.url, '--data', ACL_SLICE_FILE, '--exit-when-idle'],
        second,
      ),
    ).toBe(0);
    expect(second.stderr).toMatch(
      new RegExp(`skipping version ${foreign}: version ${foreign} was imported from other inputs`, 'u'),
    );
    expect(await storedExactMetrics(database, foreign)).toBeNull();
  }, 180_000);

  it('takes the network from a snapshot (checked by the input key it was built from)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cg-worker-'));
    const snapshot = join(directory, 'seed.cgsnap');
    const built = captureIO();
    expect(
      await main(
        ['build', '--out', snapshot, '--data', SEED_DATA_FILE, '--aliases', SEED_ALIAS_FILE, '--no-cache'],
        built,
      ),
    ).toBe(0);
    const key = readSnapshotFile(snapshot).manifest.inputKey;
    expect(key).not.toBeNull();
    const version = await insertVersion(database, key!);
    const io = captureIO();
    expect(
      await main(['centrality-worker', '--database', testDatabase.url, '--snapshot', snapshot, '--exit-when-idle'], io),
    ).toBe(0);
    expect(io.stdout).toMatch(new RegExp(`version ${version}: exact pass combined`, 'u'));
    const metrics = await storedExactMetrics(database, version);
    const expected = computeAllPairsCentralitySync(loadSeedNetwork().compact);
    rmSync(directory, { recursive: true, force: true });
    expected.harmonic.forEach((value, i) =>
      expect(Math.abs((metrics!.harmonic[i] as number) - value)).toBeLessThan(1e-12),
    );
  }, 60_000);

  it('refuses a version with curation applied when all it has is files, and fails clearly on a bad database', async () => {
    const data = centralityWorkerConfig([
      '--database',
      testDatabase.url,
      '--data',
      SEED_DATA_FILE,
      '--aliases',
      SEED_ALIAS_FILE,
    ]).data!;
    const version = await insertVersion(database, inputKey(data));
    await database.query('UPDATE network_versions SET curation_through = 3 WHERE id = $1', [version]);
    const io = captureIO();
    expect(
      await main(
        [
          'centrality-worker',
          '--database',
          testDatabase.url,
          '--data',
          SEED_DATA_FILE,
          '--aliases',
          SEED_ALIAS_FILE,
          '--exit-when-idle',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stderr).toMatch(/has curation decisions applied/u);
    const bad = captureIO();
    const url = new URL(testDatabase.url);
    url.pathname = '/cg_no_such_database';
    expect(
      await main(
        ['centrality-worker', '--database', url.toString(), '--data', SEED_DATA_FILE, '--exit-when-idle'],
        bad,
      ),
    ).toBe(1);
    expect(bad.stderr).toMatch(/centrality-worker: .*cg_no_such_database/u);
  }, 60_000);
});
