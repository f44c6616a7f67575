/** `coauthor-graph check`: parse everything, print counts and every problem; exit 1 if a record could not be read. */
import { checkConfig } from '../config.ts';
import type { LoadResult } from '../ingest/load.ts';
import { formatProblem } from '../ingest/records.ts';
import { SnapshotFormatError } from '../snapshot/snapshot-file.ts';
import { formatCandidates } from './candidates-report.ts';
import type { CommandIO } from './io.ts';
import { loadData } from './load-data.ts';
import { terminalSafeIO } from './terminal-text.ts';
import { connectDatabase, redactDatabaseUrl } from '../db/database.ts';
import { requireCurrentSchema } from '../db/migrate.ts';
import { currentVersion, loadVersionNetwork } from '../db/version-network.ts';
import { errorMessage } from '../error-message.ts';

export function checkCommand(args: readonly string[], terminal: CommandIO): number | Promise<number> {
  const io = terminalSafeIO(terminal); // names and messages from data files: no control characters

  const config = checkConfig(args);
  if (config.databaseUrl !== null) return checkStore(config.databaseUrl, config.candidates, io);
  if (config.snapshotFile != null) return checkSnapshot(config.snapshotFile, config.candidates, io);
  const loaded = loadData(config);
  const { network } = loaded;
  const load = loaded.load as LoadResult;
  const errors = load.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = load.problems.length - errors;
  const lines = [
    `files: ${config.files.join(', ') || '(none)'}`,
    `aliases: ${config.aliasFile ?? '(none)'}${load.aliases.canonicalByKey.size > 0 ? ` (${load.aliases.canonicalByKey.size} ${load.aliases.canonicalByKey.size === 1 ? 'alias' : 'aliases'})` : ''}`,
    `records read: ${load.recordCount}`,
    `papers: ${network.papers.size}${load.duplicatesMerged > 0 ? ` (${load.duplicatesMerged} duplicate records merged)` : ''}`,
    `authors: ${network.authors.size}`,
    `collaborations: ${network.compact.edgeCount}`,
    ...(network.maxAuthorsPerPaper === null
      ? []
      : [
          `papers over the author limit (${network.maxAuthorsPerPaper}): ${network.papersOverAuthorLimit} (kept as papers, no collaborations added)`,
        ]),
    `problems: ${errors} error(s), ${warnings} warning(s)`,
    ...load.problems.map(formatProblem),
    ...formatCandidates(network, config.candidates),
  ];
  io.out(`${lines.join('\n')}\n`);
  return loaded.hasErrors ? 1 : 0;
}

/** A snapshot is checked whole on load (checksums, shapes, ranges): say what it holds, or why it cannot be used. */
function checkSnapshot(file: string, candidates: number, io: CommandIO): number {
  let loaded;
  try {
    loaded = loadData({ snapshotFile: file, files: [], aliasFile: null, inputFormat: null, maxAuthorsPerPaper: null });
  } catch (error) {
    if (!(error instanceof SnapshotFormatError)) throw error;
    io.out(`${error.message}\n`);
    return 1;
  }
  const { network } = loaded;
  const manifest = loaded.snapshot?.manifest;
  const metrics = Object.entries(manifest?.metrics ?? {}).map(
    ([metric, origin]) => `${metric} ${origin.exact ? 'exact' : `estimated (${origin.sampleSize} sources)`}`,
  );
  const lines = [
    `snapshot: ${file} (format version ${manifest?.version}, network version ${manifest?.networkVersion}, built ${manifest?.createdAt})`,
    `papers: ${network.papers.size}${loaded.duplicatesMerged > 0 ? ` (${loaded.duplicatesMerged} duplicate records merged)` : ''}`,
    `authors: ${network.authors.size}`,
    `collaborations: ${network.compact.edgeCount}`,
    ...(network.maxAuthorsPerPaper === null
      ? []
      : [
          `papers over the author limit (${network.maxAuthorsPerPaper}): ${network.papersOverAuthorLimit} (kept as papers, no collaborations added)`,
        ]),
    `metrics: ${metrics.join(', ')}`,
    'problems: 0 error(s), 0 warning(s) (checksums and structure verified)',
    ...formatCandidates(network, candidates),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

/** `check --database`: the store's current version, built as a replica builds it (its records were checked at import). */
async function checkStore(url: string, candidates: number, io: CommandIO): Promise<number> {
  const where = redactDatabaseUrl(url);
  const database = connectDatabase(url, { applicationName: 'coauthor-graph check', maxConnections: 2 });
  try {
    await requireCurrentSchema(database);
    const version = await currentVersion(database);
    if (version === null) {
      io.out(`store: ${where}: no network version yet (run coauthor-graph import)\n`);
      return 1;
    }
    const built = await loadVersionNetwork(database, version.id);
    const { network } = built;
    const warnings = built.problems.length;
    const lines = [
      `store: ${where}, network version ${version.id} (import ${version.importId}, identity decisions through ${version.curationThrough}, ${version.reason} at ${version.createdAt.toISOString()})`,
      `records read: ${built.recordCount}`,
      `papers: ${network.papers.size}${built.duplicatesMerged > 0 ? ` (${built.duplicatesMerged} duplicate records merged)` : ''}`,
      `authors: ${network.authors.size}`,
      `collaborations: ${network.compact.edgeCount}`,
      `problems: 0 error(s), ${warnings} warning(s) (records were checked when they were imported)`,
      ...built.problems.map(formatProblem),
      ...formatCandidates(network, candidates),
    ];
    io.out(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    io.err(`coauthor-graph check: cannot use the store at ${where}: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    await database.end().catch(() => undefined);
  }
}
