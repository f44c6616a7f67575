/**
 * The collaboration explorer at `/`: the page (src/web/index.html) and its bundle under
 * `/explorer/`. The bundle is read from `src/web/dist/` (written on `npm install` / `npm ci`, and read
 * again when a rebuild changed it); when it is missing (say, installed with --ignore-scripts) or older
 * than the sources, it is built in memory on the first request.
 * Only a fixed list of files is served: no path from a request reaches the file system.
 */
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
    bundle = version < 0
      ? bundleExplorer()
      : Promise.resolve(new Map([...types.keys()].filter((name) => existsSync(join(bundleDirectory, name)))
        .map((name) => [name, Uint8Array.from(readFileSync(join(bundleDirectory, name)))])));
  }
  return bundle;
}

/** Read per request: a few kilobytes, and an edited page shows without a restart. */
function indexPage(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(readFileSync(join(webDirectory, 'index.html')));
}

/** Serves the explorer page at `/` (and `/index.html`) and its bundle. */
export function useExplorerPage(): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/' || url.pathname === '/index.html') {
        endResponse(new fetchAPI.Response(indexPage(), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } }));
        return;
      }
      if (!url.pathname.startsWith(EXPLORER_ASSETS_PATH)) return;
      const name = url.pathname.slice(EXPLORER_ASSETS_PATH.length);
      const type = types.get(name);
      const body = type === undefined ? undefined : (await loadBundle()).get(name);
      endResponse(type === undefined || body === undefined
        ? new fetchAPI.Response('Not found', { status: 404 })
        : new fetchAPI.Response(Uint8Array.from(body), { headers: { 'content-type': type, 'cache-control': 'no-cache' } }));
    },
  };
}
