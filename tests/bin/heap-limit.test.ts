/**
 * A command given large data files runs in a child with a larger heap cap (src/bin/heap-limit.js): the
 * decision from its arguments and node's flags, and the child itself, a real process: its cap, its exit
 * code passed on, a SIGTERM passed on once (so `serve` drains), and its end when its parent is killed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LARGE_INPUT_BYTES,
  LARGE_LOAD_SEMI_SPACE_MB,
  RELAUNCHED,
  childFlags,
  dataFiles,
  heapLimitFor,
  sizedFiles,
} from '../../src/bin/heap-limit.js';
import { childProcesses } from '../../src/bench/serve-process.ts';
import { processAlive } from '../helpers/command-process.ts';

const GB = 1024 ** 3;

describe('the heap cap of a command', () => {
  const sizes: Record<string, number> = { 'big.jsonl': LARGE_INPUT_BYTES, 'half.jsonl': LARGE_INPUT_BYTES / 2 };
  const context = (extra: object = {}) => ({
    execArgv: [],
    env: {},
    sizeOf: (file: string) => sizes[file] ?? 0,
    memoryBytes: 24 * GB,
    ...extra,
  });

  it('reads the data files of --data FILE and --data=FILE', () => {
    expect(dataFiles(['build', '--data', 'a.jsonl', '--data=b.bib', '--out', 'x', '--data'])).toEqual([
      'a.jsonl',
      'b.bib',
    ]);
    expect(dataFiles(['serve', '--snapshot', 'acl.cgsnap'])).toEqual([]);
  });

  it('is raised to three quarters of the memory once the data files add up to 256 MB, and not below', () => {
    expect(heapLimitFor(['build', '--data', 'big.jsonl'], context())).toBe(18 * 1024);
    expect(heapLimitFor(['build', '--data', 'half.jsonl', '--data=half.jsonl'], context())).toBe(18 * 1024);
    expect(heapLimitFor(['build', '--data', 'half.jsonl'], context())).toBeNull();
    expect(heapLimitFor(['serve', '--data', 'missing.jsonl'], context())).toBeNull();
    expect(heapLimitFor(['serve', '--snapshot', 'big.jsonl'], context())).toBeNull();
  });

  it('is raised for a large snapshot that check, report or export read whole, not for one that serve reads', () => {
    expect(sizedFiles(['check', '--snapshot', 'big.jsonl'])).toEqual(['big.jsonl']);
    expect(sizedFiles(['report', '--snapshot=big.jsonl'])).toEqual(['big.jsonl']);
    expect(sizedFiles(['serve', '--snapshot', 'big.jsonl', '--data', 'half.jsonl'])).toEqual(['half.jsonl']);
    for (const command of ['check', 'report', 'export'])
      expect(heapLimitFor([command, '--snapshot', 'big.jsonl'], context())).toBe(18 * 1024);
    expect(heapLimitFor(['check', '--snapshot', 'half.jsonl'], context())).toBeNull();
  });

  it('is left as set: on node’s command line, in NODE_OPTIONS, or in the child started for it', () => {
    const args = ['build', '--data', 'big.jsonl'];
    expect(heapLimitFor(args, context({ execArgv: ['--max-old-space-size=2048'] }))).toBeNull();
    expect(
      heapLimitFor(args, context({ env: { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=8192' } })),
    ).toBeNull();
    expect(heapLimitFor(args, context({ env: { [RELAUNCHED]: '1' } }))).toBeNull();
  });

  it('gives the child a larger young generation, unless one was set on node’s command line or in NODE_OPTIONS', () => {
    expect(LARGE_LOAD_SEMI_SPACE_MB).toBe(64);
    expect(childFlags(1234, { execArgv: ['--enable-source-maps'], env: {} })).toEqual([
      '--enable-source-maps',
      '--max-old-space-size=1234',
      '--max-semi-space-size=64',
    ]);
    expect(childFlags(1234, { execArgv: ['--max-semi-space-size=8'], env: {} })).toEqual([
      '--max-semi-space-size=8',
      '--max-old-space-size=1234',
    ]);
    expect(childFlags(1234, { execArgv: [], env: { NODE_OPTIONS: '--max-semi-space-size=32' } })).toEqual([
      '--max-old-space-size=1234',
    ]);
  });
});

/**
 * A script that starts itself again with a 1,234 MB cap (as the command does) and, in the child, says
 * its cap and pid, then exits with the code it is given, or waits for SIGTERM and says it drained.
 */
function writeRelauncher(): string {
  const script = join(mkdtempSync(join(tmpdir(), 'heap-limit-')), 'relaunch.mjs');
  const module = JSON.stringify(new URL('../../src/bin/heap-limit.js', import.meta.url).href);
  writeFileSync(
    script,
    `import { getHeapStatistics } from 'node:v8';
     import { fileURLToPath } from 'node:url';
     import { RELAUNCHED, runWithHeapLimit, watchParent } from ${module};
     const args = process.argv.slice(2);
     if (process.env[RELAUNCHED] !== '1') {
       process.exitCode = await runWithHeapLimit(1234, fileURLToPath(import.meta.url), args);
     } else {
       watchParent();
       // The handler is in place before the line that tells the test it may send the signal.
       if (args[0] === 'wait') {
         let signals = 0;
         process.on('SIGTERM', () => {
           signals += 1;
           setTimeout(() => { console.log('drained after ' + signals + ' SIGTERM'); process.exit(0); }, 200);
         });
         setInterval(() => {}, 1000);
       } else process.exitCode = Number(args[0]);
       console.log(JSON.stringify({ pid: process.pid, cap: getHeapStatistics().heap_size_limit, flags: process.execArgv }));
     }
    `,
  );
  return script;
}

function run(
  script: string,
  args: string[],
): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function firstLine(output: () => string): Promise<{ pid: number; cap: number; flags: string[] }> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const line = output().split('\n')[0] ?? '';
    if (output().includes('\n')) return JSON.parse(line) as { pid: number; cap: number; flags: string[] };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no line from the child: ${output()}`);
}

describe('the child with the raised cap', () => {
  const script = writeRelauncher();

  it('has the cap, and its exit code is the command’s', async () => {
    const started = run(script, ['3']);
    const { cap, flags } = await firstLine(started.output);
    expect(flags).toEqual(['--max-old-space-size=1234', '--max-semi-space-size=64']);
    // heap_size_limit is the old generation's cap plus the young generation's: three semi-spaces of
    // 64 MB (V8's default young generation, three of 16 MB, would leave it under 1,234 + 64 MB).
    expect(cap).toBeGreaterThanOrEqual((1234 + 3 * 64) * 1024 * 1024);
    expect(cap).toBeLessThan((1234 + 3 * 64 + 100) * 1024 * 1024);
    expect(await started.exit).toBe(3);
  });

  it('gets a SIGTERM sent to the command once, drains, and the command exits as it does', async () => {
    const started = run(script, ['wait']);
    const { pid } = await firstLine(started.output);
    expect(childProcesses(started.child.pid as number)).toContain(pid);
    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
    expect(started.output()).toContain('drained after 1 SIGTERM');
  });

  it('stops when the command is killed outright', async () => {
    const started = run(script, ['wait']);
    const { pid } = await firstLine(started.output);
    started.child.kill('SIGKILL');
    await started.exit;
    let waited = 0;
    while (processAlive(pid) && waited < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      waited += 100;
    }
    expect(processAlive(pid)).toBe(false);
  });
});
