/**
 * What each thread of `serve` loads before it is ready, read from the bundle the run's global setup
 * built (.build/modules.json: the modules each file of the bundle holds and the files it imports): a
 * file's static imports are loaded with it, its dynamic imports only when they run. A request worker
 * is given columns, never a file's bytes, so it loads no Arrow code (snapshot/worker-columns.ts); the
 * server's thread hands exports to its workers, so it loads no exporter (work/request-work.ts loads
 * the tasks' modules only for work done in its own thread).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface BundleFile {
  readonly modules: readonly string[];
  readonly imports: readonly { readonly file?: string; readonly external?: string; readonly kind: string }[];
}

const FILES = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../.build/modules.json', import.meta.url)), 'utf8'),
) as Record<string, BundleFile>;

/**
 * The modules of a file of the bundle and of every file it imports statically, transitively, and the
 * packages left to node_modules (external) that they import statically.
 */
function staticClosure(file: string): { modules: Set<string>; externals: Set<string> } {
  const seen = new Set<string>();
  const modules = new Set<string>();
  const externals = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const bundled = FILES[name];
    expect(bundled, name).toBeDefined();
    for (const module of (bundled as BundleFile).modules) modules.add(module);
    for (const { file: imported, external, kind } of (bundled as BundleFile).imports) {
      if (kind !== 'import-statement') continue;
      if (external !== undefined) externals.add(external);
      if (imported !== undefined) visit(imported);
    }
  };
  visit(file);
  return { modules, externals };
}

const loadedWith = (file: string): Set<string> => staticClosure(file).modules;

/** The file of the bundle holding a source file. */
function chunkOf(source: string): string {
  const files = Object.keys(FILES).filter((name) => (FILES[name] as BundleFile).modules.includes(source));
  expect(files, source).toHaveLength(1);
  return files[0] as string;
}

const anyUnder = (modules: Set<string>, prefix: string) => [...modules].some((module) => module.startsWith(prefix));

describe('modules loaded before ready', () => {
  it('a request worker loads no Arrow code', () => {
    const worker = loadedWith('request-worker.mjs');
    expect(worker.has('src/snapshot/worker-columns.ts')).toBe(true);
    expect(worker.has('src/work/request-tasks.ts')).toBe(true);
    expect(anyUnder(worker, 'node_modules/apache-arrow/')).toBe(false);
  });

  it('the server’s thread loads no exporter and no request task', () => {
    const serve = new Set(
      ['src/commands/serve.ts', 'src/app.ts', 'src/server.ts'].flatMap((source) => [...loadedWith(chunkOf(source))]),
    );
    expect(serve.has('src/work/request-work.ts')).toBe(true);
    expect(anyUnder(serve, 'src/export/')).toBe(false);
    expect(anyUnder(serve, 'node_modules/@xmldom/')).toBe(false);
    expect(serve.has('src/work/request-tasks.ts')).toBe(false);
  });

  it('a server without a database loads no PostgreSQL code, its curation file store included', () => {
    const sources = ['src/commands/serve.ts', 'src/curation/setup.ts', 'src/app.ts', 'src/server.ts'];
    const serve = new Set(sources.flatMap((source) => [...loadedWith(chunkOf(source))]));
    const externals = new Set(sources.flatMap((source) => [...staticClosure(chunkOf(source)).externals]));
    expect(serve.has('src/curation/file-store.ts')).toBe(true);
    expect(serve.has('src/curation/pg-store.ts')).toBe(false);
    expect(serve.has('src/db/database.ts')).toBe(false);
    expect(externals.has('pg')).toBe(false);
  });
});
