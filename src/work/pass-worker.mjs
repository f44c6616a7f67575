// Worker entry for the pass threads (the exact all-pairs pass, the estimates, the shared pass's chunks).
// Worker threads do not inherit the TypeScript loader the main thread runs under, so this plain module
// registers it before loading the worker's code. The bundled server has its own pass-worker.mjs instead.
// With COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1 and a fresh bundle it loads the bundle's build of the same
// worker instead (src/bin/bundle.js).
import { loadBundledWorker } from '../bin/bundle.js';

if (!(await loadBundledWorker('pass-worker'))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./pass-worker.ts');
}
