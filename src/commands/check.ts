/** `coauthor-graph check`: parse everything, print counts and every problem; exit 1 if a record could not be read. */
import { checkConfig } from '../config.ts';
import { formatProblem } from '../ingest/records.ts';
import { formatCandidates } from './candidates-report.ts';
import type { CommandIO } from './io.ts';
import { loadData } from './load-data.ts';
import { terminalSafeIO } from './terminal-text.ts';

export function checkCommand(args: readonly string[], terminal: CommandIO): number {
  const io = terminalSafeIO(terminal); // names and messages from data files: no control characters

  const config = checkConfig(args);
  const loaded = loadData(config);
  const { load, network } = loaded;
  const errors = load.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = load.problems.length - errors;
  const lines = [
    `files: ${config.files.join(', ') || '(none)'}`,
    `aliases: ${config.aliasFile ?? '(none)'}${load.aliases.canonicalByKey.size > 0 ? ` (${load.aliases.canonicalByKey.size} ${load.aliases.canonicalByKey.size === 1 ? "alias" : "aliases"})` : ''}`,
    `records read: ${load.recordCount}`,
    `papers: ${network.papers.size}${load.catalog.duplicatesMerged > 0 ? ` (${load.catalog.duplicatesMerged} duplicate records merged)` : ''}`,
    `authors: ${network.authors.size}`,
    `collaborations: ${network.compact.edgeCount}`,
    ...(network.maxAuthorsPerPaper === null ? [] : [`papers over the author limit (${network.maxAuthorsPerPaper}): ${network.papersOverAuthorLimit} (kept as papers, no collaborations added)`]),
    `problems: ${errors} error(s), ${warnings} warning(s)`,
    ...load.problems.map(formatProblem),
    ...formatCandidates(network, config.candidates),
  ];
  io.out(`${lines.join('\n')}\n`);
  return loaded.hasErrors ? 1 : 0;
}
