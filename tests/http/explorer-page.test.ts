/**
 * The server serves the explorer as built (src/web/dist, hashed names, immutable caching) and never
 * bundles at run time: without a bundle, `/` says how to build it; the server's own bundle leaves
 * esbuild (and the explorer's build script) out.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { useExplorerPage } from '../../src/http/explorer-page.ts';
import { bundleDirectory } from '../../src/web/locations.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
const yogaServing = (directory: string) =>
  createYoga({ schema, plugins: [useExplorerPage({ bundleDirectory: directory })], logging: false });
const scratch = mkdtempSync(join(tmpdir(), 'coauthor-graph-explorer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the explorer page', () => {
  it('says how to build a missing bundle (503), while the API still answers', async () => {
    const yoga = yogaServing(join(scratch, 'nowhere'));
    for (const path of ['/', '/index.html', '/explorer/explorer.js']) {
      const response = await yoga.fetch(`http://yoga${path}`);
      expect(response.status, path).toBe(503);
      expect(await response.text()).toContain('build it with `npm run build:web`');
    }
    const api = await yoga.fetch('http://yoga/graphql?query={ok}');
    expect(await api.json()).toEqual({ data: { ok: true } });
  });

  it('serves the built files under hashed names, and a rebuilt bundle once the page is asked for again', async () => {
    const directory = join(scratch, 'dist');
    cpSync(bundleDirectory, directory, { recursive: true });
    const yoga = yogaServing(directory);
    const hashedScript = async () => {
      const page = await (await yoga.fetch('http://yoga/')).text();
      return /"\/explorer\/(explorer\.[0-9a-f]{16}\.js)"/u.exec(page)?.[1];
    };
    const first = await hashedScript();
    expect(first).toBeDefined();
    const asset = await yoga.fetch(`http://yoga/explorer/${first}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(new Uint8Array(await asset.arrayBuffer())).toEqual(
      new Uint8Array(readFileSync(join(bundleDirectory, 'explorer.js'))),
    );
    // A rebuild (`npm run build:web` while the server runs): the page links the new file.
    const script = join(directory, 'explorer.js');
    const rebuilt = `${readFileSync(script, 'utf8')}\n// rebuilt\n`;
    writeFileSync(script, rebuilt);
    utimesSync(script, new Date(), new Date(Date.now() + 5_000));
    const second = await hashedScript();
    expect(second).not.toBe(first);
    expect(await (await yoga.fetch(`http://yoga/explorer/${second}`)).text()).toBe(rebuilt);
  });
});

describe('the server bundle', () => {
  it('holds neither esbuild nor the explorer build script', () => {
    // The bundle the run's global setup built from the sources as they are (tests/helpers/server-bundle.global.ts).
    const inputs = JSON.parse(readFileSync(join(root, '.build', 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('src/http/explorer-page.ts');
    expect(inputs).not.toContain('src/web/build.ts');
    expect(readFileSync(join(root, '.build', 'cli.mjs'), 'utf8')).not.toMatch(
      /from ["']esbuild["']|import\(["']esbuild["']\)/u,
    );
  });
});
