/**
 * What a process serving a snapshot holds at the ready line: no more than it needs to answer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSnapshotFile } from '../../src/snapshot/snapshot-file.ts';
import { killAllCommands, startCommand } from '../helpers/command-process.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';
import { snapshotContentOf } from '../helpers/network-contents.ts';

afterAll(killAllCommands);

const LOCALE_TRAP = fileURLToPath(new URL('fixtures/locale-trap.mjs', import.meta.url));

describe('a process serving a snapshot, at the ready line', () => {
  it('(the trap sees a use of the locale formats)', () => {
    const trapFile = join(mkdtempSync(join(tmpdir(), 'locale-trap-')), 'locale-uses.txt');
    const run = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(LOCALE_TRAP).href, '-e', "(10000).toLocaleString('en')"],
      {
        env: { ...process.env, LOCALE_TRAP_FILE: trapFile },
      },
    );
    expect(run.status).toBe(0);
    expect(readFileSync(trapFile, 'utf8')).toContain('Number.prototype.toLocaleString');
  });

  it('has used none of the locale formats or collation (whose ICU data is about 5 MB resident)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-snapshot-memory-'));
    const file = join(dir, 'seed.cgsnap');
    const trapFile = join(dir, 'locale-uses.txt');
    writeSnapshotFile(file, snapshotContentOf(loadSeedNetwork()));
    const serve = startCommand(['serve', '--snapshot', file, '--port', '0', '--request-threads', '1'], {
      NODE_OPTIONS: `--import ${pathToFileURL(LOCALE_TRAP).href}`,
      LOCALE_TRAP_FILE: trapFile,
    });
    try {
      const [, url] = await serve.waitFor(/ready at (\S+)/u);
      expect(url).toMatch(/^http:/u);
      // Before the schema's description was written without toLocaleString, this listed
      // Number.prototype.toLocaleString from api/collaboration-path.ts.
      expect(existsSync(trapFile) ? readFileSync(trapFile, 'utf8') : '').toBe('');
    } finally {
      serve.kill();
      await serve.exited();
    }
  }, 60_000);
});
