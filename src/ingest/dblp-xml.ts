/**
 * Reader for DBLP XML (`.xml`): a person page (`https://dblp.org/pid/....xml`, records inside
 * `<dblpperson><r>`) or a slice of `dblp.xml` (records inside `<dblp>`). The file is streamed through
 * saxes piece by piece, so memory stays flat however large the file.
 *
 * - Records: `article`, `inproceedings`, `incollection`, `book`, `phdthesis`, `mastersthesis`,
 *   `proceedings`, `data`. `www` records are person pages, not papers, and are passed over.
 * - Authors keep DBLP's identities: the `pid` attribute (a DBLP person id) and `orcid`. DBLP tells
 *   namesakes apart by a homonym number ("Wei Wang 0001"): the number is dropped from the displayed
 *   name and, when no pid is given, the numbered name itself is the identity.
 * - Title: all text, inline markup dropped, DBLP's closing period removed. Venue: `journal` or
 *   `booktitle`. Id: the DOI (from an `ee` link) when there is one, else the DBLP key.
 * - `dblp.xml` uses the HTML Latin-1 entities its DTD declares (`&ouml;`); they are known here, so a
 *   slice without its DTD reads. An XML error is reported with its line; the record it falls in is
 *   not loaded. Records the XML parser never saw because of an error (an unescaped `&` or an
 *   unclosed quote can swallow the rest of the file) are counted from their start tags and reported;
 *   a record without its end tag is reported, not merged with the next. Records without authors
 *   (proceedings volumes list editors) are not loaded and are reported in one warning with their count.
 */
import { SaxesParser } from 'saxes';
import { fileChunks, type ProgressListener } from './file-chunks.ts';
import { normalizeDoi, normalizeOrcid, splitDblpHomonym } from './identifiers.ts';
import type { NameTable } from './name-table.ts';
import { cleanText } from './names.ts';
import {
  type ExternalId,
  type PaperRecord,
  type ParseResult,
  type Problem,
  YEAR_RANGE,
  idList,
  isYear,
  recordSink,
} from './records.ts';
import { errorMessage } from '../error-message.ts';

/** saxes's parser with its errors in its own words: the file and line are the problem's fields, not a prefix to cut off. */
class PlainErrorsParser extends SaxesParser {
  override makeError(message: string): Error {
    return new Error(message);
  }
}

const RECORD_TYPES = new Set([
  'article',
  'inproceedings',
  'incollection',
  'book',
  'phdthesis',
  'mastersthesis',
  'proceedings',
  'data',
  'www',
]);
const TEXT_FIELDS = new Set(['author', 'editor', 'title', 'year', 'journal', 'booktitle', 'ee', 'url']);
const MAX_XML_ERRORS = 20;
/** A record's start tag as written: `<article ` … (not `www`, which is no paper). */
const RECORD_START = /<(?:article|inproceedings|incollection|book|phdthesis|mastersthesis|proceedings|data)[\s>/]/gu;
/** Longer than any match of RECORD_START. */
const RECORD_START_LENGTH = 16;

interface OpenRecord {
  readonly type: string;
  readonly key: string;
  readonly line: number;
  readonly authors: string[];
  readonly identities: ExternalId[][];
  editors: number;
  title: string | null;
  year: string | null;
  venue: string | null;
  readonly links: string[];
  broken: boolean;
}

/** With `names`, each record's byline is interned into that table as the record is read (its `nameAt`). */
export function parseDblpXmlFile(
  file: string,
  onProgress?: ProgressListener,
  names?: NameTable,
  each?: (record: PaperRecord) => void,
): ParseResult {
  try {
    return parseDblpXmlChunks(fileChunks(file, { encoding: declaredEncoding(file), onProgress }), file, names, each);
  } catch (error) {
    return {
      papers: [],
      problems: [{ severity: 'error', file, line: null, message: `cannot read file: ${errorMessage(error)}` }],
    };
  }
}

export function parseDblpXml(text: string, file: string): ParseResult {
  return parseDblpXmlChunks([text], file);
}

/** Given `each`, each record goes to it as it is read and none is kept (the result's `papers` is empty). */
export function parseDblpXmlChunks(
  chunks: Iterable<string>,
  file: string,
  names?: NameTable,
  each?: (record: PaperRecord) => void,
): ParseResult {
  const papers: PaperRecord[] = [];
  const { sink, count } = recordSink(papers, each);
  const problems: Problem[] = [];
  const parser = new PlainErrorsParser();
  Object.assign(parser.ENTITIES, LATIN1_ENTITIES);

  let record: OpenRecord | null = null;
  let field: { name: string; attributes: Record<string, string>; text: string } | null = null;
  let withoutAuthors = { count: 0, firstLine: 0 };
  let xmlErrors = 0;
  let sawRoot = false;
  // Where reading went wrong first: the record open at the first XML error, else the error's line.
  let troubleLine: number | null = null;
  // Record elements the XML parser reported, to compare with the record tags written in the text.
  let recordsSeen = 0;

  parser.on('error', (error) => {
    xmlErrors += 1;
    troubleLine ??= record?.line ?? parser.line;
    if (record !== null) record.broken = true;
    if (xmlErrors <= MAX_XML_ERRORS) {
      problems.push({
        severity: 'error',
        file,
        line: parser.line,
        message: `XML error${record === null ? '' : ` in record "${record.key}" (not loaded)`}: ${error.message}`,
      });
    }
  });
  parser.on('opentag', (tag) => {
    sawRoot = true;
    // Without namespace processing, attribute values are plain strings.
    const attributes = tag.attributes as Record<string, string>;
    if (RECORD_TYPES.has(tag.name) && tag.name !== 'www') recordsSeen += 1;
    if (record !== null && RECORD_TYPES.has(tag.name)) {
      // Records never nest: the open one lacks its end tag. Its fields end here, so it is not
      // loaded (it would take the next record's authors) and the new record is read on its own.
      problems.push({
        severity: 'error',
        file,
        line: record.line,
        message: `record "${record.key}" not loaded: it has no end tag </${record.type}> before the next record (line ${parser.line})`,
      });
      record = null;
      field = null;
    }
    if (record === null) {
      if (RECORD_TYPES.has(tag.name)) {
        record = {
          type: tag.name,
          key: attributes['key'] ?? '',
          line: parser.line,
          authors: [],
          identities: [],
          editors: 0,
          title: null,
          year: null,
          venue: null,
          links: [],
          broken: false,
        };
      }
      return;
    }
    if (field === null && TEXT_FIELDS.has(tag.name)) field = { name: tag.name, attributes, text: '' };
  });
  parser.on('text', (text) => {
    if (field !== null) field.text += text;
  });
  parser.on('closetag', (tag) => {
    if (record === null) return;
    if (field !== null && tag.name === field.name) {
      closeField(record, field);
      field = null;
      return;
    }
    if (tag.name !== record.type || field !== null) return;
    const finished: OpenRecord = record;
    record = null;
    if (finished.type === 'www' || finished.broken) return;
    const paper = toPaper(finished, file, problems, names);
    if (paper === 'no authors') {
      if (withoutAuthors.count === 0) withoutAuthors = { count: 0, firstLine: finished.line };
      withoutAuthors.count += 1;
    } else if (paper !== null) {
      sink.push(paper);
    }
  });

  // Record start tags as written, counted across piece boundaries: each when its last character arrives.
  let recordsWritten = 0;
  let carry = '';
  for (const chunk of chunks) {
    const scanned = carry + chunk;
    for (const match of scanned.matchAll(RECORD_START))
      if (match.index + match[0].length > carry.length) recordsWritten += 1;
    carry = scanned.slice(-RECORD_START_LENGTH);
    parser.write(chunk);
  }
  parser.close();

  // An XML error can make the parser swallow what follows (an unescaped "&", an unclosed quote or
  // comment): records it never saw are reported, never dropped in silence.
  const unread = recordsWritten - recordsSeen;
  if (unread > 0 && xmlErrors > 0) {
    problems.push({
      severity: 'error',
      file,
      line: troubleLine,
      message: `${unread} record(s) after this line could not be read because of the XML errors reported; not loaded`,
    });
  }

  if (xmlErrors > MAX_XML_ERRORS) {
    problems.push({
      severity: 'error',
      file,
      line: null,
      message: `${xmlErrors - MAX_XML_ERRORS} more XML errors not listed`,
    });
  }
  if (withoutAuthors.count > 0) {
    problems.push({
      severity: 'warning',
      file,
      line: withoutAuthors.firstLine,
      message: `${withoutAuthors.count} record(s) without authors not loaded (proceedings volumes and the like list editors, which make no co-authorship); the first is here`,
    });
  }
  if (!sawRoot && xmlErrors === 0)
    problems.push({ severity: 'warning', file, line: null, message: 'no DBLP records found' });
  else if (count() === 0 && problems.length === 0)
    problems.push({ severity: 'warning', file, line: null, message: 'no DBLP records found' });
  return { papers, problems };
}

function closeField(
  record: OpenRecord,
  field: { name: string; attributes: Record<string, string>; text: string },
): void {
  const text = cleanText(field.text);
  switch (field.name) {
    case 'author': {
      if (text === '') return;
      const { name, number } = splitDblpHomonym(text);
      const pid = field.attributes['pid']?.trim();
      const orcid = normalizeOrcid(field.attributes['orcid']);
      const person: ExternalId | null = pid
        ? { scheme: 'dblp', value: pid }
        : number !== null
          ? { scheme: 'dblp-name', value: text }
          : null;
      record.authors.push(name);
      record.identities.push(idList(person, orcid === null ? null : { scheme: 'orcid', value: orcid }));
      return;
    }
    case 'editor':
      record.editors += 1;
      return;
    case 'title':
      record.title = text.replace(/\.$/u, '');
      return;
    case 'year':
      record.year = text;
      return;
    case 'journal':
    case 'booktitle':
      record.venue ??= text || null;
      return;
    case 'ee':
      if (text !== '') record.links.push(text);
      return;
    case 'url':
      return;
  }
}

function toPaper(
  record: OpenRecord,
  file: string,
  problems: Problem[],
  names: NameTable | undefined,
): PaperRecord | 'no authors' | null {
  const where = { severity: 'error' as const, file, line: record.line };
  if (record.authors.length === 0) return 'no authors';
  if (record.title === null || record.title === '') {
    problems.push({ ...where, message: `record "${record.key}" not loaded: it has no title` });
    return null;
  }
  // Digits only: Number() would read "" as 0 and "0x7E4" as 2020.
  const year =
    record.year === null || record.year === ''
      ? null
      : /^\d{1,4}$/u.test(record.year)
        ? Number(record.year)
        : Number.NaN;
  if (year !== null && !isYear(year)) {
    problems.push({
      ...where,
      severity: 'warning',
      message: `record "${record.key}" has a year that is not a number from ${YEAR_RANGE.min} to ${YEAR_RANGE.max} ("${record.year}"); it is left out`,
    });
  }
  const doi = record.links.map(normalizeDoi).find((found) => found !== null) ?? null;
  // A name repeated over many records is one string in memory, and the merge finds it by its number.
  const nameAt = names?.internByline(record.authors);
  return {
    id: doi ?? (record.key === '' ? null : record.key),
    title: record.title,
    // Copies the size of the byline: the lists grown while the record was read hold room for 17.
    authors: record.authors.slice(),
    authorIdentities: record.identities.slice(),
    abstract: null,
    year: isYear(year) ? year : null,
    venue: record.venue,
    url: record.links[0] ?? (record.key === '' ? null : `https://dblp.org/rec/${record.key}`),
    doi,
    source: { file, line: record.line },
    nameAt,
  };
}

/** dblp.xml declares ISO-8859-1; person pages US-ASCII; anything else is read as UTF-8. */
function declaredEncoding(file: string): 'utf8' | 'latin1' {
  for (const head of fileChunks(file)) {
    const declaration = /^\uFEFF?<\?xml[^>]*encoding=["']([^"']+)["']/u.exec(head.slice(0, 200));
    return declaration && /^(?:iso-8859-1|latin-?1|us-ascii)$/iu.test(declaration[1] ?? '') ? 'latin1' : 'utf8';
  }
  return 'utf8';
}

/** The ISO Latin-1 character entities of HTML, which dblp.dtd declares (`&ouml;` = ö), U+00A0 to U+00FF. */
const LATIN1_ENTITIES: Record<string, string> = Object.fromEntries(
  (
    'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot ' +
    'cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml ' +
    'Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
    'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ' +
    'ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'
  )
    .split(' ')
    .map((name, index) => [name, String.fromCodePoint(0xa0 + index)]),
);
