/**
 * Errors a client should handle. Everything else thrown by a resolver is masked by yoga
 * ("Unexpected error.") and logged on the server.
 */
import { type ASTNode, GraphQLError } from 'graphql';

export const ErrorCode = {
  badUserInput: 'BAD_USER_INPUT',
  /** The request ran past its time budget and was stopped. */
  timeout: 'TIMEOUT',
  /** A whole-network export larger than the server hands out through the API. */
  exportTooLarge: 'EXPORT_TOO_LARGE',
  /** The server cannot do this now (its workers could not load the data). */
  unavailable: 'UNAVAILABLE',
  /** The query nests selections deeper than the depth limit. */
  queryTooDeep: 'QUERY_TOO_DEEP',
  /** The query uses more aliases than allowed (an alias bomb repeats one field many times). */
  tooManyAliases: 'TOO_MANY_ALIASES',
  /** The query uses more directives than allowed. */
  tooManyDirectives: 'TOO_MANY_DIRECTIVES',
  /** The query text has more tokens than allowed. */
  tooManyTokens: 'TOO_MANY_TOKENS',
  /** The query's estimated cost (list fields cost in proportion to their page sizes) is over the limit. */
  queryTooComplex: 'QUERY_TOO_COMPLEX',
  /** The request body is larger than allowed. */
  requestTooLarge: 'REQUEST_TOO_LARGE',
  /** A browser-sendable ("simple") request without the header that proves it is not a cross-site forgery. */
  csrfHeaderRequired: 'CSRF_HEADER_REQUIRED',
  /** A multipart (file upload) request: the API takes no files. */
  uploadsDisabled: 'UPLOADS_DISABLED',
  /** More than one operation in one request (a JSON array body): batching is off. */
  batchingDisabled: 'BATCHING_DISABLED',
  /** `__schema` or `__type` asked while introspection is turned off. */
  introspectionDisabled: 'INTROSPECTION_DISABLED',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Wrong input: the message says what is wrong in words a person understands; `argument` names the culprit. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.badUserInput, ...(argument ? { argument } : {}) } });
}

/**
 * A request refused before anything ran (a limit, the transport): `code` says which rule, the message
 * says the limit and what the request had. `status` is the HTTP status for clients that accept
 * `application/graphql-response+json` (400 by default, as for any invalid document); `spec: false`
 * applies it for `application/json` clients too (a body too large, a forged request).
 */
export function rejection(code: ErrorCodeValue, message: string, options: { status?: number; spec?: boolean; extensions?: Record<string, unknown>; nodes?: ASTNode } = {}): GraphQLError {
  return new GraphQLError(message, { nodes: options.nodes ?? null, extensions: { code, ...options.extensions, http: { status: options.status ?? 400, spec: options.spec ?? true } } });
}
