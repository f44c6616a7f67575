/**
 * Large strings (an export file of several megabytes) cost the event loop twice on their way out:
 * once escaped into the JSON response, once encoded to UTF-8, hundreds of milliseconds for a file of
 * ten megabytes. The worker thread that made such a string also escapes and encodes it; the resolver
 * returns a short placeholder instead (`LargeStrings.placeholder`), and once the response is written
 * each placeholder is replaced by the worker's bytes, joined as they are. The event loop handles only
 * the small rest of the response.
 *
 * When the client accepts no JSON response (server-sent events, multipart), the strings are decoded
 * and put back into the result before it is written.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type LargeStrings, decodeJsonString } from '../work/encoded-json-string.ts';

const MARK = '\u0000large-string:';
const placeholderPattern = /\\u0000large-string:(\d+)\\u0000/gu;
const registries = new WeakMap<Request, Map<string, Uint8Array<ArrayBuffer>>>();

export function largeStringsFor(request: Request): LargeStrings {
  return {
    placeholder(value) {
      let registry = registries.get(request);
      if (registry === undefined) registries.set(request, (registry = new Map<string, Uint8Array<ArrayBuffer>>()));
      const id = String(registry.size);
      registry.set(id, value.jsonUtf8);
      return `${MARK}${id}\u0000`;
    },
  };
}

function acceptsJson(request: Request): boolean {
  const accept = request.headers.get('accept');
  return (
    accept === null ||
    accept === '' ||
    /(^|,)\s*(\*\/\*|application\/\*|application\/json|application\/graphql-response\+json)\s*(;|,|$)/iu.test(accept)
  );
}

function restoreIn(value: unknown, registry: Map<string, Uint8Array<ArrayBuffer>>): unknown {
  if (typeof value === 'string') {
    if (!value.startsWith(MARK)) return value;
    const bytes = registry.get(value.slice(MARK.length, -1));
    return bytes === undefined ? value : decodeJsonString({ jsonUtf8: bytes });
  }
  if (Array.isArray(value)) return value.map((item) => restoreIn(item, registry));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, restoreIn(item, registry)]));
  return value;
}

export function useLargeStrings(): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      const registry = registries.get(request);
      if (registry === undefined || acceptsJson(request) || Symbol.asyncIterator in (result as object)) return;
      const restore = (one: ExecutionResult) => ({
        ...one,
        data: restoreIn(one.data, registry) as ExecutionResult['data'],
      });
      setResult(Array.isArray(result) ? result.map(restore) : restore(result as ExecutionResult));
      registries.delete(request);
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const registry = registries.get(request);
      if (registry === undefined) return;
      registries.delete(request);
      if (!/json/iu.test(response.headers.get('content-type') ?? '')) return;
      const text = await response.text();
      const encoder = new TextEncoder();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let last = 0;
      for (const match of text.matchAll(placeholderPattern)) {
        const bytes = registry.get(match[1] as string);
        if (bytes === undefined) continue;
        parts.push(encoder.encode(text.slice(last, match.index)), bytes);
        last = match.index + match[0].length;
      }
      parts.push(encoder.encode(text.slice(last)));
      const headers = new fetchAPI.Headers(response.headers);
      headers.delete('content-length');
      // The Blob carries the type: a typeless Blob body would make the answer application/octet-stream.
      setResponse(
        new fetchAPI.Response(
          new fetchAPI.Blob(parts, { type: response.headers.get('content-type') ?? 'application/json' }),
          { status: response.status, statusText: response.statusText, headers },
        ),
      );
    },
  };
}
