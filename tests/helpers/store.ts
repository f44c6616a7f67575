/**
 * A shared store for a test: a database of its own (database.ts), migrated, with `files` imported as its
 * first version by the real commands (`db migrate`, `import`), and a connection to it.
 */
import { expect } from 'vitest';
import { main } from '../../src/cli.ts';
import { type ServeConfig, serveConfig } from '../../src/config.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { type TestDatabase, createTestDatabase } from './database.ts';
import { captureIO } from './files.ts';

export interface TestStore {
  readonly testDatabase: TestDatabase;
  readonly database: Database;
  /** Ends the connection and drops the database. */
  close(): Promise<void>;
}

export async function importedTestStore(label: string, files: readonly string[]): Promise<TestStore> {
  const testDatabase = await createTestDatabase(label);
  expect(await main(['db', 'migrate', '--database', testDatabase.url], captureIO())).toBe(0);
  const imported = captureIO();
  const data = files.flatMap((file) => ['--data', file]);
  expect(await main(['import', '--database', testDatabase.url, ...data], imported), imported.stderr).toBe(0);
  const database = connectDatabase(testDatabase.url);
  return {
    testDatabase,
    database,
    close: async () => {
      await database.end();
      await testDatabase.drop();
    },
  };
}

/**
 * A replica's configuration for an in-process test (`startStoreReplica`): the store at `url`, one pass
 * thread, its cache in `cacheDirectory`, and no polling for versions in the test's time (notifications only).
 */
export function testReplicaConfig(url: string, cacheDirectory: string): ServeConfig {
  return serveConfig(['--database', url, '--threads', '1', '--cache-dir', cacheDirectory, '--version-poll', '600']);
}
