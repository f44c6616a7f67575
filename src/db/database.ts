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

/**
 * Opens `count` connections now and leaves them idle in the pool, so work that soon needs several at
 * once (a replica's snapshot, downloaded over two) does not wait to open them then. A connection
 * that cannot be opened is not an error here: the query that needs it says why.
 */
export function openConnections(database: Database, count: number): void {
  for (let i = 0; i < count; i += 1)
    database.connect().then(
      (client) => client.release(),
      () => {},
    );
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

/**
 * Runs `work` on one connection of the pool (what a statement that needs its own connection, such as
 * a `COPY`, runs on). A connection lost midway (the server restarted) fails the statement in flight;
 * the error the connection also emits is heard here (unheard, it would end the process) and the broken
 * connection is discarded, not returned to the pool; `discard` marks it so from `work`.
 */
export async function withClient<T>(
  database: Database,
  work: (client: DatabaseClient, discard: () => void) => Promise<T>,
): Promise<T> {
  const client = await database.connect();
  let broken = false;
  const discard = () => {
    broken = true;
  };
  client.on('error', discard);
  try {
    return await work(client, discard);
  } finally {
    client.off('error', discard);
    client.release(broken);
  }
}

/**
 * Runs `work` in one transaction on one connection (`withClient`): committed when it returns, rolled
 * back when it throws.
 */
export async function inTransaction<T>(database: Database, work: (client: DatabaseClient) => Promise<T>): Promise<T> {
  return withClient(database, async (client, discard) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(discard);
      throw error;
    }
  });
}
