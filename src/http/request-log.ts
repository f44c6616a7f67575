/**
 * The request log: one JSON line (pino) per request when its response is sent, with
 * - `reqId`: the caller's `x-request-id` when it is a sane token, else a new UUID; echoed in the
 *   response's `x-request-id` header so a client can quote it;
 * - `method`, `path`, `status`, `durationMs`;
 * - `operationName`: as sent, else the name in the document (null for an anonymous query);
 * - `outcome`: "ok", or "error" with `errorCodes` (every distinct `extensions.code` in the answer).
 * An unexpected error (a bug: anything a resolver throws that is not a GraphQLError) is logged on its
 * own line with its stack and the request id; the client gets only "Unexpected error.".
 * Health and readiness probes are logged at debug level, so a load balancer's polling stays quiet.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext, YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

interface RequestState {
  readonly id: string;
  readonly start: number;
  operationName: string | null;
  readonly codes: Set<string>;
  errors: number;
}

/** A caller's id is kept when it is a short token (no spaces, quotes or control characters to forge log lines). */
function requestIdOf(request: Request): string {
  const given = request.headers.get(REQUEST_ID_HEADER);
  return given !== null && /^[\w.:@/+=-]{1,128}$/u.test(given) ? given : randomUUID();
}

/** The innermost cause of a GraphQL error: what the resolver actually threw. */
function rootCause(error: Error): Error {
  let cause: Error = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

/** True for errors yoga masks: anything whose root is not a GraphQLError. */
function isUnexpected(error: Error): boolean {
  return !(rootCause(error) instanceof GraphQLError);
}

function errorsOf(result: unknown): readonly { extensions?: Record<string, unknown> }[] {
  if (Array.isArray(result)) return result.flatMap(errorsOf);
  if (typeof result === 'object' && result !== null && 'errors' in result && Array.isArray(result.errors)) return result.errors as { extensions?: Record<string, unknown> }[];
  return [];
}

export interface RequestLog {
  readonly plugin: Plugin;
  /** Yoga's own messages, through the same logger (errors already logged with their request are not repeated). */
  readonly yogaLogger: YogaLogger;
}

export function requestLog(logger: Logger, probePaths: readonly string[]): RequestLog {
  const states = new WeakMap<Request, RequestState>();
  const logged = new WeakSet<Error>();

  const logUnexpected = (error: Error, fields: Record<string, unknown>) => {
    if (logged.has(error)) return;
    logged.add(error);
    const cause = rootCause(error);
    logger.error({ ...fields, path: error instanceof GraphQLError ? error.path : undefined, err: cause }, `unexpected error: ${cause.message}`);
  };

  const plugin: Plugin = {
    onRequest({ request }) {
      states.set(request, { id: requestIdOf(request), start: performance.now(), operationName: null, codes: new Set(), errors: 0 });
    },
    onParams({ params, request }) {
      const state = states.get(request);
      if (state && typeof params.operationName === 'string') state.operationName = params.operationName;
    },
    onExecute({ args }) {
      const request = (args.contextValue as YogaInitialContext).request;
      const state = states.get(request);
      if (state && state.operationName === null) state.operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
      return {
        onExecuteDone({ result }) {
          for (const error of errorsOf(result) as Error[]) {
            if (error instanceof Error && isUnexpected(error)) logUnexpected(error, { reqId: state?.id, operationName: state?.operationName });
          }
        },
      };
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (!state) return;
      for (const error of errorsOf(result)) {
        state.errors += 1;
        const code = error.extensions?.code;
        state.codes.add(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
      }
    },
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      response.headers.set(REQUEST_ID_HEADER, state.id);
      const path = new URL(request.url).pathname;
      const fields = {
        reqId: state.id,
        method: request.method,
        path,
        operationName: state.operationName,
        status: response.status,
        durationMs: Math.round((performance.now() - state.start) * 100) / 100,
        outcome: state.errors === 0 && response.status < 400 ? 'ok' : 'error',
        ...(state.codes.size > 0 ? { errorCodes: [...state.codes] } : {}),
      };
      const level = probePaths.includes(path) ? 'debug' : response.status >= 500 ? 'error' : 'info';
      logger[level](fields, 'request');
    },
  };

  const yogaLogger: YogaLogger = {
    debug: (...args: unknown[]) => logger.debug({ component: 'yoga' }, args.map(String).join(' ')),
    info: (...args: unknown[]) => logger.info({ component: 'yoga' }, args.map(String).join(' ')),
    warn: (...args: unknown[]) => logger.warn({ component: 'yoga' }, args.map(String).join(' ')),
    error: (...args: unknown[]) => {
      const [first] = args;
      if (first instanceof Error) logUnexpected(first, { component: 'yoga' });
      else logger.error({ component: 'yoga' }, args.map(String).join(' '));
    },
  };
  return { plugin, yogaLogger };
}
