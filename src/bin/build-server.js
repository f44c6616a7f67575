#!/usr/bin/env node
// Bundles the server into .build/ (run by `npm install` through the `prepare` script), so the command
// starts without compiling TypeScript or resolving imports file by file: its own modules and its
// dependencies are a few files. Start-up was mostly Node resolving, reading and compiling hundreds of
// dependency files one at a time (graphql-yoga and its plugins alone took about 0.4 s); bundled, loading
// the server's code takes about a third of the CPU time. Bundled dependencies take their ES module
// build where they have one (`module` before `main`), and CommonJS ones get a `require` made for the
// bundle's place.
// The bundle is split: each command and each part loaded with `import()` (the observability plugins,
// the server itself) is a chunk of its own, loaded when used, so `serve` never loads the database
// driver, the file parsers it does not need, or `export`'s writers.
// Kept external (loaded from node_modules): pino and pg, which start workers or native code from files
// beside their own (`__dirname`).
// The workers (the all-pairs pass, request work, the snapshot writer) get their own bundles beside the
// command's, where the command's bundle looks for them. src/bin/coauthor-graph.js uses the bundle only
// while it is newer than each of its inputs, listed in .build/inputs.json (the project's files and
// package-lock.json, so that updated dependencies make it stale too).
// Whitespace and syntax are minified, identifiers kept: V8 holds every loaded module's source for as
// long as the process runs (the main thread's and each worker's), and serving the ACL Anthology from
// a snapshot is 3 MB smaller at ready with the shorter bundle (4.6 MB of code before, 3.1 MB after).
// Stack traces point into the bundle's long lines; the linked source maps resolve them
// (`node --enable-source-maps`).
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = join(root, '.build');

/** Packages left to node_modules (see above); everything else a bundle imports is bundled. */
const EXTERNAL_PACKAGES = ['pino', 'thread-stream', 'pg', 'pg-native', 'pg-copy-streams', 'pg-cursor'];

const result = await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli.ts',
    'pass-worker': 'src/work/pass-worker.ts',
    'request-worker': 'src/work/request-worker.ts',
    'snapshot-writer-worker': 'src/snapshot/snapshot-writer-worker.ts',
    'version-network-worker': 'src/db/version-network-worker.ts',
    'curation-step-worker': 'src/db/curation-step-worker.ts',
    'title-hash-worker': 'src/ingest/title-hash-worker.ts',
    'json-lines-worker': 'src/ingest/json-lines-worker.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: EXTERNAL_PACKAGES,
  // CommonJS dependencies call `require` for Node's built-in modules.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
});
// Files of earlier builds that this one did not write are removed: chunks (their names carry content
// hashes) and the entries of workers that no longer exist. Files are replaced, not emptied first, so a
// command started from the previous build can still load what it shares.
const written = new Set(Object.keys(result.metafile.outputs).map((output) => output.split('/').pop()));
for (const name of readdirSync(outdir))
  if (/\.mjs(?:\.map)?$/u.test(name) && !written.has(name)) rmSync(join(outdir, name), { force: true });
// The project's own files that went in (not dependencies), and the lock file that pins the dependencies:
// the command compares their times with the bundle's.
const inputs = [
  ...Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules')),
  'package-lock.json',
].sort();
writeFileSync(join(outdir, 'inputs.json'), `${JSON.stringify(inputs, null, 2)}\n`);
// Which modules each file of the bundle holds and which files it imports, statically or when run
// or leaves outside (esbuild's metafile): what tests read to see what a thread loads and which
// packages the bundle needs installed, the bundle being minified.
const files = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([output]) => output.endsWith('.mjs'))
    .map(([output, { inputs: held, imports }]) => [
      output.split('/').pop(),
      {
        modules: Object.keys(held).sort(),
        // A file of the bundle by its name; a package or Node module left outside by its specifier.
        imports: imports.map((imported) =>
          imported.external
            ? { external: imported.path, kind: imported.kind }
            : { file: imported.path.split('/').pop(), kind: imported.kind },
        ),
      },
    ]),
);
writeFileSync(join(outdir, 'modules.json'), `${JSON.stringify(files, null, 2)}\n`);
