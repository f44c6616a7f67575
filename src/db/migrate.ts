/**
 * Schema migrations: plain SQL files in `src/db/migrations/`, named `NNNN_what.sql`, applied in order,
 * each in its own transaction, and recorded in `schema_migrations` with a checksum of its text. A
 * migration that was applied and then edited is refused (the database no longer matches the files);
 * two processes migrating at once take turns on an advisory lock.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, DatabaseClient } from './database.ts';
import { errorMessage } from '../error-message.ts';

/** src/db/migrations, whether this module runs from the sources or from the bundle in .build/. */
export const migrationsDirectory = ((here: string) =>
  [join(here, 'migrations'), join(here, '..', 'src', 'db', 'migrations')].find((candidate) => existsSync(candidate)) ??
  join(here, 'migrations'))(dirname(fileURLToPath(import.meta.url)));

/** Any constant of our own: it keeps concurrent `db migrate` runs apart. */
const MIGRATION_LOCK = 0x636f6175;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export function readMigrations(directory: string = migrationsDirectory): Migration[] {
  const migrations = readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/u.exec(file);
      if (match === null) throw new MigrationError(`migration file "${file}" is not named NNNN_name.sql`);
      const sql = readFileSync(join(directory, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  for (let index = 1; index < migrations.length; index++) {
    if (migrations[index]!.version === migrations[index - 1]!.version) {
      throw new MigrationError(`two migrations have version ${migrations[index]!.version}`);
    }
  }
  return migrations;
}

export interface MigrationStatus {
  readonly applied: readonly { version: number; name: string; appliedAt: Date }[];
  readonly pending: readonly Migration[];
}

export async function migrationStatus(
  database: Database | DatabaseClient,
  migrations = readMigrations(),
): Promise<MigrationStatus> {
  await ensureMigrationTable(database);
  const { rows } = await database.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
    'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
  );
  const byVersion = new Map(rows.map((row) => [row.version, row]));
  for (const migration of migrations) {
    const row = byVersion.get(migration.version);
    if (row !== undefined && row.checksum !== migration.checksum) {
      throw new MigrationError(
        `migration ${migration.version} (${migration.name}) was changed after it was applied; add a new migration instead`,
      );
    }
  }
  return {
    applied: rows.map((row) => ({ version: row.version, name: row.name, appliedAt: row.applied_at })),
    pending: migrations.filter((migration) => !byVersion.has(migration.version)),
  };
}

/** Applies every pending migration; returns those it applied (none when the database is current). */
export async function migrate(database: Database, migrations = readMigrations()): Promise<Migration[]> {
  const client = await database.connect();
  const applied: Migration[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const { pending } = await migrationStatus(client, migrations);
      for (const migration of pending) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            migration.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new MigrationError(`migration ${migration.version} (${migration.name}) failed: ${errorMessage(error)}`);
        }
        applied.push(migration);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}

/** Refuses to work against a database whose schema is older than this program's. */
export async function requireCurrentSchema(database: Database, migrations = readMigrations()): Promise<void> {
  const { pending } = await migrationStatus(database, migrations);
  if (pending.length > 0) {
    throw new MigrationError(
      `the database needs ${pending.length} migration(s) (${pending.map((m) => `${m.version} ${m.name}`).join(', ')}): run coauthor-graph db migrate --database URL`,
    );
  }
}

async function ensureMigrationTable(database: Database | DatabaseClient): Promise<void> {
  await database.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version integer PRIMARY KEY,
       name text NOT NULL,
       checksum text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
}
