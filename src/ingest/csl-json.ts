/**
 * Reader for CSL-JSON (`.csl.json`, or a `.json` array whose items look like CSL: Zotero's and
 * pandoc's export format).
 *
 * - Names: `literal` as written (an institution), else `given`, particles, `family` and `suffix`
 *   ("Ludwig van Beethoven", "Martin Luther King Jr.").
 * - Year: `issued` as `date-parts`, `raw` or `literal`. Venue: `container-title`. Id: the DOI.
 * - An item without a title or with a nameless author is an error; one without authors (an edited
 *   volume) is a warning; neither is loaded, and the items around them still load.
 */
import { normalizeDoi } from './identifiers.ts';
import {
  type JsonDocument,
  type RecordReading,
  isPlainObject,
  parseJsonDocument,
  propertyNode,
  readArrayRecords,
  stringField,
} from './json-records.ts';
import { cleanText } from './names.ts';
import { type ParseResult, type SourceLocation, isYear } from './records.ts';

export function parseCslJson(text: string, file: string): ParseResult {
  const document = parseJsonDocument(text, file);
  if ('severity' in document) return { papers: [], problems: [document] };
  return readCslDocument(document, file);
}

export function readCslDocument(document: JsonDocument, file: string): ParseResult {
  const list = document.root.type === 'array' ? document.root : propertyNode(document.root, 'items');
  if (list === undefined || list.type !== 'array') {
    return {
      papers: [],
      problems: [
        {
          severity: 'error',
          file,
          line: document.lineOf(document.root.offset),
          message: 'expected CSL-JSON: an array of items',
        },
      ],
    };
  }
  return readArrayRecords(list, document, file, readCslItem);
}

/** Whether a JSON record looks like a CSL item (authors as name objects, or CSL's `issued`/`type`). */
export function looksLikeCsl(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if ('authors' in value) return false;
  const author = value['author'];
  return (
    (Array.isArray(author) && author.some(isPlainObject)) ||
    isPlainObject(value['issued']) ||
    ('type' in value && 'title' in value)
  );
}

export function readCslItem(value: unknown, source: SourceLocation): RecordReading {
  if (!isPlainObject(value)) return { severity: 'error', message: 'not loaded: expected a CSL item (an object)' };
  const title = cleanText(stringField(value, 'title') ?? '');
  if (title === '') return { severity: 'error', message: 'not loaded: it has no "title"' };
  const rawAuthors = value['author'];
  if (rawAuthors !== undefined && !Array.isArray(rawAuthors))
    return { severity: 'error', message: '"author" must be an array of names, not loaded' };
  const authors: string[] = [];
  for (const [k, person] of (rawAuthors ?? []).entries()) {
    const name = isPlainObject(person) ? cslName(person) : '';
    if (name === '')
      return { severity: 'error', message: `not loaded: author ${k + 1} has no "family", "given" or "literal" name` };
    authors.push(name);
  }
  if (authors.length === 0) {
    const editors = Array.isArray(value['editor']) ? value['editor'].length : 0;
    return {
      severity: 'warning',
      message: `not loaded: it has no authors${editors > 0 ? ` (only editors; an edited volume adds no co-authorship)` : ''}`,
    };
  }
  const doi = normalizeDoi(stringField(value, 'DOI'));
  const container = value['container-title'];
  const venue =
    typeof container === 'string'
      ? container
      : Array.isArray(container) && typeof container[0] === 'string'
        ? container[0]
        : null;
  return {
    id: doi,
    title,
    authors,
    abstract: cleanOrNull(stringField(value, 'abstract')),
    year: issuedYear(value['issued']),
    venue: cleanOrNull(venue),
    url: cleanOrNull(stringField(value, 'URL')),
    doi,
    source,
  };
}

function cslName(person: Record<string, unknown>): string {
  const literal = stringField(person, 'literal');
  if (literal !== null) return cleanText(literal);
  const parts = ['given', 'dropping-particle', 'non-dropping-particle', 'family', 'suffix'].map((key) =>
    stringField(person, key),
  );
  if (stringField(person, 'family') === null && stringField(person, 'given') === null) return '';
  return cleanText(parts.filter((part) => part !== null).join(' '));
}

function issuedYear(issued: unknown): number | null {
  if (!isPlainObject(issued)) return null;
  const parts = issued['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    // A number, or digits in a string; Number() would read null, "" and false as 0.
    const first: unknown = parts[0][0];
    const year = typeof first === 'string' && /^\s*\d{1,4}\s*$/u.test(first) ? Number(first) : first;
    if (isYear(year)) return year;
  }
  for (const key of ['raw', 'literal']) {
    const match = /\b(\d{4})\b/u.exec(stringField(issued, key) ?? '');
    if (match) return Number(match[1]);
  }
  return null;
}

function cleanOrNull(text: string | null): string | null {
  return text === null ? null : cleanText(text) || null;
}
