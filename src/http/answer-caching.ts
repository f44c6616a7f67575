/**
 * HTTP caching of GraphQL answers:
 * - every answer without errors that holds no estimate (no betweenness, closeness, harmonic or what
 *   depends on them, see `ESTIMATE_FIELDS`, or the exact pass is done) and no stale value (no metric
 *   a replica carries over from the previous version for the seconds after a curation step, see
 *   `STALE_LOCAL_FIELDS`, or this version's are in) carries an `ETag` derived from the network's
 *   version, the operation and its variables; a request whose
 *   `If-None-Match` holds it gets `304 Not Modified` (at once when the answer is in the response
 *   cache, else after running it, without the body);
 * - a `GET` answer carries `Cache-Control: public, max-age=N` (`--cache-max-age`; `no-cache` for 0);
 *   an answer given while centrality values are still estimates or stale carries `no-store` and no
 *   ETag, and stays out of the response cache: the fresh values come under the same network version,
 *   so a kept answer would hide them. Whether a request may hold such values is decided once, when
 *   its query is read, so an answer computed just before the fresh values arrived is not kept either;
 * - `Vary: Accept` (the answer's media type depends on it);
 * - a server-side response cache (`@graphql-yoga/plugin-response-cache`) keyed the same way,
 *   bounded by the size of what it holds (least recently used dropped first), emptied when the
 *   served network changes, and never holding estimates, errors or exports (each export may be
 *   megabytes and its content is handed over as bytes, see large-strings.ts).
 */
import { createHash } from 'node:crypto';
import type { Cache } from '@envelop/response-cache';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { type ExecutionResult, parse, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import { globalLocalMetrics } from '../analysis/provisional-local.ts';
import { allPairsFinal, answersAreFinal, networkVersion } from './network-version.ts';

/** What the response cache may hold in all, measured as the answers' JSON text (in memory, as objects, a few times more). */
export const RESPONSE_CACHE_MAX_BYTES = 16 * 1024 * 1024;

export interface AnswerCachingOptions {
  /** The network the next request is answered from. */
  readonly currentData: () => AnalyzedNetwork;
  /** `max-age` of GET answers, in seconds. */
  readonly maxAgeSeconds: number;
  /** Keep answers in memory on the server. */
  readonly responseCache: boolean;
  readonly maxBytes?: number;
}

/** An in-memory cache of answers bounded by their total size; entries used last are kept longest. */
export function boundedAnswerStore(
  maxBytes: number,
): Cache & { clear(): void; readonly bytes: number; readonly size: number } {
  const entries = new Map<string, { result: ExecutionResult; bytes: number }>();
  let bytes = 0;
  return {
    get(id) {
      const entry = entries.get(id);
      if (entry === undefined) return null;
      entries.delete(id);
      entries.set(id, entry);
      return entry.result;
    },
    set(id, result) {
      const size = JSON.stringify(result).length;
      if (size > maxBytes / 8) return; // one answer never takes more than an eighth
      const old = entries.get(id);
      if (old !== undefined) {
        bytes -= old.bytes;
        entries.delete(id);
      }
      entries.set(id, { result, bytes: size });
      bytes += size;
      for (const [key, entry] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(key);
        bytes -= entry.bytes;
      }
    },
    invalidate() {}, // no mutations: answers change only with the network, and the key holds its version
    clear() {
      entries.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Fields whose values are estimates while the exact pass runs (or depend on them: a ranking's order,
 * an export's scores). An answer that selects none of them is final at once. Matched by name, in any
 * type: a false match only costs a cache miss.
 */
const ESTIMATE_FIELDS = new Set([
  'betweenness',
  'closeness',
  'harmonic',
  'exact',
  'sampleSize',
  'computedAt',
  'centralityRanking',
  'averageShortestPathLength',
  'diameter',
  'figuresExact',
  'centralityProgress',
  'networkExport',
]);

/**
 * Fields whose values are the previous version's for the seconds after a curation step on a replica
 * (analysis/provisional-local.ts), or depend on them (a ranking, an export, the structure figures).
 */
const STALE_LOCAL_FIELDS = new Set<string>([
  ...globalLocalMetrics,
  'stale',
  'degeneracy',
  'transitivity',
  'averageClustering',
  'centralityRanking',
  'networkExport',
]);

/** Whether a query may select a field of `fields` (true when it cannot be read). */
function selectsAny(query: string | undefined, fields: ReadonlySet<string>): boolean {
  if (query === undefined) return true;
  try {
    let found = false;
    visit(parse(query, { noLocation: true }), {
      Field(node) {
        if (fields.has(node.name.value)) found = true;
      },
    });
    return found;
  } catch {
    return true;
  }
}

/** Whether a query may select a value that is an estimate until the exact pass is done (true when it cannot be read). */
export function mayHoldEstimates(query: string | undefined): boolean {
  return selectsAny(query, ESTIMATE_FIELDS);
}

/** Whether a query may select a local metric that is stale for a few seconds after a curation step (true when it cannot be read). */
export function mayHoldStaleLocal(query: string | undefined): boolean {
  return selectsAny(query, STALE_LOCAL_FIELDS);
}

function addVary(headers: Headers, value: string): void {
  const vary = headers.get('vary');
  if (!vary?.split(',').some((entry) => entry.trim().toLowerCase() === value.toLowerCase()))
    headers.set('vary', vary ? `${vary}, ${value}` : value);
}

/** The ETag of an answer: the network's version and a hash of the operation and its variables. */
export function answerTag(
  version: string,
  operationName: string | null | undefined,
  query: string,
  variables: unknown,
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([operationName ?? null, query, variables ?? {}]))
    .digest('base64url')
    .slice(0, 27);
  return `"${version}-${hash}"`;
}

function notModifiedHeaders(
  headers: Headers,
  tag: string,
  cacheControl: string | null,
  vary: string | null = 'Accept',
): Headers {
  headers.set('etag', tag);
  if (vary !== null) headers.set('vary', vary);
  if (cacheControl !== null) headers.set('cache-control', cacheControl);
  return headers;
}

function matches(ifNoneMatch: string | null, tag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(',').some((entry) => entry.trim().replace(/^W\//u, '') === tag || entry.trim() === '*');
}

export function useAnswerCaching(options: AnswerCachingOptions): Plugin {
  const store = boundedAnswerStore(options.maxBytes ?? RESPONSE_CACHE_MAX_BYTES);
  const tags = new WeakMap<Request, string>();
  const failed = new WeakSet<Request>();
  /** Requests whose answers may hold estimates or stale values (decided once per request, from its query and the network's state then). */
  const estimating = new WeakSet<Request>();
  const final = (request: Request) => !estimating.has(request);
  let storeVersion: string | null = null;
  const tagFor = (
    request: Request,
    params: { query?: string | undefined; operationName?: string | null | undefined; variables?: unknown },
  ) => {
    let tag = tags.get(request);
    if (tag === undefined) {
      const version = networkVersion(options.currentData());
      if (version !== storeVersion) {
        store.clear();
        storeVersion = version;
      }
      tag = answerTag(version, params.operationName, params.query ?? '', params.variables);
      tags.set(request, tag);
    }
    return tag;
  };
  // Known before the first request: the version is computed once per network, and exactness is final once reached.
  networkVersion(options.currentData());
  answersAreFinal(options.currentData());
  const cacheControl = options.maxAgeSeconds > 0 ? `public, max-age=${options.maxAgeSeconds}` : 'no-cache';
  return {
    onPluginInit({ addPlugin }) {
      if (!options.responseCache) return;
      addPlugin(
        useResponseCache({
          session: () => null,
          cache: store,
          ignoredTypes: ['NetworkExport'],
          enabled: (request) => final(request),
          buildResponseCacheKey: ({ request, documentString, operationName, variableValues }) =>
            tagFor(request, { query: documentString, operationName, variables: variableValues }),
        }) as Plugin,
      );
    },
    onParams({ request, params }) {
      tagFor(request, params);
      const data = options.currentData();
      // Once final, a network stays so: asked first, it is the one question on every request after.
      if (
        !answersAreFinal(data) &&
        ((mayHoldEstimates(params.query) && !allPairsFinal(data)) ||
          (mayHoldStaleLocal(params.query) && data.localStale()))
      )
        estimating.add(request);
    },
    onResultProcess({ request, result }) {
      const results = Array.isArray(result) ? result : [result];
      if (results.some((one) => (one as ExecutionResult).errors?.length)) failed.add(request);
    },
    onRequest({ request, url, fetchAPI, endResponse }) {
      // A conditional request for an answer still in the cache: 304 before anything is parsed.
      const ifNoneMatch = request.headers.get('if-none-match');
      if (
        ifNoneMatch === null ||
        !options.responseCache ||
        url.pathname !== '/graphql' ||
        !answersAreFinal(options.currentData())
      )
        return;
      const version = networkVersion(options.currentData());
      const tag = ifNoneMatch
        .split(',')
        .map((entry) => entry.trim().replace(/^W\//u, ''))
        .find((entry) => entry.startsWith(`"${version}-`) && store.get(entry) !== null);
      if (tag !== undefined)
        endResponse(
          new fetchAPI.Response(null, {
            status: 304,
            headers: notModifiedHeaders(new fetchAPI.Headers(), tag, request.method === 'GET' ? cacheControl : null),
          }),
        );
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      const tag = tags.get(request);
      if (tag === undefined || response.status !== 200) return;
      const { headers } = response;
      // A subscription's event stream is live: never cached, never validated by tag.
      if (/^text\/event-stream/iu.test(headers.get('content-type') ?? '')) {
        headers.delete('etag');
        headers.set('cache-control', 'no-store');
        return;
      }
      addVary(headers, 'Accept');
      if (!final(request)) {
        headers.delete('etag');
        headers.delete('last-modified');
        headers.set('cache-control', 'no-store');
        return;
      }
      if (failed.has(request)) return;
      if (headers.get('etag') !== tag) headers.set('etag', tag);
      if (request.method === 'GET') headers.set('cache-control', cacheControl);
      if (matches(request.headers.get('if-none-match'), tag)) {
        const kept = new fetchAPI.Headers();
        for (const name of ['x-request-id', 'access-control-allow-origin', 'access-control-expose-headers']) {
          const value = headers.get(name);
          if (value !== null) kept.set(name, value);
        }
        setResponse(
          new fetchAPI.Response(null, {
            status: 304,
            headers: notModifiedHeaders(kept, tag, request.method === 'GET' ? cacheControl : null, headers.get('vary')),
          }),
        );
      }
    },
  };
}
