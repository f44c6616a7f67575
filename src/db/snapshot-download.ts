/**
 * A version's snapshot downloaded from the store part by part, in the order its user asks for, and
 * used while the rest is still arriving (a replica joining a version: src/snapshot/arriving-snapshot.ts
 * opens it from the parts a start needs and serves while the others stream in).
 *
 * The file is made at its full size beside its final name (`NAME.PID.download`); each part is written
 * at its place once it has arrived whole and matched its own SHA-256 (migration 0007), and only then
 * counts as in (`has`, `until`): no byte that was not checked is ever read from it. The end of the
 * archive (its directory, saved in the snapshot's row with its own SHA-256: migration 0008) is known
 * from the start (`knownEnd`), so the first `COPY`s bring what a start reads. A binary `COPY` brings
 * the parts not in yet, in the order given (`fetch` for what is needed now, over two connections at
 * once; `continueWith` for the rest, those covering the ranges it names first, over one). A `COPY` that fails (the connection cut, a part
 * that does not match its SHA-256) is made again for the parts still missing, after 0.5 s, 1 s, 2 s;
 * after that the download has failed: every wait for bytes not in rejects with the reason, and the
 * file is removed. Once every part is in, `finish` checks the whole file's SHA-256 and the caller's
 * own checks, then moves the file to its name (the cache): a file that fails any of them never
 * reaches it.
 */
import { createHash } from 'node:crypto';
import { openSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type { ArrivingFile, ByteRange, HeldRange } from '../snapshot/arriving-snapshot.ts';
import { errorMessage } from '../error-message.ts';
import type { Database } from './database.ts';
import { BinaryCopyValues } from './version-snapshots.ts';

export interface SnapshotDownloadOptions {
  /**
   * Called as each part has arrived, before it is checked and written; the part counts as in once the
   * promise resolves (tests hold parts back with it, as a slow link would).
   */
  readonly receivedPart?: (part: number) => Promise<void> | void;
  /** Waits before each new `COPY` after a failed one (default 0.5 s, 1 s, 2 s). */
  readonly retryDelaysMs?: readonly number[];
}

/** Why a download stopped when nothing serves its snapshot any more (not a failure to report). */
export class DownloadStopped extends Error {
  override readonly name = 'DownloadStopped';
  constructor(message = 'the download was stopped') {
    super(message);
  }
}

interface PartInfo {
  readonly offset: number;
  readonly length: number;
  readonly sha256: Buffer;
}

export class SnapshotDownload implements ArrivingFile {
  /** The file being written (read it with a descriptor of your own; it keeps working after the move). */
  readonly partialFile: string;
  readonly size: number;
  readonly knownEnd: Uint8Array | null;
  private readonly arrived: Uint8Array;
  private missing: number;
  private readonly waiters: { parts: number[]; resolve: () => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;
  private running: Promise<void> | null = null;
  /** Stops each `COPY` under way. */
  private readonly stopCopies = new Set<() => void>();
  private aborted = false;
  private finished = false;
  /** Where `fetch` keeps the bytes its caller asked for, as they arrive. */
  private held: readonly HeldRange[] = [];

  private constructor(
    private readonly database: Database,
    private readonly versionId: number,
    private readonly file: string,
    private readonly output: FileHandle,
    private readonly parts: readonly PartInfo[],
    private readonly sha256: string,
    directory: Buffer | null,
    private readonly options: SnapshotDownloadOptions,
  ) {
    this.partialFile = partialName(file);
    this.size = parts.reduce((sum, part) => sum + part.length, 0);
    this.knownEnd = directory;
    this.arrived = new Uint8Array(parts.length);
    this.missing = parts.length;
  }

  /** Starts downloading version `versionId`'s snapshot to `file` (nothing arrives before `fetch` or `continueWith`); null when the store has none. */
  static async start(
    database: Database,
    versionId: number,
    file: string,
    options: SnapshotDownloadOptions = {},
  ): Promise<SnapshotDownload | null> {
    if (!Number.isSafeInteger(versionId)) throw new RangeError(`version snapshots: bad version id ${versionId}`);
    const header = await database.query<{
      parts: number;
      bytes: string;
      sha256: string;
      directory: Buffer | null;
      directory_sha256: Buffer | null;
    }>('SELECT parts, bytes, sha256, directory, directory_sha256 FROM version_snapshots WHERE version_id = $1', [
      versionId,
    ]);
    const row = header.rows[0];
    if (row === undefined) return null;
    // length() of a part stored uncompressed reads its size from the TOAST pointer, not its bytes.
    const listed = await database.query<{ part: number; length: number; sha256: Buffer }>(
      'SELECT part, length(bytes) AS length, sha256 FROM version_snapshot_parts WHERE version_id = $1 ORDER BY part',
      [versionId],
    );
    const parts: PartInfo[] = [];
    let offset = 0;
    for (const [index, listedPart] of listed.rows.entries()) {
      if (listedPart.part !== index || listedPart.sha256.length !== 32) break;
      parts.push({ offset, length: listedPart.length, sha256: listedPart.sha256 });
      offset += listedPart.length;
    }
    if (parts.length !== row.parts || offset !== Number(row.bytes))
      throw new Error(
        `the store's snapshot of version ${versionId} has ${listed.rows.length} of its ${row.parts} parts, ${offset} of its ${row.bytes} bytes`,
      );
    const output = await open(partialName(file), 'w+');
    try {
      await output.truncate(offset);
    } catch (error) {
      await output.close();
      await rm(partialName(file), { force: true });
      throw error;
    }
    // The archive's end saved with the snapshot (migration 0008), used only when it matches its SHA-256;
    // else (a snapshot saved before, or damaged in the store) the directory is read from the parts.
    const directory =
      row.directory !== null &&
      row.directory_sha256 !== null &&
      row.directory.length <= offset &&
      createHash('sha256').update(row.directory).digest().equals(row.directory_sha256)
        ? row.directory
        : null;
    return new SnapshotDownload(database, versionId, file, output, parts, row.sha256, directory, options);
  }

  /** A descriptor to read the file with (synchronously or not); the caller closes it. */
  openForReading(): number {
    return openSync(this.partialFile, 'r');
  }

  /** Whether bytes `range` are in (arrived, checked, written). */
  has(range: ByteRange): boolean {
    return this.partsOf(range).every((part) => this.arrived[part] === 1);
  }

  /**
   * Resolves once bytes `range` are in; rejects when the download failed (or fails before they are).
   * Starts bringing every part not in yet if that has not started (`continueWith`).
   */
  until(range: ByteRange): Promise<void> {
    const parts = this.partsOf(range).filter((part) => this.arrived[part] !== 1);
    if (parts.length === 0) return Promise.resolve();
    if (this.failure !== null) return Promise.reject(this.failure);
    const waiting = new Promise<void>((resolve, reject) => this.waiters.push({ parts, resolve, reject }));
    if (this.running === null) this.continueWith([]);
    return waiting;
  }

  /**
   * Downloads the parts holding `ranges` now (two `COPY`s at once, each of half of them), resolving
   * once they are in; the bytes of `into` (within `ranges`) are copied there from each part as it is
   * checked, so its caller need not read them back from the file.
   */
  async fetch(ranges: readonly ByteRange[], into: readonly HeldRange[] = []): Promise<void> {
    if (this.running !== null) throw new Error('version snapshots: fetch after continueWith');
    const wanted = [...new Set(ranges.flatMap((range) => this.partsOf(range)))].sort((a, b) => a - b);
    // Parts already in (a directory read from the parts) are read back from the file.
    for (const part of wanted.filter((arrived) => this.arrived[arrived] === 1)) {
      const info = this.parts[part]!;
      const bytes = Buffer.allocUnsafe(info.length);
      await this.output.read(bytes, 0, info.length, info.offset);
      holdPart(into, info, [bytes]);
    }
    this.held = into;
    // Over two connections at once: two server processes read the parts out of their out-of-line
    // storage and send them, where one alone keeps this process waiting for bytes.
    const half = Math.ceil(wanted.length / 2);
    const shares = wanted.length < 2 ? [wanted] : [wanted.slice(0, half), wanted.slice(half)];
    const copies = shares.map((share) => this.copyWithRetries(share));
    const results = await Promise.allSettled(copies);
    this.held = [];
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }

  /** Downloads every part not in yet, in the background: those holding `first` first, then the others in order. */
  continueWith(first: readonly ByteRange[]): void {
    if (this.running !== null) return;
    const firstParts = [...new Set(first.flatMap((range) => this.partsOf(range)))].sort((a, b) => a - b);
    const rest = this.parts.map((_, part) => part).filter((part) => !firstParts.includes(part));
    this.running = this.copyWithRetries([...firstParts, ...rest]);
    this.running.catch(() => {}); // heard through until() and finish()
  }

  /**
   * Once every part is in: checks the whole file's SHA-256, then `check` (the caller's own, on a
   * descriptor of the file), then moves it to its name. Rejects saying why not, and the file is removed.
   */
  async finish(check: () => Promise<void>): Promise<void> {
    try {
      this.continueWith([]);
      await this.running;
      const hash = createHash('sha256');
      const buffer = Buffer.allocUnsafe(Math.min(4 << 20, Math.max(1, this.size)));
      for (let at = 0; at < this.size;) {
        const { bytesRead } = await this.output.read(buffer, 0, Math.min(buffer.length, this.size - at), at);
        if (bytesRead === 0) throw new Error('the downloaded file is shorter than the snapshot');
        hash.update(buffer.subarray(0, bytesRead));
        at += bytesRead;
      }
      if (hash.digest('hex') !== this.sha256)
        throw new Error(`the store's snapshot of version ${this.versionId} does not match its checksum`);
      if (this.knownEnd !== null) {
        const end = Buffer.allocUnsafe(this.knownEnd.length);
        await this.output.read(end, 0, end.length, this.size - end.length);
        if (!end.equals(this.knownEnd))
          throw new Error(
            `the directory saved with the store's snapshot of version ${this.versionId} is not the one in its parts`,
          );
      }
      await check();
      if (this.aborted) throw new DownloadStopped();
      await this.output.close();
      await rename(this.partialFile, this.file);
      this.finished = true;
    } catch (error) {
      const failure = this.aborted ? (this.failure ?? new DownloadStopped()) : (error as Error);
      this.fail(failure);
      throw failure;
    } finally {
      await this.output.close().catch(() => undefined);
      if (!this.finished) await rm(this.partialFile, { force: true });
    }
  }

  /** Stops the download (the snapshot is no longer served): waits reject, the file is removed. */
  abort(): void {
    if (this.aborted || this.finished) return;
    this.aborted = true;
    for (const stop of this.stopCopies) stop();
    this.fail(new DownloadStopped());
    void this.output
      .close()
      .catch(() => undefined)
      .then(() => rm(this.partialFile, { force: true }));
  }

  private partsOf(range: ByteRange): number[] {
    if (range.length <= 0) return [];
    const end = Math.min(range.offset + range.length, this.size);
    const parts: number[] = [];
    for (const [part, info] of this.parts.entries())
      if (info.offset < end && info.offset + info.length > range.offset) parts.push(part);
    return parts;
  }

  private fail(error: Error): void {
    if (this.failure !== null) return;
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private markIn(part: number): void {
    if (this.arrived[part] === 1) return;
    this.arrived[part] = 1;
    this.missing -= 1;
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.waiters[i]!;
      if (waiter.parts.every((wanted) => this.arrived[wanted] === 1)) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private async copyWithRetries(order: readonly number[]): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [500, 1000, 2000];
    for (let attempt = 0; ; attempt += 1) {
      const wanted = order.filter((part) => this.arrived[part] !== 1);
      if (wanted.length === 0) return;
      if (this.aborted) throw this.failure ?? new DownloadStopped();
      try {
        await this.copy(wanted);
        return;
      } catch (error) {
        if (this.aborted) throw this.failure ?? new DownloadStopped();
        if (attempt >= delays.length) {
          const failure = new Error(
            `the download of the store's snapshot of version ${this.versionId} failed (${errorMessage(error)})`,
          );
          this.fail(failure);
          throw failure;
        }
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      }
    }
  }

  /** One `COPY` of parts `wanted`, in that order, each checked and written as it completes. */
  private async copy(wanted: readonly number[]): Promise<void> {
    const client = await this.database.connect();
    const onError = () => {}; // heard: the COPY stream fails with it (unheard, it would end the process)
    client.on('error', onError);
    let broken = true; // a COPY stopped midway leaves its connection unusable: it is closed, not pooled
    const values = new BinaryCopyValues();
    // Parts complete in order; each one's check, hold and write run one after another.
    let chain: Promise<void> = Promise.resolve();
    let stopThis: (() => void) | null = null;
    try {
      const stream = client.query(
        copyTo(
          `COPY (SELECT bytes FROM version_snapshot_parts WHERE version_id = ${this.versionId}
             AND part = ANY('{${wanted.join(',')}}'::int[])
             ORDER BY array_position('{${wanted.join(',')}}'::int[], part)) TO STDOUT (FORMAT binary)`,
        ),
      );
      const stop = () => stream.destroy(new DownloadStopped());
      stopThis = stop;
      this.stopCopies.add(stop);
      let index = 0;
      let pieces: Buffer[] = [];
      let received = 0;
      let hash = createHash('sha256');
      stream.on('data', (chunk: Buffer) => {
        try {
          for (let piece of values.push(chunk)) {
            while (piece.length > 0) {
              const part = wanted[index];
              if (part === undefined) throw new Error('more bytes than the parts asked for');
              const info = this.parts[part]!;
              const take = piece.subarray(0, info.length - received);
              piece = piece.subarray(take.length);
              hash.update(take);
              pieces.push(take);
              received += take.length;
              if (received < info.length) continue;
              const digest = hash.digest();
              const complete = pieces;
              index += 1;
              pieces = [];
              received = 0;
              hash = createHash('sha256');
              if (!digest.equals(info.sha256))
                throw new Error(`part ${part} does not match its SHA-256 (damaged in the store or on the way)`);
              chain = chain.then(async () => {
                await this.options.receivedPart?.(part);
                if (this.aborted) return;
                holdPart(this.held, info, complete);
                await this.output.writev(complete, info.offset);
                this.markIn(part);
              });
              chain.catch((error: Error) => {
                stream.destroy(error); // the COPY stops; `await chain` below throws it
              });
            }
          }
        } catch (error) {
          stream.destroy(error as Error);
        }
      });
      await finished(stream).catch(async (error: unknown) => {
        await chain; // a part's write that failed is the error to tell
        throw error;
      });
      await chain;
      values.end();
      if (index !== wanted.length)
        throw new Error(
          `${index} of the ${wanted.length} parts asked for arrived (the store's snapshot is incomplete)`,
        );
      broken = false;
    } finally {
      if (stopThis !== null) this.stopCopies.delete(stopThis);
      client.off('error', onError);
      client.release(broken);
      await chain.catch(() => undefined);
    }
  }
}

/** Copies what part `info` (its bytes in `pieces`) holds of each range of `held` there. */
function holdPart(held: readonly HeldRange[], info: PartInfo, pieces: readonly Uint8Array[]): void {
  for (const range of held) {
    const from = Math.max(info.offset, range.offset);
    const to = Math.min(info.offset + info.length, range.offset + range.bytes.length);
    if (from >= to) continue;
    let at = info.offset;
    for (const piece of pieces) {
      const start = Math.max(from, at);
      const end = Math.min(to, at + piece.length);
      if (start < end) range.bytes.set(piece.subarray(start - at, end - at), start - range.offset);
      at += piece.length;
    }
  }
}

function partialName(file: string): string {
  return `${file}.${process.pid}.download`;
}
