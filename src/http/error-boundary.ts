/**
 * The outermost error handler: the node request listener that wraps the whole app (yoga and every
 * plugin in front of GraphQL: static files, probes, guards).
 *
 * Yoga's own node listener answers anything thrown outside GraphQL (an `onRequest` plugin, building
 * the request's URL from an invalid `Host` header) with a 500 whose body is the error's stack, install
 * paths included, and logs nothing. Here instead:
 * - every request gets its id first (the caller's `x-request-id` when it is a sane token, else a new
 *   UUID), written back into the request's headers so the request log and the answer carry the same id;
 * - a request whose `Host` header and target do not make a URL is refused with a plain 400;
 * - anything thrown on the way to a response is logged (the stack goes to the log only) and answered
 *   with a plain 500;
 * each plain answer names the request id (in the body and in `x-request-id`) and nothing else.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { sendNodeResponse } from '@whatwg-node/server';
import type { Logger } from 'pino';
import { REQUEST_ID_HEADER, boundedText, requestIdFor } from './request-log.ts';

/** What the boundary wraps: a yoga instance (any whatwg-node server adapter). */
export interface NodeHandler {
  handleNodeRequestAndResponse(request: IncomingMessage, response: ServerResponse): Response | PromiseLike<Response>;
}

/** The request target (path and query), cut for the log. */
function targetOf(request: IncomingMessage): string {
  return boundedText(request.url ?? '/');
}

/** True when whatwg-node can build the request's URL (it throws `Invalid URL` otherwise). */
function hasValidUrl(request: IncomingMessage): boolean {
  const host = request.headers.host ?? 'localhost';
  return URL.canParse(`http://${host}${request.url ?? '/'}`);
}

/** A plain-text answer that says what happened and the request id, nothing more. */
export function sendPlain(response: ServerResponse, status: number, text: string, requestId: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = `${text} (request id ${requestId})\n`;
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    [REQUEST_ID_HEADER]: requestId,
  });
  response.end(body);
}

export function errorBoundary(app: NodeHandler, logger: Logger): RequestListener {
  return (request, response) => {
    const start = performance.now();
    const requestId = requestIdFor(request.headers[REQUEST_ID_HEADER]);
    request.headers[REQUEST_ID_HEADER] = requestId;
    const logRefusal = (status: number, code: string, level: 'info' | 'error', extra: Record<string, unknown> = {}) => {
      logger[level](
        {
          reqId: requestId,
          method: boundedText(request.method ?? ''),
          path: targetOf(request),
          operationName: null,
          status,
          durationMs: Math.round((performance.now() - start) * 100) / 100,
          outcome: 'error',
          errorCodes: [code],
          ...extra,
        },
        'request',
      );
    };
    if (!hasValidUrl(request)) {
      logRefusal(400, 'BAD_REQUEST_URL', 'info', { host: boundedText(request.headers.host ?? '') });
      sendPlain(
        response,
        400,
        'Bad request: the Host header and the request target do not make a valid URL',
        requestId,
      );
      return;
    }
    void Promise.resolve()
      .then(() => app.handleNodeRequestAndResponse(request, response))
      .then(
        (answer) => sendNodeResponse(answer, response, request, false),
        (error: unknown) => {
          logger.error(
            { reqId: requestId, err: error },
            `unexpected error outside GraphQL: ${boundedText(error instanceof Error ? error.message : String(error))}`,
          );
          logRefusal(500, 'INTERNAL_SERVER_ERROR', 'error');
          sendPlain(response, 500, 'Internal server error', requestId);
        },
      )
      .catch((error: unknown) => {
        logger.error({ reqId: requestId, err: error }, 'could not send the response');
        response.destroy();
      });
  };
}
