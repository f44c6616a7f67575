/**
 * Every command-line option in one table: its flag, environment variable, type, default, range, help
 * text and the commands it applies to. Argument parsing and per-option validation (`parseOptions`),
 * `--help` (src/commands/help.ts) and the README's configuration tables (`npm run docs:options`) are
 * made from it; src/config.ts turns the parsed values into each command's configuration and checks
 * what involves several options at once.
 *
 * Adding an option is one entry in `optionTable`:
 *
 *   'my-option': { kind: 'integer', flag: 'my-option', env: 'MY_OPTION', value: 'N', min: 1, max: 100,
 *                  default: 10, section: 'server', commands: ['serve'], help: 'what it does' },
 *
 * then read `values['my-option']` in that command's function in src/config.ts (typed from the entry) and
 * run `npm run docs:options` to update the README. The key is the option's id; it is the flag, unless
 * one flag means different things on different commands (`--out`, `--threads`, `--output-format`): then
 * each meaning is an entry of its own, with the same `flag` and separate `commands`. Kinds: `integer`
 * and `seconds` (a range, `min`..`max`), `text`, `list` (repeatable; its environment variable is a
 * comma-separated list), `choice` (one of `choices`), `switch` (`--x` / `--no-x`, environment true or
 * false) and `flag` (present or not). Precedence: the flag, then the environment variable (an empty one
 * counts as unset), then the default.
 */
import { DEFAULT_SAMPLE_SIZE } from './analysis/all-pairs-centrality.ts';
import { inputFormats } from './ingest/load.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const commandNames = [
  'serve',
  'build',
  'check',
  'report',
  'export',
  'import',
  'db',
  'centrality-worker',
  'token',
  'schema',
  'alias',
] as const;
export type CommandName = (typeof commandNames)[number];

/** The groups of the help text and of the README's tables, in their order. */
export const optionSections = {
  data: 'Data',
  analysis: 'Centrality on large networks',
  server: 'Server',
  limits: 'Query and transport limits',
  http: 'HTTP: browsers, caching, logs and metrics',
  curation: 'Curation',
  store: 'Shared store (PostgreSQL)',
  output: 'Reports and exports',
  other: 'Other commands',
} as const;
export type OptionSection = keyof typeof optionSections;

export const reportFormats = ['table', 'csv', 'json', 'markdown'] as const;
export type ReportFormat = (typeof reportFormats)[number];
export const exportFormats = ['gexf', 'graphml', 'vosviewer', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

interface CommonSpec {
  /** Written `--flag` on the command line. */
  readonly flag: string;
  /** Other spellings with the same meaning (`--to` for `--output-format`). */
  readonly aliases?: readonly string[];
  /**
   * A deprecated spelling, still accepted with a warning on stderr when the option itself is not given
   * and the value fits this option rather than the one now spelled so (`report --format csv`).
   */
  readonly formerly?: string;
  readonly env?: string;
  /** The value's placeholder in the help (`N`, `FILE`, `SECONDS`). */
  readonly value?: string;
  readonly help: string;
  readonly section: OptionSection;
  readonly commands: readonly CommandName[];
  /** The default in words where it is not a fixed value (`one per core`); else the help shows `default`. */
  readonly defaultText?: string;
  /** The help says "required". */
  readonly required?: boolean;
}
interface NumberSpec extends CommonSpec {
  readonly kind: 'integer' | 'seconds';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}
interface TextSpec extends CommonSpec {
  readonly kind: 'text';
  readonly default?: string;
}
interface ListSpec extends CommonSpec {
  readonly kind: 'list';
}
interface ChoiceSpec extends CommonSpec {
  readonly kind: 'choice';
  readonly choices: readonly string[];
  /** In the error for an unknown value: `unknown NOUN "x"; use one of ...`. */
  readonly noun: string;
  readonly default?: string;
}
interface SwitchSpec extends CommonSpec {
  readonly kind: 'switch';
  readonly default: boolean;
}
interface FlagSpec extends CommonSpec {
  readonly kind: 'flag';
}
export type OptionSpec = NumberSpec | TextSpec | ListSpec | ChoiceSpec | SwitchSpec | FlagSpec;

const dataCommands = ['serve', 'build', 'check', 'report', 'export', 'import', 'centrality-worker'] as const;
const analysisCommands = ['serve', 'build', 'report', 'export'] as const;

export const optionTable = {
  // Data
  data: {
    kind: 'list',
    flag: 'data',
    value: 'FILE',
    section: 'data',
    commands: dataCommands,
    defaultText: 'the bundled data set: every data file in data/',
    help: 'a data file to load (repeat for several); read by extension unless --format says otherwise',
  },
  aliases: {
    kind: 'text',
    flag: 'aliases',
    value: 'FILE',
    section: 'data',
    commands: dataCommands,
    defaultText: 'data/aliases.json with the bundled data, none otherwise',
    help: 'the alias file: name variants of one person',
  },
  format: {
    kind: 'choice',
    flag: 'format',
    aliases: ['input-format'],
    value: 'FORMAT',
    choices: inputFormats,
    noun: 'input format',
    section: 'data',
    commands: dataCommands,
    defaultText: 'by extension (and shape, for .json)',
    help: 'the input format of every data file',
  },
  'max-authors-per-paper': {
    kind: 'integer',
    flag: 'max-authors-per-paper',
    value: 'N',
    min: 2,
    max: 1_000_000,
    section: 'data',
    commands: dataCommands,
    defaultText: 'no limit',
    help: 'papers with more authors stay papers but add no collaborations',
  },
  snapshot: {
    kind: 'text',
    flag: 'snapshot',
    value: 'FILE',
    section: 'data',
    commands: ['serve', 'check', 'report', 'export', 'centrality-worker'],
    help: 'load a snapshot made by build in place of data files',
  },
  candidates: {
    kind: 'integer',
    flag: 'candidates',
    value: 'N',
    min: 0,
    max: 1000,
    default: 10,
    section: 'data',
    commands: ['check'],
    help: 'how many likely duplicate authors to print',
  },
  // Centrality on large networks
  'cache-dir': {
    kind: 'text',
    flag: 'cache-dir',
    value: 'DIR',
    section: 'analysis',
    commands: analysisCommands,
    defaultText: '$XDG_CACHE_HOME/coauthor-graph, else ~/.cache/coauthor-graph',
    help: 'where snapshots of built networks and exact centrality values are kept between runs',
  },
  'no-cache': {
    kind: 'flag',
    flag: 'no-cache',
    section: 'analysis',
    commands: analysisCommands,
    help: 'keep no cache (not with --cache-dir)',
  },
  threads: {
    kind: 'integer',
    flag: 'threads',
    value: 'N',
    min: 1,
    max: 256,
    section: 'analysis',
    commands: analysisCommands,
    defaultText: 'one per core; serve: one per core but one (at least 1)',
    help: 'worker threads for the all-pairs passes, the estimates and the exact pass (at the lowest scheduling priority); serve leaves the event loop a core',
  },
  'sample-size': {
    kind: 'integer',
    flag: 'sample-size',
    value: 'N',
    min: 1,
    max: 1_000_000,
    default: DEFAULT_SAMPLE_SIZE,
    section: 'analysis',
    commands: analysisCommands,
    help: 'sources sampled per large component for the estimates of betweenness, closeness and harmonic',
  },
  'first-sample-size': {
    kind: 'integer',
    flag: 'first-sample-size',
    value: 'N',
    min: 1,
    max: 1_000_000,
    section: 'analysis',
    commands: analysisCommands,
    defaultText:
      '--sample-size, or fewer (at least 16) where those searches would cost more than 70 million authors and adjacency entries visited: 64 on the ACL Anthology, 16 at 1 M synthetic papers',
    help: 'sources of the first estimates, which serve starts with; the estimates from --sample-size sources replace them in the background (the cache keeps those; build makes only those unless given this)',
  },
  exact: {
    kind: 'flag',
    flag: 'exact',
    section: 'analysis',
    commands: ['build'],
    help: 'wait for the exact all-pairs pass (else the snapshot holds estimates, unless the cache has exact values)',
  },
  // Server
  port: {
    kind: 'integer',
    flag: 'port',
    env: 'PORT',
    value: 'N',
    min: 0,
    max: 65535,
    default: 4000,
    section: 'server',
    commands: ['serve'],
    help: 'the port to listen on (0 picks a free one)',
  },
  host: {
    kind: 'text',
    flag: 'host',
    env: 'HOST',
    value: 'HOST',
    default: '127.0.0.1',
    section: 'server',
    commands: ['serve'],
    help: 'the address to listen on',
  },
  watch: {
    kind: 'flag',
    flag: 'watch',
    section: 'server',
    commands: ['serve'],
    help: 're-read the data and alias files when they change and swap the new network in',
  },
  'time-budget': {
    kind: 'seconds',
    flag: 'time-budget',
    env: 'TIME_BUDGET',
    value: 'SECONDS',
    min: 0.001,
    max: 3600,
    default: 10,
    section: 'server',
    commands: ['serve'],
    help: "each request's time budget; past it the request gets a TIMEOUT error",
  },
  'request-threads': {
    kind: 'integer',
    flag: 'request-threads',
    env: 'REQUEST_THREADS',
    value: 'N',
    min: 1,
    max: 64,
    default: 1,
    section: 'server',
    commands: ['serve'],
    help: "worker threads for requests' heavy work (layouts, exports, duplicate candidates); they share the network's memory",
  },
  'max-export-authors': {
    kind: 'integer',
    flag: 'max-export-authors',
    env: 'MAX_EXPORT_AUTHORS',
    value: 'N',
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    default: 20_000,
    section: 'server',
    commands: ['serve'],
    help: 'the largest network networkExport returns whole, in authors',
  },
  'shutdown-grace': {
    kind: 'seconds',
    flag: 'shutdown-grace',
    env: 'SHUTDOWN_GRACE',
    value: 'SECONDS',
    min: 0,
    max: 3600,
    default: 10,
    section: 'server',
    commands: ['serve'],
    help: 'after SIGTERM or SIGINT: how long requests in flight may run before they are cut',
  },
  // Query and transport limits
  'max-depth': {
    kind: 'integer',
    flag: 'max-depth',
    env: 'GRAPHQL_MAX_DEPTH',
    value: 'N',
    min: 1,
    max: 1000,
    default: 10,
    section: 'limits',
    commands: ['serve'],
    help: 'deepest nesting of selections (else QUERY_TOO_DEEP)',
  },
  'max-aliases': {
    kind: 'integer',
    flag: 'max-aliases',
    env: 'GRAPHQL_MAX_ALIASES',
    value: 'N',
    min: 0,
    max: 100_000,
    default: 15,
    section: 'limits',
    commands: ['serve'],
    help: 'aliases in one operation (else TOO_MANY_ALIASES)',
  },
  'max-directives': {
    kind: 'integer',
    flag: 'max-directives',
    env: 'GRAPHQL_MAX_DIRECTIVES',
    value: 'N',
    min: 0,
    max: 100_000,
    default: 20,
    section: 'limits',
    commands: ['serve'],
    help: 'directives in one operation (else TOO_MANY_DIRECTIVES)',
  },
  'max-tokens': {
    kind: 'integer',
    flag: 'max-tokens',
    env: 'GRAPHQL_MAX_TOKENS',
    value: 'N',
    min: 1,
    max: 10_000_000,
    default: 1000,
    section: 'limits',
    commands: ['serve'],
    help: 'tokens in the query text: names, punctuation, values (else TOO_MANY_TOKENS)',
  },
  'max-cost': {
    kind: 'integer',
    flag: 'max-cost',
    env: 'GRAPHQL_MAX_COST',
    value: 'N',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    default: 50_000,
    section: 'limits',
    commands: ['serve'],
    help: 'highest query cost (else QUERY_TOO_COMPLEX)',
  },
  'max-body': {
    kind: 'integer',
    flag: 'max-body',
    env: 'MAX_BODY_BYTES',
    value: 'BYTES',
    min: 1,
    max: 1_073_741_824,
    default: 1_048_576,
    section: 'limits',
    commands: ['serve'],
    help: 'largest request body (else REQUEST_TOO_LARGE, 413)',
  },
  'headers-timeout': {
    kind: 'seconds',
    flag: 'headers-timeout',
    env: 'HEADERS_TIMEOUT',
    value: 'SECONDS',
    min: 0.001,
    max: 3600,
    default: 10,
    section: 'limits',
    commands: ['serve'],
    help: "a connection that has not sent its request's headers by then is closed (408); not longer than --request-timeout",
  },
  'request-timeout': {
    kind: 'seconds',
    flag: 'request-timeout',
    env: 'REQUEST_TIMEOUT',
    value: 'SECONDS',
    min: 0.001,
    max: 3600,
    default: 30,
    section: 'limits',
    commands: ['serve'],
    help: 'a connection that has not sent its whole request by then is closed (408)',
  },
  'keep-alive-timeout': {
    kind: 'seconds',
    flag: 'keep-alive-timeout',
    env: 'KEEP_ALIVE_TIMEOUT',
    value: 'SECONDS',
    min: 0.001,
    max: 3600,
    default: 5,
    section: 'limits',
    commands: ['serve'],
    help: 'an idle keep-alive connection is closed after this time',
  },
  'max-connections': {
    kind: 'integer',
    flag: 'max-connections',
    env: 'MAX_CONNECTIONS',
    value: 'N',
    min: 1,
    max: 1_000_000,
    default: 1024,
    section: 'limits',
    commands: ['serve'],
    help: 'open connections at most; one more is closed at once',
  },
  // HTTP: browsers, caching, logs and metrics
  'cors-origin': {
    kind: 'list',
    flag: 'cors-origin',
    env: 'CORS_ORIGINS',
    value: 'ORIGIN',
    section: 'http',
    commands: ['serve'],
    defaultText: 'none: same origin only',
    help: 'an origin (https://example.org) whose pages may call the API (repeat for several)',
  },
  introspection: {
    kind: 'switch',
    flag: 'introspection',
    env: 'GRAPHQL_INTROSPECTION',
    default: true,
    section: 'http',
    commands: ['serve'],
    help: 'answer __schema and __type (and suggest field names in errors)',
  },
  graphiql: {
    kind: 'switch',
    flag: 'graphiql',
    env: 'GRAPHIQL',
    default: true,
    section: 'http',
    commands: ['serve'],
    help: 'serve GraphiQL to browsers at /graphql',
  },
  'log-level': {
    kind: 'choice',
    flag: 'log-level',
    env: 'LOG_LEVEL',
    value: 'LEVEL',
    choices: logLevels,
    noun: 'log level',
    default: 'info',
    section: 'http',
    commands: ['serve'],
    help: 'level of the JSON request log on standard output',
  },
  'persisted-only': {
    kind: 'text',
    flag: 'persisted-only',
    env: 'PERSISTED_ONLY',
    value: 'FILE',
    section: 'http',
    commands: ['serve'],
    defaultText: 'any query, with automatic persisted queries',
    help: 'trusted documents: only the operations in FILE run, by hash',
  },
  'cache-max-age': {
    kind: 'integer',
    flag: 'cache-max-age',
    env: 'CACHE_MAX_AGE',
    value: 'SECONDS',
    min: 0,
    max: 31_536_000,
    default: 60,
    section: 'http',
    commands: ['serve'],
    help: 'Cache-Control max-age of GET answers (0: no-cache)',
  },
  'response-cache': {
    kind: 'switch',
    flag: 'response-cache',
    env: 'RESPONSE_CACHE',
    default: true,
    section: 'http',
    commands: ['serve'],
    help: 'keep answers in a bounded in-memory cache keyed by network version, operation and variables',
  },
  metrics: {
    kind: 'switch',
    flag: 'metrics',
    env: 'METRICS',
    default: false,
    section: 'http',
    commands: ['serve'],
    help: 'serve Prometheus metrics at /metrics',
  },
  // Curation
  windows: {
    kind: 'text',
    flag: 'windows',
    env: 'WINDOWS',
    value: 'FROM-TO,...',
    section: 'analysis',
    commands: ['serve'],
    defaultText: 'none',
    help: 'time windows (2016-2019, 2020-, -2015) whose betweenness, closeness and harmonic are computed exactly in the background, after the whole network; other windows get estimates on request',
  },
  curation: {
    kind: 'text',
    flag: 'curation',
    value: 'FILE',
    section: 'curation',
    commands: ['serve'],
    defaultText: 'beside the first data file, FILE.curation.json',
    help: 'without --database: the curation file (identity decisions and the audit log)',
  },
  tokens: {
    kind: 'text',
    flag: 'tokens',
    env: 'COAUTHOR_GRAPH_TOKENS',
    value: 'FILE',
    section: 'curation',
    commands: ['serve', 'token'],
    defaultText: '~/.config/coauthor-graph/tokens.json (mode 0600)',
    help: 'without --database: the API token file',
  },
  'max-mutations-per-minute': {
    kind: 'integer',
    flag: 'max-mutations-per-minute',
    env: 'MAX_MUTATIONS_PER_MINUTE',
    value: 'N',
    min: 1,
    max: 100_000,
    default: 60,
    section: 'curation',
    commands: ['serve'],
    help: 'curation mutations allowed per token per minute (else RATE_LIMITED)',
  },
  role: {
    kind: 'choice',
    flag: 'role',
    value: 'ROLE',
    choices: ['curator', 'admin'],
    noun: 'role',
    section: 'curation',
    commands: ['token'],
    help: 'token create: what the token may do',
  },
  label: {
    kind: 'text',
    flag: 'label',
    value: 'TEXT',
    section: 'curation',
    commands: ['token'],
    help: 'token create: a note shown by token list',
  },
  // Shared store
  database: {
    kind: 'text',
    flag: 'database',
    env: 'DATABASE_URL',
    value: 'URL',
    section: 'store',
    commands: ['serve', 'check', 'report', 'export', 'import', 'db', 'centrality-worker', 'token'],
    defaultText: 'none: data files and the local cache',
    help: 'the shared store (postgres://...): serve replicates its versions, check/report/export load its current one',
  },
  'version-poll': {
    kind: 'seconds',
    flag: 'version-poll',
    env: 'VERSION_POLL',
    value: 'SECONDS',
    min: 0.05,
    max: 3600,
    default: 10,
    section: 'store',
    commands: ['serve'],
    help: 'with --database: how often to look for a new version when no notification came',
  },
  'worker-threads': {
    kind: 'integer',
    flag: 'threads',
    value: 'N',
    min: 1,
    max: 256,
    default: 1,
    section: 'store',
    commands: ['centrality-worker'],
    help: 'chunks computed at once, one per worker thread',
  },
  'exit-when-idle': {
    kind: 'flag',
    flag: 'exit-when-idle',
    section: 'store',
    commands: ['centrality-worker'],
    help: 'exit 0 once no version has a chunk left to compute (a batch Job); else wait for new versions',
  },
  'lease-seconds': {
    kind: 'seconds',
    flag: 'lease-seconds',
    value: 'SECONDS',
    min: 1,
    max: 3600,
    default: 60,
    section: 'store',
    commands: ['centrality-worker'],
    help: 'the lease on a chunk, renewed while it is computed',
  },
  'chunk-sources': {
    kind: 'integer',
    flag: 'chunk-sources',
    value: 'N',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    section: 'store',
    commands: ['centrality-worker'],
    defaultText: "by the network's size",
    help: "sources per chunk when this worker creates a version's pass",
  },
  // Reports and exports
  metric: {
    kind: 'text',
    flag: 'metric',
    value: 'NAME',
    section: 'output',
    commands: ['report'],
    defaultText: 'required unless --summary or --html',
    help: 'the ranking: degree, weighted-degree, betweenness, closeness, harmonic, eigenvector, pagerank, coreness, clustering, constraint or effective-size',
  },
  summary: {
    kind: 'flag',
    flag: 'summary',
    section: 'output',
    commands: ['report'],
    help: "the network's figures (graphStats) as a table instead of a ranking",
  },
  html: {
    kind: 'text',
    flag: 'html',
    value: 'FILE',
    section: 'output',
    commands: ['report'],
    help: 'write one self-contained HTML report (figures, growth per year, distributions, component sizes, the top authors by every metric) with charts that open offline',
  },
  years: {
    kind: 'text',
    flag: 'years',
    value: 'FROM-TO',
    section: 'output',
    commands: ['report'],
    defaultText: 'every year',
    help: "the network of those years' papers only: 2016-2019, 2016-, -2019 or 2017",
  },
  top: {
    kind: 'integer',
    flag: 'top',
    value: 'N',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    default: 10,
    section: 'output',
    commands: ['report'],
    help: "authors per ranking (the one printed, or each metric's in the HTML report)",
  },
  'report-format': {
    kind: 'choice',
    flag: 'output-format',
    aliases: ['to'],
    formerly: 'format',
    value: 'FORMAT',
    choices: reportFormats,
    noun: 'report format',
    defaultText: 'table; markdown with --summary',
    section: 'output',
    commands: ['report'],
    help: 'what report writes',
  },
  'export-format': {
    kind: 'choice',
    flag: 'output-format',
    aliases: ['to'],
    formerly: 'format',
    value: 'FORMAT',
    choices: exportFormats,
    noun: 'export format',
    required: true,
    section: 'output',
    commands: ['export'],
    help: 'what export writes',
  },
  weighting: {
    kind: 'text',
    flag: 'weighting',
    value: 'NAME',
    section: 'output',
    commands: ['report', 'export'],
    defaultText: 'joint-papers',
    help: 'how ties are weighed for weighted degree, eigenvector, PageRank and edge weights: joint-papers, fractional or association-strength',
  },
  'csv-raw': {
    kind: 'flag',
    flag: 'csv-raw',
    section: 'output',
    commands: ['report', 'export'],
    help: 'CSV: write text cells as they are (a cell that would start a spreadsheet formula is not quoted)',
  },
  center: {
    kind: 'text',
    flag: 'center',
    value: 'ID|NAME',
    section: 'output',
    commands: ['export'],
    defaultText: 'the whole network',
    help: 'export the network around this author, as the explorer draws it',
  },
  depth: {
    kind: 'integer',
    flag: 'depth',
    value: 'N',
    min: 0,
    max: 3,
    default: 1,
    section: 'output',
    commands: ['export'],
    help: 'with --center: co-author steps from the center',
  },
  'min-joint-papers': {
    kind: 'integer',
    flag: 'min-joint-papers',
    value: 'N',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    default: 1,
    section: 'output',
    commands: ['export'],
    help: 'with --center: ties with fewer joint papers are left out',
  },
  'max-nodes': {
    kind: 'integer',
    flag: 'max-nodes',
    value: 'N',
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    default: 1000,
    section: 'output',
    commands: ['export'],
    help: 'with --center: authors at most (the nearest are kept)',
  },
  table: {
    kind: 'choice',
    flag: 'table',
    value: 'nodes|edges',
    choices: ['nodes', 'edges'],
    noun: 'table',
    section: 'output',
    commands: ['export'],
    defaultText: 'both',
    help: 'csv: write only this table',
  },
  'export-out': {
    kind: 'text',
    flag: 'out',
    value: 'FILE',
    section: 'output',
    commands: ['export'],
    defaultText: 'standard output',
    help: 'the file to write (csv: FILE.nodes.csv and FILE.edges.csv unless --table)',
  },
  // Other commands
  'snapshot-out': {
    kind: 'text',
    flag: 'out',
    value: 'FILE',
    required: true,
    section: 'other',
    commands: ['build'],
    help: 'the snapshot file to write',
  },
  'schema-out': {
    kind: 'text',
    flag: 'out',
    value: 'FILE',
    section: 'other',
    commands: ['schema'],
    defaultText: 'standard output',
    help: 'write the GraphQL SDL to FILE',
  },
  'schema-check': {
    kind: 'text',
    flag: 'check',
    value: 'FILE',
    section: 'other',
    commands: ['schema'],
    help: 'exit 1 if FILE is not the current SDL',
  },
  'alias-file': {
    kind: 'text',
    flag: 'aliases',
    value: 'FILE',
    section: 'other',
    commands: ['alias'],
    defaultText: 'data/aliases.json',
    help: 'the alias file to add to',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionTable = typeof optionTable;
export type OptionId = keyof OptionTable;

/** The ids of the options a command takes. */
export type OptionIdOf<C extends CommandName> = {
  [K in OptionId]: C extends OptionTable[K]['commands'][number] ? K : never;
}[OptionId];

type ValueOf<O> = O extends { kind: 'integer' | 'seconds' }
  ? O extends { default: number }
    ? number
    : number | undefined
  : O extends { kind: 'text' }
    ? O extends { default: string }
      ? string
      : string | undefined
    : O extends { kind: 'list' }
      ? readonly string[]
      : O extends { kind: 'choice'; choices: readonly (infer T)[] }
        ? O extends { default: string }
          ? T
          : T | undefined
        : boolean;

/** A command's option values, typed from the table: seconds stay seconds; a list is empty when not given. */
export type OptionValues<C extends CommandName> = { readonly [K in OptionIdOf<C>]: ValueOf<OptionTable[K]> };

export interface ParsedOptions<C extends CommandName> {
  readonly values: OptionValues<C>;
  /** Where each value came from (options neither given nor in the environment are absent). */
  readonly sources: ReadonlyMap<OptionIdOf<C>, 'flag' | 'env'>;
  /** Given on the command line. */
  given(id: OptionIdOf<C>): boolean;
  /** The option as the command line wrote it (`--to`, or a deprecated `--format`), for messages; else its flag. */
  written(id: OptionIdOf<C>): string;
  readonly positionals: readonly string[];
  /** Deprecation warnings, for stderr. */
  readonly warnings: readonly string[];
}

/** Every entry, with its id. */
export function optionEntries(): [OptionId, OptionSpec][] {
  return Object.entries(optionTable) as [OptionId, OptionSpec][];
}

/** The options a command takes, in table order. */
export function optionsOf(command: CommandName): [OptionId, OptionSpec][] {
  return optionEntries().filter(([, spec]) => spec.commands.includes(command));
}

/** An option's fixed default (for code outside the command line, such as `createApp`'s defaults). */
export function optionDefault<K extends OptionId>(
  id: K,
): OptionTable[K] extends { default: unknown } ? Exclude<ValueOf<OptionTable[K]>, undefined> : never {
  const spec: OptionSpec = optionTable[id];
  if (!('default' in spec) || spec.default === undefined) throw new Error(`option ${id} has no fixed default`);
  return spec.default as never;
}

/** Which commands take a flag, for the error about an option given to the wrong command. */
function commandsWithFlag(flag: string): CommandName[] {
  return commandNames.filter((command) =>
    optionsOf(command).some(([, spec]) => spellings(spec).includes(flag) || negatable(spec, flag)),
  );
}

function spellings(spec: OptionSpec): string[] {
  return [spec.flag, ...(spec.aliases ?? [])];
}

function negatable(spec: OptionSpec, flag: string): boolean {
  return spec.kind === 'switch' && flag === `no-${spec.flag}`;
}

function takesValue(spec: OptionSpec): boolean {
  return spec.kind !== 'switch' && spec.kind !== 'flag';
}

/** A whole number from `min` to `max`; `name` is the option as the message names it. */
export function wholeNumber(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/u.test(text.trim()) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${text}"`);
  return value;
}

/** A duration such as "10" or "2.5", from `min` to `max` seconds. */
export function secondsValue(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/u.test(text.trim()) || value < min || value > max)
    throw new ConfigError(`${name} must be a number of seconds from ${min} to ${max}; got "${text}"`);
  return value;
}

function onOffWord(text: string, envName: string): boolean {
  const word = text.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(word)) return true;
  if (['false', '0', 'no', 'off'].includes(word)) return false;
  throw new ConfigError(`${envName} must be true or false; got "${text}"`);
}

function choiceValue(spec: ChoiceSpec, text: string): string {
  const wanted = text.trim().toLowerCase();
  const choice = spec.choices.find((candidate) => candidate === wanted);
  if (choice === undefined)
    throw new ConfigError(`unknown ${spec.noun} "${wanted}"; use one of ${spec.choices.join(', ')}`);
  return choice;
}

interface Occurrence {
  readonly id: OptionId;
  readonly spelling: string;
  readonly value: string | undefined;
  readonly negated: boolean;
}

/** Splits the arguments into option occurrences and positionals; unknown options are refused here. */
function tokenize(command: CommandName, args: readonly string[]): { occurrences: Occurrence[]; positionals: string[] } {
  const specs = optionsOf(command);
  const occurrences: Occurrence[] = [];
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, equals === -1 ? undefined : equals) : arg.slice(1);
    const inline = arg.startsWith('--') && equals !== -1 ? arg.slice(equals + 1) : undefined;
    const found = specs.find(([, spec]) => spellings(spec).includes(name) || negatable(spec, name));
    if (found === undefined || !arg.startsWith('--')) {
      const elsewhere = arg.startsWith('--') ? commandsWithFlag(name) : [];
      throw new ConfigError(
        `unknown option ${arg.startsWith('--') ? `--${name}` : arg}` +
          (elsewhere.length > 0 ? ` (an option of ${elsewhere.join(', ')}, not of ${command})` : '') +
          `; see coauthor-graph ${command} --help`,
      );
    }
    const [id, spec] = found;
    if (!takesValue(spec)) {
      if (inline !== undefined) throw new ConfigError(`--${name} takes no value; got "${arg}"`);
      occurrences.push({ id, spelling: name, value: undefined, negated: name !== spec.flag });
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[index + 1];
      if (next === undefined || next.startsWith('--'))
        throw new ConfigError(`--${name} needs a value (${spec.value ?? 'VALUE'})`);
      value = next;
      index++;
    }
    occurrences.push({ id, spelling: name, value, negated: false });
  }
  return { occurrences, positionals };
}

/**
 * Whether `--FORMER VALUE` is the deprecated spelling of `spec`: VALUE is one of its choices, or not a
 * value of the option now spelled `--FORMER` (so that its error names the former meaning).
 */
function formerMeaning(command: CommandName, spec: ChoiceSpec, value: string): boolean {
  const wanted = value.trim().toLowerCase();
  if (spec.choices.includes(wanted)) return true;
  const current = optionsOf(command).find(
    ([, other]) => other !== spec && spellings(other).includes(spec.formerly ?? ''),
  );
  return current === undefined || current[1].kind !== 'choice' || !current[1].choices.includes(wanted);
}

/**
 * The deprecated spelling of an option (`--format` for `--output-format` on report and export): taken
 * as the option, with a warning, when the option itself is not given and the value fits it rather than
 * what the spelling means now (`formerMeaning`); otherwise the spelling means what it means on every
 * command (`export --format bib --to gexf`: bib is the input format).
 */
function applyFormerSpellings(
  command: CommandName,
  args: readonly string[],
): { args: readonly string[]; warnings: string[]; converted: Set<OptionId> } {
  const warnings: string[] = [];
  const converted = new Set<OptionId>();
  let result = args;
  for (const [id, spec] of optionsOf(command)) {
    if (spec.formerly === undefined || spec.kind !== 'choice') continue;
    const given = spellings(spec).some((name) =>
      args.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`)),
    );
    if (given) continue;
    const former = `--${spec.formerly}`;
    const copy = [...result];
    for (let index = 0; index < copy.length; index++) {
      const arg = copy[index] as string;
      const inline = arg.startsWith(`${former}=`) ? arg.slice(former.length + 1) : undefined;
      const value = inline ?? (arg === former ? copy[index + 1] : undefined);
      if (value === undefined || !formerMeaning(command, spec, value)) continue;
      const now = optionsOf(command).find(
        ([, other]) => other !== spec && spellings(other).includes(spec.formerly ?? ''),
      );
      warnings.push(
        `${former} ${value} for what ${command} writes is deprecated: write --${spec.flag} ${value} (or --${spec.aliases?.[0] ?? spec.flag} ${value})` +
          (now === undefined ? '' : `; ${former} is ${now[1].help}, as on every command`),
      );
      if (inline === undefined) copy[index] = `--${spec.flag}`;
      else copy[index] = `--${spec.flag}=${inline}`;
      converted.add(id);
      break;
    }
    result = copy;
  }
  return { args: result, warnings, converted };
}

/**
 * Parses a command's arguments against the table: each option from its flag, else its environment
 * variable, else its default; each value checked against its type and range.
 */
export function parseOptions<C extends CommandName>(
  command: C,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  { positionals: allowPositionals = false }: { positionals?: boolean } = {},
): ParsedOptions<C> {
  const former = applyFormerSpellings(command, args);
  const { occurrences, positionals } = tokenize(command, former.args);
  if (!allowPositionals && positionals.length > 0)
    throw new ConfigError(
      `unexpected argument "${positionals[0]}": ${command} takes options only; see coauthor-graph ${command} --help`,
    );
  const values: Record<string, unknown> = {};
  const sources = new Map<OptionId, 'flag' | 'env'>();
  for (const [id, spec] of optionsOf(command)) {
    const mine = occurrences.filter((occurrence) => occurrence.id === id);
    const envText = spec.env === undefined ? undefined : env[spec.env];
    const fromEnv = envText !== undefined && envText !== '' ? envText : undefined;
    if (mine.length > 0) sources.set(id, 'flag');
    else if (fromEnv !== undefined) sources.set(id, 'env');
    switch (spec.kind) {
      case 'flag':
        values[id] = mine.length > 0;
        break;
      case 'switch': {
        const on = mine.some((occurrence) => !occurrence.negated);
        const off = mine.some((occurrence) => occurrence.negated);
        if (on && off) throw new ConfigError(`--${spec.flag} and --no-${spec.flag} cannot be used together`);
        values[id] = on
          ? true
          : off
            ? false
            : fromEnv !== undefined
              ? onOffWord(fromEnv, spec.env as string)
              : spec.default;
        break;
      }
      case 'list':
        values[id] = Object.freeze(
          mine.length > 0
            ? mine.map((occurrence) => occurrence.value as string)
            : (fromEnv ?? '').split(',').filter((entry) => entry.trim() !== ''),
        );
        break;
      default: {
        const text = mine.at(-1)?.value ?? fromEnv;
        if (text === undefined) {
          values[id] = spec.default;
          break;
        }
        switch (spec.kind) {
          case 'integer':
            values[id] = wholeNumber(text, spec.flag, spec.min, spec.max);
            break;
          case 'seconds':
            values[id] = secondsValue(text, spec.flag, spec.min, spec.max);
            break;
          case 'choice':
            values[id] = choiceValue(spec, text);
            break;
          case 'text':
            values[id] = text;
            break;
        }
      }
    }
  }
  return {
    values: values as OptionValues<C>,
    sources: sources as Map<OptionIdOf<C>, 'flag' | 'env'>,
    given: (id) => sources.get(id) === 'flag',
    written: (id) =>
      `--${former.converted.has(id) ? (optionTable[id] as OptionSpec).formerly : (occurrences.findLast((occurrence) => occurrence.id === id)?.spelling ?? optionTable[id].flag)}`,
    positionals,
    warnings: former.warnings,
  };
}
