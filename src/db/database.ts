/**
 * The shared store: one PostgreSQL database that every replica, importer and centrality worker of a
 * deployment connects to (`--database URL` or `DATABASE_URL`). Without it everything works from files
 * and the local cache, as on one machine.
 *
 * The pool is node-postgres's. Connections name themselves (`application_name`) so that an operator
 * can tell replicas from workers in `pg_stat_activity`, and an idle client's error (the server
 * restarted, the network dropped) is reported to the caller instead of crashing the process.
 */
import pg from 'pg';

export type Database = pg.Pool;
export type DatabaseClient = pg.PoolClient;

export interface DatabaseOptions {
  /** What the connections call themselves in `pg_stat_activity`. */
  readonly applicationName?: string;
  /** Connections at most (default 4: a replica needs few, its work is in memory). */
  readonly maxConnections?: number;
  /** Called when an idle connection fails; the pool drops it and opens another when needed. */
  readonly onIdleError?: (error: Error) => void;
}

export function connectDatabase(url: string, options: DatabaseOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: options.applicationName ?? 'coauthor-graph',
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(database: Database, work: (client: DatabaseClient) => Promise<T>): Promise<T> {
  const client = await database.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
