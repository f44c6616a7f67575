// Worker entry for the title hashes of a load from data files (title-hashes.ts). Worker threads do not
// inherit the TypeScript loader the main thread runs under, so this plain module registers it before
// loading the worker's code. The bundled server has its own title-hash-worker.mjs instead.
// With COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1 and a fresh bundle it loads the bundle's build of the same
// worker instead (src/bin/bundle.js).
import { loadBundledWorker } from '../bin/bundle.js';

if (!(await loadBundledWorker('title-hash-worker'))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./title-hash-worker.ts');
}
