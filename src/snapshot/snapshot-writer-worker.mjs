// Worker entry for writing a snapshot file off the event loop. Worker threads do not inherit the
// TypeScript loader the main thread runs under, so this plain module registers it before loading the
// worker's code. The bundled server has its own snapshot-writer-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./snapshot-writer-worker.ts');
