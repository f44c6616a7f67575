// Worker entry for request work (layouts, exports, duplicate candidates). Worker threads do not
// inherit the TypeScript loader the main thread runs under, so this plain module registers it before
// loading the worker's code. The bundled server has its own request-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./request-worker.ts');
