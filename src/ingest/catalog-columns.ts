/**
 * The network's columns straight from the merged records (src/ingest/catalog-merge.ts) and their ids
 * (src/ingest/catalog-ids.ts), without the catalog's objects: no `CatalogPaper`, `CatalogAuthor` or
 * occurrence object is made, bylines go from person rows to an integer list, and the occurrences come
 * from the merge's integer log. The columns are exactly those `columnsFromCatalog(buildCatalog(...))`
 * gives (tests/ingest/catalog-columns.test.ts checks the network versions are equal); the catalog
 * itself is still there for whoever asks for it (`loadFiles` materializes it on first use).
 */
import type { AliasTable } from './aliases.ts';
import { type CatalogIds, alternateIdsOf } from './catalog-ids.ts';
import { type ResolvedRecords, displayName } from './catalog-merge.ts';
import { identityKey } from './names.ts';
import type { PaperRecord } from './records.ts';
import { sharedArray } from '../graph/columns.ts';
import type { BylineList } from '../graph/compact-graph.ts';
import {
  type ColumnOptions,
  type ColumnRows,
  type NetworkColumns,
  NO_YEAR,
  columnsFromRows,
  fileNumbering,
  mergeReasons,
  offsetsFromLengths,
} from '../graph/network-columns.ts';

const NAME = mergeReasons.indexOf('name');
const ALIAS = mergeReasons.indexOf('alias');
const EXTERNAL_ID = mergeReasons.indexOf('external-id');

export function columnsFromResolved(
  merged: ResolvedRecords,
  ids: CatalogIds,
  aliases: AliasTable,
  options: ColumnOptions = {},
): NetworkColumns {
  return columnsFromRows(rowsFromResolved(merged, ids, aliases), options);
}

/**
 * The rows the columns are made from: integer lists, and the strings each column holds. Nothing in
 * them points back into the records or the merged records, so a caller that drops those before
 * `columnsFromRows` builds the graph and the indexes holds only the rows meanwhile (`loadFiles`).
 */
export function rowsFromResolved(
  merged: ResolvedRecords,
  ids: CatalogIds,
  aliases: AliasTable,
  bylineList: BylineList = resolvedBylines(merged),
): ColumnRows {
  const { authors, papers, occurrenceLog: log } = merged;
  const authorCount = authors.length;
  const paperCount = papers.length;
  const idOf = (list: readonly string[], index: number): string => {
    const id = list[index];
    if (id === undefined) throw new Error('columnsFromResolved: a paper or author without an id');
    return id;
  };

  // Authors: names, spellings with their counts and reasons, external ids. The spellings' lists are
  // made at their length (a list grown by pushing holds up to half as much again: 30 MB more at 1 M
  // synthetic papers, held at the load's peak).
  const authorIds = new Array<string>(authorCount);
  const authorNames = new Array<string>(authorCount);
  const spellingLengths = new Int32Array(authorCount);
  for (let row = 0; row < authorCount; row += 1)
    spellingLengths[row] = (authors[row] as ResolvedRecords['authors'][number]).variants?.size ?? 1;
  const spellingOffsets = offsetsFromLengths(spellingLengths);
  const spellingTotal = spellingOffsets[authorCount] as number;
  const spellings = new Array<string>(spellingTotal);
  const spellingCount = sharedArray(Int32Array, spellingTotal);
  const spellingReason = sharedArray(Int8Array, spellingTotal);
  const externalLengths = new Int32Array(authorCount);
  const externalIds: string[] = [];
  for (let row = 0; row < authorCount; row += 1) {
    const author = authors[row] as ResolvedRecords['authors'][number];
    const name = displayName(author);
    authorIds[row] = idOf(ids.authorIds, row);
    authorNames[row] = name;
    let at = spellingOffsets[row] as number;
    if (author.variants === null) {
      spellings[at] = author.firstSpelling;
      spellingCount[at] = author.firstCount;
      spellingReason[at] =
        author.firstSpelling === name ? NAME : reasonOf(author.firstSpelling, identityKey(name), aliases);
    } else {
      const nameKey = identityKey(name);
      for (const [spelling, count] of author.variants) {
        spellings[at] = spelling;
        spellingCount[at] = count;
        spellingReason[at] = reasonOf(spelling, nameKey, aliases);
        at += 1;
      }
    }
    if (author.ids !== null) {
      for (const id of author.ids.values()) externalIds.push(`${id.scheme}:${id.value}`);
      externalLengths[row] = author.ids.size;
    }
  }

  // Occurrences, grouped by author: which of the author's spellings, file and line. Files are numbered
  // in order of first use, occurrences first, then the papers' sources (as columnsFromCatalog does).
  const { fileOf, files } = fileNumbering();
  const { offsets: occurrenceGroups, order } = log.grouped(authorCount);
  const occurrenceCount = order.length;
  const occurrenceSpelling = sharedArray(Int32Array, occurrenceCount);
  const occurrenceFile = sharedArray(Int32Array, occurrenceCount);
  const occurrenceLine = sharedArray(Int32Array, occurrenceCount);
  // Each record's file and line read once, in record order (files numbered locally, then in order of
  // first use below): the occurrences, grouped by author, index these rather than their records.
  const { recordFile, recordLine, localFiles } = recordSources(log.records);
  const fileRowOf = new Int32Array(localFiles.length).fill(-1);
  for (let row = 0; row < authorCount; row += 1) {
    const author = authors[row] as ResolvedRecords['authors'][number];
    // Most authors have one spelling: no map for them.
    const spellingIndex =
      author.variants === null ? null : new Map([...author.variants.keys()].map((spelling, k) => [spelling, k]));
    for (let k = occurrenceGroups[row] as number; k < (occurrenceGroups[row + 1] as number); k += 1) {
      const at = order[k] as number;
      const spelling = log.spellings[log.spelling[at] as number] as string;
      occurrenceSpelling[k] =
        spellingIndex === null ? (spelling === author.firstSpelling ? 0 : -1) : (spellingIndex.get(spelling) ?? -1);
      const record = log.record[at] as number;
      const local = recordFile[record] as number;
      let file = fileRowOf[local] as number;
      if (file === -1) fileRowOf[local] = file = fileOf(localFiles[local] as string);
      occurrenceFile[k] = file;
      occurrenceLine[k] = recordLine[record] as number;
    }
  }

  // Papers: bylines as author rows, fields, sources, alternate ids.
  const sourceLengths = new Int32Array(paperCount);
  const alternateLengths = new Int32Array(paperCount);
  const paperIds = new Array<string>(paperCount);
  const titles = new Array<string>(paperCount);
  const abstracts = new Array<string | null>(paperCount);
  const venues = new Array<string | null>(paperCount);
  const urls = new Array<string | null>(paperCount);
  const dois = new Array<string | null>(paperCount);
  const year = sharedArray(Int32Array, paperCount);
  const incomplete = sharedArray(Uint8Array, paperCount);
  const alternateIds: string[] = [];
  let sourceTotal = 0;
  for (let row = 0; row < paperCount; row += 1) {
    const paper = papers[row] as ResolvedRecords['papers'][number];
    const { record, fill } = paper;
    paperIds[row] = idOf(ids.paperIds, row);
    titles[row] = record.title;
    abstracts[row] = record.abstract ?? fill.abstract ?? null;
    venues[row] = record.venue ?? fill.venue ?? null;
    urls[row] = record.url ?? fill.url ?? null;
    dois[row] = record.doi ?? fill.doi ?? null;
    year[row] = record.year ?? fill.year ?? NO_YEAR;
    incomplete[row] = paper.incomplete ? 1 : 0;
    const sourceCount = paper.sources.length;
    sourceLengths[row] = sourceCount;
    sourceTotal += sourceCount;
    const alternates = alternateIdsOf(ids, row);
    if (alternates.length > 0) {
      alternateIds.push(...alternates);
      alternateLengths[row] = alternates.length;
    }
  }
  const sourceFile = sharedArray(Int32Array, sourceTotal);
  const sourceLine = sharedArray(Int32Array, sourceTotal);
  let sourceAt = 0;
  for (let row = 0; row < paperCount; row += 1) {
    const paper = papers[row] as ResolvedRecords['papers'][number];
    for (const source of paper.sources) {
      sourceFile[sourceAt] = fileOf(source.file);
      sourceLine[sourceAt] = source.line;
      sourceAt += 1;
    }
  }

  return {
    authorIds,
    authorNames,
    bylineList,
    authorPapers: null,
    spellingOffsets,
    spellings,
    spellingCount,
    spellingReason,
    externalIdOffsets: offsetsFromLengths(externalLengths),
    externalIds,
    occurrenceOffsets: offsetsFromLengths(
      Int32Array.from(
        { length: authorCount },
        (_, row) => (occurrenceGroups[row + 1] as number) - (occurrenceGroups[row] as number),
      ),
    ),
    occurrenceSpelling,
    occurrenceFile,
    occurrenceLine,
    files: files(),
    paperIds,
    titles,
    abstracts,
    venues,
    urls,
    dois,
    year,
    incomplete,
    alternateIdOffsets: offsetsFromLengths(alternateLengths),
    alternateIds,
    sourceOffsets: offsetsFromLengths(sourceLengths),
    sourceFile,
    sourceLine,
  };
}

/**
 * The papers' bylines as author rows, alone: all the compact graph needs. `loadFiles` makes the graph
 * from them (and hands it over to the estimates) before the ids and the rest of the rows are made.
 */
export function resolvedBylines(merged: ResolvedRecords): BylineList {
  const { papers } = merged;
  const paperCount = papers.length;
  const lengths = new Int32Array(paperCount);
  let total = 0;
  for (let row = 0; row < paperCount; row += 1) {
    const { length } = (papers[row] as ResolvedRecords['papers'][number]).byline;
    lengths[row] = length;
    total += length;
  }
  const offsets = offsetsFromLengths(lengths);
  const values = sharedArray(Int32Array, total);
  let at = 0;
  for (let row = 0; row < paperCount; row += 1)
    for (const author of (papers[row] as ResolvedRecords['papers'][number]).byline) values[at++] = author.row;
  return { offsets, values };
}

/** How a spelling other than the display name came to belong to its author (as materialize says it). */
function reasonOf(spelling: string, nameKey: string, aliases: AliasTable): number {
  const key = identityKey(spelling);
  return key === nameKey ? NAME : aliases.canonicalByKey.has(key) ? ALIAS : EXTERNAL_ID;
}

/** Per record: its file (an index into `localFiles`, numbered in record order) and its line. */
function recordSources(records: readonly PaperRecord[]): {
  recordFile: Int32Array;
  recordLine: Int32Array;
  localFiles: string[];
} {
  const recordFile = new Int32Array(records.length);
  const recordLine = new Int32Array(records.length);
  const localFiles: string[] = [];
  const numbered = new Map<string, number>();
  let lastFile: string | null = null;
  let last = -1;
  for (let r = 0; r < records.length; r += 1) {
    const { source } = records[r] as PaperRecord;
    if (source.file !== lastFile) {
      lastFile = source.file;
      last = numbered.get(lastFile) ?? localFiles.length;
      if (last === localFiles.length) {
        localFiles.push(lastFile);
        numbered.set(lastFile, last);
      }
    }
    recordFile[r] = last;
    recordLine[r] = source.line;
  }
  return { recordFile, recordLine, localFiles };
}
