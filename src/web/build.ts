/**
 * Bundles the explorer (src/web/main.ts, its CSS, sigma.js and graphology) with esbuild into
 * `src/web/dist/` (explorer.js, explorer.css and their source maps), and the HTML report's chart script
 * (report-charts.ts with Chart.js, report-charts.js). Runs on `npm install` / `npm ci`
 * (the package's `prepare` script) and by `npm run build:web`. A build tool: the server never imports
 * it, it serves what this wrote. Nothing is fetched at run time: the page loads only files this server serves.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { REPORT_CHARTS_FILE, bundleDirectory, webDirectory } from './locations.ts';

/** The bundle's files by name (explorer.js, explorer.css, explorer.js.map, explorer.css.map). */
export async function bundleExplorer(): Promise<Map<string, Uint8Array>> {
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

/**
 * Bundles the report's chart script: one classic script (an IIFE, no imports, no source map) for the
 * report to inline, with Chart.js's licence comment kept at its end. Refuses a bundle holding `</script`,
 * which would end the inline script early.
 */
export async function bundleReportCharts(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(webDirectory, 'report-charts.ts')],
    bundle: true,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'eof',
  });
  const [file] = result.outputFiles;
  if (file === undefined) throw new Error('esbuild wrote no report chart bundle');
  if (/<\/script/iu.test(file.text)) throw new Error('the report chart bundle holds "</script" and cannot be inlined');
  return file.contents;
}

export async function writeReportChartsBundle(): Promise<string> {
  const contents = await bundleReportCharts();
  mkdirSync(bundleDirectory, { recursive: true });
  const path = join(bundleDirectory, REPORT_CHARTS_FILE);
  const aside = `${path}.${randomUUID()}.tmp`;
  writeFileSync(aside, contents);
  renameSync(aside, path);
  return REPORT_CHARTS_FILE;
}

// Run as a script (`node --import tsx src/web/build.ts`).
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = [...(await writeExplorerBundle()), await writeReportChartsBundle()];
  process.stdout.write(`explorer bundle written to ${bundleDirectory}: ${names.join(', ')}\n`);
}
