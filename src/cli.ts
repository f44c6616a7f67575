/**
 * `coauthor-graph`, the one executable (its commands: `commandNames` in src/options.ts).
 * Returns the exit code; configuration mistakes print a message and the command's usage, with exit code 2;
 * `coauthor-graph --help` and `coauthor-graph COMMAND --help` print the help made from the option table.
 * Each command's module is imported when that command runs, so `serve` does not load the database
 * driver or `export`'s writers, and the bundle (src/bin/build-server.js) keeps each in a chunk of its own.
 */
import { type CommandIO, processIO } from './commands/io.ts';
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
        return await (await import('./commands/serve.ts')).serveCommand(args, io);
      case 'build':
        return await (await import('./commands/build.ts')).buildCommand(args, io);
      case 'check':
        return await (await import('./commands/check.ts')).checkCommand(args, io);
      case 'report':
        return await (await import('./commands/report.ts')).reportCommand(args, io);
      case 'export':
        return await (await import('./commands/export.ts')).exportCommand(args, io);
      case 'schema':
        return (await import('./commands/schema.ts')).schemaCommand(args, io);
      case 'alias':
        return (await import('./commands/alias.ts')).aliasCommand(args, io);
      case 'db':
        return await (await import('./commands/db.ts')).dbCommand(args, io);
      case 'import':
        return await (await import('./commands/import.ts')).importCommand(args, io);
      case 'centrality-worker':
        return await (await import('./commands/centrality-worker.ts')).centralityWorkerCommand(args, io);
      case 'token':
        return await (await import('./commands/token.ts')).tokenCommand(args, io);
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
