/**
 * The request log: one JSON line (pino) per request when its response is sent, with
 * - `reqId`: the caller's `x-request-id` when it is a sane token, else a new UUID; echoed in the
 *   response's `x-request-id` header so a client can quote it;
 * - `method`, `path`, `status`, `durationMs`;
 * - `operationName`: as sent, else the name in the document (null for an anonymous query);
 * - `outcome`: "ok"; "error" with `errorCodes` (every distinct `extensions.code` in the answer, or for
 *   an answer without GraphQL errors a code named after its status, e.g. `NOT_FOUND`); "timeout" (the
 *   time budget ran out: warn level); "client-disconnected" (the client went away first: info level).
 * Every text a client chose (operation name, path, messages) is cut to `MAX_LOG_FIELD` characters, so a
 * request cannot write more than a few kilobytes of log.
 * An unexpected error (a bug: anything a resolver throws that is not a GraphQLError) is logged on its
 * own line with its stack and the request id; the client gets only "Unexpected error.". Work abandoned
 * because the client left or the budget ran out is not a bug and is not logged as one.
 * Only answers with status 500 and above are logged at error level; a client's mistake pages nobody.
 * Health and readiness probes are logged at debug level, so a load balancer's polling stays quiet.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type DocumentNode, GraphQLError, getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext, YogaLogger } from 'graphql-yoga';
import type { Logger } from 'pino';
import { TaskAbandoned } from '../work/worker-pool.ts';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Longest text a client chose that goes into one log field (longer is cut, saying how much was left out). */
export const MAX_LOG_FIELD = 200;

/** `text` cut to `max` characters, with a note of how many were left out. */
export function boundedText(text: string, max = MAX_LOG_FIELD): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** The log's code for an answer that carries no GraphQL error (a static file, a refused method or media type). */
const statusCodes: ReadonlyMap<number, string> = new Map([
  [400, 'BAD_REQUEST'],
  [404, 'NOT_FOUND'],
  [405, 'METHOD_NOT_ALLOWED'],
  [406, 'NOT_ACCEPTABLE'],
  [413, 'REQUEST_TOO_LARGE'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [500, 'INTERNAL_SERVER_ERROR'],
  [503, 'UNAVAILABLE'],
]);

interface RequestState {
  readonly id: string;
  readonly start: number;
  operationName: string | null;
  readonly codes: Set<string>;
  errors: number;
  /** The request's work was stopped (its signal fired): the client left, or the time budget ran out. */
  stopped: boolean;
}

/** A caller's id is kept when it is a short token (no spaces, quotes or control characters to forge log lines). */
export function requestIdFor(given: string | readonly string[] | null | undefined): string {
  return typeof given === 'string' && /^[\w.:@/+=-]{1,128}$/u.test(given) ? given : randomUUID();
}

function requestIdOf(request: Request): string {
  return requestIdFor(request.headers.get(REQUEST_ID_HEADER));
}

/** The innermost cause of a GraphQL error: what the resolver actually threw. */
function rootCause(error: Error): Error {
  let cause: Error = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

/** Work stopped on purpose (the client left, the budget ran out): not a bug. */
function isAbandonment(error: Error): boolean {
  const cause = rootCause(error);
  return cause instanceof TaskAbandoned || cause.name === 'AbortError' || cause.name === 'TimeoutError';
}

/** True for errors yoga masks: anything whose root is not a GraphQLError. */
function isUnexpected(error: Error): boolean {
  return !(rootCause(error) instanceof GraphQLError);
}

function errorsOf(result: unknown): readonly { extensions?: Record<string, unknown> }[] {
  if (Array.isArray(result)) return result.flatMap(errorsOf);
  if (typeof result === 'object' && result !== null && 'errors' in result && Array.isArray(result.errors))
    return result.errors as { extensions?: Record<string, unknown> }[];
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
    logger.error(
      { ...fields, path: error instanceof GraphQLError ? error.path : undefined, err: cause },
      `unexpected error: ${boundedText(cause.message)}`,
    );
  };

  const plugin: Plugin = {
    onRequest({ request }) {
      states.set(request, {
        id: requestIdOf(request),
        start: performance.now(),
        operationName: null,
        codes: new Set(),
        errors: 0,
        stopped: false,
      });
    },
    onParams({ params, request }) {
      const state = states.get(request);
      if (state && typeof params.operationName === 'string') state.operationName = boundedText(params.operationName);
    },
    onExecute({ args }) {
      const request = (args.contextValue as YogaInitialContext).request;
      const state = states.get(request);
      if (state && state.operationName === null) {
        const name = getOperationAST(args.document as DocumentNode, args.operationName as string | null | undefined)
          ?.name?.value;
        state.operationName = name === undefined ? null : boundedText(name);
      }
      const signal = (args.contextValue as { signal?: AbortSignal }).signal;
      return {
        onExecuteDone({ result }) {
          const stopped = request.signal.aborted || signal?.aborted === true;
          if (state && stopped) state.stopped = true;
          for (const error of errorsOf(result) as Error[]) {
            if (error instanceof Error && isUnexpected(error) && !(stopped && isAbandonment(error)))
              logUnexpected(error, { reqId: state?.id, operationName: state?.operationName });
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
      const failed = state.errors > 0 || response.status >= 400;
      if (failed && state.codes.size === 0)
        state.codes.add(
          statusCodes.get(response.status) ?? (response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'),
        );
      // The node adapter's request signal may not show the abort here: the work's own signal said so.
      const outcome = state.codes.has('TIMEOUT')
        ? 'timeout'
        : request.signal.aborted || state.stopped
          ? 'client-disconnected'
          : failed
            ? 'error'
            : 'ok';
      // Abandoned work's errors were never sent to anyone: no codes for a client that left.
      if (outcome === 'client-disconnected') state.codes.clear();
      const fields = {
        reqId: state.id,
        method: request.method,
        path: boundedText(path),
        operationName: state.operationName,
        status: response.status,
        durationMs: Math.round((performance.now() - state.start) * 100) / 100,
        outcome,
        ...(state.codes.size > 0 ? { errorCodes: [...state.codes] } : {}),
      };
      const level = probePaths.includes(path)
        ? 'debug'
        : outcome === 'client-disconnected'
          ? 'info'
          : outcome === 'timeout'
            ? 'warn'
            : response.status >= 500
              ? 'error'
              : 'info';
      logger[level](fields, 'request');
    },
  };

  const yogaLogger: YogaLogger = {
    debug: (...args: unknown[]) => logger.debug({ component: 'yoga' }, boundedText(args.map(String).join(' '))),
    info: (...args: unknown[]) => logger.info({ component: 'yoga' }, boundedText(args.map(String).join(' '))),
    warn: (...args: unknown[]) => logger.warn({ component: 'yoga' }, boundedText(args.map(String).join(' '))),
    error: (...args: unknown[]) => {
      const [first] = args;
      if (first instanceof Error && isAbandonment(first))
        logger.info({ component: 'yoga' }, `work abandoned: ${boundedText(rootCause(first).message)}`);
      else if (first instanceof Error) logUnexpected(first, { component: 'yoga' });
      else logger.error({ component: 'yoga' }, boundedText(args.map(String).join(' ')));
    },
  };
  return { plugin, yogaLogger };
}
