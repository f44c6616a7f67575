/**
 * Network versions' snapshot files shared through the store (migration 0005), so that a replica
 * joining a version loads a snapshot instead of building the network from the version's rows.
 *
 * The first replica that builds a version saves the snapshot it wrote to its local cache; a replica
 * with an empty cache downloads it into its cache and loads it from there. Parts of 8 MiB keep every
 * value far below PostgreSQL's limits and the driver's strings small; the parts and the header row
 * are written in one transaction (the first writer wins, others find the row and stop), and a
 * download is checked against the header's size and SHA-256 before it is used.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { type Database, inTransaction } from './database.ts';

const PART_BYTES = 8 * 1024 * 1024;

/** Saves `file` as version `versionId`'s snapshot unless one is saved already; true when this call saved it. */
export async function saveVersionSnapshot(database: Database, versionId: number, file: string): Promise<boolean> {
  const exists = await database.query('SELECT 1 FROM version_snapshots WHERE version_id = $1', [versionId]);
  if (exists.rowCount !== 0) return false;
  const bytes = await readFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parts = Math.ceil(bytes.length / PART_BYTES);
  return inTransaction(database, async (client) => {
    const claimed = await client.query(
      `INSERT INTO version_snapshots (version_id, parts, bytes, sha256) VALUES ($1, $2, $3, $4)
       ON CONFLICT (version_id) DO NOTHING RETURNING version_id`,
      [versionId, parts, bytes.length, sha256],
    );
    if (claimed.rowCount === 0) return false;
    for (let part = 0; part < parts; part += 1) {
      await client.query('INSERT INTO version_snapshot_parts (version_id, part, bytes) VALUES ($1, $2, $3)', [
        versionId,
        part,
        bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES),
      ]);
    }
    return true;
  });
}

/** Downloads version `versionId`'s snapshot to `file` (atomically); false when the store has none. */
export async function fetchVersionSnapshot(database: Database, versionId: number, file: string): Promise<boolean> {
  const header = await database.query<{ parts: number; bytes: string; sha256: string }>(
    'SELECT parts, bytes, sha256 FROM version_snapshots WHERE version_id = $1',
    [versionId],
  );
  const row = header.rows[0];
  if (row === undefined) return false;
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  for (let part = 0; part < row.parts; part += 1) {
    const { rows } = await database.query<{ bytes: Buffer }>(
      'SELECT bytes FROM version_snapshot_parts WHERE version_id = $1 AND part = $2',
      [versionId, part],
    );
    const chunk = rows[0]?.bytes;
    if (chunk === undefined) throw new Error(`the store's snapshot of version ${versionId} misses part ${part}`);
    hash.update(chunk);
    chunks.push(chunk);
  }
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (size !== Number(row.bytes) || hash.digest('hex') !== row.sha256)
    throw new Error(`the store's snapshot of version ${versionId} does not match its checksum`);
  const partial = `${file}.${process.pid}.download`;
  try {
    await writeFile(partial, Buffer.concat(chunks, size));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return true;
}
