/**
 * The installed command (src/bin/coauthor-graph): it runs coauthor-graph.js in its own process (exec,
 * no shell left behind) with glibc's allocator set for a large network, keeps values set in the
 * environment, and works through a symbolic link as npm installs it. What the settings change is shown
 * on a process that frees arrays between small ones it keeps, as loading a network does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllCommands, startCommand } from '../helpers/command-process.ts';

afterAll(killAllCommands);

const LAUNCHER = resolve('src/bin/coauthor-graph');
const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
const SETTINGS = ['MALLOC_MMAP_THRESHOLD_', 'MALLOC_ARENA_MAX'] as const;

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
async function servedWith(env: NodeJS.ProcessEnv): Promise<{ settings: Record<string, string>; executable: string }> {
  const serve = startCommand(['serve', '--port', '0', '--no-cache'], env);
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
    expect(settings).toEqual({ MALLOC_MMAP_THRESHOLD_: '524288', MALLOC_ARENA_MAX: '2' });
    // exec: the process started is node, not a shell waiting for it (its memory is the command's).
    expect(executable).toBe(readlinkSync('/proc/self/exe'));
  }, 60_000);

  it('keeps the values an operator set', async () => {
    const { settings } = await servedWith({ MALLOC_ARENA_MAX: '4', MALLOC_MMAP_THRESHOLD_: '65536' });
    expect(settings).toEqual({ MALLOC_MMAP_THRESHOLD_: '65536', MALLOC_ARENA_MAX: '4' });
  }, 60_000);

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
});
