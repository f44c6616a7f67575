/**
 * The request body limit: a body announced larger than the limit (Content-Length) is refused at
 * once; a body without a length (chunked) is counted as it streams in and refused as soon as it passes
 * the limit, so a large body is never held in memory. Yoga's own check does the same but says
 * neither the limit nor the size; this one replaces it.
 */
import type { Plugin } from 'graphql-yoga';
import { codedError, errors } from '../api/errors.ts';

function tooLarge(limit: number, size: string) {
  return codedError(errors.requestTooLarge, { limit, size });
}

export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const announced = request.headers.get('content-length');
      if (announced !== null && /^\d+$/u.test(announced) && Number(announced) > limit)
        throw tooLarge(limit, `${announced} bytes`);
      if (requestParser === undefined || request.body === null) return;
      const parse = requestParser;
      setRequestParser((original) => {
        const body = original.body;
        if (body === null) return parse(original);
        let received = 0;
        // The node adapter hands a web ReadableStream: use the platform's TransformStream with it.
        const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = body.pipeThrough(
          new Transform({
            transform(chunk: Uint8Array, controller) {
              received += chunk.byteLength;
              if (received > limit) controller.error(tooLarge(limit, `more than ${limit} bytes`));
              else controller.enqueue(chunk);
            },
          }),
        );
        return parse(
          new fetchAPI.Request(original.url, {
            method: original.method,
            headers: original.headers,
            signal: original.signal,
            body: counted,
            duplex: 'half',
          } as RequestInit),
        );
      });
    },
  };
}
