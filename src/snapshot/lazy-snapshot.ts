/**
 * A snapshot served from its file: checked whole at start, its tables read when first used.
 *
 At start (`openSnapshotFile`) the ZIP directory, the manifest's format and version are checked,
 * and the tables needed to answer `/ready` (snapshot-tables.ts `EAGER_ENTRIES`: the CSR, ids,
 * years, bylines, orders) and the metrics are read into shared memory, each checked against its
 * CRC-32. Every other table is checked too, in the background (`verified`: asynchronous reads
 * through one small buffer that is not kept, while the server loads its modules); `serve` listens
 * only once that has passed, so a damaged, truncated or foreign file is refused before anything is
 * served. Every other table is read when a column of it is
 * first used, into one `SharedArrayBuffer` that the main thread and every worker share:
 *
 * - `LazyTables` (main thread) owns the file descriptor, kept open from start so a file renamed over
 *   the name does not matter, and reads each table once, asynchronously in chunks (the event loop is
 *   never held for long), checking its CRC-32 again as it reads: a file overwritten in place since
 *   start gives a `SnapshotFormatError` naming the table, never wrong data. A failed read is kept,
 *   so every later use gets the same error.
 * - On the main thread a column not yet read cannot wait: reading it starts, and the access throws
 *   `ColumnsNotLoaded`; whoever runs the work (a GraphQL operation: api/lazy-columns-plugin.ts) waits
 *   for `settled()` and runs it again. `misses()` counts such accesses, so an error swallowed on the
 *   way still shows that the work must run again.
 * - A worker (`workerColumns`, worker-columns.ts) asks the main thread through its own port and waits on a shared flag
 *   (`Atomics.wait`: only the worker waits), then takes the table's columns from the port: views of
 *   the same shared memory, never a second read of the file.
 */
import { closeSync, read } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { UnsafeFileError, openRegularFile, readRange } from '../files/atomic-file.ts';
import type { NetworkColumns } from '../graph/network-columns.ts';
import { errorMessage } from '../error-message.ts';
import { type Snapshot, type SnapshotManifest, manifestOf, metricsOf } from './snapshot-file.ts';
import { EAGER_ENTRIES, type EntryColumns, LAZY_ENTRIES, type LazyEntry } from './snapshot-entries.ts';
import { readEntry } from './snapshot-tables.ts';
import { type TableReply, type WorkerTableChannel, lazyColumns } from './worker-columns.ts';
import {
  SnapshotFormatError,
  type ZipEntry,
  ENTRY_CHUNK_BYTES,
  checksumMismatch,
  readStoredEntry,
  readStoredZipFrom,
} from './zip-store.ts';

/**
 * The buffer through which the tables not read at start are checked (and dropped). Small: it is
 * still resident when the server says it is ready (on the ACL Anthology 4 MB of it was, 3% of the
 * whole process), and a smaller one costs only more reads of the page cache.
 */
export const VERIFY_BUFFER_BYTES = 512 << 10;

/** A column was used before its table was read; reading it has started (see `LazyTables.settled`). */
export class ColumnsNotLoaded extends Error {
  override readonly name = 'ColumnsNotLoaded';
  constructor(
    message: string,
    readonly entry?: LazyEntry,
  ) {
    super(message);
  }
}

/** The lazy tables of a snapshot file, read once each by the main thread. */
export class LazyTables {
  private readonly loaded = new Map<LazyEntry, EntryColumns>();
  private readonly loading = new Map<LazyEntry, Promise<EntryColumns>>();
  private readonly failed = new Map<LazyEntry, SnapshotFormatError>();
  private readonly reads = new Map<LazyEntry, number>();
  private missCount = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly fd: number,
    /** Where an entry's bytes are, once they can be read (a download's: once they have arrived). */
    private readonly locate: (entry: string) => Promise<ZipEntry | undefined>,
    private readonly manifest: SnapshotManifest,
    private readonly onClose: () => void = () => {},
  ) {
    // A replica serves one version after another: the file of one nothing can reach any more is closed.
    openFiles.register(this, fd, this);
  }

  /** A table's columns when read; else starts reading it and throws `ColumnsNotLoaded` (or the read's error). */
  columnsOf(entry: LazyEntry): EntryColumns {
    const known = this.loaded.get(entry);
    if (known !== undefined) return known;
    const failure = this.failed.get(entry);
    if (failure !== undefined) throw failure;
    this.missCount += 1;
    void this.load(entry).catch(() => {});
    throw new ColumnsNotLoaded(`the snapshot's ${entry} is being read; run again once it is`, entry);
  }

  /** Accesses so far to a table not yet read. */
  misses(): number {
    return this.missCount;
  }

  /** How many times the file was read for `entry` (once at most). */
  readsOf(entry: LazyEntry): number {
    return this.reads.get(entry) ?? 0;
  }

  /** Resolves when every read started so far has ended (well or not). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.loading.values()]);
  }

  /** Reads a table (once: later calls get the same promise). */
  load(entry: LazyEntry): Promise<EntryColumns> {
    let loading = this.loading.get(entry);
    if (loading === undefined) {
      loading = this.read(entry).then(
        (columns) => {
          this.loaded.set(entry, columns);
          return columns;
        },
        (error: unknown) => {
          const failure =
            error instanceof SnapshotFormatError
              ? new SnapshotFormatError(`cannot use snapshot ${this.file}: ${error.message}`)
              : new SnapshotFormatError(
                  `cannot use snapshot ${this.file}: reading ${entry} failed (${errorMessage(error)})`,
                );
          this.failed.set(entry, failure);
          throw failure;
        },
      );
      this.loading.set(entry, loading);
    }
    return loading;
  }

  /** Every lazy table read (for the commands that go through the whole network). */
  async loadAll(): Promise<void> {
    await Promise.all(LAZY_ENTRIES.map((entry) => this.load(entry)));
  }

  private async read(entry: LazyEntry): Promise<EntryColumns> {
    if (this.closed) throw new SnapshotFormatError('the snapshot was closed');
    const zipEntry = await this.locate(entry);
    if (zipEntry === undefined) throw new SnapshotFormatError(`entry ${entry} is missing`);
    if (this.closed) throw new SnapshotFormatError('the snapshot was closed');
    this.reads.set(entry, this.readsOf(entry) + 1);
    const bytes = new Uint8Array(new SharedArrayBuffer(zipEntry.length));
    let crc = 0;
    for (let at = 0; at < zipEntry.length;) {
      const length = Math.min(ENTRY_CHUNK_BYTES, zipEntry.length - at);
      const count = await readAt(this.fd, bytes, at, length, zipEntry.offset + at);
      if (count === 0)
        throw new SnapshotFormatError(
          `${entry} ends early: the file was truncated since the server started (restart it, or build the snapshot again)`,
        );
      crc = crc32(bytes.subarray(at, at + count), crc);
      at += count;
    }
    if (crc !== zipEntry.crc)
      throw new SnapshotFormatError(
        `${entry} no longer matches its checksum: the file was changed since the server started (restart it, or build the snapshot again)`,
      );
    return readEntry(entry, bytes, this.manifest.counts);
  }

  /**
   * A channel for one worker: the worker's end goes in its `workerData` (transferred), this end
   * answers its requests for tables.
   */
  channelForWorker(): { channel: WorkerTableChannel; close: () => void } {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    port1.on('message', (entry: LazyEntry) => {
      const answer = (reply: TableReply) => {
        port1.postMessage(reply);
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
      };
      if (!(LAZY_ENTRIES as readonly string[]).includes(entry)) {
        answer({ error: `no lazy table ${String(entry)}` });
        return;
      }
      this.load(entry).then(
        (columns) => answer({ entry, columns }),
        (error: Error) => answer({ error: error.message }),
      );
    });
    port1.unref();
    return { channel: { port: port2, flag }, close: () => port1.close() };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    openFiles.unregister(this);
    closeSync(this.fd);
    this.onClose();
  }
}

/** Closes the file of `LazyTables` that were never closed once they are unreachable (no request can read it then). */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

function readAt(fd: number, bytes: Uint8Array, at: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, bytes, at, length, position, (error, count) => (error === null ? resolve(count) : reject(error)));
  });
}

/** A snapshot served from its file, with its lazy tables. */
export interface OpenedSnapshot extends Snapshot {
  /** The columns read at start (plain arrays: what a worker is given). */
  readonly eagerColumns: Partial<NetworkColumns>;
  readonly tables: LazyTables;
  /** Resolves once every table not read at start has been checked against its CRC-32 (rejects saying why not). */
  readonly verified: Promise<void>;
}

/**
 * Opens a snapshot to serve: refuses a file that is not entirely sound, reads the tables needed at
 * start, and leaves the others to be read when first used (the file stays open).
 */
export function openSnapshotFile(file: string): OpenedSnapshot {
  let opened;
  try {
    opened = openRegularFile(file);
  } catch (error) {
    if (error instanceof UnsafeFileError)
      throw new SnapshotFormatError(`cannot use snapshot ${file}: ${error.message}`);
    throw error;
  }
  if (opened === null) throw new SnapshotFormatError(`cannot use snapshot ${file}: there is no such file`);
  const { fd, size } = opened;
  try {
    return openFrom(file, fd, size);
  } catch (error) {
    closeSync(fd);
    if (error instanceof SnapshotFormatError && !error.message.startsWith('cannot use snapshot'))
      throw new SnapshotFormatError(`cannot use snapshot ${file}: ${error.message}`);
    throw error;
  }
}

function openFrom(file: string, fd: number, size: number): OpenedSnapshot {
  const entryList = readStoredZipFrom({ size, read: (offset, length) => readRange(fd, offset, length) });
  const entries = new Map(entryList.map((entry) => [entry.name, entry]));
  requireEntries(entries);
  const opened = openedFrom(file, fd, entries, async (name) => entries.get(name));
  // The tables not read now are checked in the background (`verified`), through one reused buffer, and dropped.
  const verified = verifyInBackground(
    fd,
    entryList.filter((entry) => !START_ENTRIES.has(entry.name)),
  ).catch((error: unknown) => {
    throw error instanceof SnapshotFormatError
      ? new SnapshotFormatError(`cannot use snapshot ${file}: ${error.message}`)
      : error;
  });
  verified.catch(() => {}); // whoever serves waits for it and says why; no unhandled rejection meanwhile
  return { ...opened, verified };
}

/** Refuses an archive that is not a snapshot, or lacks a table. */
export function requireEntries(names: { has(name: string): boolean }): void {
  if (!names.has('manifest.json')) throw new SnapshotFormatError('no manifest.json: not a coauthor-graph snapshot');
  for (const entry of LAZY_ENTRIES) if (!names.has(entry)) throw new SnapshotFormatError(`entry ${entry} is missing`);
}

/** The entries read at start: the manifest, the metrics and the tables needed to answer `/ready`. */
export const START_ENTRIES: ReadonlySet<string> = new Set(['manifest.json', 'metrics.arrow', ...EAGER_ENTRIES]);

/**
 * A snapshot from the start entries in `entries` (read now into shared memory, or taken from the
 * shared memory `held` gives for them, each checked against its CRC-32), its other tables read when
 * first used, from where `locate` says.
 */
export function openedFrom(
  file: string,
  fd: number,
  entries: ReadonlyMap<string, ZipEntry>,
  locate: (entry: string) => Promise<ZipEntry | undefined>,
  onClose?: () => void,
  held: (entry: ZipEntry) => Uint8Array | null = () => null,
): Omit<OpenedSnapshot, 'verified'> {
  if (!entries.has('manifest.json')) throw new SnapshotFormatError('no manifest.json: not a coauthor-graph snapshot');
  const kept = new Map<string, Uint8Array>();
  const start = [...entries.values()].filter((entry) => START_ENTRIES.has(entry.name));
  for (const entry of start.sort((a, b) => a.offset - b.offset))
    kept.set(entry.name, readStoredEntry(fd, entry, held(entry)));
  const manifest = manifestOf(kept.get('manifest.json') as Uint8Array);
  const bytesOf = (name: string) => {
    const bytes = kept.get(name);
    if (bytes === undefined) throw new SnapshotFormatError(`entry ${name} is missing`);
    return bytes;
  };
  const eagerColumns: Partial<NetworkColumns> = {
    maxAuthorsPerPaper: manifest.maxAuthorsPerPaper,
    papersOverAuthorLimit: manifest.papersOverAuthorLimit,
  };
  for (const name of EAGER_ENTRIES) Object.assign(eagerColumns, readEntry(name, bytesOf(name), manifest.counts));
  const metrics = metricsOf(bytesOf('metrics.arrow'), manifest);
  const tables = new LazyTables(file, fd, locate, manifest, onClose);
  const columns = lazyColumns(eagerColumns, (entry) => tables.columnsOf(entry));
  lazySources.set(columns, { eagerColumns, tables });
  return { manifest, columns, metrics, eagerColumns, tables };
}

/**
 * Checks entries against their CRC-32 without keeping them: asynchronous reads through one buffer,
 * so the copying happens on libuv's threads while this thread goes on (loading the server's modules).
 */
export async function verifyInBackground(fd: number, entries: readonly ZipEntry[]): Promise<void> {
  const total = entries.reduce((largest, entry) => Math.max(largest, entry.length), 0);
  const buffer = new Uint8Array(Math.min(VERIFY_BUFFER_BYTES, total));
  for (const entry of entries) {
    let crc = 0;
    for (let at = 0; at < entry.length;) {
      const count = await readAt(fd, buffer, 0, Math.min(buffer.length, entry.length - at), entry.offset + at);
      if (count === 0) throw new SnapshotFormatError(`ZIP entry "${entry.name}" runs past its end (truncated file?)`);
      crc = crc32(buffer.subarray(0, count), crc);
      at += count;
    }
    if (crc !== entry.crc) throw checksumMismatch(entry);
  }
}

/** The lazy tables behind columns opened by `openSnapshotFile` (null for columns held whole). */
export function lazySourceOf(
  columns: NetworkColumns,
): { readonly eagerColumns: Partial<NetworkColumns>; readonly tables: LazyTables } | null {
  return lazySources.get(columns) ?? null;
}

const lazySources = new WeakMap<
  NetworkColumns,
  { readonly eagerColumns: Partial<NetworkColumns>; readonly tables: LazyTables }
>();

/**
 * `columns` with every table read, as a plain object (what a worker thread is posted, or code that
 * cannot wait for a table midway is given): the columns themselves when they are held whole.
 */
export async function wholeColumns(columns: NetworkColumns): Promise<NetworkColumns> {
  const lazy = lazySourceOf(columns);
  if (lazy === null) return columns;
  await lazy.tables.loadAll();
  const whole: Partial<NetworkColumns> = { ...lazy.eagerColumns };
  for (const entry of LAZY_ENTRIES) Object.assign(whole, lazy.tables.columnsOf(entry));
  return whole as NetworkColumns;
}
