/**
 * `alias add` against a hostile or busy file system (issue 12, point 7), with the real command: two
 * (and more) at once all land, a lock held by another process is waited for, a symlinked alias file
 * has its target replaced, the mode is kept, and a FIFO at the name is refused at once.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

// The command runs the bundle built by the run's global setup (tests/helpers/server-bundle.global.ts).

function aliasAdd(
  variant: string,
  canonical: string,
  file: string,
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(
    process.execPath,
    ['src/bin/coauthor-graph.js', 'alias', 'add', variant, canonical, '--aliases', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))) };
}

describe('alias add with other writers', () => {
  it('keeps every entry when six run at once', async () => {
    const file = tempFiles({ 'aliases.json': '{\n  "A. Smith": "Alice Smith"\n}\n' })['aliases.json']!;
    const runs = Array.from({ length: 6 }, (_, i) =>
      aliasAdd(
        `Variant ${String.fromCharCode(65 + i)}. Person`,
        `Canonical ${String.fromCharCode(65 + i)} Person`,
        file,
      ),
    );
    const results = await Promise.all(runs.map((run) => run.done));
    expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0, 0, 0]);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(written).sort()).toEqual([
      'A. Smith',
      ...Array.from({ length: 6 }, (_, i) => `Variant ${String.fromCharCode(65 + i)}. Person`),
    ]);
  }, 120_000);

  it('waits for a lock held by another process, then adds to what that process wrote', async () => {
    const file = tempFiles({ 'aliases.json': '{}\n' })['aliases.json']!;
    writeFileSync(`${file}.lock`, `${process.pid}\n`); // this test holds the lock
    const run = aliasAdd('Jon Lorraine', 'Jonathan Lorraine', file);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the command is waiting meanwhile
    writeFileSync(file, '{\n  "A. Smith": "Alice Smith"\n}\n'); // our write, under the lock
    unlinkSync(`${file}.lock`);
    expect((await run.done).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      'A. Smith': 'Alice Smith',
      'Jon Lorraine': 'Jonathan Lorraine',
    });
  }, 60_000);
});

describe('alias add and the file it writes', () => {
  it('replaces the target of a symlinked alias file, keeps the link and the mode', async () => {
    const target = tempFiles({ 'real-aliases.json': '{}\n' })['real-aliases.json']!;
    chmodSync(target, 0o640);
    const link = join(dirname(target), 'aliases.json');
    symlinkSync(target, link);
    expect(await main(['alias', 'add', 'Jon Lorraine', 'Jonathan Lorraine', '--aliases', link], captureIO())).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual({ 'Jon Lorraine': 'Jonathan Lorraine' });
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('refuses a FIFO at the alias file\u2019s name at once, writing nothing', async () => {
    const dir = dirname(tempFiles({ 'x.txt': '' })['x.txt']!);
    const fifo = join(dir, 'aliases.json');
    execFileSync('mkfifo', [fifo]);
    const io = captureIO();
    expect(await main(['alias', 'add', 'Jon Lorraine', 'Jonathan Lorraine', '--aliases', fifo], io)).toBe(1);
    expect(io.stderr).toBe(
      `alias add: ${fifo} is a FIFO (named pipe), not a regular file; refusing to read it; nothing was written\n`,
    );
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
