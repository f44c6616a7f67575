/**
 * What each thread of `serve` loads before it is ready, read from the bundle the run's global setup
 * built (.build/): a chunk's static imports are loaded with it, its dynamic imports only when they
 * run. A request worker is given columns, never a file's bytes, so it loads no Arrow code
 * (snapshot/worker-columns.ts); the server's thread hands exports to its workers, so it loads no
 * exporter (work/request-work.ts loads the tasks' modules only for work done in its own thread).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BUILD = fileURLToPath(new URL('../../.build/', import.meta.url));

/** The text of a chunk of the bundle and of every chunk it imports statically, transitively. */
function loadedWith(file: string): string {
  const seen = new Set<string>();
  const texts: string[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(join(BUILD, name), 'utf8');
    texts.push(text);
    for (const match of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gmsu))
      visit((match[1] ?? match[2]) as string);
  };
  visit(file);
  return texts.join('\n');
}

/** The bundle's chunk holding a source file (esbuild heads each module with a `// path` line). */
function chunkOf(source: string): string {
  const chunks = readdirSync(BUILD).filter(
    (name) => name.endsWith('.mjs') && readFileSync(join(BUILD, name), 'utf8').includes(`\n// ${source}\n`),
  );
  expect(chunks, source).toHaveLength(1);
  return chunks[0] as string;
}

describe('modules loaded before ready', () => {
  it('a request worker loads no Arrow code', () => {
    const worker = loadedWith('request-worker.mjs');
    expect(worker).toContain('// src/snapshot/worker-columns.ts\n');
    expect(worker).toContain('// src/work/request-tasks.ts\n');
    expect(worker).not.toContain('// node_modules/apache-arrow/');
  });

  it('the server’s thread loads no exporter and no request task', () => {
    const serve = ['src/commands/serve.ts', 'src/app.ts', 'src/server.ts']
      .map((source) => loadedWith(chunkOf(source)))
      .join('\n');
    expect(serve).toContain('// src/work/request-work.ts\n');
    expect(serve).not.toContain('// src/export/');
    expect(serve).not.toContain('// node_modules/@xmldom/');
    expect(serve).not.toContain('// src/work/request-tasks.ts\n');
  });
});
