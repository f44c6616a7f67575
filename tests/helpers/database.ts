/**
 * A real PostgreSQL for the tests: each caller gets a database of its own, created from the server at
 * PG_TEST_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres, as on the development and
 * CI machines) and dropped afterwards, so test files never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { requirement } from './requirements.ts';

export const adminUrl = process.env['PG_TEST_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether PostgreSQL tests run here (see requirements.ts). */
export const postgresAvailable = requirement(
  `PostgreSQL at ${adminUrl}`,
  await reachable(),
  'Install and start PostgreSQL 15 (apt-get install postgresql; pg_ctlcluster --skip-systemctl-redirect 15 main start) or set PG_TEST_ADMIN_URL.',
);

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `cg_${label.replace(/[^a-z0-9]/giu, '_').toLowerCase()}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
