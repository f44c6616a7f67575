// Worker entry for building a store version's network off the event loop. Worker threads do not
// inherit the TypeScript loader the main thread runs under, so this plain module registers it before
// loading the worker's code. The bundled server has its own version-network-worker.mjs instead.
// With COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1 and a fresh bundle it loads the bundle's build of the same
// worker instead (src/bin/bundle.js).
import { loadBundledWorker } from '../bin/bundle.js';

if (!(await loadBundledWorker('version-network-worker'))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./version-network-worker.ts');
}
