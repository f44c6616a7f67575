/**
 * Files written and read defensively, for every file the program keeps (the alias file, caches).
 *
 * Writing (`writeFileAtomic`): the bytes go to a temporary file with a random name, created
 * exclusively (`wx`: fails rather than follow a symlink or reuse a file planted at that name) with mode
 * 0600 in the target's own directory, are flushed to disk, get the final mode, and are renamed over
 * the target in one step: a reader sees the old file or the new one, never half, and nobody can aim
 * the write elsewhere through a predictable name. A target that is a symlink is followed (the link's
 * file is replaced, the link stays); an existing target keeps its mode. `linkFileAtomic` puts a file
 * that exists already at a name the same way (a hard link or a copy under the temporary name).
 *
 * Reading (`readRegularFile`): `lstat` first, then open without blocking and check the opened file
 * again: only a regular file is read (a FIFO, a device or a socket at the name is refused with a
 * clear message instead of hanging the process), and a size limit can be set.
 *
 * Locking (`withFileLock`): a lock file beside the target, created with `wx` and holding the owner's
 * pid; a lock whose owner is gone, or older than `staleMs`, is taken over. So two concurrent
 * read-modify-write cycles (two `alias add` at once) run one after the other and lose nothing.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  copyFileSync,
  linkSync,
  rmSync,
  fstatSync,
  fsyncSync,
  fchmodSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A file that is not what it should be (not a regular file, too large, a symlink loop). */
export class UnsafeFileError extends Error {
  override readonly name = 'UnsafeFileError';
}

/** A lock that could not be taken in time. */
export class FileLockedError extends Error {
  override readonly name = 'FileLockedError';
}

const MAX_SYMLINK_HOPS = 40;

/** The file a path names once its symlinks are followed (the path itself when it is not a symlink or does not exist). */
export function resolveTarget(path: string): string {
  let current = resolve(path);
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop += 1) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      return current; // missing: written as a new file here
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new UnsafeFileError(`${path}: too many levels of symbolic links`);
}

function kindOf(stats: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a directory';
  return 'not a regular file';
}

export interface ReadOptions {
  /** Refuse a file larger than this many bytes. */
  readonly maxBytes?: number;
  /** Read into a `SharedArrayBuffer`, so worker threads can share the bytes without a copy. */
  readonly shared?: boolean;
}

/**
 * `path` opened for reading, or null when nothing is there. Throws `UnsafeFileError` when the name
 * holds anything but a regular file (after following symlinks) or a file over `maxBytes`. The caller
 * closes the descriptor.
 */
export function openRegularFile(
  path: string,
  options: Pick<ReadOptions, 'maxBytes'> = {},
): { fd: number; size: number } | null {
  let stats;
  try {
    stats = lstatSync(path);
    if (stats.isSymbolicLink()) stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!stats.isFile())
    throw new UnsafeFileError(`${path} is ${kindOf(stats)}, not a regular file; refusing to read it`);
  // O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not wait for a writer.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile())
      throw new UnsafeFileError(`${path} is ${kindOf(opened)}, not a regular file; refusing to read it`);
    if (options.maxBytes !== undefined && opened.size > options.maxBytes)
      throw new UnsafeFileError(
        `${path} is ${opened.size} bytes, more than the ${options.maxBytes} expected; refusing to read it`,
      );
    return { fd, size: opened.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * The bytes of `path`, or null when nothing is there. Throws `UnsafeFileError` when the name holds
 * anything but a regular file (after following symlinks) or a file over `maxBytes`.
 */
export function readRegularFile(path: string, options: ReadOptions = {}): Buffer | null {
  const opened = openRegularFile(path, options);
  return opened === null ? null : readOpenedFile(path, opened, options);
}

/** The bytes of a file `openRegularFile` opened; closes it. */
export function readOpenedFile(
  path: string,
  { fd, size }: { readonly fd: number; readonly size: number },
  options: Pick<ReadOptions, 'shared'> = {},
): Buffer {
  try {
    if (options.shared !== true) return readFileSync(fd);
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    for (let at = 0; at < size;) {
      const read = readSync(fd, bytes, at, Math.min(size - at, 1 << 30), at);
      if (read === 0) throw new UnsafeFileError(`${path} ended after ${at} of its ${size} bytes while it was read`);
      at += read;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

export interface WriteOptions {
  /** Mode of a new file (default 0o644); an existing file keeps its own. */
  readonly mode?: number;
}

/** A temporary name beside `target`, random, so that nobody can plant a file or link there ahead. */
function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
}

/**
 * Puts the file at `source` at `path` (its symlink's target when it is one) in one step, as
 * `writeFileAtomic` does with bytes: a second name of the same file where both are on one file
 * system, else a copy (a clone where the file system makes one), made under a temporary name that
 * must not exist yet, then renamed over the target.
 */
export function linkFileAtomic(source: string, path: string): void {
  const target = resolveTarget(path);
  const temporary = temporaryBeside(target);
  try {
    try {
      linkSync(source, temporary);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another file system, or one without hard links: a copy.
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
      copyFileSync(source, temporary, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Replaces the file at `path` (its symlink's target when it is one) with `data` in one step. */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  writeFileAtomicWith(path, (write) => write(bytes), options);
}

/**
 * As `writeFileAtomic`, for contents made piece by piece (a snapshot of gigabytes is never one
 * buffer): `produce` is handed a writer and may call it any number of times.
 */
export function writeFileAtomicWith(
  path: string,
  produce: (write: (bytes: Uint8Array) => void) => void,
  options: WriteOptions = {},
): void {
  const target = resolveTarget(path);
  let mode = options.mode ?? 0o644;
  try {
    const existing = statSync(target);
    if (!existing.isFile())
      throw new UnsafeFileError(`${path} is ${kindOf(existing)}, not a regular file; refusing to replace it`);
    mode = existing.mode & 0o7777;
  } catch (error) {
    if (error instanceof UnsafeFileError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = temporaryBeside(target);
  const fd = openSync(temporary, 'wx', 0o600);
  let renamed = false;
  try {
    produce((bytes) => {
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    });
    fsyncSync(fd);
    fchmodSync(fd, mode);
    closeSync(fd);
    renameSync(temporary, target);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        closeSync(fd);
      } catch {
        /* closed already */
      }
      try {
        unlinkSync(temporary);
      } catch {
        /* never created or gone */
      }
    }
  }
}

export interface LockOptions {
  /** Give up after this long (default 10 s). */
  readonly timeoutMs?: number;
  /** A lock older than this is abandoned whatever its owner (default 30 s). */
  readonly staleMs?: number;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
function sleep(milliseconds: number): void {
  Atomics.wait(pause, 0, 0, milliseconds);
}

function ownerAlive(lockFile: string): boolean {
  let text: string;
  try {
    text = readFileSync(lockFile, 'utf8');
  } catch {
    return true; // just removed: not ours to judge
  }
  if (text.trim() === '') return true; // created, its pid not written yet (staleMs covers an owner that died here)
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Runs `work` while holding the lock of `path` (the lock file `<target>.lock`), then releases it. */
export function withFileLock<T>(path: string, work: () => T, options: LockOptions = {}): T {
  const lockFile = `${resolveTarget(path)}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const started = Date.now();
  let fd: number | null = null;
  for (let attempt = 0; fd === null; attempt += 1) {
    try {
      fd = openSync(lockFile, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - lstatSync(lockFile).mtimeMs;
      } catch {
        continue; // released meanwhile: try again at once
      }
      if (age > staleMs || !ownerAlive(lockFile)) {
        // Taken over: moved aside under a name of our own first, so two takers cannot both remove it.
        const aside = `${lockFile}.${randomBytes(6).toString('hex')}.stale`;
        try {
          renameSync(lockFile, aside);
          unlinkSync(aside);
        } catch {
          /* another taker was first */
        }
        continue;
      }
      if (Date.now() - started > timeoutMs)
        throw new FileLockedError(
          `${path} is locked by another process (${lockFile}); try again, or remove the lock file if no other coauthor-graph is running`,
        );
      sleep(Math.min(100, 5 * 2 ** Math.min(attempt, 5)));
    }
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return work();
  } finally {
    try {
      unlinkSync(lockFile);
    } catch {
      /* taken over as stale */
    }
  }
}

/** Up to `length` bytes of an open file from `offset` (fewer where the file ends). */
export function readRange(fd: number, offset: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const count = readSync(fd, bytes, at, length - at, offset + at);
    if (count === 0) break;
    at += count;
  }
  return bytes.subarray(0, at);
}
