/**
 * Compression of answers and static files (node:zlib, off the event loop in libuv's thread pool):
 * brotli when the client accepts it, else gzip, for text-like bodies (JSON, GraphQL answers,
 * JavaScript, CSS, HTML, XML, SVG) of at least `COMPRESSION_THRESHOLD_BYTES`; smaller bodies are
 * not worth the work. Such answers say `Vary: Accept-Encoding`, compressed or not. Brotli runs at
 * quality 5: most of the size of quality 11 at a small part of its time, for answers made per
 * request. A body with an ETag (an answer of a final network, an explorer asset) is the same
 * whenever its tag is: it is compressed once and kept, up to `MEMO_MAX_BYTES` of compressed bodies
 * (least recently used dropped first), so a repeated answer costs no compression at all.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

export const COMPRESSION_THRESHOLD_BYTES = 1024;
const MEMO_MAX_BYTES = 16 * 1024 * 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** The encoding to use for `accept-encoding` (brotli first, then gzip; `q=0` refuses), or null. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
  if (acceptEncoding === null) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...parameters] = part.trim().split(';');
    const q = parameters
      .map((parameter) => /^\s*q=([\d.]+)\s*$/u.exec(parameter)?.[1])
      .find((value) => value !== undefined);
    if (name) accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const quality = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (quality('br') > 0 && quality('br') >= quality('gzip')) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return null;
}

function compressible(contentType: string | null): boolean {
  return (
    contentType !== null &&
    // A stream of server-sent events (a subscription) must reach the client event by event, not buffered.
    !/^text\/event-stream/iu.test(contentType) &&
    /^(application\/(json|graphql-response\+json|javascript|xml)|text\/|image\/svg\+xml)/iu.test(contentType)
  );
}

export function compress(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
      })
    : gzipAsync(body);
}

/** Compressed bodies by ETag and encoding, bounded by their total size; used last, kept longest. */
export function compressedMemo(maxBytes: number) {
  const entries = new Map<string, Buffer>();
  let bytes = 0;
  return {
    get(key: string): Buffer | undefined {
      const entry = entries.get(key);
      if (entry !== undefined) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    set(key: string, body: Buffer): void {
      if (body.byteLength > maxBytes / 8 || entries.has(key)) return;
      entries.set(key, body);
      bytes += body.byteLength;
      for (const [old, entry] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(old);
        bytes -= entry.byteLength;
      }
    },
  };
}

export function useCompression(): Plugin {
  const memo = compressedMemo(MEMO_MAX_BYTES);
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (
        response.body === null ||
        response.status < 200 ||
        response.status === 204 ||
        response.status === 206 ||
        request.method === 'HEAD'
      )
        return;
      if (response.headers.has('content-encoding') || !compressible(response.headers.get('content-type'))) return;
      const vary = response.headers.get('vary');
      if (!vary?.toLowerCase().includes('accept-encoding'))
        response.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
      const encoding = chooseEncoding(request.headers.get('accept-encoding'));
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      if (encoding === null || length < COMPRESSION_THRESHOLD_BYTES) return;
      const tag = response.status === 200 ? response.headers.get('etag') : null;
      const key = tag === null ? null : `${tag} ${encoding}`;
      let compressed = key === null ? undefined : memo.get(key);
      const headers = new fetchAPI.Headers(response.headers);
      if (compressed === undefined) {
        const body = new Uint8Array(await response.arrayBuffer());
        if (body.byteLength < COMPRESSION_THRESHOLD_BYTES) {
          setResponse(
            new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }),
          );
          return;
        }
        compressed = await compress(body, encoding);
        if (key !== null) memo.set(key, compressed);
      } else {
        await response.body.cancel();
      }
      headers.set('content-encoding', encoding);
      headers.set('content-length', String(compressed.byteLength));
      setResponse(
        new fetchAPI.Response(new Uint8Array(compressed), {
          status: response.status,
          statusText: response.statusText,
          headers,
        }),
      );
    },
  };
}
