// Worker entry for the fused all-pairs pass. Worker threads do not inherit the TypeScript loader the
// main thread runs under, so this plain module registers it before loading the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./shortest-path-worker.ts');
