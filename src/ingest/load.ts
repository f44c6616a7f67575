/**
 * Reads every data file (format chosen by extension unless given), applies the alias file and
 * returns one catalog with every problem found, each naming its file and line.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { type AliasTable, loadAliasFile, noAliases } from './aliases.ts';
import { type Catalog, buildCatalog } from './catalog.ts';
import { parseJsonPapers } from './json-papers.ts';
import { parsePublicationList } from './publication-list.ts';
import type { PaperRecord, ParseResult, Problem } from './records.ts';

export const inputFormats = ['txt', 'json', 'jsonl'] as const;
export type InputFormat = (typeof inputFormats)[number];

const formatByExtension: Readonly<Record<string, InputFormat>> = {
  '.txt': 'txt',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export interface LoadOptions {
  readonly files: readonly string[];
  readonly aliasFile?: string | null;
  /** Overrides the choice by extension for every file. */
  readonly format?: InputFormat | null;
}

export interface LoadResult {
  readonly catalog: Catalog;
  readonly aliases: AliasTable;
  readonly recordCount: number;
  /** Parse problems, alias problems and merge warnings, in input order. */
  readonly problems: readonly Problem[];
}

export function formatOf(file: string): InputFormat | null {
  return formatByExtension[extname(file).toLowerCase()] ?? null;
}

export function parseFile(file: string, format: InputFormat | null = null): ParseResult {
  const chosen = format ?? formatOf(file);
  if (chosen === null) {
    return failure(file, `cannot tell the format of "${file}" from its extension; use one of ${Object.keys(formatByExtension).join(', ')} or --format`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return failure(file, `cannot read file: ${(error as Error).message}`);
  }
  return chosen === 'txt' ? parsePublicationList(text, file) : parseJsonPapers(text, file, chosen);
}

export function loadFiles(options: LoadOptions): LoadResult {
  const problems: Problem[] = [];
  let aliases = noAliases;
  if (options.aliasFile) {
    const loaded = loadAliasFile(options.aliasFile);
    aliases = loaded.aliases;
    problems.push(...loaded.problems);
  }
  const records: PaperRecord[] = [];
  for (const file of options.files) {
    const parsed = parseFile(file, options.format ?? null);
    for (const paper of parsed.papers) records.push(paper);
    problems.push(...parsed.problems);
  }
  const catalog = buildCatalog(records, aliases);
  problems.push(...catalog.problems);
  return { catalog, aliases, recordCount: records.length, problems };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

function failure(file: string, message: string): ParseResult {
  return { papers: [], problems: [{ severity: 'error', file, line: null, message }] };
}
