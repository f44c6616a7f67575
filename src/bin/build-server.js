#!/usr/bin/env node
// Bundles the server's TypeScript into .build/ (run by `npm install` through the `prepare` script),
// so the command starts without compiling TypeScript and resolving every import through a loader:
// about a second less from start to ready. Dependencies stay external (loaded from node_modules).
// The workers (the all-pairs pass, request work, the snapshot writer) get their own bundles beside the command's, where the command's
// bundle looks for it. src/bin/coauthor-graph.js uses the bundle only while it is newer than each of
// its inputs, listed in .build/inputs.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

const result = await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli.ts',
    'pass-worker': 'src/work/pass-worker.ts',
    'request-worker': 'src/work/request-worker.ts',
    'snapshot-writer-worker': 'src/snapshot/snapshot-writer-worker.ts',
    'version-network-worker': 'src/db/version-network-worker.ts',
    'curation-step-worker': 'src/db/curation-step-worker.ts',
  },
  outdir: '.build',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});
// The project's own files that went in (not dependencies): the command compares their times with the bundle's.
const inputs = Object.keys(result.metafile.inputs)
  .filter((input) => !input.includes('node_modules'))
  .sort();
writeFileSync(join(root, '.build', 'inputs.json'), `${JSON.stringify(inputs, null, 2)}\n`);
