#!/usr/bin/env node
// The installed command. It runs the bundle in .build/ (made by `npm install`, see build-server.js)
// when that is newer than every source file, and otherwise the TypeScript sources through tsx's loader,
// so an edited checkout never runs stale code.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../../.build/cli.mjs', import.meta.url));
const sources = fileURLToPath(new URL('..', import.meta.url));

function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    // src/web/dist holds the explorer's browser bundle, not server code.
    if (entry.isDirectory()) newest = entry.name === 'dist' ? newest : Math.max(newest, newestSource(path));
    else if (/\.(ts|js|mjs)$/u.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    return statSync(bundle).mtimeMs >= newestSource(sources);
  } catch {
    return false;
  }
}

let main;
if (process.env.COAUTHOR_GRAPH_FROM_SOURCES !== '1' && bundleIsFresh()) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
