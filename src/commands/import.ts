/**
 * `coauthor-graph import --database URL --data FILE... [--aliases FILE] [--format F]
 * [--max-authors-per-paper N]`: parses the files as `check` and `build` do (every problem with
 * file:line; a file with a record that cannot be read refuses the whole import) and loads them into
 * the shared store as a new network version, in one transaction (src/db/import-version.ts). The same
 * inputs as the latest import are a no-op that says so; changed ones print what changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importConfig } from '../config.ts';
import { connectDatabase, redactDatabaseUrl } from '../db/database.ts';
import { type ImportFile, type ImportSummary, importVersion } from '../db/import-version.ts';
import { MigrationError, requireCurrentSchema } from '../db/migrate.ts';
import { hasErrors } from '../ingest/load.ts';
import { formatProblem } from '../ingest/records.ts';
import { inputKey } from './input-key.ts';
import type { CommandIO } from './io.ts';
import { parseDataFiles } from './load-data.ts';
import { terminalSafeIO } from './terminal-text.ts';
import { errorMessage } from '../error-message.ts';

/** How many ids of each kind the printed summary names. */
const PRINTED_IDS = 20;

export async function importCommand(args: readonly string[], terminal: CommandIO): Promise<number> {
  const io = terminalSafeIO(terminal); // names and messages from data files: no control characters
  const config = importConfig(args);
  const where = redactDatabaseUrl(config.databaseUrl);
  const database = connectDatabase(config.databaseUrl, { applicationName: 'coauthor-graph import', maxConnections: 2 });
  try {
    try {
      await requireCurrentSchema(database);
    } catch (error) {
      if (error instanceof MigrationError) {
        io.err(`coauthor-graph import: ${error.message}\n`);
        return 1;
      }
      io.err(`coauthor-graph import: cannot use the database at ${where}: ${errorMessage(error)}\n`);
      return 1;
    }
    let files: ImportFile[];
    let key: string;
    try {
      files = [
        ...config.files.map((file) => describeFile(file, 'data')),
        ...(config.aliasFile === null ? [] : [describeFile(config.aliasFile, 'aliases')]),
      ];
      key = inputKey(config);
    } catch (error) {
      io.err(`coauthor-graph import: cannot read the input: ${errorMessage(error)}\n`);
      return 1;
    }
    const load = parseDataFiles(config);
    for (const problem of load.problems) io.err(`${formatProblem(problem)}\n`);
    if (hasErrors(load.problems)) {
      const errors = load.problems.filter((problem) => problem.severity === 'error').length;
      io.err(`coauthor-graph import: nothing imported: ${errors} record(s) or file(s) could not be read\n`);
      return 1;
    }
    if (load.catalog.papers.length === 0) {
      io.err(`coauthor-graph import: nothing imported: no papers in ${config.files.join(', ')}\n`);
      return 1;
    }
    let outcome;
    try {
      outcome = await importVersion(database, {
        key,
        files,
        records: load.records,
        aliases: load.aliases,
        catalog: load.catalog,
        inputFormat: config.inputFormat,
        maxAuthorsPerPaper: config.maxAuthorsPerPaper,
      });
    } catch (error) {
      io.err(`coauthor-graph import: nothing imported (${where}): ${errorMessage(error)}\n`);
      return 1;
    }
    if (outcome.kind === 'unchanged') {
      io.out(
        `unchanged: these files are the latest import already (import ${outcome.importId}, network version ${outcome.versionId}); nothing imported\n`,
      );
      return 0;
    }
    io.out(
      `imported ${load.catalog.papers.length} papers (${load.records.length} records) as import ${outcome.importId}, network version ${outcome.versionId}\n`,
    );
    io.out(formatSummary(outcome.summary));
    return 0;
  } finally {
    await database.end();
  }
}

function describeFile(file: string, role: ImportFile['role']): ImportFile {
  const bytes = readFileSync(file);
  return { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), role };
}

/** "changes since import N: +a added, -r removed, ~c changed", then the ids of each kind. */
export function formatSummary(summary: ImportSummary): string {
  if (summary.previousImportId === null) return `first import: ${summary.added} papers added\n`;
  const lines = [
    `changes since import ${summary.previousImportId}: ${summary.added} added, ${summary.removed} removed, ${summary.changed} changed, ${summary.unchanged} unchanged`,
  ];
  const list = (label: string, ids: readonly string[], count: number) => {
    if (count === 0) return;
    const shown = ids.slice(0, PRINTED_IDS);
    lines.push(`  ${label}: ${shown.join(', ')}${count > shown.length ? ` and ${count - shown.length} more` : ''}`);
  };
  list('added', summary.addedIds, summary.added);
  list('removed', summary.removedIds, summary.removed);
  list('changed', summary.changedIds, summary.changed);
  return `${lines.join('\n')}\n`;
}
