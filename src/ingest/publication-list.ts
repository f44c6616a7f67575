/**
 * Reader for publication lists copied from a profile page (`.txt`, DESIGN.md §3).
 *
 * The format has one record per paper in up to three lines: title; authors as
 * `Last, First, Last, First, ...`; abstract. Page noise and the profile owner's name come first.
 * Records are found by structure, never by line position:
 *
 * - Blank lines carry no meaning anywhere. CRLF, a BOM and trailing spaces are tolerated; all text is
 *   NFC and whitespace-folded. Line numbers are the file's physical 1-based lines.
 * - An author line splits on commas into at least two non-empty parts, each of which looks like a name
 *   piece: letters (any script), marks, dots, hyphens, apostrophes and spaces, at most four words, and no
 *   lowercase English function word ("Learning, Fast and Slow" is a title, "van der Wilk, Mark" a name).
 * - The header ends at the owner line: a lone `Last, First` among the first few lines, followed by a title
 *   and an author line that names the owner (or ending the file). Page noise holds no author lines, so
 *   only the first author-like line can be the owner. Without such a line there is no header. (A file
 *   without header whose first paper has the owner as sole author and no abstract looks exactly like a
 *   header; it is read as one, and the warning names the skipped lines.)
 * - A record is a title line followed by an author line. The next line is the abstract unless it starts
 *   the next record, i.e. unless it is followed by an author line. When two author-like lines follow it,
 *   the first of them is a title that happens to look like names ("Attention, Please"), so the line is
 *   an abstract: most records have abstracts, so this reading is the likelier one.
 * - A record whose author line is malformed (odd number of parts, empty parts) is reported and skipped;
 *   so is every run of lines that belongs to no record. Nothing is guessed, nothing skipped silently.
 *
 * The format has no ids, years, venues or URLs: those fields are null.
 */
import { cleanText, identityKey } from './names.ts';
import type { PaperRecord, ParseResult, Problem } from './records.ts';

/** The owner line must be among this many leading non-blank lines. */
const MAX_HEADER_LINES = 6;
/** A name piece ("Ricky T. Q.", "van der Wilk") has at most this many words. */
const MAX_NAME_PIECE_WORDS = 4;
/** Lowercase words that occur in titles but not in names; particles such as "van", "de" are not here. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'is',
  'of',
  'on',
  'or',
  'over',
  'the',
  'to',
  'under',
  'using',
  'via',
  'with',
]);
const NAME_PIECE = /^[\p{L}\p{M}.'’\-‐ ]+$/u;
const LETTER = /\p{L}/u;
const EXCERPT_LENGTH = 60;

/** A non-blank line, cleaned, with its physical line number. */
interface Row {
  readonly text: string;
  readonly line: number;
}

/** The comma-separated parts of an author-like line, trimmed; empty parts (",,") are kept as ''. */
type AuthorParts = readonly string[];

export function parsePublicationList(text: string, file: string): ParseResult {
  const rows = readRows(text);
  const authorParts = rows.map((row) => readAuthorParts(row.text));
  if (rows.length === 0) {
    return { papers: [], problems: [{ severity: 'warning', file, line: null, message: 'no records found' }] };
  }

  const header = findHeader(rows, authorParts);
  if (header === null) return withEmptyWarning(readRecords(rows, authorParts, 0, file), file);

  const skipped = `skipped ${plural(header.lineCount, 'header line')} (profile owner: ${header.owner})`;
  const warning: Problem = {
    severity: 'warning',
    file,
    line: rows[0]?.line ?? 1,
    message: header.onlyHeader ? `no records found; ${skipped}` : skipped,
  };
  if (header.onlyHeader) return { papers: [], problems: [warning] };
  const body = readRecords(rows, authorParts, header.lineCount, file);
  return withEmptyWarning({ papers: body.papers, problems: [warning, ...body.problems] }, file);
}

/** Records from `rows[start]` on; malformed records and stray lines become errors. */
function readRecords(
  rows: readonly Row[],
  authorParts: readonly (AuthorParts | null)[],
  start: number,
  file: string,
): ParseResult {
  const papers: PaperRecord[] = [];
  const problems: Problem[] = [];
  const isAuthorLine = (index: number): boolean => authorParts[index] != null;
  // A title is followed by an author line; see the module header for why two author-like lines in a
  // row make the first of them a title rather than this line.
  const startsRecord = (index: number): boolean => isAuthorLine(index + 1) && !isAuthorLine(index + 2);

  let index = start;
  while (index < rows.length) {
    const titleRow = rows[index];
    const authorRow = rows[index + 1];
    const parts = authorParts[index + 1];
    if (titleRow === undefined) break;
    if (!startsRecord(index) || authorRow === undefined || parts == null) {
      let end = index + 1;
      while (end < rows.length && !startsRecord(end)) end += 1;
      problems.push(strayLinesProblem(file, rows.slice(index, end)));
      index = end;
      continue;
    }
    const abstractRow = index + 2 < rows.length && !startsRecord(index + 2) ? rows[index + 2] : undefined;
    index += abstractRow === undefined ? 2 : 3;

    const authors = namesFromParts(parts);
    if (typeof authors === 'string') {
      problems.push({
        severity: 'error',
        file,
        line: authorRow.line,
        message: `record "${excerpt(titleRow.text)}" not loaded: ${authors}`,
      });
      continue;
    }
    papers.push({
      id: null,
      title: titleRow.text,
      authors,
      abstract: abstractRow?.text ?? null,
      year: null,
      venue: null,
      url: null,
      source: { file, line: titleRow.line },
    });
  }
  return { papers, problems };
}

/** Adds "no records found" when nothing loaded and no error already says why. */
function withEmptyWarning(result: ParseResult, file: string): ParseResult {
  if (result.papers.length > 0 || result.problems.some((problem) => problem.severity === 'error')) return result;
  return {
    papers: result.papers,
    problems: [...result.problems, { severity: 'warning', file, line: null, message: 'no records found' }],
  };
}

/** Non-blank lines, cleaned, numbered as in the file (CRLF, CR or LF line ends; BOM dropped). */
function readRows(text: string): Row[] {
  const rows: Row[] = [];
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  lines.forEach((raw, index) => {
    const cleaned = cleanText(raw);
    if (cleaned !== '') rows.push({ text: cleaned, line: index + 1 });
  });
  return rows;
}

/** The parts of a line that looks like a byline, or null when it does not (then it is a title or text). */
function readAuthorParts(text: string): AuthorParts | null {
  const parts = text.split(',').map((part) => part.trim());
  const named = parts.filter((part) => part !== '');
  if (named.length < 2 || !named.every(isNamePiece)) return null;
  return parts;
}

function isNamePiece(part: string): boolean {
  if (!NAME_PIECE.test(part) || !LETTER.test(part)) return false;
  const words = part.split(' ');
  return words.length <= MAX_NAME_PIECE_WORDS && !words.some((word) => FUNCTION_WORDS.has(word));
}

/** "First Last" names in byline order, or a message saying why the parts are not `Last, First` pairs. */
function namesFromParts(parts: AuthorParts): string[] | string {
  const empty = parts.indexOf('');
  if (empty !== -1) {
    return `author line has an empty name part (part ${empty + 1} of ${parts.length}); expected "Last, First" pairs`;
  }
  if (parts.length % 2 !== 0) {
    return `author line has ${parts.length} comma-separated name parts, an odd number; expected "Last, First" pairs`;
  }
  const names: string[] = [];
  for (let k = 0; k + 1 < parts.length; k += 2) {
    names.push(cleanText(`${parts[k + 1] ?? ''} ${parts[k] ?? ''}`));
  }
  return names;
}

interface Header {
  /** Non-blank lines up to and including the owner line. */
  readonly lineCount: number;
  readonly owner: string;
  /** The file holds nothing after the owner line. */
  readonly onlyHeader: boolean;
}

/**
 * The owner line is a single `Last, First` among the first lines, followed by a title and an author line
 * naming the owner, or ending the file. Page noise holds no author lines, so only the first author-like
 * line can be the owner: once records have started there is no header.
 */
function findHeader(rows: readonly Row[], authorParts: readonly (AuthorParts | null)[]): Header | null {
  const limit = Math.min(MAX_HEADER_LINES, rows.length);
  let index = 0;
  while (index < limit && authorParts[index] == null) index += 1;
  if (index === limit) return null;
  const owner = ownerName(authorParts[index]);
  if (owner === null) return null;
  if (index === rows.length - 1) return { lineCount: index + 1, owner: owner.name, onlyHeader: true };
  const byline = authorParts[index + 2];
  if (byline == null || !bylineIncludes(byline, owner)) return null;
  return { lineCount: index + 1, owner: owner.name, onlyHeader: false };
}

interface Owner {
  readonly last: string;
  readonly first: string;
  readonly name: string;
}

function ownerName(parts: AuthorParts | null | undefined): Owner | null {
  if (parts == null || parts.length !== 2) return null;
  const [last, first] = parts;
  if (last === undefined || first === undefined || last === '' || first === '') return null;
  return { last, first, name: cleanText(`${first} ${last}`) };
}

/** Whether the owner appears as adjacent `Last, First` parts (checked even if the byline is malformed). */
function bylineIncludes(parts: AuthorParts, owner: Owner): boolean {
  const last = identityKey(owner.last);
  const first = identityKey(owner.first);
  return parts.some((part, k) => identityKey(part) === last && identityKey(parts[k + 1] ?? '') === first);
}

function strayLinesProblem(file: string, stray: readonly Row[]): Problem {
  const first = stray[0];
  const last = stray[stray.length - 1];
  const expected = 'expected a title followed by an author line ("Last, First, Last, First, ...")';
  if (first === undefined || last === undefined || stray.length === 1) {
    return {
      severity: 'error',
      file,
      line: first?.line ?? null,
      message: `line is not part of any record: ${expected}; found "${excerpt(first?.text ?? '')}"`,
    };
  }
  return {
    severity: 'error',
    file,
    line: first.line,
    message:
      `${stray.length} lines (${first.line}–${last.line}) are not part of any record: ${expected}; ` +
      `first is "${excerpt(first.text)}"`,
  };
}

function excerpt(text: string): string {
  return text.length <= EXCERPT_LENGTH ? text : `${text.slice(0, EXCERPT_LENGTH - 1)}…`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
