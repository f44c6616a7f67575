/**
 * Network versions' snapshot files shared through the store (migration 0005), so that a replica
 * joining a version loads a snapshot instead of building the network from the version's rows.
 *
 * The first replica that builds a version saves the snapshot it wrote to its local cache; a replica
 * with an empty cache downloads it into its cache and loads it from there. Parts of 8 MiB keep every
 * value far below PostgreSQL's limits and the driver's strings small; the parts and the header row
 * are written in one transaction (the first writer wins, others find the row and stop), and a
 * download is checked against the header's size and SHA-256 before it is used.
 *
 * The bytes travel as they are both ways: written as Buffer parameters (node-postgres sends those in
 * binary), read with `COPY … TO STDOUT (FORMAT binary)`. A plain SELECT would bring them in
 * PostgreSQL's text format for `bytea`, hex: twice the bytes on the wire and a hex decode of each part
 * (node-postgres cannot read binary results: it decodes every value as text first).
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { to as copyTo } from 'pg-copy-streams';
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
  const chunks = await readParts(database, versionId);
  if (chunks.length !== row.parts)
    throw new Error(`the store's snapshot of version ${versionId} has ${chunks.length} of its ${row.parts} parts`);
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
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

/** The parts of a version's snapshot, in order, through one binary COPY. */
async function readParts(database: Database, versionId: number): Promise<Buffer[]> {
  if (!Number.isSafeInteger(versionId)) throw new RangeError(`version snapshots: bad version id ${versionId}`);
  const client = await database.connect();
  try {
    const stream = client.query(
      copyTo(
        `COPY (SELECT bytes FROM version_snapshot_parts WHERE version_id = ${versionId} ORDER BY part) TO STDOUT (FORMAT binary)`,
      ),
    );
    const received: Buffer[] = [];
    for await (const chunk of stream) received.push(chunk as Buffer);
    return binaryCopyValues(Buffer.concat(received));
  } finally {
    client.release();
  }
}

const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** The values of a one-column binary COPY (PostgreSQL's documented format: header, rows of length-prefixed fields, trailer). */
export function binaryCopyValues(data: Buffer): Buffer[] {
  if (data.length < 19 || !data.subarray(0, 11).equals(COPY_SIGNATURE))
    throw new Error('version snapshots: not a binary COPY stream');
  let at = 15 + 4 + data.readInt32BE(15); // signature, flags, header extension
  const values: Buffer[] = [];
  for (;;) {
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) return values;
    if (fields !== 1) throw new Error(`version snapshots: a COPY row of ${fields} fields, not 1`);
    const length = data.readInt32BE(at);
    at += 4;
    if (length < 0) throw new Error('version snapshots: a part without bytes');
    values.push(data.subarray(at, at + length));
    at += length;
  }
}
