/**
 * Bundles the explorer (src/web/main.ts, its CSS, sigma.js and graphology) with esbuild into
 * `src/web/dist/` (explorer.js, explorer.css and their source maps). Runs on `npm install` / `npm ci`
 * (the package's `prepare` script) and by `npm run build:web`; the server builds in memory when the
 * bundle is missing. Nothing is fetched at run time: the page loads only files this server serves.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/**
 * src/web: this file's folder when it runs from the sources; the package's src/web when it runs inside
 * the server's bundle in .build/ (src/bin/build-server.js), one level below the package root.
 */
export const webDirectory = existsSync(join(here, 'index.html')) ? here : join(here, '..', 'src', 'web');
export const bundleDirectory = join(webDirectory, 'dist');

/** The bundle's files by name (explorer.js, explorer.css, explorer.js.map, explorer.css.map). */
export async function bundleExplorer(): Promise<Map<string, Uint8Array>> {
  // Loaded when a bundle is made, not whenever the server starts.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { explorer: join(webDirectory, 'main.ts') },
    bundle: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    outdir: bundleDirectory,
    write: false,
    logLevel: 'silent',
    legalComments: 'linked',
  });
  return new Map(result.outputFiles.map((file) => [file.path.slice(bundleDirectory.length + 1), file.contents]));
}

/** The newest modification time among the explorer's sources (what the bundle is built from). */
export function sourcesModified(): number {
  return Math.max(
    0,
    ...readdirSync(webDirectory)
      .filter((name) => /\.(ts|css)$/u.test(name) && name !== 'build.ts')
      .map((name) => statSync(join(webDirectory, name)).mtimeMs),
  );
}

export async function writeExplorerBundle(): Promise<string[]> {
  const files = await bundleExplorer();
  mkdirSync(bundleDirectory, { recursive: true });
  // Written aside and renamed into place, so a server reading the bundle never sees half a file.
  for (const [name, contents] of files) {
    const path = join(bundleDirectory, name);
    const aside = `${path}.${randomUUID()}.tmp`;
    writeFileSync(aside, contents);
    renameSync(aside, path);
  }
  return [...files.keys()];
}

// Run as a script (`node --import tsx src/web/build.ts`), not when bundled into the server.
if (
  process.argv[1] !== undefined &&
  fileURLToPath(import.meta.url) === process.argv[1] &&
  import.meta.url.endsWith('/src/web/build.ts')
) {
  const names = await writeExplorerBundle();
  process.stdout.write(`explorer bundle written to ${bundleDirectory}: ${names.join(', ')}\n`);
}
