// The server bundle in .build/ (made by build-server.js) and whether it may run: it is fresh when it is
// newer than each of its inputs (listed by the build in .build/inputs.json). The command
// (coauthor-graph.js) runs it only then; so may the worker entries of a process that runs the sources.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const build = new URL('../../.build/', import.meta.url);

/** The bundle's file for `entry` (cli, pass-worker, request-worker, ...). */
export function bundleFile(entry) {
  return fileURLToPath(new URL(`${entry}.mjs`, build));
}

/** The bundle is fresh when it is newer than each of its inputs (listed by the build). */
export function bundleIsFresh() {
  try {
    const built = statSync(bundleFile('cli')).mtimeMs;
    const inputs = JSON.parse(readFileSync(new URL('inputs.json', build), 'utf8'));
    return inputs.every((input) => statSync(fileURLToPath(new URL(input, new URL('../', build)))).mtimeMs <= built);
  } catch {
    return false;
  }
}

/**
 * For a worker entry of a process running the TypeScript sources: with COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1
 * and a fresh bundle, loads the bundle's own build of worker `entry` and returns true (the worker then
 * starts without compiling and resolving its modules through tsx, seconds of CPU on a busy machine; the
 * test runs set it); otherwise returns false and the caller loads the sources (the default).
 */
export async function loadBundledWorker(entry) {
  if (process.env.COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE !== '1' || !bundleIsFresh()) return false;
  await import(bundleFile(entry));
  return true;
}
