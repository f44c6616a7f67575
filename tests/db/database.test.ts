import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, openConnections } from '../../src/db/database.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';

describe.skipIf(!postgresAvailable)('connections opened ahead of the work that needs them', () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('connections');
  });
  afterAll(() => testDatabase?.drop());

  it('are left idle in the pool, so work that needs two at once takes them without opening any', async () => {
    const database = connectDatabase(testDatabase.url);
    try {
      openConnections(database, 2);
      await expect.poll(() => database.idleCount).toBe(2);
      const [one, two] = await Promise.all([database.connect(), database.connect()]);
      expect(database.totalCount).toBe(2);
      one.release();
      two.release();
    } finally {
      await database.end();
    }
  });

  it('are no error when the server cannot be reached: the query that needs one says why', async () => {
    const url = new URL(testDatabase.url);
    url.port = '1';
    const database = connectDatabase(url.toString());
    try {
      openConnections(database, 1);
      await expect(database.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED|connect/u);
    } finally {
      await database.end();
    }
  });
});
