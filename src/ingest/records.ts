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

/**
 * A person's identifier in an outside registry. Two name occurrences that carry the same external id
 * are one person however the name is spelled; two different ids keep namesakes apart.
 * - `orcid`: `0000-0002-1825-0097`; `openalex`: `A5023888391`; `dblp`: a DBLP person id (`188/1190`);
 * - `dblp-name`: a DBLP author name with its homonym number (`Wei Wang 0001`), used when a DBLP
 *   record names a person without giving the person id.
 */
export interface ExternalId {
  readonly scheme: 'orcid' | 'dblp' | 'dblp-name' | 'openalex';
  readonly value: string;
}

/** `scheme:value`, the key external ids are compared by. */
export function externalIdKey(id: ExternalId): string {
  return `${id.scheme}:${id.value}`;
}

/**
 * A byline position's external ids (none, one or two) as a list of exactly that length: a list grown
 * by pushing holds room for 17, and a large corpus has tens of millions of positions.
 */
export function idList(first: ExternalId | null, second: ExternalId | null): ExternalId[] {
  if (first === null) return second === null ? [] : [second];
  return second === null ? [first] : [first, second];
}

/** Where a streaming reader puts the records it reads: a list, or one that hands each on and keeps none. */
export type RecordSink = Pick<PaperRecord[], 'push'>;

/** A reader's sink: `kept` itself, or (given `each`) one that hands each record on; `count()` says how many it took. */
export function recordSink(
  kept: PaperRecord[],
  each?: (record: PaperRecord) => void,
): { readonly sink: RecordSink; count(): number } {
  if (each === undefined) return { sink: kept, count: () => kept.length };
  let handed = 0;
  const sink: RecordSink = {
    push: (record) => {
      handed += 1;
      each(record);
      return handed;
    },
  };
  return { sink, count: () => handed };
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
  /** The DOI (lower case, without `https://doi.org/`), when the source gives one. */
  readonly doi?: string | null;
  /** External ids of each author, parallel to `authors` (an empty list for a name without ids). */
  readonly authorIdentities?: readonly (readonly ExternalId[])[];
  /** The source says the byline is cut short (BibTeX `and others`, a truncated OpenAlex list). */
  readonly authorListIncomplete?: boolean;
  /**
   * Where this record's byline starts in the load's `NameTable.bylineIds` (name-table.ts), when its
   * reader interned the names as it read them.
   */
  readonly nameAt?: number;
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

/**
 * The years a paper may have: whole numbers of four digits at most. A year out of this range is a
 * typo or garbage, and would not fit the API's `Int` either (2^31 and up cannot be served), so every
 * reader reports or drops it rather than loading it.
 */
export const YEAR_RANGE = { min: 0, max: 9999 } as const;

export function isYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= YEAR_RANGE.min && value <= YEAR_RANGE.max;
}

/** `file:line: message`, the form every command-line report uses. */
export function formatProblem(problem: Problem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return `${where}: ${problem.severity}: ${problem.message}`;
}
