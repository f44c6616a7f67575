/**
 * Snapshots shared through the store (src/db/version-snapshots.ts): a replica joining a version
 * downloads the bytes another saved, identical, in parts, and in binary: about their own size on the
 * wire, not the twice-as-large hex of PostgreSQL's text format for `bytea`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { connectDatabase } from '../../src/db/database.ts';
import { fetchVersionSnapshot, saveVersionSnapshot } from '../../src/db/version-snapshots.ts';
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
});
