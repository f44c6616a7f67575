/**
 * The collaboration explorer at `/`: the page (src/web/index.html) and its bundle under
 * `/explorer/`. The bundle is read from `src/web/dist/` (written on `npm install` / `npm ci`, and read
 * again when a rebuild changed it); when it is missing (say, installed with --ignore-scripts) or older
 * than the sources, it is built in memory on the first request.
 * Only a fixed list of files is served: no path from a request reaches the file system.
 *
 * The page links the script and the styles under hashed names (`explorer.<hash>.js`), served with
 * `Cache-Control: immutable` for a year: a browser downloads the bundle once per version. The plain
 * names still work (revalidated each time, with an ETag). The page itself is always revalidated.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { bundleDirectory, bundleExplorer, sourcesModified, webDirectory } from '../web/build.ts';

export const EXPLORER_ASSETS_PATH = '/explorer/';

/** The files served, by name: a Map, so a name from the request (`__proto__`, `toString`) finds only these. */
const types: ReadonlyMap<string, string> = new Map([
  ['explorer.js', 'text/javascript; charset=utf-8'],
  ['explorer.css', 'text/css; charset=utf-8'],
  ['explorer.js.map', 'application/json; charset=utf-8'],
  ['explorer.css.map', 'application/json; charset=utf-8'],
]);

let bundle: Promise<Map<string, Uint8Array>> | null = null;
let bundleVersion = -1;

/**
 * The bundle on disk (read again when `npm run build:web` rewrote it); built in memory instead when
 * it is missing or older than the sources (a checkout updated without `npm install`).
 */
function loadBundle(): Promise<Map<string, Uint8Array>> {
  const script = join(bundleDirectory, 'explorer.js');
  const onDisk = existsSync(script) && existsSync(join(bundleDirectory, 'explorer.css')) ? statSync(script).mtimeMs : 0;
  const sources = sourcesModified();
  const version = onDisk >= sources ? onDisk : -sources;
  if (bundle === null || version !== bundleVersion) {
    bundleVersion = version;
    bundle =
      version < 0
        ? bundleExplorer()
        : Promise.resolve(
            new Map(
              [...types.keys()]
                .filter((name) => existsSync(join(bundleDirectory, name)))
                .map((name) => [name, Uint8Array.from(readFileSync(join(bundleDirectory, name)))]),
            ),
          );
  }
  return bundle;
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

/** Serves the explorer page at `/` (and `/index.html`) and its bundle. */
export function useExplorerPage(): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/' || url.pathname === '/index.html') {
        endResponse(
          new fetchAPI.Response(indexPage(assetsOf(await loadBundle()).hashed), {
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
          }),
        );
        return;
      }
      if (!url.pathname.startsWith(EXPLORER_ASSETS_PATH)) return;
      const name = url.pathname.slice(EXPLORER_ASSETS_PATH.length);
      const { plain, hashed } = assetsOf(await loadBundle());
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
