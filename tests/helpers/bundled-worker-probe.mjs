// A worker thread for tests/work/bundled-workers.test.ts: asks src/bin/bundle.js for the bundle's pass
// worker and tells its parent whether it got it (the pass worker itself then says it is ready).
import { parentPort } from 'node:worker_threads';
import { loadBundledWorker } from '../../src/bin/bundle.js';

parentPort.postMessage({ loaded: await loadBundledWorker('pass-worker') });
