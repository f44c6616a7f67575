// Worker entry for a replica's curation step off the event loop. Worker threads do not inherit the
// TypeScript loader the main thread runs under, so this plain module registers it before loading the
// worker's code. The bundled server has its own curation-step-worker.mjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./curation-step-worker.ts');
