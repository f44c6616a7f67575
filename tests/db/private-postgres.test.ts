import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivatePostgres, privatePostgresAvailable, startPrivatePostgres } from '../helpers/private-postgres.ts';

async function answer(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    return rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe.skipIf(!privatePostgresAvailable)('a private PostgreSQL for failure tests', () => {
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await startPrivatePostgres();
  }, 60_000);
  afterAll(() => server?.destroy());

  it('answers, stops, comes back after a restart and after a crash', async () => {
    expect(await answer(server.url)).toBe(1);
    server.stop();
    await expect(answer(server.url)).rejects.toThrow();
    server.start();
    expect(await answer(server.url)).toBe(1);
    server.kill();
    await expect(answer(server.url)).rejects.toThrow();
    server.start();
    expect(await answer(server.url)).toBe(1);
  }, 60_000);
});
