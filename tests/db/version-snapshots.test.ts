/**
 * Snapshots shared through the store (src/db/version-snapshots.ts): a replica joining a version
 * downloads the bytes another saved, identical, in parts, and in binary: about their own size on the
 * wire, not the twice-as-large hex of PostgreSQL's text format for `bytea`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { connectDatabase } from '../../src/db/database.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { BinaryCopyValues, fetchVersionSnapshot, saveVersionSnapshot } from '../../src/db/version-snapshots.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

const files = tempFiles({
  'papers.jsonl': JSON.stringify({ id: 'p1', title: 'One', authors: ['Ann Lee', 'Bo Chen'], year: 2020 }),
});

describe.runIf(postgresAvailable)('snapshots shared through the store', () => {
  let testDatabase: TestDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('version_snapshots');
    expect(await main(['db', 'migrate', '--database', testDatabase.url], captureIO())).toBe(0);
    const imported = captureIO();
    expect(
      await main(['import', '--database', testDatabase.url, '--data', files['papers.jsonl']!], imported),
      imported.stderr,
    ).toBe(0);
  });
  afterAll(async () => {
    await testDatabase.drop();
  });
  /** A second network version (changed data), for a snapshot of its own. */
  const secondVersion = async (): Promise<number> => {
    const changed = join(mkdtempSync(join(tmpdir(), 'cg-version-snapshots-')), 'papers.jsonl');
    writeFileSync(changed, JSON.stringify({ id: 'p2', title: 'Two', authors: ['Ann Lee', 'Cy Diaz'], year: 2021 }));
    const io = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', changed], io), io.stderr).toBe(0);
    return 2;
  };

  it('a download gives back the bytes saved (two parts), moved in binary: about their size on the wire, not twice', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cg-version-snapshots-'));
    const saved = join(directory, 'saved.cgsnap');
    const size = 8 * 1024 * 1024 + 12_345; // one full part of 8 MiB and a short one
    writeFileSync(saved, randomBytes(size));
    const database = connectDatabase(testDatabase.url, { maxConnections: 1 });
    const sockets: { bytesRead: number }[] = [];
    database.on('connect', (client: pg.PoolClient) => {
      sockets.push((client as unknown as { connection: { stream: { bytesRead: number } } }).connection.stream);
    });
    const received = () => sockets.reduce((sum, socket) => sum + socket.bytesRead, 0);
    try {
      expect(await saveVersionSnapshot(database, 1, saved)).toBe(true);
      expect(await saveVersionSnapshot(database, 1, saved)).toBe(false); // the first writer wins
      const downloaded = join(directory, 'downloaded.cgsnap');
      const before = received();
      expect(await fetchVersionSnapshot(database, 1, downloaded)).toBe(true);
      const onTheWire = received() - before;
      expect(readFileSync(downloaded).equals(readFileSync(saved))).toBe(true);
      expect(onTheWire).toBeGreaterThan(size);
      expect(onTheWire).toBeLessThan(size * 1.05);
      expect(await fetchVersionSnapshot(database, 2, join(directory, 'none.cgsnap'))).toBe(false);
    } finally {
      await database.end();
    }
  }, 60_000);

  it('stores the parts uncompressed (a joining replica pays no decompression on the server)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cg-version-snapshots-'));
    const saved = join(directory, 'zeros.cgsnap');
    writeFileSync(saved, Buffer.alloc(100_000, 7)); // pglz would shrink this to almost nothing
    const database = connectDatabase(testDatabase.url, { maxConnections: 1 });
    try {
      const versionId = await secondVersion();
      expect(await saveVersionSnapshot(database, versionId, saved)).toBe(true);
      const { rows } = await database.query<{ stored: number; length: number }>(
        'SELECT pg_column_size(bytes) AS stored, length(bytes) AS length FROM version_snapshot_parts WHERE version_id = $1',
        [versionId],
      );
      expect(rows).toEqual([{ stored: 100_000, length: 100_000 }]);
      const downloaded = join(directory, 'downloaded.cgsnap');
      expect(await fetchVersionSnapshot(database, versionId, downloaded)).toBe(true);
      expect(readFileSync(downloaded).equals(readFileSync(saved))).toBe(true);
    } finally {
      await database.end();
    }
  });

  it('saves a snapshot in parts of 2 MiB, and no directory for bytes that are not an archive', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cg-version-snapshots-'));
    const saved = join(directory, 'random.cgsnap');
    writeFileSync(saved, randomBytes(5 * 1024 * 1024));
    const changed = join(directory, 'papers.jsonl');
    writeFileSync(changed, JSON.stringify({ id: 'p3', title: 'Three', authors: ['Bo Chen', 'Cy Diaz'], year: 2022 }));
    const io = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', changed], io), io.stderr).toBe(0);
    const database = connectDatabase(testDatabase.url, { maxConnections: 1 });
    try {
      const { rows: versions } = await database.query<{ id: string }>('SELECT max(id) AS id FROM network_versions');
      const versionId = Number(versions[0]!.id);
      expect(await saveVersionSnapshot(database, versionId, saved)).toBe(true);
      const { rows } = await database.query<{ parts: number; directory: Buffer | null }>(
        'SELECT parts, directory FROM version_snapshots WHERE version_id = $1',
        [versionId],
      );
      expect(rows).toEqual([{ parts: 3, directory: null }]);
      const downloaded = join(directory, 'downloaded.cgsnap');
      expect(await fetchVersionSnapshot(database, versionId, downloaded)).toBe(true);
      expect(readFileSync(downloaded).equals(readFileSync(saved))).toBe(true);
    } finally {
      await database.end();
    }
  }, 60_000);

  it('refuses a download whose bytes do not match the checksum, leaving no file behind', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cg-version-snapshots-'));
    const database = connectDatabase(testDatabase.url, { maxConnections: 1 });
    try {
      // Version 1's snapshot (the test before) with one byte changed in the store.
      await database.query(
        `UPDATE version_snapshot_parts SET bytes = set_byte(bytes, 100, (get_byte(bytes, 100) + 1) % 256)
         WHERE version_id = 1 AND part = 0`,
      );
      const file = join(directory, 'downloaded.cgsnap');
      await expect(fetchVersionSnapshot(database, 1, file)).rejects.toThrow(/does not match its checksum/u);
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(directory)).toEqual([]); // nor the partial download
    } finally {
      await database.end();
    }
  });
});

describe.runIf(postgresAvailable)('parts saved before each part had its own SHA-256', () => {
  it('get theirs from migration 0007 (what a replica checks each part against as it arrives)', async () => {
    const testDatabase = await createTestDatabase('part_digests');
    const database = connectDatabase(testDatabase.url, { maxConnections: 1 });
    try {
      await migrate(
        database,
        readMigrations().filter((migration) => migration.version < 7),
      );
      const bytes = randomBytes(5000);
      await database.query('INSERT INTO version_snapshot_parts (version_id, part, bytes) VALUES (1, 0, $1)', [bytes]);
      await migrate(database);
      const { rows } = await database.query<{ sha256: Buffer }>('SELECT sha256 FROM version_snapshot_parts');
      expect(rows.map((row) => row.sha256.toString('hex'))).toEqual([createHash('sha256').update(bytes).digest('hex')]);
    } finally {
      await database.end();
      await testDatabase.drop();
    }
  });
});

/** A one-column binary COPY of `values`, as PostgreSQL writes it (header with an extension area, rows, trailer). */
function binaryCopy(values: readonly Buffer[], extension = 0): Buffer {
  const header = Buffer.alloc(19 + extension);
  Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1').copy(header);
  header.writeInt32BE(extension, 15);
  const rows = values.map((value) => {
    const row = Buffer.alloc(6);
    row.writeInt16BE(1, 0);
    row.writeInt32BE(value.length, 2);
    return Buffer.concat([row, value]);
  });
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1, 0);
  return Buffer.concat([header, ...rows, trailer]);
}

describe('the binary COPY stream read as it comes', () => {
  const values = [randomBytes(1000), Buffer.from('second'), randomBytes(77)];

  it('gives every value in order whatever the chunk boundaries, down to one byte at a time', () => {
    for (const extension of [0, 5]) {
      const stream = binaryCopy(values, extension);
      for (const size of [1, 2, 3, 7, 19, 64, 1001, stream.length]) {
        const reader = new BinaryCopyValues();
        const pieces: Buffer[] = [];
        for (let at = 0; at < stream.length; at += size) pieces.push(...reader.push(stream.subarray(at, at + size)));
        reader.end();
        expect(reader.count).toBe(3);
        expect(Buffer.concat(pieces).equals(Buffer.concat(values))).toBe(true);
      }
    }
  });

  it('refuses what is not a whole one-column binary COPY', () => {
    const whole = binaryCopy(values);
    expect(() => new BinaryCopyValues().push(Buffer.from('x'.repeat(40)))).toThrow(/not a binary COPY stream/u);
    const early = new BinaryCopyValues();
    early.push(whole.subarray(0, whole.length - 10));
    expect(() => early.end()).toThrow(/ended early/u);
    expect(() => new BinaryCopyValues().push(Buffer.concat([whole, Buffer.from([0])]))).toThrow(/after the end/u);
    const twoFields = Buffer.from(whole);
    twoFields.writeInt16BE(2, 19);
    expect(() => new BinaryCopyValues().push(twoFields)).toThrow(/a COPY row of 2 fields/u);
  });
});
