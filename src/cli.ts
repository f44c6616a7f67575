/**
 * `coauthor-graph`, the one executable (its commands: `commandNames` in src/options.ts).
 * Returns the exit code; configuration mistakes print a message and the command's usage, with exit code 2;
 * `coauthor-graph --help` and `coauthor-graph COMMAND --help` print the help made from the option table.
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
import { commandUsage, globalHelp } from './commands/help.ts';
import { type CommandName, ConfigError, commandNames } from './options.ts';

/** `coauthor-graph --help`, made from the option table (src/options.ts). */
export const usage = globalHelp();

const isCommand = (name: string | undefined): name is CommandName =>
  (commandNames as readonly (string | undefined)[]).includes(name);

export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [command, ...args] = argv;
  if (isCommand(command) && (args.includes('--help') || args.includes('-h'))) {
    io.out(commandUsage(command));
    return 0;
  }
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
        // `help serve` is `serve --help`.
        io.out(isCommand(args[0]) ? commandUsage(args[0]) : usage);
        return command === undefined ? 2 : 0;
      default:
        io.err(`unknown command "${command}"\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`coauthor-graph ${command}: ${error.message}\n\n${isCommand(command) ? commandUsage(command) : usage}`);
      return 2;
    }
    throw error;
  }
}
