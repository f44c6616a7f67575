import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import {
  MigrationError,
  migrate,
  migrationStatus,
  readMigrations,
  requireCurrentSchema,
} from '../../src/db/migrate.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO } from '../helpers/files.ts';

describe.skipIf(!postgresAvailable)('schema migrations on a real PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  beforeEach(async () => {
    testDatabase = await createTestDatabase('migrate');
    database = connectDatabase(testDatabase.url);
  });
  afterEach(async () => {
    await database.end();
    await testDatabase.drop();
  });

  it('applies every migration once, in order, and a second run applies none', async () => {
    const all = readMigrations();
    expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort((a, b) => a - b));
    const first = await migrate(database);
    expect(first.map((m) => m.version)).toEqual(all.map((m) => m.version));
    expect(await migrate(database)).toEqual([]);
    const status = await migrationStatus(database);
    expect(status.pending).toEqual([]);
    const { rows } = await database.query("SELECT to_regclass('network_versions') AS t");
    expect(rows[0].t).toBe('network_versions');
  });

  it('stores snapshot parts uncompressed, and the shared pass’s plans, partial sums and combined values with lz4', async () => {
    await migrate(database);
    const { rows } = await database.query<{ columns: string }>(
      `SELECT string_agg(c.relname || '.' || a.attname || ' ' || a.attstorage::text || coalesce(nullif(a.attcompression::text, ''), '-'), ', ' ORDER BY c.relname, a.attname) AS columns
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relname IN ('version_snapshot_parts', 'shared_pass_plans', 'shared_pass_chunks', 'version_metrics')
          AND a.atttypid = 'bytea'::regtype AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    // attstorage e: external, not compressed; x: compressed when large; then the method: l lz4, - the
    // server's default (pglz). A part's 32-byte digest is never large enough to compress.
    expect(rows[0]?.columns).toBe(
      'shared_pass_chunks.partial xl, shared_pass_plans.plan xl, version_metrics.betweenness xl, version_metrics.closeness xl, version_metrics.harmonic xl, version_snapshot_parts.bytes e-, version_snapshot_parts.sha256 x-',
    );
  });

  it('lets two processes migrate at once: each migration is applied exactly once', async () => {
    const other = connectDatabase(testDatabase.url);
    try {
      const [a, b] = await Promise.all([migrate(database), migrate(other)]);
      expect(a.length + b.length).toBe(readMigrations().length);
    } finally {
      await other.end();
    }
  });

  it('refuses a database whose schema is behind, and a migration edited after it was applied', async () => {
    await expect(requireCurrentSchema(database)).rejects.toThrow(/run coauthor-graph db migrate/u);
    await migrate(database);
    await requireCurrentSchema(database);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrationStatus(database, edited)).rejects.toThrow(MigrationError);
  });

  it('rolls a failing migration back whole and names it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-migrations-'));
    writeFileSync(join(directory, '0001_good.sql'), 'CREATE TABLE good (x int);');
    writeFileSync(join(directory, '0002_bad.sql'), 'CREATE TABLE half (x int); SELECT no_such_function();');
    await expect(migrate(database, readMigrations(directory))).rejects.toThrow(/migration 2 \(bad\) failed/u);
    const { rows } = await database.query("SELECT to_regclass('good') AS good, to_regclass('half') AS half");
    expect(rows[0]).toEqual({ good: 'good', half: null });
  });

  it('coauthor-graph db migrate and db status', async () => {
    const io = captureIO();
    expect(await main(['db', 'status', '--database', testDatabase.url], io)).toBe(1);
    expect(io.stdout).toMatch(/pending 1 network_versions/u);
    expect(await main(['db', 'migrate', '--database', testDatabase.url], io)).toBe(0);
    expect(io.stdout).toMatch(/applied 1 network_versions/u);
    const withoutUrl = captureIO();
    const saved = process.env['DATABASE_URL'];
    delete process.env['DATABASE_URL'];
    try {
      expect(await main(['db', 'migrate'], withoutUrl)).toBe(2);
    } finally {
      if (saved !== undefined) process.env['DATABASE_URL'] = saved;
    }
    expect(withoutUrl.stderr).toMatch(/db needs --database URL/u);
  });
});
