// Worker entry for the second part of a large JSON Lines file (json-lines-split.ts). Worker threads do
// not inherit the TypeScript loader the main thread runs under, so this plain module registers it
// before loading the worker's code. The bundled server has its own json-lines-worker.mjs instead.
// With COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1 and a fresh bundle it loads the bundle's build of the same
// worker instead (src/bin/bundle.js).
import { workerData } from 'node:worker_threads';
import { loadBundledWorker } from '../bin/bundle.js';

try {
  if (!(await loadBundledWorker('json-lines-worker'))) {
    const { register } = await import('tsx/esm/api');
    register();
    await import('./json-lines-worker.ts');
  }
} catch (error) {
  // The loading thread waits on the signal: it hears at once that it reads the part itself.
  workerData.port.postMessage({ failed: String(error) });
  Atomics.add(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
}
