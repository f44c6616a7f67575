/**
 * `npm test` on a machine with only Node.js: a test that needs Chromium or Debian's NetworkX is skipped
 * with one loud line saying what to install, and COAUTHOR_GRAPH_REQUIRE_ALL=1 (set by .ci/run) turns that
 * skip into a failure. Runs vitest itself in a child process with CHROMIUM_PATH pointing nowhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pythonHas } from './helpers/python.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const nowhere = join(tmpdir(), 'coauthor-graph-no-chromium', 'chromium');

function runVitest(file: string, env: Record<string, string>): { status: number | null; output: string } {
  const { COAUTHOR_GRAPH_REQUIRE_ALL: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [vitest, 'run', file, '--reporter=verbose'], {
    cwd: root,
    env: { ...inherited, CHROMIUM_PATH: nowhere, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('a test that needs Chromium on a machine without it', () => {
  const file = 'tests/browser/graphiql-csrf.test.ts';

  it('is skipped with one loud line saying what to install', () => {
    const { status, output } = runVitest(file, {});
    expect(status).toBe(0);
    const loud = output.split('\n').filter((line) => line.startsWith('***'));
    expect(loud).toEqual([
      `*** Chromium at ${nowhere} is not available: these tests are SKIPPED. Install Debian's Chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
    ]);
    expect(output).toMatch(/Tests +\d+ skipped/u);
    expect(output).not.toMatch(/\d+ passed/u);
  }, 150_000);

  it('fails under COAUTHOR_GRAPH_REQUIRE_ALL=1, saying what is missing', () => {
    const { status, output } = runVitest(file, { COAUTHOR_GRAPH_REQUIRE_ALL: '1' });
    expect(status).toBe(1);
    expect(output).toContain(
      `Chromium at ${nowhere} is not available: these tests are SKIPPED. Install Debian's Chromium (apt-get install chromium)`,
    );
    expect(output).toContain('COAUTHOR_GRAPH_REQUIRE_ALL=1 turns this skip into a failure');
    expect(output).toMatch(/Test Files +1 failed/u);
  }, 150_000);
});

describe('the NetworkX requirement', () => {
  it('finds NetworkX where it is, and tells a missing module or Python apart', () => {
    // The development and CI machines have Debian's python3-networkx; a fresh machine may not.
    expect(pythonHas('no_such_module_for_coauthor_graph')).toBe(false);
    expect(pythonHas('', '/nonexistent/python3')).toBe(false);
  });

  it('skips loudly without it and fails under COAUTHOR_GRAPH_REQUIRE_ALL=1', () => {
    // The helper's own message for a module that is missing everywhere, in a child process of its own.
    const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-requirement-'));
    const script = join(directory, 'probe.ts');
    writeFileSync(
      script,
      [
        `import { requirement } from ${JSON.stringify(join(root, 'tests/helpers/requirements.ts'))};`,
        `import { pythonHas } from ${JSON.stringify(join(root, 'tests/helpers/python.ts'))};`,
        `console.log(requirement('NetworkX for /usr/bin/python3', pythonHas('no_such_module_for_coauthor_graph'), 'Install python3-networkx.'));`,
      ].join('\n'),
    );
    const run = (env: Record<string, string>) => {
      const { COAUTHOR_GRAPH_REQUIRE_ALL: _ignored, ...inherited } = process.env;
      return spawnSync(process.execPath, ['--import', 'tsx', script], {
        cwd: root,
        env: { ...inherited, ...env },
        encoding: 'utf8',
      });
    };
    try {
      const skipped = run({});
      expect(skipped.status).toBe(0);
      expect(skipped.stdout.trim()).toBe('false');
      expect(skipped.stderr.trim()).toBe(
        '*** NetworkX for /usr/bin/python3 is not available: these tests are SKIPPED. Install python3-networkx.',
      );
      const required = run({ COAUTHOR_GRAPH_REQUIRE_ALL: '1' });
      expect(required.status).not.toBe(0);
      expect(required.stderr).toContain('COAUTHOR_GRAPH_REQUIRE_ALL=1 turns this skip into a failure');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
