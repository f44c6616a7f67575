/**
 * Command-line configuration: read once from the arguments and the environment, validated, frozen.
 * A mistake is a `ConfigError` with a message for the person at the terminal.
 */
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { DEFAULT_SAMPLE_SIZE } from './analysis/all-pairs-centrality.ts';
import { type CentralityMetric, centralityMetrics } from './analysis/centrality.ts';
import { type PersistedOperations, readPersistedOperations } from './http/persisted-queries.ts';
import { tracingRequested } from './http/observability.ts';
import { type InputFormat, formatOf, inputFormats } from './ingest/load.ts';
import type { IdentityDecision } from './ingest/identity-decisions.ts';
import { type TieWeighting, tieWeightings } from './graph/tie-weighting.ts';
import { type YearRange, YearRangeError, parseYearRange } from './graph/year-window.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The repository's `data/` folder: the bundled data set served when no `--data` is given. */
export const bundledDataDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');

export interface DataConfig {
  /** A snapshot to load instead of data files (`--snapshot`; see src/snapshot/snapshot-file.ts). */
  readonly snapshotFile?: string | null;
  readonly files: readonly string[];
  readonly aliasFile: string | null;
  readonly inputFormat: InputFormat | null;
  /** Papers with more authors add no collaborations (null: no limit). */
  readonly maxAuthorsPerPaper: number | null;
  /** Curators' identity decisions to apply to the catalog (read from the curation file or the database). */
  readonly decisions?: readonly IdentityDecision[];
}

/** How betweenness, closeness and harmonic centrality are computed on large networks. */
export interface AnalysisConfig {
  /** Where exact values are saved between runs (null: not saved). */
  readonly cacheDirectory: string | null;
  /** Worker threads for the all-pairs passes (null: one per core). */
  readonly threads: number | null;
  /** Sources sampled per large component for the first estimates. */
  readonly sampleSize: number;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** What the HTTP server accepts: query limits, transport, and its request log. */
export interface HttpConfig {
  /** Deepest nesting of selections. */
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Tokens in the query text (names, punctuation, values). */
  readonly maxTokens: number;
  /** Highest query cost (see src/api/complexity.ts). */
  readonly maxCost: number;
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Origins allowed to call the API from a browser page of another site (empty: same origin only). */
  readonly corsOrigins: readonly string[];
  /** Answer `__schema` / `__type` (and suggest field names in errors). */
  readonly introspection: boolean;
  /** Serve GraphiQL to browsers at /graphql. */
  readonly graphiql: boolean;
  /** Level of the JSON request log on standard output. */
  readonly logLevel: LogLevel;
  /** A connection that has not sent its request's headers within this time is closed (408), in ms. */
  readonly headersTimeoutMs: number;
  /** A connection that has not sent its whole request (headers and body) within this time is closed (408), in ms. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time, in ms. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; one more is closed at once. */
  readonly maxConnections: number;
  /** Trusted documents (`--persisted-only FILE`): only these operations run, by hash; null: any query, with automatic persisted queries. */
  readonly persistedOperations: PersistedOperations | null;
  /** `Cache-Control: max-age` of GET answers, in seconds (0: `no-cache`). */
  readonly cacheMaxAge: number;
  /** Keep answers in a bounded in-memory cache keyed by network version, operation and variables. */
  readonly responseCache: boolean;
  /** Serve Prometheus metrics at /metrics. */
  readonly metrics: boolean;
  /** Send OpenTelemetry traces (the standard OTEL_* environment variables ask for them). */
  readonly tracing: boolean;
}

/** Far above what the README's examples and the explorer use on the bundled data (costs of 850 and 1,170 at most; drawn networks cost more on larger data, see the README). */
export const defaultHttpConfig: HttpConfig = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 1000,
  maxCost: 50_000,
  maxBodyBytes: 1_048_576,
  corsOrigins: Object.freeze([]) as readonly string[],
  introspection: true,
  graphiql: true,
  logLevel: 'info',
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
  persistedOperations: null,
  cacheMaxAge: 60,
  responseCache: true,
  metrics: false,
  tracing: false,
});

export interface ServeConfig extends DataConfig, AnalysisConfig {
  readonly port: number;
  readonly host: string;
  /** Re-read the data and alias files when they change. */
  readonly watch: boolean;
  readonly http: HttpConfig;
  /** Each request's time budget in milliseconds; past it the request gets a TIMEOUT error. */
  readonly timeBudgetMs: number;
  /** Worker threads for requests' heavy work (layouts, exports, duplicate candidates), each with a copy of the network. */
  readonly requestThreads: number;
  /** The API exports the whole network only up to this many authors. */
  readonly maxExportAuthors: number;
  /** After SIGTERM or SIGINT: how long requests in flight may run before they are cut (seconds). */
  readonly shutdownGrace: number;
  /** Without a database: the curation file (decisions and audit log); default `<first data file>.curation.json`. */
  readonly curationFile: string | null;
  /** Without a database: the API token file (default ~/.config/coauthor-graph/tokens.json, mode 0600). */
  readonly tokenFile: string | null;
  /** Curation mutations allowed per token per minute. */
  readonly maxMutationsPerMinute: number;
  /** Serve the shared store's versions (`--database URL` or DATABASE_URL) instead of data files. */
  readonly databaseUrl: string | null;
  /** With a database: how often to look for a new version when no notification came, in ms. */
  readonly versionPollMs: number;
}

export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;

export const reportFormats = ['table', 'csv', 'json', 'markdown'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface ReportConfig extends DataConfig, AnalysisConfig, DatabaseConfig {
  /** The ranking to print (`--metric`); null with `--summary` or `--html`. */
  readonly metric: CentralityMetric | null;
  /** `--summary`: the network's figures (graphStats) as a table instead of a ranking. */
  readonly summary: boolean;
  /** `--html FILE`: write one self-contained HTML report there instead. */
  readonly html: string | null;
  /** `--years FROM-TO`: the network of these years' papers only (both ends open: the whole network). */
  readonly years: YearRange;
  /** Authors per ranking (the ranking printed, or each metric's in the HTML report). */
  readonly top: number;
  readonly format: ReportFormat;
  /** CSV: write text cells as they are (formulas not neutralised). */
  readonly csvRaw: boolean;
  /** How ties are weighed for weighted degree, eigenvector and PageRank (`--weighting`). */
  readonly weighting: TieWeighting;
}

export interface SchemaConfig {
  readonly out: string | null;
  readonly check: string | null;
}

const dataOptions = {
  snapshot: { type: 'string' },
  data: { type: 'string', multiple: true },
  aliases: { type: 'string' },
  'input-format': { type: 'string' },
  'max-authors-per-paper': { type: 'string' },
} as const;

const analysisOptions = {
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  threads: { type: 'string' },
  'sample-size': { type: 'string' },
} as const;

/** The default cache folder: $XDG_CACHE_HOME/coauthor-graph, else ~/.cache/coauthor-graph. */
export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'coauthor-graph');
}

function analysisConfig(
  values: { 'cache-dir'?: string; 'no-cache'?: boolean; threads?: string; 'sample-size'?: string },
  env: NodeJS.ProcessEnv,
): AnalysisConfig {
  if (values['no-cache'] === true && values['cache-dir'] !== undefined)
    throw new ConfigError('--no-cache and --cache-dir cannot be used together');
  return {
    cacheDirectory: values['no-cache'] === true ? null : (values['cache-dir'] ?? defaultCacheDirectory(env)),
    threads: values.threads === undefined ? null : integer(values.threads, 'threads', 1, 256),
    sampleSize:
      values['sample-size'] === undefined
        ? DEFAULT_SAMPLE_SIZE
        : integer(values['sample-size'], 'sample-size', 1, 1_000_000),
  };
}

function parse<const Options extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: Options,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true as const });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** The bundled set: every data file in data/ (by extension) with data/aliases.json. */
function bundledFiles(): string[] {
  const show = (file: string) => relative(process.cwd(), file) || file;
  return readdirSync(bundledDataDirectory)
    .filter((name) => name !== 'aliases.json' && formatOf(name) !== null)
    .sort()
    .map((name) => show(join(bundledDataDirectory, name)));
}

function dataConfig(
  values: {
    snapshot?: string;
    data?: string[];
    aliases?: string;
    'input-format'?: string;
    'max-authors-per-paper'?: string;
  },
  format: string | undefined,
): DataConfig {
  if (values.snapshot !== undefined) {
    for (const option of ['data', 'aliases', 'input-format', 'max-authors-per-paper'] as const) {
      if (values[option] !== undefined)
        throw new ConfigError(
          `--${option} cannot be used with --snapshot: the snapshot holds the network it was built from`,
        );
    }
    if (format !== undefined)
      throw new ConfigError(
        '--format cannot be used with --snapshot: the snapshot holds the network it was built from',
      );
    return { snapshotFile: values.snapshot, files: [], aliasFile: null, inputFormat: null, maxAuthorsPerPaper: null };
  }
  const maxAuthorsPerPaper =
    values['max-authors-per-paper'] === undefined
      ? null
      : integer(values['max-authors-per-paper'], 'max-authors-per-paper', 2, 1_000_000);
  return { snapshotFile: null, ...filesConfig(values, format), maxAuthorsPerPaper };
}

function filesConfig(
  values: { data?: string[]; aliases?: string; 'input-format'?: string },
  format: string | undefined,
): Omit<DataConfig, 'maxAuthorsPerPaper'> {
  const chosenFormat = values['input-format'] ?? format;
  if (chosenFormat !== undefined && !(inputFormats as readonly string[]).includes(chosenFormat)) {
    throw new ConfigError(`unknown input format "${chosenFormat}"; use one of ${inputFormats.join(', ')}`);
  }
  const given = values.data ?? [];
  if (given.length === 0) {
    const aliases = join(bundledDataDirectory, 'aliases.json');
    return {
      files: bundledFiles(),
      aliasFile: values.aliases ?? (relative(process.cwd(), aliases) || aliases),
      inputFormat: (chosenFormat as InputFormat | undefined) ?? null,
    };
  }
  return {
    files: given,
    aliasFile: values.aliases ?? null,
    inputFormat: (chosenFormat as InputFormat | undefined) ?? null,
  };
}

/** A duration such as "10" or "2.5", from `min` to `max` seconds. */
function seconds(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/u.test(text.trim()) || value < min || value > max)
    throw new ConfigError(`${name} must be a number of seconds from ${min} to ${max}; got "${text}"`);
  return value;
}

function integer(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/u.test(text.trim()) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${text}"`);
  return value;
}

const httpOptions = {
  'max-depth': { type: 'string' },
  'max-aliases': { type: 'string' },
  'max-directives': { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-cost': { type: 'string' },
  'max-body': { type: 'string' },
  'cors-origin': { type: 'string', multiple: true },
  introspection: { type: 'boolean' },
  'no-introspection': { type: 'boolean' },
  graphiql: { type: 'boolean' },
  'no-graphiql': { type: 'boolean' },
  'log-level': { type: 'string' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
  'persisted-only': { type: 'string' },
  'cache-max-age': { type: 'string' },
  'response-cache': { type: 'boolean' },
  'no-response-cache': { type: 'boolean' },
  metrics: { type: 'boolean' },
  'no-metrics': { type: 'boolean' },
} as const;

type HttpValues = {
  [K in keyof typeof httpOptions]?: (typeof httpOptions)[K] extends { multiple: true }
    ? string[]
    : (typeof httpOptions)[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

/** A switch from `--name` / `--no-name`, else the environment (true/false, 1/0, yes/no, on/off), else the default. */
function onOff(
  on: boolean | undefined,
  off: boolean | undefined,
  envValue: string | undefined,
  name: string,
  envName: string,
  fallback: boolean,
): boolean {
  if (on === true && off === true) throw new ConfigError(`--${name} and --no-${name} cannot be used together`);
  if (on === true) return true;
  if (off === true) return false;
  if (envValue === undefined || envValue === '') return fallback;
  const word = envValue.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(word)) return true;
  if (['false', '0', 'no', 'off'].includes(word)) return false;
  throw new ConfigError(`${envName} must be true or false; got "${envValue}"`);
}

/** An origin as browsers send it: scheme, host and port, no path (`https://example.org`). */
function origin(text: string): string {
  const trimmed = text.trim();
  let url;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigError(`cors-origin must be an origin such as https://example.org; got "${text}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.origin !== trimmed.replace(/\/$/u, ''))
    throw new ConfigError(
      `cors-origin must be an origin such as https://example.org (scheme, host and port only); got "${text}"`,
    );
  return url.origin;
}

function httpConfig(values: HttpValues, env: NodeJS.ProcessEnv): HttpConfig {
  const limit = (
    flag: 'max-depth' | 'max-aliases' | 'max-directives' | 'max-tokens' | 'max-cost' | 'max-body' | 'max-connections',
    envName: string,
    fallback: number,
    min: number,
    max: number,
  ) => {
    const text = values[flag] ?? env[envName];
    return text === undefined || text === '' ? fallback : integer(text, flag, min, max);
  };
  const logLevel = (values['log-level'] ?? env.LOG_LEVEL ?? defaultHttpConfig.logLevel).trim().toLowerCase();
  if (!(logLevels as readonly string[]).includes(logLevel))
    throw new ConfigError(`unknown log level "${logLevel}"; use one of ${logLevels.join(', ')}`);
  const origins = values['cors-origin'] ?? (env.CORS_ORIGINS ?? '').split(',').filter((entry) => entry.trim() !== '');
  const timeout = (
    flag: 'headers-timeout' | 'request-timeout' | 'keep-alive-timeout',
    envName: string,
    fallbackMs: number,
  ) => {
    const text = values[flag] ?? env[envName];
    return text === undefined || text === '' ? fallbackMs : Math.round(seconds(text, flag, 0.001, 3600) * 1000);
  };
  const headersTimeoutMs = timeout('headers-timeout', 'HEADERS_TIMEOUT', defaultHttpConfig.headersTimeoutMs);
  const requestTimeoutMs = timeout('request-timeout', 'REQUEST_TIMEOUT', defaultHttpConfig.requestTimeoutMs);
  // Node refuses a header time-out longer than the whole request's.
  if (headersTimeoutMs > requestTimeoutMs)
    throw new ConfigError(
      `headers-timeout (${headersTimeoutMs / 1000} s) must not be longer than request-timeout (${requestTimeoutMs / 1000} s)`,
    );
  return Object.freeze({
    maxDepth: limit('max-depth', 'GRAPHQL_MAX_DEPTH', defaultHttpConfig.maxDepth, 1, 1000),
    maxAliases: limit('max-aliases', 'GRAPHQL_MAX_ALIASES', defaultHttpConfig.maxAliases, 0, 100_000),
    maxDirectives: limit('max-directives', 'GRAPHQL_MAX_DIRECTIVES', defaultHttpConfig.maxDirectives, 0, 100_000),
    maxTokens: limit('max-tokens', 'GRAPHQL_MAX_TOKENS', defaultHttpConfig.maxTokens, 1, 10_000_000),
    maxCost: limit('max-cost', 'GRAPHQL_MAX_COST', defaultHttpConfig.maxCost, 1, Number.MAX_SAFE_INTEGER),
    maxBodyBytes: limit('max-body', 'MAX_BODY_BYTES', defaultHttpConfig.maxBodyBytes, 1, 1_073_741_824),
    corsOrigins: Object.freeze([...new Set(origins.map(origin))]),
    introspection: onOff(
      values.introspection,
      values['no-introspection'],
      env.GRAPHQL_INTROSPECTION,
      'introspection',
      'GRAPHQL_INTROSPECTION',
      defaultHttpConfig.introspection,
    ),
    graphiql: onOff(
      values.graphiql,
      values['no-graphiql'],
      env.GRAPHIQL,
      'graphiql',
      'GRAPHIQL',
      defaultHttpConfig.graphiql,
    ),
    logLevel: logLevel as LogLevel,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: timeout('keep-alive-timeout', 'KEEP_ALIVE_TIMEOUT', defaultHttpConfig.keepAliveTimeoutMs),
    maxConnections: limit('max-connections', 'MAX_CONNECTIONS', defaultHttpConfig.maxConnections, 1, 1_000_000),
    persistedOperations: persistedOperationsFrom(values['persisted-only'] ?? env.PERSISTED_ONLY),
    cacheMaxAge: integer(
      values['cache-max-age'] ?? (env.CACHE_MAX_AGE || String(defaultHttpConfig.cacheMaxAge)),
      'cache-max-age',
      0,
      31_536_000,
    ),
    responseCache: onOff(
      values['response-cache'],
      values['no-response-cache'],
      env.RESPONSE_CACHE,
      'response-cache',
      'RESPONSE_CACHE',
      defaultHttpConfig.responseCache,
    ),
    metrics: onOff(values.metrics, values['no-metrics'], env.METRICS, 'metrics', 'METRICS', defaultHttpConfig.metrics),
    tracing: tracingRequested(env),
  });
}

function persistedOperationsFrom(file: string | undefined): PersistedOperations | null {
  if (file === undefined || file === '') return null;
  try {
    return readPersistedOperations(file);
  } catch (error) {
    throw new ConfigError(`persisted-only: ${(error as Error).message}`);
  }
}

export function serveConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const { values } = parse(args, {
    ...dataOptions,
    ...analysisOptions,
    ...httpOptions,
    format: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    watch: { type: 'boolean' },
    'time-budget': { type: 'string' },
    'request-threads': { type: 'string' },
    'max-export-authors': { type: 'string' },
    'shutdown-grace': { type: 'string' },
    curation: { type: 'string' },
    tokens: { type: 'string' },
    'max-mutations-per-minute': { type: 'string' },
    ...databaseOptions,
    'version-poll': { type: 'string' },
  });
  if (values.watch === true && values.snapshot !== undefined)
    throw new ConfigError('--watch re-reads data files; it does not apply to --snapshot');
  const { databaseUrl } = databaseConfig(values, env);
  if (databaseUrl !== null) {
    for (const option of ['data', 'aliases', 'snapshot', 'watch', 'input-format', 'max-authors-per-paper'] as const) {
      if (values[option] !== undefined)
        throw new ConfigError(
          `--${option} cannot be used with --database: a replica serves the store's versions (load files with coauthor-graph import)`,
        );
    }
  } else if (values['version-poll'] !== undefined) throw new ConfigError('--version-poll only applies with --database');
  return Object.freeze({
    databaseUrl,
    versionPollMs: Math.round(
      seconds(values['version-poll'] ?? env.VERSION_POLL ?? '10', 'version-poll', 0.05, 3600) * 1000,
    ),
    ...dataConfig(values, values.format),
    ...analysisConfig(values, env),
    port: integer(values.port ?? env.PORT ?? '4000', 'port', 0, 65535),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    watch: values.watch ?? false,
    http: httpConfig(values, env),
    timeBudgetMs: Math.round(
      seconds(values['time-budget'] ?? env.TIME_BUDGET ?? '10', 'time-budget', 0.001, 3600) * 1000,
    ),
    requestThreads: integer(values['request-threads'] ?? env.REQUEST_THREADS ?? '1', 'request-threads', 1, 64),
    maxExportAuthors: integer(
      values['max-export-authors'] ?? env.MAX_EXPORT_AUTHORS ?? '20000',
      'max-export-authors',
      0,
      Number.MAX_SAFE_INTEGER,
    ),
    shutdownGrace: seconds(
      values['shutdown-grace'] ?? env.SHUTDOWN_GRACE ?? String(DEFAULT_SHUTDOWN_GRACE_SECONDS),
      'shutdown-grace',
      0,
      3600,
    ),
    curationFile: values.curation ?? null,
    tokenFile: values.tokens ?? env['COAUTHOR_GRAPH_TOKENS'] ?? null,
    maxMutationsPerMinute: integer(
      values['max-mutations-per-minute'] ?? env.MAX_MUTATIONS_PER_MINUTE ?? '60',
      'max-mutations-per-minute',
      1,
      100000,
    ),
  });
}

export interface CheckConfig extends DataConfig, DatabaseConfig {
  /** How many duplicate-author candidates to print (0: none). */
  readonly candidates: number;
}

export function checkConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): CheckConfig {
  const { values } = parse(args, {
    ...dataOptions,
    ...databaseOptions,
    format: { type: 'string' },
    candidates: { type: 'string' },
  });
  if (values.format !== undefined && databaseConfig(values, env).databaseUrl !== null)
    throw new ConfigError("--format cannot be used with --database: the store's current version is loaded");
  return Object.freeze({
    ...dataConfig(values, values.format),
    ...storeSource(values, env),
    candidates: integer(values.candidates ?? '10', 'candidates', 0, 1000),
  });
}

/** Accepts the GraphQL spelling (WEIGHTED_DEGREE), camelCase (weightedDegree) and kebab-case (weighted-degree). */
export function metricNamed(name: string): CentralityMetric {
  const wanted = name.toLowerCase().replace(/[-_\s]/gu, '');
  const metric = centralityMetrics.find((candidate) => candidate.toLowerCase() === wanted);
  if (metric === undefined)
    throw new ConfigError(`unknown metric "${name}"; use one of ${centralityMetrics.join(', ')}`);
  return metric;
}

/** `--weighting`: the GraphQL spelling (FRACTIONAL), camelCase or kebab-case (association-strength); joint papers by default. */
export function weightingNamed(name: string | undefined): TieWeighting {
  if (name === undefined) return 'jointPapers';
  const wanted = name.toLowerCase().replace(/[-_\s]/gu, '');
  const weighting = tieWeightings.find((candidate) => candidate.toLowerCase() === wanted);
  if (weighting === undefined)
    throw new ConfigError(`unknown weighting "${name}"; use one of joint-papers, fractional, association-strength`);
  return weighting;
}

/** `--years -2019` as `--years=-2019`: a window open at its start is not an option. */
function joinOpenStartYears(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const next = args[i + 1];
    if (args[i] === '--years' && next !== undefined && /^-(\d{4})?$/u.test(next)) {
      joined.push(`--years=${next}`);
      i += 1;
    } else joined.push(args[i] as string);
  }
  return joined;
}

export function reportConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ReportConfig {
  const { values } = parse(joinOpenStartYears(args), {
    ...dataOptions,
    ...analysisOptions,
    weighting: { type: 'string' },
    metric: { type: 'string' },
    summary: { type: 'boolean' },
    html: { type: 'string' },
    years: { type: 'string' },
    top: { type: 'string' },
    format: { type: 'string' },
    'csv-raw': { type: 'boolean' },
    ...databaseOptions,
  });
  const summary = values.summary ?? false;
  const html = values.html ?? null;
  const kinds = [values.metric !== undefined, summary, html !== null].filter(Boolean).length;
  if (kinds === 0)
    throw new ConfigError(
      `--metric is required (one of ${centralityMetrics.join(', ')}), or --summary, or --html FILE`,
    );
  if (kinds > 1) throw new ConfigError('report takes one of --metric NAME, --summary and --html FILE');
  if (html === '') throw new ConfigError('--html needs the file to write');
  // The one place the output format is read: a ranking is an aligned table by default, the summary Markdown.
  const format = values.format ?? (summary ? 'markdown' : 'table');
  if (!(reportFormats as readonly string[]).includes(format))
    throw new ConfigError(`unknown report format "${format}"; use one of ${reportFormats.join(', ')}`);
  if (html !== null && values.format !== undefined)
    throw new ConfigError('--format does not apply to --html: the HTML report is one format');
  if (values['csv-raw'] === true && format !== 'csv') throw new ConfigError('--csv-raw only applies to --format csv');
  if (summary && values.weighting !== undefined)
    throw new ConfigError("--weighting does not apply to --summary: the network's figures do not weigh ties");
  if (summary && values.top !== undefined) throw new ConfigError('--top does not apply to --summary');
  let years: YearRange = { from: null, to: null };
  if (values.years !== undefined) {
    try {
      years = parseYearRange(values.years);
    } catch (error) {
      if (error instanceof YearRangeError) throw new ConfigError(`--years: ${error.message}`);
      throw error;
    }
  }
  return Object.freeze({
    ...dataConfig(values, undefined),
    ...analysisConfig(values, env),
    ...storeSource(values, env),
    metric: values.metric === undefined ? null : metricNamed(values.metric),
    summary,
    html,
    years,
    top: integer(values.top ?? '10', 'top', 1, Number.MAX_SAFE_INTEGER),
    format: format as ReportFormat,
    csvRaw: values['csv-raw'] ?? false,
    weighting: weightingNamed(values.weighting),
  });
}

export interface BuildConfig extends DataConfig, AnalysisConfig {
  /** The snapshot file to write. */
  readonly out: string;
  /** Wait for the exact all-pairs pass (else the snapshot holds estimates, unless the cache has exact values). */
  readonly exact: boolean;
}

export function buildConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): BuildConfig {
  const { values } = parse(args, {
    ...dataOptions,
    ...analysisOptions,
    format: { type: 'string' },
    out: { type: 'string' },
    exact: { type: 'boolean' },
  });
  if (values.snapshot !== undefined)
    throw new ConfigError('build reads data files (--data); --snapshot is what it writes (--out)');
  if (values.out === undefined) throw new ConfigError('--out FILE is required: where to write the snapshot');
  return Object.freeze({
    ...dataConfig(values, values.format),
    ...analysisConfig(values, env),
    out: values.out,
    exact: values.exact ?? false,
  });
}

export interface AliasConfig {
  readonly action: 'add';
  readonly variant: string;
  readonly canonical: string;
  /** The alias file to write: --aliases, else the bundled data/aliases.json. */
  readonly aliasFile: string;
}

export function aliasConfig(args: readonly string[]): AliasConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { aliases: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const [action, variant, canonical, ...rest] = parsed.positionals;
  if (action !== 'add')
    throw new ConfigError(
      action === undefined ? 'alias needs an action: add' : `unknown alias action "${action}"; use add`,
    );
  if (variant === undefined || canonical === undefined || rest.length > 0)
    throw new ConfigError('alias add takes two names: "Variant Name" "Canonical Name"');
  const bundled = join(bundledDataDirectory, 'aliases.json');
  return Object.freeze({
    action,
    variant,
    canonical,
    aliasFile: parsed.values.aliases ?? (relative(process.cwd(), bundled) || bundled),
  });
}

export function schemaConfig(args: readonly string[]): SchemaConfig {
  const { values } = parse(args, { out: { type: 'string' }, check: { type: 'string' } });
  return Object.freeze({ out: values.out ?? null, check: values.check ?? null });
}

export const exportFormats = ['gexf', 'graphml', 'vosviewer', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportConfig extends DataConfig, AnalysisConfig, DatabaseConfig {
  readonly format: ExportFormat;
  /** Author id or name; null exports the whole network. */
  readonly center: string | null;
  readonly depth: number;
  readonly minJointPapers: number;
  readonly maxNodes: number;
  /** csv only: write just this table. */
  readonly table: 'nodes' | 'edges' | null;
  readonly out: string | null;
  /** csv only: write text cells as they are (formulas not neutralised). */
  readonly csvRaw: boolean;
  /** Edge weights and weighted scores (`--weighting`). */
  readonly weighting: TieWeighting;
}

export function exportConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ExportConfig {
  const { values } = parse(args, {
    ...dataOptions,
    ...analysisOptions,
    format: { type: 'string' },
    center: { type: 'string' },
    depth: { type: 'string' },
    'min-joint-papers': { type: 'string' },
    'max-nodes': { type: 'string' },
    table: { type: 'string' },
    out: { type: 'string' },
    'csv-raw': { type: 'boolean' },
    ...databaseOptions,
    weighting: { type: 'string' },
  });
  const format = values.format;
  if (format === undefined || !(exportFormats as readonly string[]).includes(format)) {
    throw new ConfigError(
      `${format === undefined ? '--format is required' : `unknown export format "${format}"`}; use one of ${exportFormats.join(', ')}`,
    );
  }
  const center = values.center ?? null;
  if (center === null) {
    for (const option of ['depth', 'min-joint-papers', 'max-nodes'] as const) {
      if (values[option] !== undefined) throw new ConfigError(`--${option} only applies with --center`);
    }
  }
  const table = values.table ?? null;
  if (table !== null && (format !== 'csv' || (table !== 'nodes' && table !== 'edges'))) {
    throw new ConfigError(
      format === 'csv' ? `unknown table "${table}"; use nodes or edges` : '--table only applies to --format csv',
    );
  }
  if (values['csv-raw'] === true && format !== 'csv') throw new ConfigError('--csv-raw only applies to --format csv');
  return Object.freeze({
    ...dataConfig(values, undefined),
    ...analysisConfig(values, env),
    ...storeSource(values, env),
    format: format as ExportFormat,
    center,
    depth: integer(values.depth ?? '1', 'depth', 0, 3),
    minJointPapers: integer(values['min-joint-papers'] ?? '1', 'min-joint-papers', 1, Number.MAX_SAFE_INTEGER),
    maxNodes: integer(values['max-nodes'] ?? '1000', 'max-nodes', 1, Number.MAX_SAFE_INTEGER),
    table: table as 'nodes' | 'edges' | null,
    out: values.out ?? null,
    csvRaw: values['csv-raw'] ?? false,
    weighting: weightingNamed(values.weighting),
  });
}

/** The shared PostgreSQL store (src/db/): `--database URL`, else `DATABASE_URL`; null: files and the local cache only. */
export interface DatabaseConfig {
  readonly databaseUrl: string | null;
}

export const databaseOptions = { database: { type: 'string' } } as const;

export function databaseConfig(values: { database?: string }, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = values.database ?? env['DATABASE_URL'] ?? null;
  if (url === null || url === '') return { databaseUrl: null };
  if (!/^postgres(ql)?:\/\//u.test(url)) {
    throw new ConfigError(
      `--database must be a postgres:// or postgresql:// URL, got "${url.replace(/:[^:@/]*@/u, ':***@')}"`,
    );
  }
  return { databaseUrl: url };
}

/**
 * `--database` on a command that otherwise reads data files (check, report, export): the store's
 * current version is loaded instead, so the files options do not apply.
 */
function storeSource(
  values: {
    database?: string;
    data?: string[];
    aliases?: string;
    snapshot?: string;
    'input-format'?: string;
    'max-authors-per-paper'?: string;
  },
  env: NodeJS.ProcessEnv,
): DatabaseConfig {
  const config = databaseConfig(values, env);
  if (config.databaseUrl === null) return config;
  for (const option of ['data', 'aliases', 'snapshot', 'input-format', 'max-authors-per-paper'] as const) {
    if (values[option] !== undefined)
      throw new ConfigError(`--${option} cannot be used with --database: the store's current version is loaded`);
  }
  return config;
}

export const databaseActions = ['migrate', 'status'] as const;

export interface DatabaseCommandConfig {
  readonly action: (typeof databaseActions)[number];
  readonly databaseUrl: string;
}

export function databaseCommandConfig(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): DatabaseCommandConfig {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: databaseOptions, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const [action, ...rest] = parsed.positionals;
  if (action === undefined || !(databaseActions as readonly string[]).includes(action) || rest.length > 0) {
    throw new ConfigError(`db takes one action: ${databaseActions.join(' or ')}`);
  }
  const { databaseUrl } = databaseConfig(parsed.values, env);
  if (databaseUrl === null) throw new ConfigError('db needs --database URL (or DATABASE_URL)');
  return Object.freeze({ action: action as DatabaseCommandConfig['action'], databaseUrl });
}

/** `coauthor-graph centrality-worker`: a process that only computes shared passes (src/db/shared-pass.ts). */
export interface CentralityWorkerConfig {
  readonly databaseUrl: string;
  /** Chunks computed at once, one per worker thread (default 1). */
  readonly threads: number;
  /** Exit once no version has a chunk left to compute (a batch Job); else wait for new versions. */
  readonly exitWhenIdle: boolean;
  /** Lease on a chunk, renewed while it is computed (default 60 s). */
  readonly leaseSeconds: number;
  /** Sources per chunk when this worker creates a version's pass (null: by the network's size). */
  readonly chunkSources: number | null;
  /** Which network the versions are, until versions load from the database (null: not given). */
  readonly data: DataConfig | null;
}

export function centralityWorkerConfig(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): CentralityWorkerConfig {
  const { values } = parse(args, {
    ...dataOptions,
    ...databaseOptions,
    format: { type: 'string' },
    threads: { type: 'string' },
    'exit-when-idle': { type: 'boolean' },
    'lease-seconds': { type: 'string' },
    'chunk-sources': { type: 'string' },
  });
  const { databaseUrl } = databaseConfig(values, env);
  if (databaseUrl === null) throw new ConfigError('centrality-worker needs --database URL (or DATABASE_URL)');
  const given = values.snapshot !== undefined || (values.data ?? []).length > 0;
  return Object.freeze({
    databaseUrl,
    threads: integer(values.threads ?? '1', 'threads', 1, 256),
    exitWhenIdle: values['exit-when-idle'] ?? false,
    leaseSeconds: seconds(values['lease-seconds'] ?? '60', 'lease-seconds', 1, 3600),
    chunkSources:
      values['chunk-sources'] === undefined
        ? null
        : integer(values['chunk-sources'], 'chunk-sources', 1, Number.MAX_SAFE_INTEGER),
    data: given ? dataConfig(values, values.format) : null,
  });
}

export const tokenActions = ['create', 'revoke', 'list'] as const;

export interface TokenCommandConfig {
  readonly action: (typeof tokenActions)[number];
  readonly role: 'curator' | 'admin' | null;
  readonly label: string | null;
  /** The token to revoke (its id, as `token list` shows it). */
  readonly id: string | null;
  readonly databaseUrl: string | null;
  readonly tokenFile: string | null;
}

/** `token create --role curator|admin [--label TEXT] | revoke ID | list`, with `--database URL` or `--tokens FILE`. */
export function tokenCommandConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): TokenCommandConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...databaseOptions, role: { type: 'string' }, label: { type: 'string' }, tokens: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const [action, ...rest] = parsed.positionals;
  if (action === undefined || !(tokenActions as readonly string[]).includes(action))
    throw new ConfigError(`token takes one action: ${tokenActions.join(', ')}`);
  const { role, label, tokens } = parsed.values;
  if (action === 'create' && role !== 'curator' && role !== 'admin')
    throw new ConfigError('token create needs --role curator or --role admin');
  if (action !== 'create' && role !== undefined)
    throw new ConfigError(`--role is for token create, not token ${action}`);
  if (action === 'revoke' && (rest.length !== 1 || !/^\d+$/u.test(rest[0] as string)))
    throw new ConfigError('token revoke takes the id of one token (see token list)');
  if (action !== 'revoke' && rest.length > 0) throw new ConfigError(`unexpected argument "${rest[0]}"`);
  const { databaseUrl } = databaseConfig(parsed.values, env);
  return Object.freeze({
    action: action as TokenCommandConfig['action'],
    role: (role as TokenCommandConfig['role']) ?? null,
    label: label ?? null,
    id: action === 'revoke' ? (rest[0] as string) : null,
    databaseUrl,
    tokenFile: tokens ?? env['COAUTHOR_GRAPH_TOKENS'] ?? null,
  });
}

export interface ImportConfig extends DataConfig {
  readonly databaseUrl: string;
}

/** `import --database URL --data FILE... [--aliases FILE] [--format F] [--max-authors-per-paper N]`. */
export function importConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ImportConfig {
  const { values } = parse(args, { ...dataOptions, ...databaseOptions, format: { type: 'string' } });
  if (values.snapshot !== undefined)
    throw new ConfigError('import reads data files; a snapshot holds a built network, not the papers to store');
  if (values.data === undefined || values.data.length === 0)
    throw new ConfigError('import needs the files to load: --data FILE (once per file)');
  const { databaseUrl } = databaseConfig(values, env);
  if (databaseUrl === null) throw new ConfigError('import needs --database URL (or DATABASE_URL)');
  return Object.freeze({ ...dataConfig(values, values.format), databaseUrl });
}
