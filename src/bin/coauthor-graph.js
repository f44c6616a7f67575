#!/usr/bin/env node
// The installed command. It runs the bundle in .build/ (made by `npm install`, see build-server.js)
// while every source file that went into it is older than it, and otherwise the TypeScript sources
// through tsx's loader (saying so on stderr), so an edited checkout never runs stale code. tsx is a
// development dependency: an install without them (npm ci --omit=dev, after a build) runs the bundle,
// and when that is missing or stale it says how to build it instead of running stale code.
import { fileURLToPath } from 'node:url';
import { bundleFile, bundleIsFresh } from './bundle.js';
import { heapLimitFor, runWithHeapLimit, watchParent } from './heap-limit.js';
import { holdYoungGenerationFor } from './young-generation.js';

const args = process.argv.slice(2);
// Large data files: the command runs again in a child with a larger heap cap (see heap-limit.js).
const heapMegabytes = heapLimitFor(args);
if (heapMegabytes !== null) {
  process.exitCode = await runWithHeapLimit(heapMegabytes, fileURLToPath(import.meta.url), args);
} else {
  watchParent();
  // Before any of the server's modules is loaded (see young-generation.js).
  holdYoungGenerationFor(args);
  const main = await loadMain();
  process.exitCode = await main(args);
}

/** The command's `main`: from the bundle while it is fresh, else from the TypeScript sources. */
async function loadMain() {
  if (process.env.COAUTHOR_GRAPH_FROM_SOURCES !== '1' && bundleIsFresh()) return (await import(bundleFile('cli'))).main;
  if (process.env.COAUTHOR_GRAPH_FROM_SOURCES !== '1') {
    process.stderr.write(
      'coauthor-graph: running the TypeScript sources (the bundle in .build/ is missing or older than them; `npm run build:server` makes a new one and starts faster)\n',
    );
  }
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    process.stderr.write(
      'coauthor-graph: the bundle in .build/ is missing or older than the sources, and tsx (a development dependency) is not installed to run the sources: run `npm ci` (which builds the bundle; `npm prune --omit=dev` afterwards keeps it), or `npm run build:server` where the development dependencies are\n',
    );
    process.exit(1);
  }
  tsx.register();
  return (await import('../cli.ts')).main;
}
