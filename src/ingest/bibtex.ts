/**
 * Reader for BibTeX / BibLaTeX (`.bib`) through `@retorquere/bibtex-parser`, the parser behind
 * Better BibTeX for Zotero. It decodes LaTeX (`{\"o}`, `\"{o}`, `\"o` and `ö` all give "ö"), splits
 * names (`Last, First`, `First Last`, `von` parts, `Jr`), keeps a braced corporate author
 * (`{ACME Research Lab}`) as one name, expands `@string` macros and `#` concatenation, and, unlike
 * the alternatives we tried, recovers after a broken entry so the entries around it still load.
 *
 * - `and others` adds no author; the paper is marked as having an incomplete author list.
 * - A broken entry (unbalanced brace, missing comma) is an error naming the line the entry starts on.
 * - An entry without a title is an error; one without authors (an edited volume) is a warning; both
 *   are not loaded.
 * - The paper id is the DOI when there is one (citation keys are local to one file and would clash
 *   across files); the venue is `journal`, `journaltitle` or `booktitle`; the year comes from `year`
 *   or the start of `date`.
 * - An entry with a field over `MAX_FIELD_LENGTH` characters is not loaded, and never reaches the
 *   parser (see bibtex-field-limit.ts); parser messages are cut to `MAX_PROBLEM_DETAIL` characters (the
 *   parser quotes the whole entry).
 */
import { type Creator, type Entry, parse } from '@retorquere/bibtex-parser';
import { oversizedEntries, withoutEntries } from './bibtex-field-limit.ts';
import { normalizeDoi } from './identifiers.ts';
import { MAX_FIELD_LENGTH } from './input-limits.ts';
import { lineLocator } from './line-locator.ts';
import { cleanText } from './names.ts';
import type { PaperRecord, ParseResult, Problem } from './records.ts';
import { errorMessage } from '../error-message.ts';

export function parseBibtex(text: string, file: string): ParseResult {
  // Line ends as LF: the parser ends a `%` comment only at LF, so after a comment a CR-only line end
  // would hide the next line (and the entry starting on it). One LF per line end keeps line numbers.
  const unlimited = text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const papers: PaperRecord[] = [];
  const problems: Problem[] = [];
  const oversized = oversizedEntries(unlimited);
  if (oversized.length > 0) {
    const lineOfUnlimited = lineLocator(unlimited);
    for (const entry of oversized) {
      problems.push({
        severity: 'error',
        file,
        line: lineOfUnlimited(entry.start),
        message: `entry ${entry.key === '' ? '' : `"${cut(entry.key)}" `}not loaded: a field is ${entry.fieldLength} characters long; the limit is ${MAX_FIELD_LENGTH}`,
      });
    }
  }
  const body = withoutEntries(unlimited, oversized);
  let library: ReturnType<typeof parse>;
  try {
    library = parse(body, { sentenceCase: false, caseProtection: false, unsupported: 'ignore', applyCrossRef: true });
  } catch (error) {
    problems.push({
      severity: 'error',
      file,
      line: null,
      message: `BibTeX could not be read, nothing loaded: ${errorMessage(error)}`,
    });
    return { papers, problems };
  }
  const lineOf = lineLocator(body);
  // The parser gives each entry's raw text, in file order: finding it again gives its line.
  const locate = cursorSearch(body);

  const failedKeys = new Set<string>();
  const loadedKeys = new Set(library.entries.filter((entry) => entry.input !== '').map((entry) => entry.key));
  const lineOfKey = (key: string): number | null => {
    const found = new RegExp(`@\\s*\\w+\\s*[{(]\\s*${key.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\s*,`, 'u').exec(
      body,
    );
    return found ? lineOf(found.index) : null;
  };
  for (const error of library.errors) {
    // A problem found inside an entry's fields (e.g. a name list) names the entry as "@key: ...".
    const named = /^@([^:\s]+):\s*/u.exec(error.error);
    const detail = cut(cleanText(named ? error.error.slice(named[0].length) : error.error));
    if (named) {
      const key = named[1] as string;
      if (failedKeys.has(key)) continue; // already reported as not loaded
      const line = lineOfKey(key);
      if (loadedKeys.has(key)) problems.push({ severity: 'warning', file, line, message: `entry "${key}": ${detail}` });
      else problems.push({ severity: 'error', file, line, message: `entry "${key}" not loaded: ${detail}` });
      continue;
    }
    const raw = error.input ?? '';
    const key = /^@\s*\w+\s*[{(]\s*([^,\s{}()]+)/u.exec(raw)?.[1];
    const offset = raw === '' ? -1 : locate.errors(raw);
    const line = offset >= 0 ? lineOf(offset) : Number(/at line (\d+)/u.exec(error.error)?.[1]) || null;
    if (key !== undefined) failedKeys.add(key);
    problems.push({
      severity: 'error',
      file,
      line,
      message: `${key === undefined ? 'entry' : `entry "${key}"`} not loaded: ${detail}`,
    });
  }

  for (const entry of library.entries) {
    // An entry that failed to parse comes back with no text; its error is reported above.
    if (entry.input === '') continue;
    const offset = locate.entries(entry.input);
    const read = readEntry(entry, { file, line: offset >= 0 ? lineOf(offset) : 1 }, problems);
    if (read !== null) papers.push(read);
  }
  if (papers.length === 0 && problems.length === 0) {
    problems.push({ severity: 'warning', file, line: null, message: 'no BibTeX entries found' });
  }
  return { papers, problems };
}

/** Longest parser message kept in a problem: the parser quotes the entry it failed on, whatever its size. */
const MAX_PROBLEM_DETAIL = 300;

function cut(text: string): string {
  return text.length <= MAX_PROBLEM_DETAIL
    ? text
    : `${text.slice(0, MAX_PROBLEM_DETAIL)}… (${text.length - MAX_PROBLEM_DETAIL} more characters)`;
}

function readEntry(entry: Entry, source: PaperRecord['source'], problems: Problem[]): PaperRecord | null {
  const fields = entry.fields;
  const report = (severity: Problem['severity'], message: string) => {
    problems.push({ severity, file: source.file, line: source.line, message: `entry "${entry.key}" ${message}` });
  };
  const title = plain(fields.title ?? '');
  const creators = fields.author ?? [];
  const incomplete = creators.some(isOthers);
  const authors = creators
    .filter((creator) => !isOthers(creator))
    .map(creatorName)
    .filter((name) => name !== '');
  if (title === '') {
    report('error', 'not loaded: it has no title');
    return null;
  }
  if (authors.length === 0) {
    const editors = (fields.editor ?? []).length;
    report(
      'warning',
      `not loaded: it has no authors${editors > 0 ? ` (only ${editors} editor${editors === 1 ? '' : 's'}; an edited volume adds no co-authorship)` : ''}`,
    );
    return null;
  }
  const doi = normalizeDoi(fields.doi);
  if (fields.doi !== undefined && doi === null)
    report('warning', `has a DOI that is not one ("${plain(fields.doi)}"); it is ignored`);
  return {
    id: doi,
    title,
    authors,
    abstract: optional(fields.abstract),
    year: yearOf(fields.year ?? fields.date, (raw) =>
      report('warning', `has a year that is not a number ("${raw}"); it is left out`),
    ),
    venue: optional(fields.journal ?? fields.journaltitle ?? fields.booktitle),
    url: optional(fields.url),
    doi,
    source,
    authorListIncomplete: incomplete,
  };
}

/** `and others` comes back as a person whose last name is "others". */
function isOthers(creator: Creator): boolean {
  return (
    creator.name === undefined && creator.firstName === undefined && creator.lastName?.trim().toLowerCase() === 'others'
  );
}

/** "First von Last Jr." (a corporate name as written). */
function creatorName(creator: Creator): string {
  if (creator.name !== undefined) return plain(creator.name);
  return plain(
    [creator.firstName, creator.prefix, creator.lastName, creator.suffix]
      .filter((part) => part !== undefined && part !== '')
      .join(' '),
  );
}

function yearOf(raw: string | undefined, onBad: (raw: string) => void): number | null {
  if (raw === undefined || plain(raw) === '') return null;
  const match = /^(\d{4})(?:$|[-/])/u.exec(plain(raw));
  if (!match) {
    onBad(plain(raw));
    return null;
  }
  return Number(match[1]);
}

function optional(raw: string | undefined): string | null {
  return raw === undefined ? null : plain(raw) || null;
}

/**
 * Text without the markup the parser adds for LaTeX commands (`<i>`, `<sup>`, small-caps spans),
 * in NFC. A dotless i carrying an accent (`\'{\i}`) becomes the accented i.
 */
function plain(text: string): string {
  return cleanText(
    text
      .replace(/<\/?(?:i|b|em|strong|sup|sub|sc|nc|span)\b[^>]*>/gu, '')
      .replace(/[ıȷ](?=\p{M})/gu, (dotless) => (dotless === 'ı' ? 'i' : 'j')),
  );
}

/** Finds each raw entry text after the previous one (entries and errors each come in file order). */
function cursorSearch(text: string) {
  const make = () => {
    let cursor = 0;
    return (raw: string): number => {
      const found = text.indexOf(raw, cursor);
      if (found >= 0) cursor = found + 1;
      return found >= 0 ? found : text.indexOf(raw);
    };
  };
  return { entries: make(), errors: make() };
}
