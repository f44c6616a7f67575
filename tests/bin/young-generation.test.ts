/**
 * A process serving a snapshot keeps V8 from growing its young generations (src/bin/young-generation.js):
 * the decision from the command's arguments, the flag's effect on a process that keeps what it allocates
 * (as starting the server does), and the served process itself, seen through /metrics.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdYoungGenerationFor, servesSnapshot } from '../../src/bin/young-generation.js';
import { writeSnapshotFile } from '../../src/snapshot/snapshot-file.ts';
import { killAllCommands, startCommand } from '../helpers/command-process.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';
import { snapshotContentOf } from '../helpers/network-contents.ts';

afterAll(killAllCommands);

const MB = 1024 * 1024;

/** The young generation's size (V8's new space) in a fresh process that keeps 400,000 small objects, after `args` were handled. */
function newSpaceAfterKeeping(args: readonly string[]): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { holdYoungGenerationFor } from ${JSON.stringify(new URL('../../src/bin/young-generation.js', import.meta.url).href)};
    holdYoungGenerationFor(${JSON.stringify(args)});
    const kept = [];
    for (let i = 0; i < 400000; i += 1) kept.push({ i, name: 'author ' + i });
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    console.log(JSON.stringify({ size: space.space_size, kept: kept.length }));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { size: number }).size;
}

describe('the young generations of a process serving a snapshot', () => {
  it('is held for serve with --snapshot, in either spelling, and for nothing else', () => {
    expect(servesSnapshot(['serve', '--snapshot', 'acl.cgsnap', '--port', '0'])).toBe(true);
    expect(servesSnapshot(['serve', '--port', '0', '--snapshot=acl.cgsnap'])).toBe(true);
    expect(servesSnapshot(['serve', '--data', 'acl.jsonl'])).toBe(false);
    expect(servesSnapshot(['report', '--snapshot', 'acl.cgsnap'])).toBe(false);
    expect(servesSnapshot([])).toBe(false);
  });

  it('stays at its initial size while the process keeps what it allocates; grows otherwise', () => {
    const held = newSpaceAfterKeeping(['serve', '--snapshot', 'acl.cgsnap']);
    const grown = newSpaceAfterKeeping(['serve', '--data', 'acl.jsonl']);
    // Node 20 on 64 bits: 2 MB (two 1 MB semi-spaces) held; 16 MB or more once grown (32 MB at most).
    expect(held).toBeLessThanOrEqual(4 * MB);
    expect(grown).toBeGreaterThanOrEqual(4 * held);
  });

  it('holds nothing when the arguments are not serving a snapshot', () => {
    expect(holdYoungGenerationFor(['check', '--snapshot', 'acl.cgsnap'])).toBe(false);
  });

  it('is half the size in the served process: the command sets the flag before loading the server', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'young-generation-')), 'seed.cgsnap');
    writeSnapshotFile(file, snapshotContentOf(loadSeedNetwork()));
    const serve = startCommand(['serve', '--snapshot', file, '--port', '0', '--metrics', '--request-threads', '1']);
    try {
      const [, url] = await serve.waitFor(/ready at (\S+)/u);
      const metrics = await (await fetch(new URL('/metrics', url))).text();
      const newSpace = Number(/nodejs_heap_space_size_total_bytes\{space="new"\} (\d+)/u.exec(metrics)?.[1]);
      expect(newSpace).toBeGreaterThan(0);
      // Node 20: 8 MB; 16 MB when the command does not set the flag (measured both ways).
      expect(newSpace).toBeLessThanOrEqual(8 * MB);
    } finally {
      serve.kill();
      await serve.exited();
    }
  }, 60_000);
});
