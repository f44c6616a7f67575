/**
 * The command on an install without development dependencies (tsx, esbuild): it runs the built bundle,
 * and when there is none (or it is stale) it says how to build one instead of failing on a missing tsx.
 * Played out in a copy of the command without node_modules. Every package the built server imports is a
 * production dependency.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const install = mkdtempSync(join(tmpdir(), 'coauthor-graph-production-'));
afterAll(() => rmSync(install, { recursive: true, force: true }));
mkdirSync(join(install, 'src', 'bin'), { recursive: true });
for (const file of ['coauthor-graph.js', 'bundle.js', 'heap-limit.js', 'young-generation.js'])
  cpSync(join(root, 'src', 'bin', file), join(install, 'src', 'bin', file));
writeFileSync(join(install, 'package.json'), '{ "type": "module" }\n');

const run = () =>
  spawnSync(process.execPath, [join(install, 'src', 'bin', 'coauthor-graph.js'), '--version'], {
    cwd: install,
    encoding: 'utf8',
    env: { ...process.env, COAUTHOR_GRAPH_FROM_SOURCES: '' },
  });

describe('the production dependencies', () => {
  it('hold everything the built server imports, and no build tool', () => {
    // The bundle the run's global setup built from the sources as they are (tests/helpers/server-bundle.global.ts).
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const imported = new Set<string>();
    // What each file of the bundle imports from outside it (.build/modules.json, written by the build).
    const files = JSON.parse(readFileSync(join(root, '.build', 'modules.json'), 'utf8')) as Record<
      string,
      { imports: { external?: string }[] }
    >;
    for (const { imports } of Object.values(files)) {
      for (const { external: specifier } of imports) {
        // Bundled CommonJS dependencies name Node's modules without the `node:` prefix.
        if (specifier === undefined || isBuiltin(specifier)) continue;
        const parts = specifier.split('/');
        imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((name) => !(name in manifest.dependencies))).toEqual([]);
    // Everything else is bundled (start-up reads a few files instead of resolving hundreds): only the
    // packages that load files beside their own stay in node_modules (src/bin/build-server.js).
    expect([...imported].sort()).toEqual(['pg', 'pg-copy-streams', 'pino']);
    for (const tool of ['tsx', 'esbuild', 'sigma']) expect(manifest.dependencies).not.toHaveProperty(tool);
  }, 60_000);
});

describe('an install without development dependencies', () => {
  it('without a bundle, says how to build one', () => {
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('tsx (a development dependency) is not installed');
    expect(result.stderr).toContain('npm run build:server');
  });

  it('runs a fresh bundle without tsx', () => {
    mkdirSync(join(install, '.build'), { recursive: true });
    writeFileSync(
      join(install, '.build', 'cli.mjs'),
      'export async function main(args) { process.stdout.write(`bundle ran with ${args.join(" ")}\\n`); return 0; }\n',
    );
    writeFileSync(join(install, '.build', 'inputs.json'), '[]\n');
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('bundle ran with --version\n');
    expect(result.status).toBe(0);
  });
});
