/**
 * Vitest's global setup: builds the server bundle (.build/, src/bin/build-server.js) once, before any
 * test file runs, from the sources as they are now. Every test that starts the real command
 * (src/bin/coauthor-graph.js) then runs the bundle, as users do: it is fresh, so the command does not
 * fall back to compiling the TypeScript sources through tsx in each process and each of its worker
 * threads (seconds of CPU per process on a 2-core machine). Tests that look at the bundle itself read
 * this build. Building here rather than in each file also means no file rewrites the bundle while
 * another file's processes are loading it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const built = Symbol.for('coauthor-graph.tests.server-bundle-built');

export default function setup(): void {
  // Each project (parallel, sequential) runs the global setup; one build serves both.
  const state = globalThis as { [built]?: boolean };
  if (state[built]) return;
  state[built] = true;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['src/bin/build-server.js'], { cwd: root, stdio: 'inherit' });
}
