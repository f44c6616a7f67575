/**
 * Network versions' snapshot files shared through the store (migration 0005), so that a replica
 * joining a version loads a snapshot instead of building the network from the version's rows.
 *
 * The first replica that builds a version saves the snapshot it wrote to its local cache; a replica
 * with an empty cache downloads it into its cache and loads it from there (a replica serving it
 * lazily does so part by part, serving once what a start reads is in: snapshot-download.ts). Parts
 * of 2 MiB keep every value far below PostgreSQL's limits and the driver's strings small, and a
 * joining replica fetches little beyond the tables a start reads (with parts of 8 MiB, 41 MB of the
 * ACL Anthology's 108 for the 29 MB it needs; with 2 MiB, 31 MB); each is
 * saved with its own SHA-256 (migration 0007), and the end of the archive (its directory) in the
 * header row with its own (migration 0008); the parts and the header row are written in one
 * transaction (the first writer wins, others find the row and stop), and a whole download
 * (`fetchVersionSnapshot`) is checked against the header's size and SHA-256 before it is used.
 *
 * The bytes travel as they are both ways: written as Buffer parameters (node-postgres sends those in
 * binary), read with `COPY … TO STDOUT (FORMAT binary)` straight into the file. A plain SELECT would bring them in
 * PostgreSQL's text format for `bytea`, hex: twice the bytes on the wire and a hex decode of each part
 * (node-postgres cannot read binary results: it decodes every value as text first).
 */
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { SnapshotFormatError, readStoredZipDirectory } from '../snapshot/zip-store.ts';
import { type Database, inTransaction } from './database.ts';

const PART_BYTES = 2 * 1024 * 1024;
/** Bytes of a download written at a time. */
const WRITE_BYTES = 4 * 1024 * 1024;

/**
 * Saves `file` as version `versionId`'s snapshot unless one is saved already; true when this call saved
 * it. Each part is saved with its own SHA-256 (migration 0007: a replica checks and uses each part as
 * it arrives, src/db/snapshot-download.ts); `partBytes` (2 MiB) only tests change.
 */
export async function saveVersionSnapshot(
  database: Database,
  versionId: number,
  file: string,
  options: { readonly partBytes?: number } = {},
): Promise<boolean> {
  const partBytes = options.partBytes ?? PART_BYTES;
  const exists = await database.query('SELECT 1 FROM version_snapshots WHERE version_id = $1', [versionId]);
  if (exists.rowCount !== 0) return false;
  const bytes = await readFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parts = Math.ceil(bytes.length / partBytes);
  const directory = archiveEnd(bytes);
  return inTransaction(database, async (client) => {
    const claimed = await client.query(
      `INSERT INTO version_snapshots (version_id, parts, bytes, sha256, directory, directory_sha256)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (version_id) DO NOTHING RETURNING version_id`,
      [
        versionId,
        parts,
        bytes.length,
        sha256,
        directory,
        directory === null ? null : createHash('sha256').update(directory).digest(),
      ],
    );
    if (claimed.rowCount === 0) return false;
    for (let part = 0; part < parts; part += 1) {
      const piece = bytes.subarray(part * partBytes, (part + 1) * partBytes);
      await client.query(
        'INSERT INTO version_snapshot_parts (version_id, part, bytes, sha256) VALUES ($1, $2, $3, $4)',
        [versionId, part, piece, createHash('sha256').update(piece).digest()],
      );
    }
    return true;
  });
}

/**
 * The end of a snapshot's archive, from where its directory starts (migration 0008: saved with the
 * snapshot, so a replica joining knows where every table lies before any part arrives); null for
 * bytes that are not an archive.
 */
function archiveEnd(bytes: Buffer): Buffer | null {
  try {
    const { offset } = readStoredZipDirectory({
      size: bytes.length,
      read: (at, length) => bytes.subarray(at, at + length),
    });
    return bytes.subarray(offset);
  } catch (error) {
    if (error instanceof SnapshotFormatError) return null;
    throw error;
  }
}

/**
 * Downloads version `versionId`'s snapshot to `file` (atomically); false when the store has none.
 * The parts go straight from the COPY stream into the file as they arrive, hashed on the way: nothing
 * is gathered in memory (on the ACL Anthology, gathering and concatenating 112 MB took longer than
 * receiving it).
 */
export async function fetchVersionSnapshot(
  database: Database,
  versionId: number,
  file: string,
  options: {
    /** Called once, when the first bytes arrive (what the caller has to do meanwhile can start then). */
    readonly onStreaming?: () => void;
  } = {},
): Promise<boolean> {
  if (!Number.isSafeInteger(versionId)) throw new RangeError(`version snapshots: bad version id ${versionId}`);
  const header = await database.query<{ parts: number; bytes: string; sha256: string }>(
    'SELECT parts, bytes, sha256 FROM version_snapshots WHERE version_id = $1',
    [versionId],
  );
  const row = header.rows[0];
  if (row === undefined) return false;
  const partial = `${file}.${process.pid}.download`;
  const output = await open(partial, 'w');
  try {
    const hash = createHash('sha256');
    const values = new BinaryCopyValues();
    let size = 0;
    // Pieces (the socket's reads, 64 KiB at most) go out in batches of some MiB, each written at its
    // place without waiting for the one before: the stream is never paused for the disk.
    const writes: Promise<unknown>[] = [];
    let batch: Buffer[] = [];
    let batchAt = 0;
    let batchBytes = 0;
    const flush = () => {
      if (batch.length > 0) writes.push(output.writev(batch, batchAt));
      batch = [];
      batchAt = size;
      batchBytes = 0;
    };
    const client = await database.connect();
    let broken = true; // a COPY stopped midway leaves its connection unusable: it is closed, not pooled
    try {
      const stream = client.query(
        copyTo(
          `COPY (SELECT bytes FROM version_snapshot_parts WHERE version_id = ${versionId} ORDER BY part) TO STDOUT (FORMAT binary)`,
        ),
      );
      let streaming = false;
      stream.on('data', (chunk: Buffer) => {
        if (!streaming) {
          streaming = true;
          options.onStreaming?.();
        }
        try {
          for (const piece of values.push(chunk)) {
            hash.update(piece);
            batch.push(piece);
            batchBytes += piece.length;
            size += piece.length;
            if (batchBytes >= WRITE_BYTES) flush();
          }
        } catch (error) {
          stream.destroy(error as Error);
        }
      });
      await finished(stream);
      flush();
      broken = false;
    } finally {
      client.release(broken);
      await Promise.allSettled(writes);
    }
    await Promise.all(writes);
    values.end();
    if (values.count !== row.parts)
      throw new Error(`the store's snapshot of version ${versionId} has ${values.count} of its ${row.parts} parts`);
    if (size !== Number(row.bytes) || hash.digest('hex') !== row.sha256)
      throw new Error(`the store's snapshot of version ${versionId} does not match its checksum`);
    await output.close();
    await rename(partial, file);
  } finally {
    await output.close().catch(() => undefined);
    await rm(partial, { force: true });
  }
  return true;
}

const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * The values of a one-column binary COPY (PostgreSQL's documented format: header, rows of
 * length-prefixed fields, trailer), read as the stream's chunks come: `push` gives the bytes of
 * values found in a chunk (pieces of a value split across chunks come as they arrive, in order;
 * views of the chunk, not copies), `end` checks the stream ended where the format says.
 */
export class BinaryCopyValues {
  /** Values begun so far. */
  count = 0;
  /** Bytes of the header or of a field's length not yet complete (small). */
  private pending: Buffer = Buffer.alloc(0);
  private state: 'signature' | 'extension' | 'row' | 'length' | 'value' | 'done' = 'signature';
  /** What the current state still needs: header bytes, or the rest of a value. */
  private needed = 19;

  push(chunk: Buffer): Buffer[] {
    const pieces: Buffer[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.state === 'done') throw new Error('version snapshots: bytes after the end of the COPY stream');
      if (this.state === 'value') {
        const take = Math.min(this.needed, chunk.length - at);
        pieces.push(chunk.subarray(at, at + take));
        at += take;
        this.needed -= take;
        if (this.needed === 0) this.expect('row', 2);
        continue;
      }
      // A fixed-size item (header, field count, length): gathered whole, then read.
      const take = Math.min(this.needed - this.pending.length, chunk.length - at);
      this.pending = Buffer.concat([this.pending, chunk.subarray(at, at + take)]);
      at += take;
      if (this.pending.length < this.needed) continue;
      const item = this.pending;
      this.pending = Buffer.alloc(0);
      if (this.state === 'signature') {
        if (!item.subarray(0, 11).equals(COPY_SIGNATURE))
          throw new Error('version snapshots: not a binary COPY stream');
        const extension = item.readInt32BE(15);
        if (extension > 0) this.expect('extension', extension);
        else this.expect('row', 2);
      } else if (this.state === 'extension') {
        this.expect('row', 2);
      } else if (this.state === 'row') {
        const fields = item.readInt16BE(0);
        if (fields === -1) this.state = 'done';
        else if (fields !== 1) throw new Error(`version snapshots: a COPY row of ${fields} fields, not 1`);
        else this.expect('length', 4);
      } else {
        const length = item.readInt32BE(0);
        if (length < 0) throw new Error('version snapshots: a part without bytes');
        this.count += 1;
        if (length === 0) this.expect('row', 2);
        else this.expect('value', length);
      }
    }
    return pieces;
  }

  /** Throws unless the stream ended with its trailer. */
  end(): void {
    if (this.state !== 'done') throw new Error('version snapshots: the COPY stream ended early');
  }

  private expect(state: BinaryCopyValues['state'], bytes: number): void {
    this.state = state;
    this.needed = bytes;
  }
}
