/**
 * Reader for papers as JSON (`.json`: an array, or `{ "papers": [...] }`) or JSON Lines (`.jsonl`: one
 * object per line).
 *
 * Each paper is `{ id?, title, authors, year?, venue?, abstract?, url?, doi? }`; optional fields may be
 * null, unknown fields are ignored, `id` falls back to `doi`. A record that breaks the shape is reported
 * (one problem naming every wrong field and what was found) and not loaded; its neighbours still load.
 *
 * - `.json` goes through jsonc-parser's `parseTree` so every record knows the line where it starts. A
 *   syntax error anywhere means the structure cannot be trusted: one error, nothing loads.
 * - `.jsonl` uses plain `JSON.parse` per line (files run to 100k lines); a bad line is one error and the
 *   other lines still load. `parseJsonLinesFile` streams the file line by line, so the raw text is never
 *   held whole beside the parsed records. A line that is an OpenAlex work is read as one.
 *
 * Records in a `.json` array are named "record N", counting from 1. Line numbers are 1-based physical lines.
 */
import { getNodeValue } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import { type ByteRange, type ProgressListener, fileLines } from './file-chunks.ts';
import { SecondPart, type SplitOptions } from './json-lines-split.ts';
import { normalizeDoi } from './identifiers.ts';
import { parseJsonDocument } from './json-records.ts';
import { cleanText } from './names.ts';
import { NameTable } from './name-table.ts';
import { looksLikeOpenAlexWork, readOpenAlexWork } from './openalex.ts';
import {
  type PaperRecord,
  type ParseResult,
  type Problem,
  type RecordSink,
  YEAR_RANGE,
  isYear,
  recordSink,
} from './records.ts';
import { errorMessage } from '../error-message.ts';

const FOUND_STRING_LENGTH = 40;
const JSONL_MESSAGE_LENGTH = 120;

export function parseJsonPapers(text: string, file: string, format: 'json' | 'jsonl'): ParseResult {
  // The JSON reader drops a BOM itself; JSON Lines drop it here.
  const result = format === 'json' ? parseJsonArray(text, file) : parseJsonLines(text.replace(/^\uFEFF/u, ''), file);
  if (result.papers.length === 0 && result.problems.length === 0) {
    result.problems.push({ severity: 'warning', file, line: null, message: 'no records found' });
  }
  return result;
}

function parseJsonArray(text: string, file: string): ParseResult {
  const papers: PaperRecord[] = [];
  const problems: Problem[] = [];
  if (text.trim() === '') return { papers, problems };

  const document = parseJsonDocument(text, file);
  if ('severity' in document) {
    problems.push(document);
    return { papers, problems };
  }
  const { root, lineOf } = document;
  const list = recordList(root);
  if (list === null) {
    problems.push({
      severity: 'error',
      file,
      line: lineOf(root.offset),
      message: `expected an array of papers or an object with a "papers" array, found ${describeNode(root)}`,
    });
    return { papers, problems };
  }

  (list.children ?? []).forEach((node, index) => {
    const line = lineOf(node.offset);
    const read = readPaper(getNodeValue(node), { file, line });
    if (typeof read === 'string') {
      problems.push({ severity: 'error', file, line, message: `record ${index + 1} not loaded: ${read}` });
    } else {
      papers.push(read);
    }
  });
  return { papers, problems };
}

/** The array node holding the records: the root itself, or the root object's "papers" property. */
function recordList(root: Node): Node | null {
  if (root.type === 'array') return root;
  if (root.type !== 'object') return null;
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key?.value === 'papers') return value?.type === 'array' ? value : null;
  }
  return null;
}

function parseJsonLines(text: string, file: string): ParseResult {
  const papers: PaperRecord[] = [];
  const problems: Problem[] = [];
  // Lines end in LF, CRLF or CR; the common LF-only file is cut without a regular expression.
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/u) : text.split('\n');
  lines.forEach((raw, index) => readJsonLine(raw, file, index + 1, papers, problems, 'auto'));
  return { papers, problems };
}

/**
 * JSON Lines read from the file piece by piece: memory holds the records read so far, never the
 * whole raw text. `shape` forces every line to be read as one kind of record. With `names`, each
 * paper's byline is interned into the table as it is read (the record's `nameAt`). A large file
 * (`split`, json-lines-split.ts) has its second part read by a worker thread meanwhile, with the same
 * records, problems and name numbers as one thread reading it all.
 */
export function parseJsonLinesFile(
  file: string,
  options: {
    shape?: 'auto' | 'openalex';
    onProgress?: ProgressListener;
    names?: NameTable;
    /** Given, each record goes to it as it is read and none is kept (the result's `papers` is empty). */
    each?: (record: PaperRecord) => void;
    /** When the file's second part is read by a worker (default: `SPLIT_MIN_BYTES` and more, on two cores or more). */
    split?: SplitOptions;
  } = {},
): ParseResult {
  const kept: PaperRecord[] = [];
  const { sink: papers, count } = recordSink(kept, options.each);
  const problems: Problem[] = [];
  // Names shared over the file's bylines even when the caller keeps no table.
  const names = options.names ?? new NameTable();
  const shape = options.shape ?? 'auto';
  // Records handed on one by one are not worth a worker: the caller wants them in its own time.
  const second = options.each === undefined ? SecondPart.start(file, shape, options.split) : null;
  try {
    const onProgress =
      second === null || options.onProgress === undefined
        ? options.onProgress
        : (read: number) => options.onProgress?.(read + second.bytesRead(), second.fileBytes);
    const range = second === null ? undefined : { start: 0, end: second.start };
    const lines = readJsonLinesRange(file, range, papers, problems, shape, names, onProgress);
    // The second part from the worker; where it failed or stalled, read here (as it would have been).
    if (second !== null && !second.finish(names, lines, papers, problems))
      readJsonLinesRange(
        file,
        { start: second.start, end: Infinity },
        papers,
        problems,
        shape,
        names,
        options.onProgress === undefined
          ? undefined
          : (read) => options.onProgress?.(second.start + read, second.fileBytes),
        lines,
      );
  } catch (error) {
    problems.push({ severity: 'error', file, line: null, message: `cannot read file: ${errorMessage(error)}` });
    return { papers: kept, problems };
  } finally {
    second?.close();
  }
  if (count() === 0 && problems.length === 0)
    problems.push({ severity: 'warning', file, line: null, message: 'no records found' });
  return { papers: kept, problems };
}

/**
 * The lines of `range` (the whole file when undefined) read into `papers` and `problems`, the first
 * numbered `lineBase + 1`; returns how many lines it had. Throws when the file cannot be read.
 */
export function readJsonLinesRange(
  file: string,
  range: ByteRange | undefined,
  papers: RecordSink,
  problems: Problem[],
  shape: 'auto' | 'openalex',
  names: NameTable,
  onProgress?: ProgressListener,
  lineBase = 0,
): number {
  let lines = 0;
  // A byte order mark is dropped from the file's first line only.
  const fromStart = (range?.start ?? 0) === 0 && lineBase === 0;
  for (const { text, line } of fileLines(file, onProgress, undefined, range)) {
    lines = line;
    const number = line + lineBase;
    readJsonLine(
      fromStart && line === 1 ? text.replace(/^\uFEFF/u, '') : text,
      file,
      number,
      papers,
      problems,
      shape,
      names,
    );
  }
  return lines;
}

function readJsonLine(
  raw: string,
  file: string,
  line: number,
  papers: RecordSink,
  problems: Problem[],
  shape: 'auto' | 'openalex',
  names?: NameTable,
): void {
  if (raw.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({
      severity: 'error',
      file,
      line,
      message: `line is not valid JSON, not loaded: ${truncate(reason, JSONL_MESSAGE_LENGTH)}`,
    });
    return;
  }
  if (shape === 'openalex' || looksLikeOpenAlexWork(value)) {
    const work = readOpenAlexWork(value, { file, line });
    if ('severity' in work)
      problems.push({ severity: work.severity, file, line, message: `OpenAlex work ${work.message}` });
    else papers.push(work);
    return;
  }
  const read = readPaper(value, { file, line }, names);
  if (typeof read === 'string') problems.push({ severity: 'error', file, line, message: `record not loaded: ${read}` });
  else papers.push(read);
}

/** A paper, or a message naming every field that breaks the record shape. */
function readPaper(value: unknown, source: PaperRecord['source'], names?: NameTable): PaperRecord | string {
  if (!isPlainObject(value)) return `expected an object, found ${describe(value)}`;
  const wrong: string[] = [];

  const rawTitle = value['title'];
  const title = typeof rawTitle === 'string' ? cleanText(rawTitle) : '';
  if (rawTitle === undefined) wrong.push('"title" is missing');
  else if (typeof rawTitle !== 'string') wrong.push(`"title" must be a string, found ${describe(rawTitle)}`);
  else if (title === '') wrong.push('"title" is empty');

  // Made by `map`, the size of the byline: grown by pushing, each list held room for 17 names (0.14 GB
  // of the records at 1 M synthetic papers). A record with a wrong name is not loaded.
  let authors: string[] = [];
  const rawAuthors = value['authors'];
  if (rawAuthors === undefined) wrong.push('"authors" is missing');
  else if (!Array.isArray(rawAuthors)) wrong.push(`"authors" must be an array of names, found ${describe(rawAuthors)}`);
  else if (rawAuthors.length === 0) wrong.push('"authors" is empty');
  else {
    authors = rawAuthors.map((name: unknown, k) => {
      const cleaned = typeof name === 'string' ? cleanText(name) : '';
      if (typeof name !== 'string') wrong.push(`"authors" item ${k + 1} must be a string, found ${describe(name)}`);
      else if (cleaned === '') wrong.push(`"authors" item ${k + 1} is blank`);
      return cleaned;
    });
  }

  const year = value['year'];
  if (year !== undefined && year !== null && !(typeof year === 'number' && Number.isInteger(year))) {
    wrong.push(`"year" must be an integer, found ${describe(year)}`);
  } else if (year !== undefined && year !== null && !isYear(year)) {
    wrong.push(`"year" must be from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}, found ${describe(year)}`);
  }

  // Read in the order the messages name them.
  const id = optionalString(value, 'id', wrong);
  const venue = optionalString(value, 'venue', wrong);
  const abstract = optionalString(value, 'abstract', wrong);
  const url = optionalString(value, 'url', wrong);
  const doi = optionalString(value, 'doi', wrong);

  if (wrong.length > 0) return wrong.join('; ');
  // A name repeated over many bylines is one string in memory, and the merge finds it by its number.
  const nameAt = names?.internByline(authors);
  return {
    id: id ?? doi ?? null,
    doi: normalizeDoi(doi),
    title,
    authors,
    abstract,
    year: typeof year === 'number' ? year : null,
    venue,
    url,
    source,
    nameAt,
  };
}

/** An optional string field: cleaned, null when absent, null or blank; a message in `wrong` when it is not a string. */
function optionalString(value: Record<string, unknown>, field: string, wrong: string[]): string | null {
  const raw = value[field];
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') {
    wrong.push(`"${field}" must be a string, found ${describe(raw)}`);
    return null;
  }
  return cleanText(raw) || null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for messages: `string "2020"`, `number 3`, `null`, `an array`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string "${truncate(value, FOUND_STRING_LENGTH)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function describeNode(node: Node): string {
  if (node.type === 'object') {
    const hasPapers = (node.children ?? []).some((property) => property.children?.[0]?.value === 'papers');
    return hasPapers ? 'an object whose "papers" is not an array' : 'an object without "papers"';
  }
  return describe(getNodeValue(node));
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
