// Worker entry for the shared pass's threads. Worker threads do not inherit the TypeScript loader the
// main thread runs under, so this plain module registers it before loading the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./chunk-worker.ts');
