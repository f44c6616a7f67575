// Worker entry for request work (layouts, exports, duplicate candidates). Worker threads do not
// inherit the TypeScript loader the main thread runs under, so this plain module registers it before
// loading the worker's code. The bundled server has its own request-worker.mjs instead.
// With COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1 and a fresh bundle it loads the bundle's build of the same
// worker instead (src/bin/bundle.js).
import { loadBundledWorker } from '../bin/bundle.js';

if (!(await loadBundledWorker('request-worker'))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./request-worker.ts');
}
