/**
 * The collaboration explorer at `/`: the page (src/web/index.html) and its bundle under
 * `/explorer/`, read from `src/web/dist/` as `npm run build:web` wrote it (`npm install` / `npm ci` run
 * it). The server only serves the built files: it never bundles, and never looks at the explorer's
 * sources. When the bundle is missing (say, installed with --ignore-scripts), `/` answers 503 with the
 * command that builds it, and the API works as ever.
 * Only a fixed list of files is served: no path from a request reaches the file system.
 *
 * The page links the script and the styles under hashed names (`explorer.<hash>.js`), served with
 * `Cache-Control: immutable` for a year: a browser downloads the bundle once per version. The plain
 * names still work (revalidated each time, with an ETag). The page itself is always revalidated, and
 * is where a rebuilt bundle is noticed (one stat of explorer.js per page, none per asset).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { BUILD_COMMAND, bundleDirectory as builtBundleDirectory, webDirectory } from '../web/locations.ts';

export const EXPLORER_ASSETS_PATH = '/explorer/';

/** The files served, by name: a Map, so a name from the request (`__proto__`, `toString`) finds only these. */
const types: ReadonlyMap<string, string> = new Map([
  ['explorer.js', 'text/javascript; charset=utf-8'],
  ['explorer.css', 'text/css; charset=utf-8'],
  ['explorer.js.map', 'application/json; charset=utf-8'],
  ['explorer.css.map', 'application/json; charset=utf-8'],
]);

/** The built bundle in `directory` (null when it is missing), read again when explorer.js changes. */
function bundleReader(directory: string): {
  current(): Map<string, Uint8Array> | null;
  latest(): Map<string, Uint8Array> | null;
} {
  let files: Map<string, Uint8Array> | null = null;
  let version = -1;
  const latest = () => {
    const script = join(directory, 'explorer.js');
    const modified = existsSync(script) && existsSync(join(directory, 'explorer.css')) ? statSync(script).mtimeMs : -1;
    if (modified !== version) {
      version = modified;
      files =
        modified < 0
          ? null
          : new Map(
              [...types.keys()]
                .filter((name) => existsSync(join(directory, name)))
                .map((name) => [name, Uint8Array.from(readFileSync(join(directory, name)))]),
            );
    }
    return files;
  };
  return { latest, current: () => files ?? latest() };
}

function missingBundle(directory: string): string {
  return `The explorer's bundle is missing (${join(directory, 'explorer.js')}): build it with \`${BUILD_COMMAND}\` (npm install and npm ci run it too), then reload this page. The GraphQL API at /graphql works without it.\n`;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

interface Asset {
  readonly name: string;
  readonly body: Uint8Array;
  readonly tag: string;
}

/** Each file of the bundle by its plain name and by its hashed name (`explorer.<hash>.js`). */
const assetTables = new WeakMap<Map<string, Uint8Array>, { plain: Map<string, Asset>; hashed: Map<string, Asset> }>();
function assetsOf(files: Map<string, Uint8Array>) {
  let table = assetTables.get(files);
  if (table === undefined) {
    table = { plain: new Map(), hashed: new Map() };
    for (const [name, body] of files) {
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      const asset = { name, body, tag: `"${hash}"` };
      table.plain.set(name, asset);
      table.hashed.set(name.replace(/^explorer\./u, `explorer.${hash}.`), asset);
    }
    assetTables.set(files, table);
  }
  return table;
}

/** Read per request: a few kilobytes, and an edited page shows without a restart. Links the hashed names. */
function indexPage(assets: Map<string, Asset>): string {
  let page = readFileSync(join(webDirectory, 'index.html'), 'utf8');
  for (const [hashed, asset] of assets) {
    if (asset.name === 'explorer.js' || asset.name === 'explorer.css')
      page = page.replace(`"${EXPLORER_ASSETS_PATH}${asset.name}"`, `"${EXPLORER_ASSETS_PATH}${hashed}"`);
  }
  return page;
}

/** Serves the explorer page at `/` (and `/index.html`) and its bundle (by default the one `npm run build:web` wrote). */
export function useExplorerPage(options: { bundleDirectory?: string } = {}): Plugin {
  const directory = options.bundleDirectory ?? builtBundleDirectory;
  const bundle = bundleReader(directory);
  return {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const isPage = url.pathname === '/' || url.pathname === '/index.html';
      if (!isPage && !url.pathname.startsWith(EXPLORER_ASSETS_PATH)) return;
      const files = isPage ? bundle.latest() : bundle.current();
      if (files === null) {
        endResponse(
          new fetchAPI.Response(missingBundle(directory), {
            status: 503,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
          }),
        );
        return;
      }
      if (isPage) {
        endResponse(
          new fetchAPI.Response(indexPage(assetsOf(files).hashed), {
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
          }),
        );
        return;
      }
      const name = url.pathname.slice(EXPLORER_ASSETS_PATH.length);
      const { plain, hashed } = assetsOf(files);
      const immutable = hashed.get(name);
      const asset = immutable ?? plain.get(name);
      const type = asset === undefined ? undefined : types.get(asset.name);
      if (asset === undefined || type === undefined) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      const headers = {
        'content-type': type,
        'cache-control': immutable === undefined ? 'no-cache' : IMMUTABLE,
        etag: asset.tag,
      };
      const ifNoneMatch = request.headers.get('if-none-match');
      endResponse(
        ifNoneMatch !== null && ifNoneMatch.split(',').some((entry) => entry.trim().replace(/^W\//u, '') === asset.tag)
          ? new fetchAPI.Response(null, {
              status: 304,
              headers: { 'cache-control': headers['cache-control'], etag: asset.tag },
            })
          : new fetchAPI.Response(Uint8Array.from(asset.body), { headers }),
      );
    },
  };
}
