/**
 * `coauthor-graph`, the one executable: `serve`, `check`, `report`, `export`, `schema`.
 * Returns the exit code; configuration mistakes print a message and the usage, with exit code 2.
 */
import { checkCommand } from './commands/check.ts';
import { exportCommand } from './commands/export.ts';
import { type CommandIO, processIO } from './commands/io.ts';
import { reportCommand } from './commands/report.ts';
import { schemaCommand } from './commands/schema.ts';
import { serveCommand } from './commands/serve.ts';
import { ConfigError } from './config.ts';

export const usage = `Usage: coauthor-graph <command> [options]

Commands:
  serve   [--data FILE]... [--aliases FILE] [--port N] [--host H] [--format txt|json|jsonl]
          Serve the GraphQL API (GraphiQL at /graphql). Without --data: the bundled data set.
          PORT and HOST environment variables work too (defaults 4000 and 127.0.0.1).
  check   [--data FILE]... [--aliases FILE] [--format txt|json|jsonl]
          Parse the data, print counts and every problem with file:line; exit 1 if a record cannot be read.
  report  --metric NAME [--top N] [--format table|csv|json|markdown] [--data FILE]... [--aliases FILE]
          A centrality ranking. NAME: degree, weighted-degree, betweenness, closeness, harmonic,
          eigenvector, pagerank.
  export  --format gexf|graphml|vosviewer|csv [--data FILE]... [--aliases FILE] [--input-format F]
          [--center ID|NAME [--depth N] [--min-joint-papers N] [--max-nodes N]] [--table nodes|edges] [--out FILE]
          The whole network (or the network around --center, as drawn by the explorer) for Gephi,
          VOSviewer or a spreadsheet; standard output unless --out.
  schema  [--out FILE] [--check FILE]
          Print the GraphQL SDL, write it to FILE, or exit 1 if FILE is out of date.

Data files are read by extension (.txt publication list, .json array, .jsonl / .ndjson lines);
--input-format overrides the choice for every command.
`;

export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'serve': return await serveCommand(args, io);
      case 'check': return checkCommand(args, io);
      case 'report': return reportCommand(args, io);
      case 'export': return exportCommand(args, io);
      case 'schema': return schemaCommand(args, io);
      case undefined: case 'help': case '--help': case '-h':
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
