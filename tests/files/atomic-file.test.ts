/**
 * Files written and read defensively (issue 12, point 7): random exclusive temporary names, symlinks
 * followed to their target, modes kept, only regular files read, locks that serialise writers and
 * survive a dead owner.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FileLockedError,
  UnsafeFileError,
  readRegularFile,
  resolveTarget,
  withFileLock,
  writeFileAtomic,
} from '../../src/files/atomic-file.ts';

const directory = () => mkdtempSync(join(tmpdir(), 'coauthor-atomic-'));

describe('writeFileAtomic', () => {
  it('writes a new file with mode 0644 by default (or the mode asked), and leaves no temporary file', () => {
    const dir = directory();
    writeFileAtomic(join(dir, 'a.json'), '{}\n');
    writeFileAtomic(join(dir, 'b.bin'), Buffer.from([1, 2, 3]), { mode: 0o600 });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{}\n');
    expect(statSync(join(dir, 'a.json')).mode & 0o777).toBe(0o644);
    expect(statSync(join(dir, 'b.bin')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.bin']);
  });

  it('keeps the mode of the file it replaces', () => {
    const dir = directory();
    const file = join(dir, 'aliases.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o640);
    writeFileAtomic(file, '{"a": "b"}\n', { mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, 'utf8')).toBe('{"a": "b"}\n');
  });

  it('replaces the target of a symlink (through a chain of links) and leaves the links', () => {
    const dir = directory();
    const target = join(dir, 'real.json');
    writeFileSync(target, 'old');
    symlinkSync(target, join(dir, 'link1.json'));
    symlinkSync(join(dir, 'link1.json'), join(dir, 'link2.json'));
    writeFileAtomic(join(dir, 'link2.json'), 'new');
    expect(lstatSync(join(dir, 'link2.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'link1.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(resolveTarget(join(dir, 'link2.json'))).toBe(target);
  });

  it('never writes through a link planted at the old predictable temporary name', () => {
    const dir = directory();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const file = join(dir, 'cache.bin');
    symlinkSync(victim, `${file}.${process.pid}.tmp`);
    writeFileAtomic(file, 'data');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(file, 'utf8')).toBe('data');
  });

  it('refuses to replace a FIFO or a directory', () => {
    const dir = directory();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(() => writeFileAtomic(join(dir, 'pipe'), 'x')).toThrow(UnsafeFileError);
    expect(() => writeFileAtomic(dir, 'x')).toThrow(UnsafeFileError);
  });
});

describe('readRegularFile', () => {
  it('reads a regular file (through a symlink too), and gives null for a missing one', () => {
    const dir = directory();
    writeFileSync(join(dir, 'f'), 'hello');
    symlinkSync(join(dir, 'f'), join(dir, 'l'));
    expect(readRegularFile(join(dir, 'f'))?.toString()).toBe('hello');
    expect(readRegularFile(join(dir, 'l'))?.toString()).toBe('hello');
    expect(readRegularFile(join(dir, 'missing'))).toBeNull();
  });

  it('refuses a FIFO at once (no hang), a device, a directory, and a file over maxBytes', () => {
    const dir = directory();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync(join(dir, 'pipe'), join(dir, 'pipe-link'));
    expect(() => readRegularFile(join(dir, 'pipe'))).toThrow(
      new UnsafeFileError(`${join(dir, 'pipe')} is a FIFO (named pipe), not a regular file; refusing to read it`),
    );
    expect(() => readRegularFile(join(dir, 'pipe-link'))).toThrow(UnsafeFileError);
    expect(() => readRegularFile('/dev/zero')).toThrow(/is a device/u);
    expect(() => readRegularFile(dir)).toThrow(/is a directory/u);
    writeFileSync(join(dir, 'big'), 'x'.repeat(100));
    expect(() => readRegularFile(join(dir, 'big'), { maxBytes: 99 })).toThrow(/100 bytes, more than the 99 expected/u);
  });
});

describe('withFileLock', () => {
  it('runs the work holding <target>.lock and removes it after, even when the work throws', () => {
    const dir = directory();
    const file = join(dir, 'aliases.json');
    expect(withFileLock(file, () => existsSync(`${file}.lock`))).toBe(true);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(() =>
      withFileLock(file, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits for a live owner and gives up with FileLockedError', () => {
    const dir = directory();
    const file = join(dir, 'aliases.json');
    writeFileSync(`${file}.lock`, `${process.pid}\n`); // held by a live process: this one
    expect(() => withFileLock(file, () => 'never', { timeoutMs: 200 })).toThrow(FileLockedError);
    expect(existsSync(`${file}.lock`)).toBe(true);
  });

  it('takes over the lock of an owner that is gone, or one older than staleMs', () => {
    const dir = directory();
    const file = join(dir, 'aliases.json');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${file}.lock`, `${gone}\n`);
    expect(withFileLock(file, () => 'ran', { timeoutMs: 1000 })).toBe('ran');
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    expect(withFileLock(file, () => 'ran again', { timeoutMs: 5000, staleMs: 0 })).toBe('ran again');
  });
});
