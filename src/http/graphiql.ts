/**
 * GraphiQL served from this server alone. Yoga's built-in page loads its scripts and styles from a
 * CDN; ours serves the same build (the `@graphql-yoga/graphiql` package) from `/graphiql/assets/`, so
 * the playground works on a closed network and nothing is fetched from elsewhere at run time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets/';

/** The files served, by name: a Map, so a name from the request (`__proto__`, `constructor`) finds only these. */
const assets: ReadonlyMap<string, string> = new Map([
  ['graphiql.css', 'text/css; charset=utf-8'],
  ['yoga-graphiql.umd.js', 'text/javascript; charset=utf-8'],
  ['monacoeditorwork/editor.worker.bundle.js', 'text/javascript; charset=utf-8'],
  ['monacoeditorwork/json.worker.bundle.js', 'text/javascript; charset=utf-8'],
  ['monacoeditorwork/graphql.worker..bundle.js', 'text/javascript; charset=utf-8'],
]);

const distDirectory = join(
  dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')),
  'dist',
);
const loaded = new Map<string, Uint8Array<ArrayBuffer>>();

function asset(name: string): Uint8Array<ArrayBuffer> {
  let body = loaded.get(name);
  if (body === undefined) {
    body = Uint8Array.from(readFileSync(join(distDirectory, name)));
    loaded.set(name, body);
  }
  return body;
}

/** Serves the GraphiQL build's files (a fixed list: no path from the request reaches the file system). */
export function useGraphiQLAssets(): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return;
      const name = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length);
      const type = assets.get(name);
      endResponse(
        type === undefined
          ? new fetchAPI.Response('Not found', { status: 404 })
          : new fetchAPI.Response(asset(name), {
              headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
            }),
      );
    },
  };
}

/**
 * The GraphiQL page, as yoga's own but with every asset served locally. This GraphiQL build opens
 * with `query` and uses `defaultQuery` only for new tabs, so the default query is given as both.
 */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const settings = { ...options, query: options.defaultQuery };
  const json = (value: unknown) => JSON.stringify(value).replace(/</gu, '\\u003c');
  const title = (options.title ?? 'GraphiQL').replace(/[&<>"]/gu, (c) => `&#${c.charCodeAt(0)};`);
  const workers = {
    editorWorkerService: `${GRAPHIQL_ASSETS_PATH}monacoeditorwork/editor.worker.bundle.js`,
    json: `${GRAPHIQL_ASSETS_PATH}monacoeditorwork/json.worker.bundle.js`,
    graphql: `${GRAPHIQL_ASSETS_PATH}monacoeditorwork/graphql.worker..bundle.js`,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>You need to enable JavaScript to run GraphiQL.</noscript>
<div id="root">Loading ${title}…</div>
<script>
const workerUrls = ${json(workers)};
const workers = {};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };
function prepareWorkers() {
  return Promise.all(Object.entries(workerUrls).map(async ([label, url]) => {
    const text = await (await fetch(url)).text();
    workers[label] = URL.createObjectURL(new Blob([text], { type: 'application/javascript' }));
  }));
}
</script>
<script src="${GRAPHIQL_ASSETS_PATH}yoga-graphiql.umd.js"></script>
<script>prepareWorkers().finally(() => { YogaGraphiQL.renderYogaGraphiQL(root, ${json(settings)}); });</script>
</body>
</html>
`;
}
