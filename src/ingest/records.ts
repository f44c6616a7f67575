/**
 * The plain records every input format is read into, before any graph exists.
 *
 * A parser turns one file into `PaperRecord`s plus `Problem`s. Names are kept as written
 * (NFC, whitespace folded); identity and aliases are resolved later, once, in `ingest/catalog.ts`.
 */

/** Where a record came from: the file as given and the 1-based line where the record starts. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

/** One paper as read from a source file. */
export interface PaperRecord {
  /** The source's own id or DOI, when it has one; otherwise the network assigns a slug of the title. */
  readonly id: string | null;
  readonly title: string;
  /** Author names in byline order, as written (NFC, whitespace folded), at least one. */
  readonly authors: readonly string[];
  readonly abstract: string | null;
  readonly year: number | null;
  readonly venue: string | null;
  readonly url: string | null;
  readonly source: SourceLocation;
}

/**
 * Something wrong with the input. `error`: a record could not be read and was not loaded.
 * `warning`: everything was loaded, but something deserves a look (e.g. skipped header lines).
 */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number | null;
  readonly message: string;
}

export interface ParseResult {
  readonly papers: PaperRecord[];
  readonly problems: Problem[];
}

/** `file:line: message`, the form every command-line report uses. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.severity}: ${problem.message}`;
}
