/**
 * The installed command (src/bin/coauthor-graph): it runs coauthor-graph.js in its own process (exec,
 * no shell left behind) with glibc's allocator set for a large network, keeps values set in the
 * environment, and works through a symbolic link as npm installs it. What the settings change is shown
 * on a process that frees arrays between small ones it keeps, as loading a network does. A command that
 * reads a snapshot or the shared store also asks glibc for transparent huge pages; what that changes is
 * shown on a process that writes a fresh array, as such a load does.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllCommands, startCommand } from '../helpers/command-process.ts';

afterAll(killAllCommands);

const LAUNCHER = resolve('src/bin/coauthor-graph');
const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
const SETTINGS = ['MALLOC_MMAP_THRESHOLD_', 'MALLOC_ARENA_MAX', 'GLIBC_TUNABLES'] as const;
const HUGE_PAGES = 'glibc.malloc.hugetlb=1';

/** The allocator's variables in the environment of a running process. */
function allocatorEnvironment(pid: number): Record<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  const found: Record<string, string> = {};
  for (const entry of entries) {
    const [name, ...value] = entry.split('=');
    if ((SETTINGS as readonly string[]).includes(name as string)) found[name as string] = value.join('=');
  }
  return found;
}

/** Serves the bundled data through the launcher until ready; returns the served process's allocator variables and executable. */
async function servedWith(
  env: NodeJS.ProcessEnv,
  source: readonly string[] = ['--no-cache'],
): Promise<{ settings: Record<string, string>; executable: string }> {
  const serve = startCommand(['serve', '--port', '0', ...source], env);
  try {
    await serve.waitFor(/ready at /u);
    const pid = serve.child.pid as number;
    return { settings: allocatorEnvironment(pid), executable: readlinkSync(`/proc/${pid}/exe`) };
  } finally {
    serve.kill();
    await serve.exited();
  }
}

const unset = Object.fromEntries(SETTINGS.map((name) => [name, undefined]));

describe.runIf(process.platform === 'linux')('the installed command', () => {
  it('runs the server as node itself, with a fixed mapping bound and two arenas', async () => {
    const { settings, executable } = await servedWith(unset);
    // No huge pages for a load from raw files (the bundled data here).
    expect(settings).toEqual({ MALLOC_MMAP_THRESHOLD_: '524288', MALLOC_ARENA_MAX: '2' });
    // exec: the process started is node, not a shell waiting for it (its memory is the command's).
    expect(executable).toBe(readlinkSync('/proc/self/exe'));
  }, 60_000);

  it('keeps the values an operator set', async () => {
    const { settings } = await servedWith({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' });
    expect(settings).toEqual({ MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_ARENA_MAX: '4' });
  }, 60_000);

  it('serves a snapshot with huge pages asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coauthor-graph-launcher-'));
    try {
      const file = join(dir, 'seed.cgsnap');
      const build = spawnSync(LAUNCHER, ['build', '--out', file], { encoding: 'utf8', env: { ...process.env, PATH } });
      expect(build.status, build.stderr).toBe(0);
      expect((await servedWith(unset, ['--snapshot', file])).settings).toEqual({
        MALLOC_MMAP_THRESHOLD_: '524288',
        MALLOC_ARENA_MAX: '2',
        GLIBC_TUNABLES: HUGE_PAGES,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("asks for huge pages for every spelling of --snapshot and --database, for no other command line, and keeps an operator's tunables", () => {
    // A stand-in `node` first on the PATH prints what the launcher exec's it with: every case of the
    // launcher's test without starting a server.
    const bin = mkdtempSync(join(tmpdir(), 'coauthor-graph-fake-node-'));
    try {
      writeFileSync(join(bin, 'node'), '#!/bin/sh\nprintf "%s" "${GLIBC_TUNABLES-unset}"\n');
      chmodSync(join(bin, 'node'), 0o755);
      const tunables = (args: string[], own: NodeJS.ProcessEnv = {}) => {
        const run = spawnSync(LAUNCHER, args, {
          encoding: 'utf8',
          env: { ...process.env, ...unset, ...own, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
        });
        expect(run.status, run.stderr).toBe(0);
        return run.stdout;
      };
      for (const args of [
        ['serve', '--snapshot', 'a.cgsnap'],
        ['serve', '--snapshot=a.cgsnap', '--port', '0'],
        ['serve', '--database', 'postgres://127.0.0.1/test'],
        ['report', '--database=postgres://127.0.0.1/test'],
      ])
        expect(tunables(args), args.join(' ')).toBe(HUGE_PAGES);
      for (const args of [['serve'], ['serve', '--data', 'snapshot.jsonl'], ['build', '--out', 'a.cgsnap']])
        expect(tunables(args), args.join(' ')).toBe('unset');
      const own = 'glibc.malloc.arena_max=3';
      expect(tunables(['serve', '--snapshot', 'a.cgsnap'], { GLIBC_TUNABLES: own })).toBe(own);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('finds coauthor-graph.js through a symbolic link, as npm installs the command', () => {
    const bin = mkdtempSync(join(tmpdir(), 'coauthor-graph-bin-'));
    try {
      symlinkSync(LAUNCHER, join(bin, 'coauthor-graph'));
      const run = spawnSync(join(bin, 'coauthor-graph'), ['help'], { encoding: 'utf8', env: { ...process.env, PATH } });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Usage: coauthor-graph <command>');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it("gives freed arrays back to the system with its settings, where glibc's defaults keep them", () => {
    // 300 arrays of 1 MiB freed, each beside a small one kept, after one freed block of 8 MiB raised
    // glibc's dynamic bound past them (a network's growing arrays do that early in a load).
    const script = `
      const rss = () => process.memoryUsage().rss / 1048576;
      let big = new Uint8Array(8 << 20).fill(1); big = null; gc();
      const kept = []; let freed = [];
      for (let i = 0; i < 300; i += 1) { freed.push(new Uint8Array(1 << 20).fill(1)); kept.push(new Uint8Array(1024).fill(1)); }
      const before = rss(); freed = null; gc(); gc();
      console.log(JSON.stringify({ released: before - rss(), kept: kept.length }));
    `;
    const released = (env: NodeJS.ProcessEnv) => {
      const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, ...unset, ...env },
      });
      expect(run.stderr).toBe('');
      return (JSON.parse(run.stdout) as { released: number }).released;
    };
    // Measured on this machine's glibc 2.36: about 37 MiB given back with the defaults, 300 with the settings.
    expect(released({})).toBeLessThan(150);
    expect(released({ MALLOC_MMAP_THRESHOLD_: '524288', MALLOC_ARENA_MAX: '2' })).toBeGreaterThan(250);
  });

  // The kernel gives huge pages to memory that asks for them only in its "madvise" mode (Debian's
  // default); "always" gives them without asking, "never" not at all, so there is nothing to see.
  const thpMode = (() => {
    try {
      return /\[(\w+)\]/u.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1] ?? 'none';
    } catch {
      return 'none';
    }
  })();
  it.runIf(thpMode === 'madvise')(
    'puts a fresh array in huge pages with the tunable it sets for snapshots, and in small pages without',
    () => {
      // 64 MiB written once, as a snapshot's table is read into memory never touched before.
      const script = `
        const array = new Uint8Array(64 << 20).fill(1);
        const huge = /AnonHugePages:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/smaps_rollup', 'utf8'))[1];
        console.log(JSON.stringify({ hugeKb: Number(huge), kept: array.length }));
      `;
      const hugeKb = (env: NodeJS.ProcessEnv) => {
        const run = spawnSync(process.execPath, ['-e', script], {
          encoding: 'utf8',
          env: { ...process.env, ...unset, MALLOC_MMAP_THRESHOLD_: '524288', MALLOC_ARENA_MAX: '2', ...env },
        });
        expect(run.stderr).toBe('');
        return (JSON.parse(run.stdout) as { hugeKb: number }).hugeKb;
      };
      expect(hugeKb({})).toBe(0);
      // Most of the array (the kernel may leave a few 2 MiB ranges in small pages when it has none free).
      expect(hugeKb({ GLIBC_TUNABLES: HUGE_PAGES })).toBeGreaterThan(32 * 1024);
    },
  );
});
