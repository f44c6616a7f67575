/**
 * Limits on what one record of a data file may hold, applied to every reader's records (through
 * `parseFile`) before anything else sees them, so a hostile or broken file costs bounded memory and
 * time and never crashes a command or the server:
 * - an author name longer than `MAX_NAME_LENGTH` characters: the record is skipped (an error naming
 *   the file and line): no person has such a name, and a byline that holds one cannot be trusted;
 * - the abstract longer than `MAX_FIELD_LENGTH`: cut to the limit (a warning); the paper is fine;
 * - any other field (title, id, venue, url, doi) longer than `MAX_FIELD_LENGTH`: the record is skipped
 *   (an error);
 * - an author name holding format-control characters (Unicode category Cf: zero-width spaces and
 *   joiners, bidirectional controls, soft hyphens): a warning; identity ignores them (see names.ts),
 *   so the name is the same author as without them.
 * BibTeX fields over the limit are refused earlier still, before the parser sees them (bibtex.ts).
 */
import type { PaperRecord, Problem } from './records.ts';

/** Longest author name, in characters (the longest real ones are about 100). */
export const MAX_NAME_LENGTH = 500;
/** Longest field of a record (title, abstract, venue, ...), in characters. */
export const MAX_FIELD_LENGTH = 100_000;

const FORMAT_CONTROL = /\p{Cf}/u;

/** `U+200B U+202E`: the format characters of `text`, each once, for a message. */
export function formatControlsIn(text: string): string {
  const seen = new Set<string>();
  for (const match of text.matchAll(/\p{Cf}/gu))
    seen.add(`U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return [...seen].join(' ');
}

const LIMITED_FIELDS = ['title', 'id', 'venue', 'url', 'doi'] as const;

/** The record as it may be loaded (null: skipped) and what was wrong with it. */
export function limitRecord(record: PaperRecord): { record: PaperRecord | null; problems: Problem[] } {
  // Almost every record is within every limit: the list of problems is made only for one that is not.
  let problems: Problem[] = NO_PROBLEMS;
  const problem = (severity: Problem['severity'], message: string): Problem[] => {
    if (problems === NO_PROBLEMS) problems = [];
    problems.push({ severity, file: record.source.file, line: record.source.line, message });
    return problems;
  };
  const { authors } = record;
  for (let index = 0; index < authors.length; index += 1) {
    const { length } = authors[index] as string;
    if (length > MAX_NAME_LENGTH) {
      const message = `author ${index + 1}'s name is ${length} characters long; the limit is ${MAX_NAME_LENGTH}: record skipped`;
      return { record: null, problems: problem('error', message) };
    }
  }
  for (const field of LIMITED_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value.length > MAX_FIELD_LENGTH) {
      const message = `field "${field}" is ${value.length} characters long; the limit is ${MAX_FIELD_LENGTH}: record skipped`;
      return { record: null, problems: problem('error', message) };
    }
  }
  let limited = record;
  if (record.abstract !== null && record.abstract.length > MAX_FIELD_LENGTH) {
    problem(
      'warning',
      `the abstract is ${record.abstract.length} characters long; cut to the limit of ${MAX_FIELD_LENGTH}`,
    );
    limited = { ...record, abstract: record.abstract.slice(0, MAX_FIELD_LENGTH) };
  }
  for (let index = 0; index < authors.length; index += 1) {
    const name = authors[index] as string;
    if (FORMAT_CONTROL.test(name)) {
      problem(
        'warning',
        `author ${index + 1}'s name "${name.replace(/\p{Cf}/gu, '')}" holds invisible format characters (${formatControlsIn(name)}); they are ignored when names are compared`,
      );
    }
  }
  return { record: limited, problems };
}

/** No problems: shared by every record within the limits (never written to). */
const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

/** Every record of a reader's result within the limits. */
export function limitRecords(result: { papers: PaperRecord[]; problems: Problem[] }): {
  papers: PaperRecord[];
  problems: Problem[];
} {
  const papers: PaperRecord[] = [];
  const problems = [...result.problems];
  const limited = withinLimits((record) => papers.push(record), problems);
  for (const paper of result.papers) limited(paper);
  return { papers, problems };
}

/** Takes records one by one: each within the limits goes on to `each`, and what was wrong with it to `problems`. */
export function withinLimits(each: (record: PaperRecord) => void, problems: Problem[]): (record: PaperRecord) => void {
  return (record) => {
    const limited = limitRecord(record);
    if (limited.record !== null) each(limited.record);
    for (const problem of limited.problems) problems.push(problem);
  };
}
