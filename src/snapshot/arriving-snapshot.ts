/**
 * A snapshot served while its file is still arriving: a replica joining a version downloads the
 * store's snapshot (src/db/snapshot-download.ts), and serves once the parts a start needs are in,
 * not after the whole file.
 *
 * What a start reads (lazy-snapshot.ts `START_ENTRIES`: the manifest, the metrics and the tables
 * `/ready` needs), about a third of the file, comes first: the end of the archive (its directory,
 * which says where every entry is; known before any part when the store saved it with the
 * snapshot, `knownEnd`), then those entries, each checked against its CRC-32 as `serve --snapshot`
 * checks them; the other parts follow in the background. A table first used before
 * its bytes are in waits for them (the GraphQL plugin runs the operation again once they are,
 * http/lazy-columns.ts; a worker waits on its flag), then is read and checked as any table: nothing
 * is read from a part that has not arrived whole and matched its SHA-256. Once every part is in, the
 * whole file's SHA-256 and every table's CRC-32 are checked before the file is moved into the cache
 * (`downloaded`); a download that fails or does not check out never reaches the cache, and every table
 * not read by then answers `UNAVAILABLE` saying why (a replica's `/ready` turns 503: follow-versions.ts).
 */
import { closeSync } from 'node:fs';
import { readRange } from '../files/atomic-file.ts';
import { type OpenedSnapshot, START_ENTRIES, openedFrom, requireEntries, verifyInBackground } from './lazy-snapshot.ts';
import {
  ENTRY_ALIGNMENT,
  SnapshotFormatError,
  type ZipDirectory,
  type ZipEntry,
  type ZipSource,
  locateStoredEntry,
  readStoredZipDirectory,
  readStoredZipFrom,
} from './zip-store.ts';

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** Bytes of the file kept in memory as they arrive: those from `offset` on, as many as `bytes` holds. */
export interface HeldRange {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** A file whose bytes arrive in pieces (a download: src/db/snapshot-download.ts). */
export interface ArrivingFile {
  readonly size: number;
  /**
   * The file's last bytes when known before any part arrives (checked; the ZIP directory and end
   * records), else null: the directory is then read from the parts that hold it.
   */
  readonly knownEnd: Uint8Array | null;
  /** A descriptor to read the file with; the caller closes it. */
  openForReading(): number;
  /** Whether bytes `range` are in (and were checked). */
  has(range: ByteRange): boolean;
  /** Resolves once bytes `range` are in (bringing every other byte if that has not started); rejects if they never will be. */
  until(range: ByteRange): Promise<void>;
  /** Brings the bytes of `ranges` now, before anything else, copying those of `into` there as they arrive (checked). */
  fetch(ranges: readonly ByteRange[], into?: readonly HeldRange[]): Promise<void>;
  /** Brings every other byte in the background, those of `first` first. */
  continueWith(first: readonly ByteRange[]): void;
  /** Once every byte is in and `check` has passed, moves the file to its place; rejects saying why not. */
  finish(check: () => Promise<void>): Promise<void>;
  /** Stops the arrival (nothing serves the file any more). */
  abort(): void;
}

class NotArrived extends Error {
  constructor(readonly range: ByteRange) {
    super(`bytes ${range.offset}..${range.offset + range.length} have not arrived`);
  }
}

/** Reads of the end records and the directory go through this many rounds of bringing what they need at most. */
const DIRECTORY_ROUNDS = 6;

/**
 * Opens the snapshot arriving as `arriving` to serve from `file` (its name once in place) as soon as
 * what a start reads is in; the rest arrives in the background (`downloaded`).
 */
export async function openArrivingSnapshot(
  arriving: ArrivingFile,
  file: string,
  options: {
    /**
     * The rest of the file is brought once this resolves (serve: once the replica is ready), or when a
     * table is needed before: on a machine of two cores, its checks and writes would hold the start.
     */
    readonly restAfter?: Promise<unknown>;
  } = {},
): Promise<OpenedSnapshot> {
  const fd = arriving.openForReading();
  try {
    const size = arriving.size;
    const end = arriving.knownEnd;
    const endOffset = end === null ? size : size - end.length;
    const source: ZipSource = {
      size,
      read: (offset, length) => {
        const range = { offset, length: Math.min(length, size - offset) };
        if (end !== null && offset >= endOffset)
          return end.subarray(offset - endOffset, offset - endOffset + range.length);
        if (!arriving.has(range)) throw new NotArrived(range);
        return readRange(fd, offset, length);
      },
    };
    const directory = await withArrived(arriving, () => readStoredZipDirectory(source));
    const byName = new Map(directory.entries.map((entry) => [entry.name, entry]));
    requireEntries(byName);
    const locate = async (name: string): Promise<ZipEntry | undefined> => {
      const listed = byName.get(name);
      if (listed === undefined) return undefined;
      await arriving.until({ offset: listed.headerOffset, length: 30 });
      const entry = locateStoredEntry(source, listed, directory.offset);
      await arriving.until(entry);
      return entry;
    };
    // The start tables are kept in shared memory as their parts arrive, not read back from the file.
    const held = startSpans(directory).map(({ offset, length }) => ({
      offset,
      bytes: new Uint8Array(new SharedArrayBuffer(length)),
    }));
    await arriving.fetch(
      held.map(({ offset, bytes }) => ({ offset, length: bytes.length })),
      held,
    );
    const start = await Promise.all(
      directory.entries.filter((entry) => START_ENTRIES.has(entry.name)).map((entry) => locate(entry.name)),
    );
    const startEntries = new Map(start.map((entry) => [entry!.name, entry!]));
    const opened = openedFrom(file, fd, startEntries, locate, () => arriving.abort(), heldBytes(held));
    const downloaded = Promise.resolve(options.restAfter).then(() =>
      arriving.finish(async () => {
        // The whole file, as a file is checked when served: its structure, and every table not read at start.
        const whole = { size, read: (offset: number, length: number) => readRange(fd, offset, length) };
        const entries = readStoredZipFrom(whole);
        await verifyInBackground(
          fd,
          entries.filter((entry) => !START_ENTRIES.has(entry.name)),
        );
      }),
    );
    downloaded.catch(() => {}); // whoever serves hears it; no unhandled rejection meanwhile
    return { ...opened, verified: Promise.resolve(), downloaded };
  } catch (error) {
    closeSync(fd);
    arriving.abort();
    if (error instanceof SnapshotFormatError)
      throw new SnapshotFormatError(`cannot use snapshot ${file}: ${error.message}`);
    throw error;
  }
}

/** Runs `read`, bringing the bytes it missed and running it again, a few rounds at most. */
async function withArrived<T>(arriving: ArrivingFile, read: () => T): Promise<T> {
  for (let round = 0; ; round += 1) {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof NotArrived) || round >= DIRECTORY_ROUNDS) throw error;
      await arriving.fetch([error.range]);
    }
  }
}

/**
 * Where the entries a start reads lie, local headers included: from each one's header to the next
 * one's (or the directory), each from the `ENTRY_ALIGNMENT` boundary at or before its header, so
 * that an entry's data (aligned in the file) lies aligned in the memory that holds the span.
 */
function startSpans(directory: ZipDirectory): ByteRange[] {
  const starts = [...directory.entries.map((entry) => entry.headerOffset), directory.offset].sort((a, b) => a - b);
  return directory.entries
    .filter((entry) => START_ENTRIES.has(entry.name))
    .map((entry) => {
      const next = starts.find((offset) => offset > entry.headerOffset) ?? directory.offset;
      const offset = entry.headerOffset - (entry.headerOffset % ENTRY_ALIGNMENT);
      return { offset, length: next - offset };
    });
}

/**
 * An entry's bytes within the held spans: a view of the memory they arrived in (a copy when the
 * entry's data is not aligned for the typed arrays read from it); null when no span holds it whole.
 */
function heldBytes(held: readonly HeldRange[]): (entry: ZipEntry) => Uint8Array | null {
  return (entry) => {
    const span = held.find(
      ({ offset, bytes }) => entry.offset >= offset && entry.offset + entry.length <= offset + bytes.length,
    );
    if (span === undefined) return null;
    const view = span.bytes.subarray(entry.offset - span.offset, entry.offset - span.offset + entry.length);
    if (view.byteOffset % 8 === 0) return view;
    const aligned = new Uint8Array(new SharedArrayBuffer(entry.length));
    aligned.set(view);
    return aligned;
  };
}
