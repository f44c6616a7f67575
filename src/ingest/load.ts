/**
 * Reads every data file (format chosen by extension unless given), applies the alias file and
 * returns one catalog with every problem found, each naming its file and line.
 *
 * A `.json` file is read by its shape: OpenAlex works (`results[]` or items with `authorships`),
 * CSL-JSON (items with `author` name objects, `issued` or `type`) or this project's papers. JSON
 * Lines and DBLP XML are streamed from the file; the other formats are small enough to read whole.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { getNodeValue } from 'jsonc-parser';
import { type AliasTable, loadAliasFile, noAliases } from './aliases.ts';
import { parseBibtex } from './bibtex.ts';
import type { Catalog } from './catalog.ts';
import { resolvedBylines, rowsFromResolved } from './catalog-columns.ts';
import { type CatalogIds, assignIds } from './catalog-ids.ts';
import { materialize } from './catalog-materialize.ts';
import { type ResolvedRecords, resolveAndMerge } from './catalog-merge.ts';
import { looksLikeCsl, parseCslJson, readCslDocument } from './csl-json.ts';
import { parseDblpXmlFile } from './dblp-xml.ts';
import type { ProgressListener } from './file-chunks.ts';
import { parseJsonDocument, propertyNode } from './json-records.ts';
import { parseJsonLinesFile, parseJsonPapers } from './json-papers.ts';
import { looksLikeOpenAlexWork, parseOpenAlexJson, readOpenAlexDocument } from './openalex.ts';
import { NameTable } from './name-table.ts';
import type { SplitOptions } from './json-lines-split.ts';
import { parsePublicationList } from './publication-list.ts';
import { limitRecords, withinLimits } from './input-limits.ts';
import { type TitleHashOptions, TitleHashes } from './title-hashes.ts';
import type { ExternalId, PaperRecord, ParseResult, Problem } from './records.ts';
import { errorMessage } from '../error-message.ts';
import { LARGE_HEAP_BYTES, LARGE_RECORDS_BYTES, collectLargeGarbage, heapIsLarge } from './collect-garbage.ts';
import {
  type ColumnOptions,
  type ColumnRows,
  type NetworkColumns,
  type PreparedGraph,
  columnsFromRows,
  handsGraphOverFirstSurely,
  prepareGraph,
} from '../graph/network-columns.ts';

export const inputFormats = ['txt', 'json', 'jsonl', 'bib', 'csl-json', 'dblp-xml', 'openalex'] as const;
export type InputFormat = (typeof inputFormats)[number];

const formatByExtension: Readonly<Record<string, InputFormat>> = {
  '.txt': 'txt',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.bib': 'bib',
  '.bibtex': 'bib',
  '.xml': 'dblp-xml',
};

/** Where loading has got to, in bytes over all data files. */
export interface LoadProgress {
  readonly file: string;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface LoadOptions {
  readonly files: readonly string[];
  readonly aliasFile?: string | null;
  /** Overrides the choice by extension for every file. */
  readonly format?: InputFormat | null;
  /** When the title keys are made by a worker thread (title-hashes.ts; by default for 4 to 64 MB of files on 2 cores or more). */
  readonly titleHashes?: TitleHashOptions;
  /** When a large JSON Lines file's second part is read by a worker thread (json-lines-split.ts; by default from 32 MB on 2 cores or more). */
  readonly split?: SplitOptions;
  /** Hears how far reading has got (called often on large files; cheap listeners only). */
  readonly onProgress?: (progress: LoadProgress) => void;
}

export interface LoadResult {
  /**
   * Made on first use: the network does not need it (`networkColumns`), curation and `import` do.
   * Asked for after `networkColumns`, it is made from the files read again (the records are dropped then).
   */
  readonly catalog: Catalog;
  /** How many records were merged into an earlier record of the same paper (as `catalog.duplicatesMerged`). */
  readonly duplicatesMerged: number;
  /**
   * The network's columns straight from the merged records: equal to `columnsFromCatalog(catalog)`,
   * without making the catalog. The records are dropped before the graph and the indexes are built.
   */
  networkColumns(options?: ColumnOptions): NetworkColumns;
  readonly aliases: AliasTable;
  readonly recordCount: number;
  /** Every record read, in input order, before duplicates are merged (what the shared store keeps; read again after `networkColumns`). */
  readonly records: readonly PaperRecord[];
  /** Parse problems, alias problems and merge warnings, in input order. */
  readonly problems: readonly Problem[];
}

export function formatOf(file: string): InputFormat | null {
  if (file.toLowerCase().endsWith('.csl.json')) return 'csl-json';
  const extension = extname(file).toLowerCase();
  return Object.hasOwn(formatByExtension, extension) ? (formatByExtension[extension] ?? null) : null; // not `.constructor`
}

/**
 * One file read by its format's reader, every record held to the input limits (input-limits.ts).
 * With `names`, a reader that can intern bylines as it reads (JSON Lines, DBLP XML) does so into that table.
 */
export function parseFile(
  file: string,
  format: InputFormat | null = null,
  onProgress?: ProgressListener,
  names?: NameTable,
  split?: SplitOptions,
): ParseResult {
  return limitRecords(readFile(file, format, onProgress, names, undefined, split));
}

/**
 * The records `parseFile` gives, each handed to `each` as it is read: JSON Lines and DBLP XML are
 * streamed (no record is kept), the other formats read whole first. Returns the file's problems.
 */
export function eachRecord(
  file: string,
  format: InputFormat | null,
  each: (record: PaperRecord) => void,
): readonly Problem[] {
  const problems: Problem[] = [];
  const limited = withinLimits(each, problems);
  const result = readFile(file, format, undefined, undefined, limited);
  for (const record of result.papers) limited(record);
  return [...result.problems, ...problems];
}

function readFile(
  file: string,
  format: InputFormat | null,
  onProgress?: ProgressListener,
  names?: NameTable,
  each?: (record: PaperRecord) => void,
  split?: SplitOptions,
): ParseResult {
  const chosen = format ?? formatOf(file);
  if (chosen === null) {
    return failure(
      file,
      `cannot tell the format of "${file}" from its extension; use one of ${[...Object.keys(formatByExtension), '.csl.json'].join(', ')} or --format`,
    );
  }
  const lines = ['.jsonl', '.ndjson'].includes(extname(file).toLowerCase());
  if (chosen === 'jsonl' || (chosen === 'openalex' && lines)) {
    return parseJsonLinesFile(file, {
      shape: chosen === 'openalex' ? 'openalex' : 'auto',
      onProgress,
      names,
      ...(each === undefined ? {} : { each }),
      ...(split === undefined ? {} : { split }),
    });
  }
  if (chosen === 'dblp-xml') return parseDblpXmlFile(file, onProgress, names, each);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return failure(file, `cannot read file: ${errorMessage(error)}`);
  }
  const size = Buffer.byteLength(text);
  onProgress?.(size, size);
  switch (chosen) {
    case 'txt':
      return parsePublicationList(text, file);
    case 'bib':
      return parseBibtex(text, file);
    case 'csl-json':
      return parseCslJson(text, file);
    case 'openalex':
      return parseOpenAlexJson(text, file);
    case 'json':
      return parseJsonByShape(text, file);
  }
}

/** A `.json` file as OpenAlex works, CSL-JSON or papers, by what its records look like. */
function parseJsonByShape(text: string, file: string): ParseResult {
  const document = parseJsonDocument(text, file);
  if ('severity' in document) return { papers: [], problems: [document] };
  const { root } = document;
  const results = propertyNode(root, 'results');
  if (results?.type === 'array') return readOpenAlexDocument(document, file);
  const list = root.type === 'array' ? root : undefined;
  const first = list?.children?.find((node) => node.type === 'object');
  const sample = first === undefined ? undefined : (getNodeValue(first) as unknown);
  if (looksLikeOpenAlexWork(sample)) return readOpenAlexDocument(document, file);
  if (looksLikeCsl(sample)) return readCslDocument(document, file);
  return parseJsonPapers(text, file, 'json');
}

export function loadFiles(options: LoadOptions): LoadResult {
  const problems: Problem[] = [];
  let aliases = noAliases;
  if (options.aliasFile) {
    const loaded = loadAliasFile(options.aliasFile);
    aliases = loaded.aliases;
    problems.push(...loaded.problems);
  }
  const stamps = fileStamps(options.files);
  const first = readRecords(options, problems, aliases);
  for (const problem of first.merged.problems) problems.push(problem);
  const { recordCount } = first;
  const { duplicatesMerged } = first.merged;
  // The records and the merged records, until the network's columns are made from them: then they
  // are dropped (about a gigabyte per million papers), and read again from the files if the catalog
  // or the records are asked for after that.
  let held: ReadRecords | null = first;
  const records = (): ReadRecords => {
    if (held !== null) return held;
    // Read again: only from the files as they were, or the catalog would not be the network's.
    const now = fileStamps(options.files);
    const changed = options.files.find((file, k) => now[k] !== stamps[k]);
    if (changed !== undefined)
      throw new Error(
        `${changed} changed after it was loaded: its records were dropped once the network was made and cannot be read again as they were; restart the server to load the new contents (or serve with --watch)`,
      );
    held = readRecords(options, [], aliases);
    return held;
  };
  let catalog: Catalog | null = null;
  // Whether a caller was given the records (`records`): theirs to read whole from then on.
  let recordsGiven = false;
  return {
    get catalog() {
      if (catalog === null) {
        const read = records();
        catalog = materialize(read.merged, read.ids(), aliases);
      }
      return catalog;
    },
    aliases,
    recordCount,
    get records() {
      const given = records().records;
      recordsGiven = true;
      return given;
    },
    problems,
    duplicatesMerged,
    networkColumns: (columnOptions = {}) => {
      // The heap before anything is let go of decides both collections below (made smaller by the
      // first, it would pass under the second's usual measure): a large load collects twice.
      const limit = heapIsLarge(LARGE_RECORDS_BYTES) ? 0 : LARGE_HEAP_BYTES;
      // No local of this frame points at the records while the columns are made (a helper makes the rows).
      const { rows, graph } = graphThenRows(records(), aliases, columnOptions, recordsGiven ? null : limit);
      held = null;
      // The records collected now, not once the graph's arrays are allocated beside them (collect-garbage.ts).
      collectLargeGarbage(limit);
      return columnsFromRows(rows, graph === undefined ? columnOptions : { ...columnOptions, graph });
    },
  };
}

/**
 * The rows, and for a network whose graph is surely handed over first, the compact graph before them,
 * from the merged records' bylines (the records' author lists released first, and garbage collected
 * from a heap of `releaseAndCollectFrom` bytes; null for records a caller was given): handed to `onCompactGraph` at once, the estimates start before the
 * ids and the rest of the rows are made. A larger network's graph is made by `columnsFromRows`, after
 * the records are dropped (made beside them, it raised the peak at 1 M synthetic papers by 0.15 GB).
 */
function graphThenRows(
  read: ReadRecords,
  aliases: AliasTable,
  options: ColumnOptions,
  releaseAndCollectFrom: number | null,
): { rows: ColumnRows; graph: PreparedGraph | undefined } {
  if (releaseAndCollectFrom !== null) {
    releaseAuthorLists(read.records);
    collectLargeGarbage(releaseAndCollectFrom);
  }
  const bylines = resolvedBylines(read.merged);
  const order = read.merged.authors.length;
  const graph =
    options.onCompactGraph !== undefined &&
    handsGraphOverFirstSurely(order, bylines.offsets, options.maxAuthorsPerPaper ?? null)
      ? prepareGraph(order, bylines, options)
      : undefined;
  return { rows: rowsFromResolved(read.merged, read.ids(), aliases, bylines), graph };
}

/** What a record's author lists are once `releaseAuthorLists` let them go. */
const RELEASED: readonly never[] = Object.freeze([]);

/**
 * Lets the records' author lists go once the merge has made them bylines of people (each merged
 * paper's `byline`, and the occurrence log): nothing reads them after that, though the records
 * themselves are held until the rows are made (their titles, fields and sources). Only records no
 * caller was given (`LoadResult.records`); a large load collects them at once. At 1 M synthetic papers the lists are a million arrays of 4.1 million names: the heap in use once
 * the rows are made is 969 MB where it was 1,057 MB, and the resident memory then, the load's own
 * peak, 1,390–1,400 MiB where it was 1,477–1,485, for a collection of about 0.4 s.
 */
export function releaseAuthorLists(records: readonly PaperRecord[]): void {
  for (const record of records) {
    const spent = record as { authors: readonly string[]; authorIdentities?: readonly (readonly ExternalId[])[] };
    spent.authors = RELEASED;
    if (spent.authorIdentities !== undefined) spent.authorIdentities = RELEASED;
  }
}

interface ReadRecords {
  readonly records: readonly PaperRecord[];
  readonly recordCount: number;
  readonly merged: ResolvedRecords;
  /** Given on first use (after the compact graph, which needs none). */
  ids(): CatalogIds;
}

/** Each file's size and modification time, as one string (empty for a file that cannot be read). */
function fileStamps(files: readonly string[]): string[] {
  return files.map((file) => {
    try {
      const { size, mtimeMs } = statSync(file);
      return `${size} ${mtimeMs}`;
    } catch {
      return '';
    }
  });
}

/** Every file parsed (its problems added to `problems`), the records merged and given ids. */
function readRecords(options: LoadOptions, problems: Problem[], aliases: AliasTable): ReadRecords {
  const records: PaperRecord[] = [];
  // One table over every file: the merge finds each byline name by the number its reader gave it.
  const names = new NameTable();
  const sizes = options.files.map((file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  });
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  // A worker reads the files too, for the title keys the merge needs (title-hashes.ts), on the core
  // this thread leaves idle until the graph is made.
  const titleHashes = TitleHashes.start(options.files, options.format ?? null, totalBytes, options.titleHashes);
  let merged: ResolvedRecords;
  try {
    let doneBytes = 0;
    for (const [index, file] of options.files.entries()) {
      const before = doneBytes;
      const listener: ProgressListener | undefined =
        options.onProgress === undefined
          ? undefined
          : (read) => options.onProgress?.({ file, bytesRead: before + Math.min(read, sizes[index] ?? 0), totalBytes });
      const parsed = parseFile(file, options.format ?? null, listener, names, options.split);
      doneBytes += sizes[index] ?? 0;
      for (const paper of parsed.papers) records.push(paper);
      problems.push(...parsed.problems);
    }
    merged = resolveAndMerge(records, aliases, names, titleHashes);
  } finally {
    titleHashes?.close();
  }
  // The merge's maps (the papers by id and by content, every person by key) collected now, before the
  // ids and rows are made beside its result (collect-garbage.ts).
  collectLargeGarbage();
  let ids: CatalogIds | null = null;
  return { records, recordCount: records.length, merged, ids: () => (ids ??= assignIds(merged)) };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

function failure(file: string, message: string): ParseResult {
  return { papers: [], problems: [{ severity: 'error', file, line: null, message }] };
}
