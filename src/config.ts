/**
 * Command-line configuration: read once from the arguments and the environment, validated, frozen.
 * Each option (flag, environment variable, default, range) is an entry of the option table
 * (src/options.ts), which parses and checks it; each command's function here turns those values into
 * its settings and checks what involves several options at once. A mistake is a `ConfigError` with a
 * message for the person at the terminal.
 */
import { servingPassThreads } from './analysis/thread-priority.ts';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CentralityMetric, centralityMetrics } from './analysis/centrality.ts';
import { type PersistedOperations, readPersistedOperations } from './http/persisted-queries.ts';
import { tracingRequested } from './http/observability.ts';
import { type InputFormat, formatOf } from './ingest/load.ts';
import type { IdentityDecision } from './ingest/identity-decisions.ts';
import { type TieWeighting, tieWeightings } from './graph/tie-weighting.ts';
import {
  ConfigError,
  type ExportFormat,
  type LogLevel,
  type OptionValues,
  type ParsedOptions,
  type ReportFormat,
  exportFormats,
  optionDefault,
  optionTable,
  parseOptions,
} from './options.ts';
import { errorMessage } from './error-message.ts';
import { type YearRange, YearRangeError, isWholeRange, parseYearRange } from './graph/year-window.ts';

export { ConfigError, exportFormats, logLevels, reportFormats } from './options.ts';
export type { ExportFormat, LogLevel, ReportFormat } from './options.ts';

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
  /**
   * Worker threads for the all-pairs passes (null: one per core). `serve` sets it, unless --threads is
   * given, to one per core but one (at least 1), as `exactThreads`: the estimates are background work
   * too. Before ready they run beside the loading thread and the local metrics' workers, at the lowest
   * priority, and on a machine of two cores a second estimate thread bought nothing: the ACL Anthology
   * was ready in the same time (medians of 11 alternated starts, 3.36 s against 3.32 s) and 25–35 MB
   * larger (each pass thread holds its own copy of the graph searched).
   */
  readonly threads: number | null;
  /**
   * Worker threads for the exact pass alone (absent or null: `threads`). `serve` sets it, unless
   * --threads is given, to one per core but one (at least 1): the event loop keeps a core while the
   * pass runs in the background.
   */
  readonly exactThreads?: number | null;
  /** Sources sampled per large component for the estimates. */
  readonly sampleSize: number;
  /** Sources of the first estimates (null: `firstSampleSize`, early-estimates.ts). */
  readonly firstSampleSize: number | null;
  /** Time windows computed exactly in the background for every network served (`serve --windows`); none when absent. */
  readonly exactWindows?: readonly YearRange[];
}

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

/** Far above what the README's examples and the explorer use on the bundled data (costs of 850 and 1,170 at most; drawn networks cost more on larger data, see the README); the values are the option table's defaults. */
export const defaultHttpConfig: HttpConfig = Object.freeze({
  maxDepth: optionDefault('max-depth'),
  maxAliases: optionDefault('max-aliases'),
  maxDirectives: optionDefault('max-directives'),
  maxTokens: optionDefault('max-tokens'),
  maxCost: optionDefault('max-cost'),
  maxBodyBytes: optionDefault('max-body'),
  corsOrigins: Object.freeze([]) as readonly string[],
  introspection: optionDefault('introspection'),
  graphiql: optionDefault('graphiql'),
  logLevel: optionDefault('log-level'),
  headersTimeoutMs: optionDefault('headers-timeout') * 1000,
  requestTimeoutMs: optionDefault('request-timeout') * 1000,
  keepAliveTimeoutMs: optionDefault('keep-alive-timeout') * 1000,
  maxConnections: optionDefault('max-connections'),
  persistedOperations: null,
  cacheMaxAge: optionDefault('cache-max-age'),
  responseCache: optionDefault('response-cache'),
  metrics: optionDefault('metrics'),
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
  /** Time windows whose betweenness, closeness and harmonic are computed exactly in the background (`--windows 2016-2019,2020-`). */
  readonly exactWindows: readonly YearRange[];
}

/** `--windows`: comma-separated windows, each as `--years` reads one (FROM-TO, FROM-, -TO or one year); "-" (everything) is not a window. */
export function parseWindows(text: string | undefined): readonly YearRange[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    let range: YearRange;
    try {
      range = parseYearRange(part);
    } catch (error) {
      if (error instanceof YearRangeError) throw new ConfigError(`--windows: ${error.message}`);
      throw error;
    }
    if (isWholeRange(range))
      throw new ConfigError('--windows: "-" is the whole network, computed exactly anyway; list bounded windows');
    return range;
  });
}

/** The default cache folder: $XDG_CACHE_HOME/coauthor-graph, else ~/.cache/coauthor-graph. */
export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'coauthor-graph');
}

type AnalysisCommand = 'serve' | 'build' | 'report' | 'export';
type DataCommand = 'serve' | 'build' | 'check' | 'report' | 'export' | 'import' | 'centrality-worker';

function analysisConfig<C extends AnalysisCommand>(options: ParsedOptions<C>, env: NodeJS.ProcessEnv): AnalysisConfig {
  const values = options.values as OptionValues<AnalysisCommand>;
  if (values['no-cache'] && values['cache-dir'] !== undefined)
    throw new ConfigError('--no-cache and --cache-dir cannot be used together');
  return {
    cacheDirectory: values['no-cache'] ? null : (values['cache-dir'] ?? defaultCacheDirectory(env)),
    threads: values.threads ?? null,
    sampleSize: values['sample-size'],
    firstSampleSize: values['first-sample-size'] ?? null,
  };
}

/** The bundled set: every data file in data/ (by extension) with data/aliases.json. */
function bundledFiles(): string[] {
  const show = (file: string) => relative(process.cwd(), file) || file;
  return readdirSync(bundledDataDirectory)
    .filter((name) => name !== 'aliases.json' && formatOf(name) !== null)
    .sort()
    .map((name) => show(join(bundledDataDirectory, name)));
}

const fileOptions = ['data', 'aliases', 'format', 'max-authors-per-paper'] as const;

function dataConfig<C extends DataCommand>(options: ParsedOptions<C>): DataConfig {
  const values = options.values as OptionValues<DataCommand>;
  const given = options.given as (id: (typeof fileOptions)[number]) => boolean;
  const snapshot = 'snapshot' in values ? (values.snapshot as string | undefined) : undefined;
  if (snapshot !== undefined) {
    for (const option of fileOptions) {
      if (given(option))
        throw new ConfigError(
          `--${option} cannot be used with --snapshot: the snapshot holds the network it was built from`,
        );
    }
    return { snapshotFile: snapshot, files: [], aliasFile: null, inputFormat: null, maxAuthorsPerPaper: null };
  }
  const inputFormat: InputFormat | null = values.format ?? null;
  const maxAuthorsPerPaper = values['max-authors-per-paper'] ?? null;
  if (values.data.length === 0) {
    const aliases = join(bundledDataDirectory, 'aliases.json');
    return {
      snapshotFile: null,
      files: bundledFiles(),
      aliasFile: values.aliases ?? (relative(process.cwd(), aliases) || aliases),
      inputFormat,
      maxAuthorsPerPaper,
    };
  }
  return {
    snapshotFile: null,
    files: [...values.data],
    aliasFile: values.aliases ?? null,
    inputFormat,
    maxAuthorsPerPaper,
  };
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

function httpConfig(values: OptionValues<'serve'>, env: NodeJS.ProcessEnv): HttpConfig {
  const headersTimeoutMs = Math.round(values['headers-timeout'] * 1000);
  const requestTimeoutMs = Math.round(values['request-timeout'] * 1000);
  // Node refuses a header time-out longer than the whole request's.
  if (headersTimeoutMs > requestTimeoutMs)
    throw new ConfigError(
      `headers-timeout (${headersTimeoutMs / 1000} s) must not be longer than request-timeout (${requestTimeoutMs / 1000} s)`,
    );
  return Object.freeze({
    maxDepth: values['max-depth'],
    maxAliases: values['max-aliases'],
    maxDirectives: values['max-directives'],
    maxTokens: values['max-tokens'],
    maxCost: values['max-cost'],
    maxBodyBytes: values['max-body'],
    corsOrigins: Object.freeze([...new Set(values['cors-origin'].map(origin))]),
    introspection: values.introspection,
    graphiql: values.graphiql,
    logLevel: values['log-level'],
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: Math.round(values['keep-alive-timeout'] * 1000),
    maxConnections: values['max-connections'],
    persistedOperations: persistedOperationsFrom(values['persisted-only']),
    cacheMaxAge: values['cache-max-age'],
    responseCache: values['response-cache'],
    metrics: values.metrics,
    tracing: tracingRequested(env),
  });
}

function persistedOperationsFrom(file: string | undefined): PersistedOperations | null {
  if (file === undefined || file === '') return null;
  try {
    return readPersistedOperations(file);
  } catch (error) {
    throw new ConfigError(`persisted-only: ${errorMessage(error)}`);
  }
}

export function serveConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const options = parseOptions('serve', args, env);
  const { values, given } = options;
  if (values.watch && values.snapshot !== undefined)
    throw new ConfigError('--watch re-reads data files; it does not apply to --snapshot');
  const { databaseUrl } = databaseConfig(values);
  if (databaseUrl !== null) {
    for (const option of ['data', 'aliases', 'snapshot', 'watch', 'format', 'max-authors-per-paper'] as const) {
      if (given(option))
        throw new ConfigError(
          `--${option} cannot be used with --database: a replica serves the store's versions (load files with coauthor-graph import)`,
        );
    }
  } else if (given('version-poll')) throw new ConfigError('--version-poll only applies with --database');
  const analysis = analysisConfig(options, env);
  return Object.freeze({
    databaseUrl,
    exactWindows: parseWindows(values.windows),
    versionPollMs: Math.round(values['version-poll'] * 1000),
    ...dataConfig(options),
    ...analysis,
    threads: analysis.threads ?? servingPassThreads(),
    exactThreads: analysis.threads ?? servingPassThreads(),
    port: values.port,
    host: values.host,
    watch: values.watch,
    http: httpConfig(values, env),
    timeBudgetMs: Math.round(values['time-budget'] * 1000),
    requestThreads: values['request-threads'],
    maxExportAuthors: values['max-export-authors'],
    shutdownGrace: values['shutdown-grace'],
    curationFile: values.curation ?? null,
    tokenFile: values.tokens ?? null,
    maxMutationsPerMinute: values['max-mutations-per-minute'],
  });
}

export interface CheckConfig extends DataConfig, DatabaseConfig {
  /** How many duplicate-author candidates to print (0: none). */
  readonly candidates: number;
}

export function checkConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): CheckConfig {
  const options = parseOptions('check', args, env);
  return Object.freeze({
    ...dataConfig(options),
    ...storeSource(options),
    candidates: options.values.candidates,
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
  /** Deprecated spellings used (for stderr). */
  readonly warnings: readonly string[];
}

export function reportConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ReportConfig {
  const options = parseOptions('report', args, env);
  const { values, given, written } = options;
  const summary = values.summary;
  const html = values.html ?? null;
  const kinds = [values.metric !== undefined, summary, html !== null].filter(Boolean).length;
  if (kinds === 0)
    throw new ConfigError(
      `--metric is required (one of ${centralityMetrics.join(', ')}), or --summary, or --html FILE`,
    );
  if (kinds > 1) throw new ConfigError('report takes one of --metric NAME, --summary and --html FILE');
  if (html === '') throw new ConfigError('--html needs the file to write');
  // A ranking is an aligned table by default, the summary Markdown.
  const format = values['report-format'] ?? (summary ? 'markdown' : 'table');
  if (html !== null && given('report-format'))
    throw new ConfigError(`${written('report-format')} does not apply to --html: the HTML report is one format`);
  if (values['csv-raw'] && format !== 'csv')
    throw new ConfigError(`--csv-raw only applies to ${written('report-format')} csv`);
  if (summary && values.weighting !== undefined)
    throw new ConfigError("--weighting does not apply to --summary: the network's figures do not weigh ties");
  if (summary && given('top')) throw new ConfigError('--top does not apply to --summary');
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
    ...dataConfig(options),
    ...analysisConfig(options, env),
    ...storeSource(options),
    metric: values.metric === undefined ? null : metricNamed(values.metric),
    summary,
    html,
    years,
    top: values.top,
    format,
    csvRaw: values['csv-raw'],
    weighting: weightingNamed(values.weighting),
    warnings: options.warnings,
  });
}

export interface BuildConfig extends DataConfig, AnalysisConfig {
  /** The snapshot file to write. */
  readonly out: string;
  /** Wait for the exact all-pairs pass (else the snapshot holds estimates, unless the cache has exact values). */
  readonly exact: boolean;
}

export function buildConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): BuildConfig {
  if (args.some((arg) => arg === '--snapshot' || arg.startsWith('--snapshot=')))
    throw new ConfigError('build reads data files (--data); --snapshot is what it writes (--out)');
  const options = parseOptions('build', args, env);
  const out = options.values['snapshot-out'];
  if (out === undefined) throw new ConfigError('--out FILE is required: where to write the snapshot');
  return Object.freeze({
    ...dataConfig(options),
    ...analysisConfig(options, env),
    out,
    exact: options.values.exact,
  });
}

export interface AliasConfig {
  readonly action: 'add';
  readonly variant: string;
  readonly canonical: string;
  /** The alias file to write: --aliases, else the bundled data/aliases.json. */
  readonly aliasFile: string;
}

export function aliasConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): AliasConfig {
  const parsed = parseOptions('alias', args, env, { positionals: true });
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
    aliasFile: parsed.values['alias-file'] ?? (relative(process.cwd(), bundled) || bundled),
  });
}

export interface SchemaConfig {
  readonly out: string | null;
  readonly check: string | null;
}

export function schemaConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): SchemaConfig {
  const { values } = parseOptions('schema', args, env);
  return Object.freeze({ out: values['schema-out'] ?? null, check: values['schema-check'] ?? null });
}

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
  /** Deprecated spellings used (for stderr). */
  readonly warnings: readonly string[];
}

export function exportConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ExportConfig {
  const options = parseOptions('export', args, env);
  const { values, given, written } = options;
  const format = values['export-format'];
  if (format === undefined)
    throw new ConfigError(`--output-format is required; use one of ${exportFormats.join(', ')}`);
  const center = values.center ?? null;
  if (center === null) {
    for (const option of ['depth', 'min-joint-papers', 'max-nodes'] as const) {
      if (given(option)) throw new ConfigError(`--${option} only applies with --center`);
    }
  }
  const table = values.table ?? null;
  if (table !== null && format !== 'csv')
    throw new ConfigError(`--table only applies to ${written('export-format')} csv`);
  if (values['csv-raw'] && format !== 'csv')
    throw new ConfigError(`--csv-raw only applies to ${written('export-format')} csv`);
  return Object.freeze({
    ...dataConfig(options),
    ...analysisConfig(options, env),
    ...storeSource(options),
    format,
    center,
    depth: values.depth,
    minJointPapers: values['min-joint-papers'],
    maxNodes: values['max-nodes'],
    table,
    out: values['export-out'] ?? null,
    csvRaw: values['csv-raw'],
    weighting: weightingNamed(values.weighting),
    warnings: options.warnings,
  });
}

/** The shared PostgreSQL store (src/db/): `--database URL`, else `DATABASE_URL`; null: files and the local cache only. */
export interface DatabaseConfig {
  readonly databaseUrl: string | null;
}

/** `--database` (or its environment variable, see the option table), checked to be a PostgreSQL URL. */
function databaseConfig(values: { readonly database: string | undefined }): DatabaseConfig {
  const url = values.database ?? null;
  if (url === null) return { databaseUrl: null };
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
function storeSource<C extends 'check' | 'report' | 'export'>(options: ParsedOptions<C>): DatabaseConfig {
  const values = options.values as OptionValues<'check' | 'report' | 'export'>;
  const given = options.given as (id: 'data' | 'aliases' | 'snapshot' | 'format' | 'max-authors-per-paper') => boolean;
  const config = databaseConfig(values);
  if (config.databaseUrl === null) return config;
  for (const option of ['data', 'aliases', 'snapshot', 'format', 'max-authors-per-paper'] as const) {
    if (given(option))
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
  const parsed = parseOptions('db', args, env, { positionals: true });
  const [action, ...rest] = parsed.positionals;
  if (action === undefined || !(databaseActions as readonly string[]).includes(action) || rest.length > 0) {
    throw new ConfigError(`db takes one action: ${databaseActions.join(' or ')}`);
  }
  const { databaseUrl } = databaseConfig(parsed.values);
  if (databaseUrl === null) throw new ConfigError(`db needs --database URL (or ${optionTable.database.env})`);
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
  const options = parseOptions('centrality-worker', args, env);
  const { values } = options;
  const { databaseUrl } = databaseConfig(values);
  if (databaseUrl === null)
    throw new ConfigError(`centrality-worker needs --database URL (or ${optionTable.database.env})`);
  const given = values.snapshot !== undefined || values.data.length > 0;
  return Object.freeze({
    databaseUrl,
    threads: values['worker-threads'],
    exitWhenIdle: values['exit-when-idle'],
    leaseSeconds: values['lease-seconds'],
    chunkSources: values['chunk-sources'] ?? null,
    data: given ? dataConfig(options) : null,
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
  const parsed = parseOptions('token', args, env, { positionals: true });
  const [action, ...rest] = parsed.positionals;
  if (action === undefined || !(tokenActions as readonly string[]).includes(action))
    throw new ConfigError(`token takes one action: ${tokenActions.join(', ')}`);
  const { role, label, tokens } = parsed.values;
  if (action === 'create' && role === undefined)
    throw new ConfigError('token create needs --role curator or --role admin');
  if (action !== 'create' && role !== undefined)
    throw new ConfigError(`--role is for token create, not token ${action}`);
  if (action === 'revoke' && (rest.length !== 1 || !/^\d+$/u.test(rest[0] as string)))
    throw new ConfigError('token revoke takes the id of one token (see token list)');
  if (action !== 'revoke' && rest.length > 0) throw new ConfigError(`unexpected argument "${rest[0]}"`);
  const { databaseUrl } = databaseConfig(parsed.values);
  return Object.freeze({
    action: action as TokenCommandConfig['action'],
    role: role ?? null,
    label: label ?? null,
    id: action === 'revoke' ? (rest[0] as string) : null,
    databaseUrl,
    tokenFile: tokens ?? null,
  });
}

export interface ImportConfig extends DataConfig {
  readonly databaseUrl: string;
}

/** `import --database URL --data FILE... [--aliases FILE] [--format F] [--max-authors-per-paper N]`. */
export function importConfig(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ImportConfig {
  if (args.some((arg) => arg === '--snapshot' || arg.startsWith('--snapshot=')))
    throw new ConfigError('import reads data files; a snapshot holds a built network, not the papers to store');
  const options = parseOptions('import', args, env);
  if (options.values.data.length === 0)
    throw new ConfigError('import needs the files to load: --data FILE (once per file)');
  const { databaseUrl } = databaseConfig(options.values);
  if (databaseUrl === null) throw new ConfigError(`import needs --database URL (or ${optionTable.database.env})`);
  return Object.freeze({ ...dataConfig(options), databaseUrl });
}
