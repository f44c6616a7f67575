// Worker entry for the pass threads (the exact all-pairs pass, the estimates, the shared pass's chunks).
// Worker threads do not inherit the TypeScript loader the main thread runs under, so this plain module
// registers it before loading the worker's code. The bundled server has its own pass-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./pass-worker.ts');
