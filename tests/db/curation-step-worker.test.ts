/**
 * The replica's warm curation-step worker (src/db/curation-step.ts) waits idle for steps: it must
 * never keep a process alive on its own. It did: a 'message' listener added after `unref()` refs a
 * worker again, so a replica of a large network stopped by SIGTERM stayed up until its grace period's
 * safety exit. Each case runs in a child process, which must exit by itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const curationStep = fileURLToPath(new URL('../../src/db/curation-step.ts', import.meta.url));

const scripts = mkdtempSync(join(tmpdir(), 'curation-step-worker-'));
afterAll(() => rmSync(scripts, { recursive: true, force: true }));
let scriptCount = 0;

/** Runs `body` (an ES module's code, with `step` the module) in a Node process; its exit code, or 'hung'. */
function runChild(body: string, timeoutMs: number): Promise<{ code: number | 'hung'; output: string }> {
  const script = `
    const step = await import(${JSON.stringify(curationStep)});
    // Columns past the in-thread limit: the step worker starts (only their sizes are read here).
    const large = { offsets: new Int32Array(step.IN_THREAD_STEP_LIMIT), neighbors: new Int32Array(0) };
    ${body}
  `;
  // A file, not -e: a worker started from an evaluated script never came up under tsx.
  scriptCount += 1;
  const file = join(scripts, `child-${scriptCount}.mjs`);
  writeFileSync(file, script);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'hung', output });
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

describe('the warm curation-step worker', () => {
  it('does not keep an otherwise finished process alive', async () => {
    const { code, output } = await runChild(
      `step.prestartCurationStepWorker(large);
       // Long enough for the worker to be up (it loads the sources through tsx).
       setTimeout(() => console.log('main done'), 3000);`,
      30_000,
    );
    expect(output).toContain('main done');
    expect(code).toBe(0);
  }, 40_000);

  it('is ended by stopCurationStepWorker, once or twice', async () => {
    const { code, output } = await runChild(
      `step.prestartCurationStepWorker(large);
       await new Promise((resolve) => setTimeout(resolve, 1000));
       console.log('stopped', await step.stopCurationStepWorker());
       console.log('again', await step.stopCurationStepWorker());`,
      30_000,
    );
    expect(output).toContain('stopped true');
    expect(output).toContain('again false');
    expect(code).toBe(0);
  }, 40_000);
});
