/**
 * Errors a client should handle, and the catalog of every `extensions.code` a client can receive
 * (`errorCatalog`: the code, its HTTP status and when it happens; the README's error table is checked
 * against it). Everything else thrown by a resolver is masked by yoga ("Unexpected error.") and
 * logged on the server.
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
  /** A mutation on a server that does not curate. */
  operationNotSupported: 'OPERATION_NOT_SUPPORTED',
  /** A browser preflight (OPTIONS) from an origin that is not in the CORS list. */
  corsOriginNotAllowed: 'CORS_ORIGIN_NOT_ALLOWED',
  /** Automatic persisted queries: the hash is not (or no longer) known; send the query with it. */
  persistedQueryNotFound: 'PERSISTED_QUERY_NOT_FOUND',
  /** Automatic persisted queries: the hash sent is not the SHA-256 of the query sent. */
  persistedQueryMismatch: 'PERSISTED_QUERY_MISMATCH',
  /** Trusted documents (`--persisted-only`): the hash is not in the server's list. */
  persistedQueryNotInList: 'PERSISTED_QUERY_NOT_IN_LIST',
  /** Trusted documents (`--persisted-only`): a query text (or no hash) was sent. */
  persistedQueryRequired: 'PERSISTED_QUERY_REQUIRED',
  /** A mutation without a valid bearer token (none, unknown or revoked). */
  unauthenticated: 'UNAUTHENTICATED',
  /** A mutation with a token whose role may not do it. */
  forbidden: 'FORBIDDEN',
  /** Another curator changed the same author at the same time: this change was recorded as a conflict, not applied. */
  conflict: 'CONFLICT',
  /** Too many mutations with one token in a short time. */
  rateLimited: 'RATE_LIMITED',
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
export function rejection(
  code: ErrorCodeValue,
  message: string,
  options: { status?: number; spec?: boolean; extensions?: Record<string, unknown>; nodes?: ASTNode } = {},
): GraphQLError {
  return new GraphQLError(message, {
    nodes: options.nodes ?? null,
    extensions: { code, ...options.extensions, http: { status: options.status ?? 400, spec: options.spec ?? true } },
  });
}

/** How a coded error reaches the client: its code, HTTP status, message template and extensions. */
export interface ErrorDefinition<P> {
  readonly code: ErrorCodeValue;
  /** The HTTP status; `spec: false` applies it to `application/json` clients too. Absent: yoga decides (200). */
  readonly http?: { readonly status: number; readonly spec?: boolean };
  /** The message: what the limit or rule is, what the request had, what to do instead. */
  readonly message: (params: P) => string;
  /** What the client also gets in `extensions`, beside `code` (and `http`). */
  readonly extensions?: (params: P) => Record<string, unknown>;
  /** HTTP headers of the answer (`WWW-Authenticate`, `Retry-After`). */
  readonly headers?: (params: P) => Record<string, string>;
}

function define<P = Record<never, never>>(definition: ErrorDefinition<P>): ErrorDefinition<P> {
  return definition;
}

/** A time budget as people write it: "30 s", "1500 ms". */
export function formatBudget(milliseconds: number): string {
  return milliseconds % 1000 === 0 ? `${milliseconds / 1000} s` : `${milliseconds} ms`;
}

interface Limit {
  readonly limit: number;
  readonly found: number;
}
const limitAndFound = ({ limit, found }: Limit) => ({ limit, found });

/**
 * Every coded error the server raises itself (in the spirit of fastify's `errors.js`), in one place:
 * nothing else spells a code's message or status. `codedError(errors.x, params)` builds one.
 */
export const errors = {
  /** A variable that does not fit its type, or is missing: graphql-js's own words, which name the variable. */
  badVariable: define<{ reason: string; variable: string | undefined }>({
    code: ErrorCode.badUserInput,
    http: { status: 400, spec: false },
    message: ({ reason }) => reason,
    extensions: ({ variable }) => (variable === undefined ? {} : { variable }),
  }),
  timeout: define<{ budgetMs: number }>({
    code: ErrorCode.timeout,
    http: { status: 504 },
    message: ({ budgetMs }) =>
      `The request took longer than its time budget of ${formatBudget(budgetMs)} and was stopped; narrow it (smaller first, maxNodes or depth) or try again later.`,
    extensions: ({ budgetMs }) => ({ budgetMs }),
  }),
  exportTooLarge: define<{ authors: number; maxExportAuthors: number }>({
    code: ErrorCode.exportTooLarge,
    message: ({ authors, maxExportAuthors }) =>
      `The whole network has ${authors} authors, more than the ${maxExportAuthors} this server exports through the API; export around an author (center), or make the file with "coauthor-graph export" on the server.`,
    extensions: ({ authors, maxExportAuthors }) => ({ authors, maxExportAuthors }),
  }),
  unavailable: define<{ reason: string }>({
    code: ErrorCode.unavailable,
    http: { status: 503 },
    message: ({ reason }) => `This needs the server's worker threads, which could not load the data: ${reason}`,
  }),
  /** A table of the served snapshot that cannot be read when first used (the file changed since start). */
  snapshotUnreadable: define<{ reason: string }>({
    code: ErrorCode.unavailable,
    http: { status: 503 },
    message: ({ reason }) =>
      `This needs a part of the server's snapshot that cannot be read: ${reason}. Nothing else is affected; the operator must restart the server.`,
  }),
  queryTooDeep: define<Limit>({
    code: ErrorCode.queryTooDeep,
    http: { status: 400, spec: true },
    message: ({ limit, found }) => `The query is nested ${found} levels deep; the limit is ${limit}.`,
    extensions: limitAndFound,
  }),
  tooManyAliases: define<Limit>({
    code: ErrorCode.tooManyAliases,
    http: { status: 400, spec: true },
    message: ({ limit, found }) => `The query uses ${found} aliases; the limit is ${limit}.`,
    extensions: limitAndFound,
  }),
  tooManyDirectives: define<Limit>({
    code: ErrorCode.tooManyDirectives,
    http: { status: 400, spec: true },
    message: ({ limit, found }) => `The query uses ${found} directives; the limit is ${limit}.`,
    extensions: limitAndFound,
  }),
  tooManyTokens: define<Limit>({
    code: ErrorCode.tooManyTokens,
    http: { status: 400, spec: true },
    message: ({ limit, found }) => `The query has ${found} tokens; the limit is ${limit}.`,
    extensions: limitAndFound,
  }),
  queryTooComplex: define<{ limit: number; cost: number }>({
    code: ErrorCode.queryTooComplex,
    http: { status: 400, spec: true },
    message: ({ limit, cost }) =>
      `The query costs ${cost}; the limit is ${limit}. Lists cost their page size (first, maxNodes) times what is selected under them: ask for smaller pages or fewer nested lists.`,
    extensions: ({ limit, cost }) => ({ limit, cost }),
  }),
  requestTooLarge: define<{ limit: number; size: string }>({
    code: ErrorCode.requestTooLarge,
    http: { status: 413, spec: false },
    message: ({ limit, size }) => `The request body is ${size}; the limit is ${limit} bytes.`,
    extensions: ({ limit }) => ({ limit }),
  }),
  corsOriginNotAllowed: define<{ origin: string | null }>({
    code: ErrorCode.corsOriginNotAllowed,
    http: { status: 403, spec: false },
    message: ({ origin }) =>
      origin === null
        ? "An OPTIONS request is a browser's CORS preflight and needs an Origin header; GraphQL requests are GET or POST."
        : `Cross-origin requests from ${origin} are not allowed (CORS): the server lists no such origin (--cors-origin). Pages of the API's own origin and clients outside a browser need no preflight.`,
  }),
  uploadsDisabled: define({
    code: ErrorCode.uploadsDisabled,
    http: { status: 415, spec: false },
    message: () =>
      'File uploads (multipart requests) are not accepted: send the query as JSON (content-type: application/json).',
  }),
  csrfHeaderRequired: define<{ header: string }>({
    code: ErrorCode.csrfHeaderRequired,
    http: { status: 403, spec: false },
    message: ({ header }) =>
      `A POST without a content type, or as a form or text/plain, is what a page of another site can send: send content-type: application/json, or add the "${header}" header (any value), which protects browser users from cross-site request forgery.`,
  }),
  batchingDisabled: define<{ operations: number }>({
    code: ErrorCode.batchingDisabled,
    http: { status: 400, spec: false },
    message: ({ operations }) =>
      `The request holds ${operations} operations; batching is off: send one operation per request.`,
  }),
  introspectionDisabled: define<{ field: string }>({
    code: ErrorCode.introspectionDisabled,
    http: { status: 400, spec: true },
    message: ({ field }) => `Introspection is turned off on this server: "${field}" cannot be queried.`,
  }),
  operationNotSupported: define<{ operation: string }>({
    code: ErrorCode.operationNotSupported,
    http: { status: 400, spec: false },
    message: ({ operation }) =>
      `A ${operation} cannot be executed here: this API runs queries, the centralityProgress subscription and, on a server that curates, the curation mutations.`,
    extensions: ({ operation }) => ({ operation }),
  }),
  persistedQueryRequired: define({
    code: ErrorCode.persistedQueryRequired,
    http: { status: 400, spec: false },
    message: () =>
      "This server runs only its persisted operations: send the operation's SHA-256 hash in extensions.persistedQuery.sha256Hash, without the query text.",
  }),
  notCurating: define({
    code: ErrorCode.operationNotSupported,
    http: { status: 400 },
    message: () => 'This server does not curate (it serves a snapshot file): mutations are not available.',
  }),
  tokenMissing: define({
    code: ErrorCode.unauthenticated,
    http: { status: 401, spec: false },
    message: () =>
      'A mutation needs a token: send "Authorization: Bearer <token>" (make one with "coauthor-graph token create --role curator").',
    headers: () => ({ 'WWW-Authenticate': 'Bearer' }),
  }),
  tokenMalformed: define({
    code: ErrorCode.unauthenticated,
    http: { status: 401, spec: false },
    message: () => 'The Authorization header is not "Bearer <token>".',
    headers: () => ({ 'WWW-Authenticate': 'Bearer' }),
  }),
  tokenUnknown: define({
    code: ErrorCode.unauthenticated,
    http: { status: 401, spec: false },
    message: () => 'The token is unknown or revoked.',
    headers: () => ({ 'WWW-Authenticate': 'Bearer error="invalid_token"' }),
  }),
  tokensUnavailable: define<{ reason: string }>({
    code: ErrorCode.unavailable,
    http: { status: 503, spec: false },
    message: ({ reason }) => `Tokens cannot be checked now (${reason}); nothing was changed.`,
  }),
  mutationsRateLimited: define<{ tokenId: string; count: number; retrySeconds: number }>({
    code: ErrorCode.rateLimited,
    http: { status: 429, spec: false },
    message: ({ tokenId, count, retrySeconds }) =>
      `Token ${tokenId} made ${count} mutations in the last minute, the most allowed; try again in ${retrySeconds} s.`,
    headers: ({ retrySeconds }) => ({ 'Retry-After': String(retrySeconds) }),
  }),
  revertForbidden: define<{ entryId: string; actor: string }>({
    code: ErrorCode.forbidden,
    http: { status: 403 },
    message: ({ entryId, actor }) =>
      `Log entry "${entryId}" is another token's change (${actor}): reverting it takes the admin role.`,
  }),
  curationConflict: define<{ detail: string; logEntryId: string }>({
    code: ErrorCode.conflict,
    message: ({ detail }) => detail,
    extensions: ({ logEntryId }) => ({ logEntryId }),
  }),
  curationUnavailable: define<{ reason: string }>({
    code: ErrorCode.unavailable,
    http: { status: 503 },
    message: ({ reason }) => `The curation store is unavailable: ${reason}. Try again later.`,
  }),
  persistedQueryNotInList: define({
    code: ErrorCode.persistedQueryNotInList,
    http: { status: 404, spec: false },
    message: () => 'This server runs only its persisted operations, and this hash is not one of them.',
  }),
} as const;

/** The error `definition` describes, for `params`; `nodes`: where in the query (for validation errors). */
/** `definition`'s error in place of `error`, raised where it was (its nodes and path kept). */
export function codedErrorInPlaceOf<P>(definition: ErrorDefinition<P>, params: P, error: GraphQLError): GraphQLError {
  const coded = codedError(definition, params);
  return new GraphQLError(coded.message, {
    nodes: error.nodes ?? null,
    path: error.path ?? null,
    extensions: coded.extensions,
  });
}

export function codedError<P>(definition: ErrorDefinition<P>, params: P, nodes?: ASTNode): GraphQLError {
  return new GraphQLError(definition.message(params), {
    nodes: nodes ?? null,
    extensions: {
      code: definition.code,
      ...definition.extensions?.(params),
      ...(definition.http === undefined
        ? {}
        : {
            http: {
              ...definition.http,
              ...(definition.headers === undefined ? {} : { headers: definition.headers(params) }),
            },
          }),
    },
  });
}

/**
 * Codes that graphql-yoga itself gives (the request is not GraphQL over HTTP, the document does not
 * parse or validate, an unexpected error), listed so the catalog holds every code a client can see.
 */
export const YogaErrorCode = {
  badRequest: 'BAD_REQUEST',
  parseFailed: 'GRAPHQL_PARSE_FAILED',
  validationFailed: 'GRAPHQL_VALIDATION_FAILED',
  operationResolutionFailure: 'OPERATION_RESOLUTION_FAILURE',
  internalServerError: 'INTERNAL_SERVER_ERROR',
} as const;

export type AnyErrorCode = ErrorCodeValue | (typeof YogaErrorCode)[keyof typeof YogaErrorCode];

export interface CatalogEntry {
  /** The HTTP status as the README shows it; "400 (200)": 400 for clients that accept `application/graphql-response+json`, 200 for `application/json` only. */
  readonly http: string;
  readonly when: string;
}

/** Every code a client can receive, its HTTP status and when it happens. The README's error table lists exactly these. */
export const errorCatalog: Readonly<Record<AnyErrorCode, CatalogEntry>> = {
  BAD_USER_INPUT: {
    http: '200; 400 for a variable',
    when: 'wrong input: `extensions.argument` names the argument, or `extensions.variable` the variable that does not fit its type or is missing',
  },
  TIMEOUT: { http: '504', when: 'the request ran past its time budget' },
  EXPORT_TOO_LARGE: { http: '200', when: '`networkExport` of the whole network above `--max-export-authors`' },
  UNAVAILABLE: {
    http: '503',
    when: 'the request workers could not load the data; a part of the served snapshot read when first used no longer matches its checksum (the file changed since start); a curation mutation while the database (or the curation file) cannot be reached: nothing was applied',
  },
  QUERY_TOO_DEEP: { http: '400 (200)', when: 'selections nested deeper than `--max-depth`' },
  TOO_MANY_ALIASES: { http: '400 (200)', when: 'more aliases than `--max-aliases`' },
  TOO_MANY_DIRECTIVES: { http: '400 (200)', when: 'more directives than `--max-directives`' },
  TOO_MANY_TOKENS: { http: '400 (200)', when: 'more tokens than `--max-tokens`' },
  QUERY_TOO_COMPLEX: { http: '400 (200)', when: 'the query costs more than `--max-cost`' },
  REQUEST_TOO_LARGE: { http: '413', when: 'the body is larger than `--max-body`' },
  CSRF_HEADER_REQUIRED: {
    http: '403',
    when: 'a POST a form of another site could send (no content type, a form or `text/plain`) without a preflight header',
  },
  UPLOADS_DISABLED: { http: '415', when: 'a multipart (file upload) request' },
  BATCHING_DISABLED: { http: '400', when: 'a JSON array of operations' },
  INTROSPECTION_DISABLED: { http: '400 (200)', when: '`__schema` or `__type` with `--no-introspection`' },
  OPERATION_NOT_SUPPORTED: {
    http: '400',
    when: 'a mutation on a server that does not curate (`--snapshot`)',
  },
  UNAUTHENTICATED: {
    http: '401',
    when: 'a mutation without `Authorization: Bearer <token>`, or with an unknown or revoked token',
  },
  FORBIDDEN: { http: '403', when: 'a mutation with a token whose role may not do it' },
  CONFLICT: {
    http: '200',
    when: 'a curation mutation about an author another curator changed at the same time: logged, not applied; look again and retry',
  },
  RATE_LIMITED: {
    http: '429',
    when: 'more curation mutations with one token than `--max-mutations-per-minute` allows',
  },
  CORS_ORIGIN_NOT_ALLOWED: {
    http: '403',
    when: 'a browser preflight (`OPTIONS`) from an origin not listed in `--cors-origin`',
  },
  PERSISTED_QUERY_NOT_FOUND: { http: '404', when: 'a hash the server does not know (yet): send the query with it' },
  PERSISTED_QUERY_MISMATCH: { http: '400', when: 'the hash sent is not the SHA-256 of the query sent' },
  PERSISTED_QUERY_NOT_IN_LIST: { http: '404', when: 'with `--persisted-only`: a hash that is not in the list' },
  PERSISTED_QUERY_REQUIRED: { http: '400', when: 'with `--persisted-only`: a query text, or no hash, was sent' },
  BAD_REQUEST: {
    http: '400 (200) or 405',
    when: 'not a GraphQL request: no query, a body that is not JSON; 405 for a method other than GET and POST, or a mutation by GET',
  },
  GRAPHQL_PARSE_FAILED: { http: '400 (200)', when: 'the query text is not GraphQL' },
  GRAPHQL_VALIDATION_FAILED: {
    http: '400 (200)',
    when: 'the query does not fit the schema (an unknown field, a wrong argument type)',
  },
  OPERATION_RESOLUTION_FAILURE: {
    http: '400',
    when: '`operationName` names no operation of the document, or several operations and none named',
  },
  INTERNAL_SERVER_ERROR: {
    http: '500 or 200',
    when: '"Unexpected error.": a bug, logged on the server with its stack',
  },
};
