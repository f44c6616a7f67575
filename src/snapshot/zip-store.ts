/**
 * A ZIP archive of uncompressed ("stored") entries whose data starts on 64-byte boundaries: the
 * container of a snapshot. Like NumPy's `.npz`, it holds several named files (here Arrow IPC files)
 * that any ZIP tool lists and extracts; unlike a compressed archive, each entry's bytes can be used
 * where they lie, so a snapshot read into one buffer gives every column as a view without a copy.
 * The alignment comes from padding each local header's extra field (as Android's `zipalign` does).
 *
 * Zip64 records are written when an offset or a size needs them, so a snapshot may pass 4 GiB.
 * Reading checks the structure and each entry's CRC-32 (the ZIP standard's checksum); anything that
 * does not add up is a `SnapshotFormatError`, never a partly read archive.
 */
import { readSync } from 'node:fs';
import { crc32 } from 'node:zlib';

export class SnapshotFormatError extends Error {
  override readonly name = 'SnapshotFormatError';
}

export const ENTRY_ALIGNMENT = 64;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const PADDING_EXTRA = 0xd935; // zipalign's extra-field id for alignment padding
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

export interface ZipEntryInput {
  readonly name: string;
  /** The entry's bytes, possibly in several pieces (written one after the other). */
  readonly parts: readonly Uint8Array[];
}

export interface ZipEntry {
  readonly name: string;
  /** Where the entry's data starts in the archive. */
  readonly offset: number;
  readonly length: number;
  readonly crc: number;
}

/** Writes the archive piece by piece through `write` (a file descriptor's writer, or a collector). */
export function writeStoredZip(entries: readonly ZipEntryInput[], write: (bytes: Uint8Array) => void): ZipEntry[] {
  let position = 0;
  const emit = (bytes: Uint8Array) => {
    write(bytes);
    position += bytes.length;
  };
  const written: { entry: ZipEntry; headerOffset: number; nameBytes: Uint8Array }[] = [];
  for (const input of entries) {
    const nameBytes = new TextEncoder().encode(input.name);
    const length = input.parts.reduce((sum, part) => sum + part.length, 0);
    let crc = 0;
    for (const part of input.parts) crc = crc32(part, crc);
    const headerOffset = position;
    const zip64 = length >= U32_MAX;
    const zip64Extra = zip64 ? 20 : 0;
    // Local header (30) + name + zip64 extra + padding extra (4 + pad) lands the data on the boundary.
    const before = headerOffset + 30 + nameBytes.length + zip64Extra + 4;
    const pad = (ENTRY_ALIGNMENT - (before % ENTRY_ALIGNMENT)) % ENTRY_ALIGNMENT;
    const header = new DataView(new ArrayBuffer(30 + nameBytes.length + zip64Extra + 4 + pad));
    header.setUint32(0, LOCAL_HEADER, true);
    header.setUint16(4, zip64 ? 45 : 20, true); // version needed
    header.setUint16(6, 0x0800, true); // UTF-8 names
    header.setUint16(8, 0, true); // stored
    header.setUint32(10, 0, true); // time, date
    header.setUint32(14, crc, true);
    header.setUint32(18, zip64 ? U32_MAX : length, true);
    header.setUint32(22, zip64 ? U32_MAX : length, true);
    header.setUint16(26, nameBytes.length, true);
    header.setUint16(28, zip64Extra + 4 + pad, true);
    new Uint8Array(header.buffer).set(nameBytes, 30);
    let at = 30 + nameBytes.length;
    if (zip64) {
      header.setUint16(at, ZIP64_EXTRA, true);
      header.setUint16(at + 2, 16, true);
      header.setBigUint64(at + 4, BigInt(length), true);
      header.setBigUint64(at + 12, BigInt(length), true);
      at += 20;
    }
    header.setUint16(at, PADDING_EXTRA, true);
    header.setUint16(at + 2, pad, true);
    emit(new Uint8Array(header.buffer));
    const offset = position;
    for (const part of input.parts) emit(part);
    written.push({ entry: { name: input.name, offset, length, crc }, headerOffset, nameBytes });
  }

  const directoryOffset = position;
  for (const { entry, headerOffset, nameBytes } of written) {
    const bigSize = entry.length >= U32_MAX;
    const bigOffset = headerOffset >= U32_MAX;
    const extraLength = bigSize || bigOffset ? 4 + (bigSize ? 16 : 0) + (bigOffset ? 8 : 0) : 0;
    const record = new DataView(new ArrayBuffer(46 + nameBytes.length + extraLength));
    record.setUint32(0, CENTRAL_HEADER, true);
    record.setUint16(4, 45, true); // made by
    record.setUint16(6, extraLength > 0 ? 45 : 20, true);
    record.setUint16(8, 0x0800, true);
    record.setUint16(10, 0, true);
    record.setUint32(12, 0, true);
    record.setUint32(16, entry.crc, true);
    record.setUint32(20, bigSize ? U32_MAX : entry.length, true);
    record.setUint32(24, bigSize ? U32_MAX : entry.length, true);
    record.setUint16(28, nameBytes.length, true);
    record.setUint16(30, extraLength, true);
    record.setUint16(32, 0, true); // comment
    record.setUint16(34, 0, true); // disk
    record.setUint16(36, 0, true); // internal attributes
    record.setUint32(38, 0, true); // external attributes
    record.setUint32(42, bigOffset ? U32_MAX : headerOffset, true);
    new Uint8Array(record.buffer).set(nameBytes, 46);
    if (extraLength > 0) {
      let at = 46 + nameBytes.length;
      record.setUint16(at, ZIP64_EXTRA, true);
      record.setUint16(at + 2, extraLength - 4, true);
      at += 4;
      if (bigSize) {
        record.setBigUint64(at, BigInt(entry.length), true);
        record.setBigUint64(at + 8, BigInt(entry.length), true);
        at += 16;
      }
      if (bigOffset) record.setBigUint64(at, BigInt(headerOffset), true);
    }
    emit(new Uint8Array(record.buffer));
  }
  const directorySize = position - directoryOffset;
  const needsZip64 =
    directoryOffset >= U32_MAX ||
    written.length >= U16_MAX ||
    written.some(({ entry, headerOffset }) => entry.length >= U32_MAX || headerOffset >= U32_MAX);
  if (needsZip64) {
    const zip64EndOffset = position;
    const end64 = new DataView(new ArrayBuffer(56 + 20));
    end64.setUint32(0, ZIP64_END, true);
    end64.setBigUint64(4, 44n, true);
    end64.setUint16(12, 45, true);
    end64.setUint16(14, 45, true);
    end64.setUint32(16, 0, true);
    end64.setUint32(20, 0, true);
    end64.setBigUint64(24, BigInt(written.length), true);
    end64.setBigUint64(32, BigInt(written.length), true);
    end64.setBigUint64(40, BigInt(directorySize), true);
    end64.setBigUint64(48, BigInt(directoryOffset), true);
    end64.setUint32(56, ZIP64_LOCATOR, true);
    end64.setUint32(60, 0, true);
    end64.setBigUint64(64, BigInt(zip64EndOffset), true);
    end64.setUint32(72, 1, true);
    emit(new Uint8Array(end64.buffer));
  }
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  end.setUint16(8, Math.min(written.length, U16_MAX), true);
  end.setUint16(10, Math.min(written.length, U16_MAX), true);
  end.setUint32(12, Math.min(directorySize, U32_MAX), true);
  end.setUint32(16, Math.min(directoryOffset, U32_MAX), true);
  emit(new Uint8Array(end.buffer));
  return written.map(({ entry }) => entry);
}

/** Random access to an archive's bytes: held in memory, or read from a file piece by piece. */
export interface ZipSource {
  readonly size: number;
  /** `length` bytes from `offset` (fewer only past the end). */
  read(offset: number, length: number): Uint8Array;
}

/**
 * The entries of an archive held in memory, each checked against its CRC-32 when `verify` is set.
 * Only archives as `writeStoredZip` makes them are accepted: stored entries, one disk.
 */
export function readStoredZip(bytes: Uint8Array, options: { verify: boolean }): ZipEntry[] {
  const entries = readStoredZipFrom({ size: bytes.length, read: (at, length) => bytes.subarray(at, at + length) });
  if (options.verify)
    for (const entry of entries)
      if (crc32(bytes.subarray(entry.offset, entry.offset + entry.length)) !== entry.crc) throw checksumMismatch(entry);
  return entries;
}

/** Bytes read from a file at a time into an entry's memory (and checksummed). */
export const ENTRY_CHUNK_BYTES = 4 << 20;

/**
 * An entry's bytes read from the open archive `fd` into shared memory of their own, or checked where
 * they are already (`held`), against the entry's CRC-32.
 */
export function readStoredEntry(fd: number, entry: ZipEntry, held: Uint8Array | null = null): Uint8Array {
  const target = held ?? new Uint8Array(new SharedArrayBuffer(entry.length));
  let crc = 0;
  for (let at = 0; at < entry.length;) {
    const count =
      held === null
        ? readSync(fd, target, at, Math.min(ENTRY_CHUNK_BYTES, entry.length - at), entry.offset + at)
        : Math.min(ENTRY_CHUNK_BYTES, entry.length - at);
    if (count === 0) throw new SnapshotFormatError(`ZIP entry "${entry.name}" runs past its end (truncated file?)`);
    crc = crc32(target.subarray(at, at + count), crc);
    at += count;
  }
  if (crc !== entry.crc) throw checksumMismatch(entry);
  return target;
}

/** The error for an entry whose bytes do not match its CRC-32. */
export function checksumMismatch(entry: ZipEntry): SnapshotFormatError {
  return new SnapshotFormatError(`ZIP entry "${entry.name}": checksum mismatch (the file is damaged)`);
}

/** An entry as the archive's directory gives it: where its local header is, not yet where its data starts. */
export interface ZipDirectoryEntry {
  readonly name: string;
  readonly headerOffset: number;
  readonly length: number;
  readonly crc: number;
}

/** The archive's directory: its entries, and where it starts (every entry's data ends before that). */
export interface ZipDirectory {
  readonly entries: readonly ZipDirectoryEntry[];
  readonly offset: number;
}

/**
 * The entries of an archive from its directory (the end of the archive and each entry's local
 * header): nothing of the entries' data is read, and nothing is verified against its CRC-32.
 */
export function readStoredZipFrom(source: ZipSource): ZipEntry[] {
  const directory = readStoredZipDirectory(source);
  return directory.entries.map((entry) => locateStoredEntry(source, entry, directory.offset));
}

/** Where an entry's data starts: read from its local header (30 bytes at `entry.headerOffset`). */
export function locateStoredEntry(source: ZipSource, entry: ZipDirectoryEntry, directoryOffset: number): ZipEntry {
  const { name, headerOffset, length, crc } = entry;
  const local = headerOffset + 30 > source.size ? new Uint8Array(0) : source.read(headerOffset, 30);
  const localView = new DataView(local.buffer, local.byteOffset, local.byteLength);
  if (local.length < 30 || localView.getUint32(0, true) !== LOCAL_HEADER)
    throw new SnapshotFormatError(`ZIP entry "${name}": local header damaged`);
  const offset = headerOffset + 30 + localView.getUint16(26, true) + localView.getUint16(28, true);
  if (offset + length > directoryOffset)
    throw new SnapshotFormatError(`ZIP entry "${name}" runs past its end (truncated file?)`);
  return { name, offset, length, crc };
}

/**
 * The archive's directory (its end records and the directory itself, read from the end of the
 * archive): no local header and nothing of the entries' data is read.
 */
export function readStoredZipDirectory(source: ZipSource): ZipDirectory {
  const fail = (what: string): never => {
    throw new SnapshotFormatError(what);
  };
  const size = source.size;
  if (size < 22) fail(`too short to be a snapshot (${size} bytes)`);
  // The end record, and the ZIP64 locator before it when there is one.
  const tailStart = Math.max(0, size - 22 - 20);
  const tail = source.read(tailStart, size - tailStart);
  const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const endAt = size - 22 - tailStart;
  if (tailView.getUint32(endAt, true) !== END_OF_CENTRAL_DIRECTORY)
    fail('no ZIP end record at the end of the file (truncated, or not a snapshot)');
  let count = tailView.getUint16(endAt + 10, true);
  let directorySize = tailView.getUint32(endAt + 12, true);
  let directoryOffset = tailView.getUint32(endAt + 16, true);
  if (count === U16_MAX || directorySize === U32_MAX || directoryOffset === U32_MAX) {
    const locatorAt = endAt - 20;
    if (locatorAt < 0 || tailView.getUint32(locatorAt, true) !== ZIP64_LOCATOR) fail('ZIP64 end record missing');
    const end64At = Number(tailView.getBigUint64(locatorAt + 8, true));
    if (end64At + 56 > tailStart + locatorAt) fail('ZIP64 end record damaged');
    const end64 = source.read(end64At, 56);
    const end64View = new DataView(end64.buffer, end64.byteOffset, end64.byteLength);
    if (end64.length < 56 || end64View.getUint32(0, true) !== ZIP64_END) fail('ZIP64 end record damaged');
    count = Number(end64View.getBigUint64(32, true));
    directorySize = Number(end64View.getBigUint64(40, true));
    directoryOffset = Number(end64View.getBigUint64(48, true));
  }
  if (directoryOffset + directorySize > size - 22) fail('the ZIP directory points past the end of the file');
  const directory = source.read(directoryOffset, directorySize);
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries: ZipDirectoryEntry[] = [];
  let at = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > directorySize || view.getUint32(at, true) !== CENTRAL_HEADER)
      fail(`ZIP directory entry ${i} damaged`);
    if (view.getUint16(at + 10, true) !== 0) fail(`ZIP entry ${i} is compressed; snapshots store entries uncompressed`);
    const crc = view.getUint32(at + 16, true);
    let length = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let headerOffset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength + extraLength > directorySize) fail(`ZIP directory entry ${i} damaged`);
    let name: string;
    try {
      name = decoder.decode(directory.subarray(at + 46, at + 46 + nameLength));
    } catch {
      return fail(`ZIP entry ${i} has a name that is not UTF-8`);
    }
    let extraAt = at + 46 + nameLength;
    const extraEnd = extraAt + extraLength;
    while (extraAt + 4 <= extraEnd) {
      const id = view.getUint16(extraAt, true);
      const fieldSize = view.getUint16(extraAt + 2, true);
      if (id === ZIP64_EXTRA) {
        let field = extraAt + 4;
        if (length === U32_MAX) {
          length = Number(view.getBigUint64(field + 8, true));
          field += 16;
        }
        if (headerOffset === U32_MAX) headerOffset = Number(view.getBigUint64(field, true));
      }
      extraAt += 4 + fieldSize;
    }
    entries.push({ name, headerOffset, length, crc });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, offset: directoryOffset };
}
