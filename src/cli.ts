/**
 * `coauthor-graph`, the one executable: `serve`, `check`, `report`, `export`, `schema`, `alias`.
 * Returns the exit code; configuration mistakes print a message and the usage, with exit code 2.
 */
import { aliasCommand } from './commands/alias.ts';
import { buildCommand } from './commands/build.ts';
import { centralityWorkerCommand } from './commands/centrality-worker.ts';
import { checkCommand } from './commands/check.ts';
import { dbCommand } from './commands/db.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { type CommandIO, processIO } from './commands/io.ts';
import { reportCommand } from './commands/report.ts';
import { schemaCommand } from './commands/schema.ts';
import { serveCommand } from './commands/serve.ts';
import { tokenCommand } from './commands/token.ts';
import { ConfigError } from './config.ts';

export const usage = `Usage: coauthor-graph <command> [options]

Commands:
  build   --out FILE [--data FILE]... [--aliases FILE] [--format FORMAT] [--max-authors-per-paper N] [--exact]
          [--cache-dir DIR | --no-cache] [--threads N] [--sample-size N]
          Parse the data once and write a snapshot: one file with the whole network, its indexes and
          centrality values (exact with --exact, else estimates), that the commands below load with
          --snapshot FILE in place of --data, without parsing anything.
  serve   [--data FILE]... [--aliases FILE] [--port N] [--host H] [--format FORMAT] [--watch]
          [--max-authors-per-paper N] [--cache-dir DIR | --no-cache] [--threads N] [--sample-size N]
          [--shutdown-grace SECONDS] [--curation FILE] [--tokens FILE] [--max-mutations-per-minute N]
          [--database URL [--version-poll SECONDS]]
          Serve the GraphQL API (GraphiQL at /graphql). Without --data: the bundled data set.
          Curation mutations (bearer token, see token) are kept in --curation FILE (default: beside
          the first data file, FILE.curation.json) or, with --database, in PostgreSQL.
          PORT and HOST environment variables work too (defaults 4000 and 127.0.0.1).
          On SIGTERM or SIGINT: /ready turns 503, new requests are refused, requests in flight
          finish within --shutdown-grace seconds (SHUTDOWN_GRACE, default 10), then exit 0.
          --watch re-reads the data and alias files when they change and swaps the new network in.
          Large networks: betweenness, closeness and harmonic are estimated from a sample of
          --sample-size sources (default 256) first, then computed exactly in --threads worker
          threads (default: one per core, at low priority) and saved in the cache (default
          ~/.cache/coauthor-graph), which keeps a snapshot per set of inputs: a second start on the
          same files loads it instead of parsing. --snapshot FILE serves a snapshot made by build.
          --database URL (or DATABASE_URL): a replica of the shared store: serves its newest network
          version (from the cache when it has it), follows new versions (LISTEN/NOTIFY, and a poll
          every --version-poll seconds, default 10) and swaps each in; /ready: connected to the
          store and serving its newest version.
          [--max-depth N] [--max-aliases N] [--max-directives N] [--max-tokens N] [--max-cost N]
          [--max-body BYTES] [--cors-origin ORIGIN]... [--no-introspection] [--no-graphiql] [--log-level L]
          [--headers-timeout SECONDS] [--request-timeout SECONDS] [--keep-alive-timeout SECONDS] [--max-connections N]
          [--persisted-only FILE] [--cache-max-age SECONDS] [--no-response-cache] [--metrics]
          Query limits, transport, timeouts, persisted queries, HTTP caching, /metrics and the JSON
          request log on stdout (see the README's "Running it on the internet"; each has an
          environment variable too).
  check   [--data FILE]... [--aliases FILE] [--format FORMAT] [--candidates N] [--max-authors-per-paper N]
          Parse the data, print counts, every problem with file:line and the N most likely
          duplicate authors (default 10); exit 1 if a record cannot be read.
  report  --metric NAME | --summary | --html FILE   [--years FROM-TO] [--weighting W] [--top N]
          [--format table|csv|json|markdown] [--csv-raw] [--data FILE]... [--aliases FILE]
          [--max-authors-per-paper N] [--cache-dir DIR | --no-cache] [--threads N]
          A centrality ranking (always exact). NAME: degree, weighted-degree, betweenness, closeness,
          harmonic, eigenvector, pagerank, coreness, clustering, constraint, effective-size.
          --summary: the network's figures (graphStats) as a table, Markdown by default.
          --html FILE: one self-contained report (figures, growth per year, distributions, component
          sizes, the top N authors by every metric) with charts that open offline.
          --years 2016-2019 (or 2016-, -2019, 2017): the network of those years' papers only.
          --weighting joint-papers|fractional|association-strength: tie strength for weighted degree,
          eigenvector and PageRank.
  export  --format gexf|graphml|vosviewer|csv [--data FILE]... [--aliases FILE] [--input-format F]
          [--center ID|NAME [--depth N] [--min-joint-papers N] [--max-nodes N]] [--table nodes|edges] [--out FILE] [--csv-raw]
          [--max-authors-per-paper N] [--cache-dir DIR | --no-cache] [--threads N]
          The whole network (or the network around --center, as drawn by the explorer) for Gephi,
          VOSviewer or a spreadsheet, with exact centrality scores; standard output unless --out.

  --max-authors-per-paper N: papers with more than N authors stay papers but add no collaborations.
  schema  [--out FILE] [--check FILE]
          Print the GraphQL SDL, write it to FILE, or exit 1 if FILE is out of date.
  alias   add "Variant Name" "Canonical Name" [--aliases FILE]
          Add an entry to the alias file (default data/aliases.json), checked before it is written.
  db      migrate|status --database URL
          Apply the shared store's schema migrations (PostgreSQL), or list applied and pending ones.
          DATABASE_URL works in place of --database.
  import  --database URL --data FILE... [--aliases FILE] [--format FORMAT] [--max-authors-per-paper N]
          Parse the files (as check does; any unreadable record refuses the import) and load them
          into the shared store as a new network version, in one transaction, announced to every
          serve --database replica. The same files again are a no-op; changed files print what
          changed (papers added, removed, changed, by id).
  centrality-worker --database URL [--threads N] [--exit-when-idle] [--data FILE... [--aliases FILE] | --snapshot FILE]
          [--lease-seconds S] [--chunk-sources N]
          Compute chunks of the shared exact pass of every version whose pass is unfinished (what a
          Kubernetes Job runs), one chunk per thread (default 1), under a lease of S seconds (default
          60). The versions' networks are read from the store (curation included); --data/--snapshot
          gives the files a version was imported from instead (checked against its input key). With --exit-when-idle it exits 0 once no pass is left; else it waits
          for new versions. SIGTERM gives back the chunks in progress and exits 0.
  token   create --role curator|admin [--label TEXT] | revoke ID | list   [--database URL | --tokens FILE]
          Bearer tokens for the curation mutations (serve: Authorization: Bearer <token>). create prints
          the new token alone on its last line, shown once: only its hash is kept, in the database or
          in the token file (default ~/.config/coauthor-graph/tokens.json, mode 0600).

check, report and export take --snapshot FILE in place of --data too, or --database URL (DATABASE_URL)
to load the shared store's current version.

Data files are read by extension: .txt publication list, .json (papers, CSL-JSON or OpenAlex works,
told apart by their shape), .jsonl / .ndjson lines, .bib BibTeX, .csl.json CSL-JSON, .xml DBLP.
FORMAT (--format or --input-format) overrides the choice for every file: txt, json, jsonl, bib,
csl-json, dblp-xml, openalex.
`;

export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(args, io);
      case 'build':
        return await buildCommand(args, io);
      case 'check':
        return await checkCommand(args, io);
      case 'report':
        return await reportCommand(args, io);
      case 'export':
        return await exportCommand(args, io);
      case 'schema':
        return schemaCommand(args, io);
      case 'alias':
        return aliasCommand(args, io);
      case 'db':
        return await dbCommand(args, io);
      case 'import':
        return await importCommand(args, io);
      case 'centrality-worker':
        return await centralityWorkerCommand(args, io);
      case 'token':
        return await tokenCommand(args, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return command === undefined ? 2 : 0;
      default:
        io.err(`unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`coauthor-graph ${command}: ${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}
