// Worker entry for building a store version's network off the event loop. Worker threads do not
// inherit the TypeScript loader the main thread runs under, so this plain module registers it before
// loading the worker's code. The bundled server has its own version-network-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./version-network-worker.ts');
