/**
 * The network's tables in a snapshot (which columns each holds: snapshot-entries.ts): how each is
 * written, and how each is read back and checked on its own.
 *
 * Each table is one ZIP entry with its own CRC-32, so each can be read and verified alone: the server
 * reads the tables it needs to answer `/ready` at start (`EAGER_ENTRIES`: the CSR, ids, years,
 * bylines, listing orders) and every other one (`LAZY_ENTRIES`: strings, spellings, provenance, tie
 * papers, the search indexes) when it is first used (lazy-snapshot.ts). The manifest's counts let a
 * table be checked without the others: every row number it holds points inside the table it names.
 */
import { type Table, tableFromIPC } from 'apache-arrow';
import type { Utf8Column } from '../graph/columns.ts';
import { NO_YEAR, type NetworkColumns } from '../graph/network-columns.ts';
import { type SearchIndex, postingsProblem } from '../graph/search-index.ts';
import { errorMessage } from '../error-message.ts';
import {
  TableReader,
  int32Data,
  int8Data,
  listData,
  tableOf,
  uint32Data,
  uint8Data,
  utf8Data,
  wholeListData,
} from './arrow-columns.ts';
import type { EntryColumns, NetworkEntry } from './snapshot-entries.ts';
import { SnapshotFormatError } from './zip-store.ts';

/** What a table can be checked against without reading another (the manifest's `counts`). */
export interface TableCounts {
  readonly authors: number;
  readonly papers: number;
  readonly ties: number;
  readonly files: number;
  readonly alternateIds: number;
  readonly nameKeys: number;
}

/** A search index as a table of one row, each array a list (they differ in length). */
function searchTable(index: SearchIndex): Table {
  return tableOf({
    key_bytes: wholeListData(uint8Data(index.keyBytes)),
    key_offsets: wholeListData(uint32Data(index.keyOffsets)),
    grams: wholeListData(uint32Data(index.grams)),
    gram_offsets: wholeListData(uint32Data(index.gramOffsets)),
    gram_blocks: wholeListData(uint32Data(index.gramBlocks)),
    block_first: wholeListData(uint32Data(index.blockFirst)),
    block_at: wholeListData(uint32Data(index.blockAt)),
    posting_bytes: wholeListData(uint8Data(index.postingBytes)),
    owner_offsets: wholeListData(uint32Data(index.ownerOffsets)),
    owners: wholeListData(uint32Data(index.owners)),
    owner_count: uint32Data(Uint32Array.of(index.ownerCount)),
  });
}

/** The network's tables, in the order they are written. */
export function networkTables(columns: NetworkColumns): Record<NetworkEntry, Table> {
  const list = (offsets: Int32Array, values: Int32Array) => listData(offsets, int32Data(values));
  return {
    'authors.arrow': tableOf({
      id: utf8Data(columns.authorId),
      name: utf8Data(columns.authorName),
      papers: list(columns.authorPaperOffsets, columns.authorPapers),
      coauthors: list(columns.offsets, columns.neighbors),
    }),
    'ties.arrow': tableOf({ weight: uint32Data(columns.weights) }),
    'papers.arrow': tableOf({
      id: utf8Data(columns.paperId),
      year: int32Data(columns.year, NO_YEAR),
      author_list_incomplete: uint8Data(columns.incomplete),
      authors: list(columns.bylineOffsets, columns.byline),
    }),
    'author-orders.arrow': tableOf({
      by_id: int32Data(columns.authorIdIndex),
      by_name: int32Data(columns.authorsByName),
      by_paper_count: int32Data(columns.authorsByPaperCount),
      by_coauthor_count: int32Data(columns.authorsByCoauthorCount),
    }),
    'paper-orders.arrow': tableOf({
      by_id: int32Data(columns.paperIdIndex),
      by_recency: int32Data(columns.papersByRecency),
    }),
    'author-names.arrow': tableOf({
      spellings: listData(columns.spellingOffsets, utf8Data(columns.spelling)),
      spelling_counts: list(columns.spellingOffsets, columns.spellingCount),
      spelling_reasons: listData(columns.spellingOffsets, int8Data(columns.spellingReason)),
      external_ids: listData(columns.externalIdOffsets, utf8Data(columns.externalId)),
    }),
    'author-provenance.arrow': tableOf({
      occurrence_spellings: list(columns.occurrenceOffsets, columns.occurrenceSpelling),
      occurrence_files: list(columns.occurrenceOffsets, columns.occurrenceFile),
      occurrence_lines: list(columns.occurrenceOffsets, columns.occurrenceLine),
    }),
    'tie-papers.arrow': tableOf({ papers: list(columns.tiePaperOffsets, columns.tiePapers) }),
    'paper-text.arrow': tableOf({
      title: utf8Data(columns.title),
      abstract: utf8Data(columns.abstract),
      venue: utf8Data(columns.venue),
      url: utf8Data(columns.url),
      doi: utf8Data(columns.doi),
    }),
    'paper-sources.arrow': tableOf({
      alternate_ids: listData(columns.alternateIdOffsets, utf8Data(columns.alternateId)),
      source_files: list(columns.sourceOffsets, columns.sourceFile),
      source_lines: list(columns.sourceOffsets, columns.sourceLine),
    }),
    'files.arrow': tableOf({ path: utf8Data(columns.files) }),
    'alternate-id-order.arrow': tableOf({ by_id: int32Data(columns.alternateIdIndex) }),
    'name-keys.arrow': tableOf({
      key: utf8Data(columns.nameKey),
      authors: list(columns.nameKeyAuthorOffsets, columns.nameKeyAuthors),
    }),
    'author-search.arrow': searchTable(columns.authorSearch),
    'paper-search.arrow': searchTable(columns.paperSearch),
  };
}

/** Parses an Arrow IPC file from its bytes (where they lie: nothing is copied). */
export function tableReader(name: string, bytes: Uint8Array): TableReader {
  let parsed: Table;
  try {
    parsed = tableFromIPC(bytes);
  } catch (error) {
    throw new SnapshotFormatError(`${name} is not an Arrow IPC file (${errorMessage(error)})`);
  }
  return new TableReader(parsed, name);
}

/**
 * The columns of one table, checked against the counts: its row counts agree and every row number
 * it holds points inside the table it names, so a file that passes its checksums but was not written
 * by us cannot make a look-up read out of bounds.
 */
export function readEntry(name: NetworkEntry, bytes: Uint8Array, counts: TableCounts): EntryColumns {
  const table = tableReader(name, bytes);
  const rows = (what: string, actual: number, expected: number) => {
    if (actual !== expected)
      throw new SnapshotFormatError(`${name}: ${what} has ${actual} rows, the manifest says ${expected}`);
  };
  const within = (what: string, values: Int32Array, bound: number) => {
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i] as number;
      if (value < 0 || value >= bound)
        throw new SnapshotFormatError(`${what}: row ${value} at position ${i} is out of range (0..${bound - 1})`);
    }
  };
  const strings = (column: Utf8Column) => column.offsets.length - 1;
  /** Orderings of `count` rows (each column a permutation's worth of rows, every value a row). */
  const orders = <K extends string>(what: string, count: number, names: Record<K, string>) => {
    const order = (column: string) => {
      const values = table.values(column, 'Int32');
      rows(column, values.length, count);
      within(what, values, count);
      return values;
    };
    return Object.fromEntries(Object.entries<string>(names).map(([key, column]) => [key, order(column)])) as Record<
      K,
      Int32Array
    >;
  };
  const { authors, papers, ties, files, alternateIds, nameKeys } = counts;
  switch (name) {
    case 'authors.arrow': {
      const coauthors = table.listOf('coauthors', 'Int32');
      const authorPapers = table.listOf('papers', 'Int32');
      const columns = {
        authorId: table.utf8('id'),
        authorName: table.utf8('name'),
        authorPaperOffsets: authorPapers.offsets,
        authorPapers: authorPapers.values,
        offsets: coauthors.offsets,
        neighbors: coauthors.values,
      };
      rows('id', strings(columns.authorId), authors);
      rows('the co-author lists', columns.neighbors.length, 2 * ties);
      within('co-authors', columns.neighbors, authors);
      within('author papers', columns.authorPapers, papers);
      return columns;
    }
    case 'ties.arrow': {
      const weights = table.values('weight', 'Uint32');
      rows('weight', weights.length, 2 * ties);
      return { weights };
    }
    case 'papers.arrow': {
      const byline = table.listOf('authors', 'Int32');
      const columns = {
        paperId: table.utf8('id'),
        year: table.values('year', 'Int32'),
        incomplete: table.values('author_list_incomplete', 'Uint8'),
        bylineOffsets: byline.offsets,
        byline: byline.values,
      };
      rows('id', strings(columns.paperId), papers);
      within('bylines', columns.byline, authors);
      return columns;
    }
    case 'author-orders.arrow':
      return orders('author orders', authors, {
        authorIdIndex: 'by_id',
        authorsByName: 'by_name',
        authorsByPaperCount: 'by_paper_count',
        authorsByCoauthorCount: 'by_coauthor_count',
      });
    case 'paper-orders.arrow':
      return orders('paper orders', papers, { paperIdIndex: 'by_id', papersByRecency: 'by_recency' });
    case 'author-names.arrow': {
      const spellings = table.listUtf8('spellings');
      const externalIds = table.listUtf8('external_ids');
      rows('spellings', spellings.offsets.length - 1, authors);
      rows('external_ids', externalIds.offsets.length - 1, authors);
      return {
        spellingOffsets: spellings.offsets,
        spelling: spellings.values,
        spellingCount: table.listOf('spelling_counts', 'Int32').values,
        spellingReason: table.listOf('spelling_reasons', 'Int8').values,
        externalIdOffsets: externalIds.offsets,
        externalId: externalIds.values,
      };
    }
    case 'author-provenance.arrow': {
      const occurrences = table.listOf('occurrence_spellings', 'Int32');
      rows('occurrence_spellings', occurrences.offsets.length - 1, authors);
      const occurrenceFile = table.listOf('occurrence_files', 'Int32').values;
      within('occurrence files', occurrenceFile, files);
      return {
        occurrenceOffsets: occurrences.offsets,
        occurrenceSpelling: occurrences.values,
        occurrenceFile,
        occurrenceLine: table.listOf('occurrence_lines', 'Int32').values,
      };
    }
    case 'tie-papers.arrow': {
      const tiePapers = table.listOf('papers', 'Int32');
      rows('papers', tiePapers.offsets.length - 1, 2 * ties);
      within('tie papers', tiePapers.values, papers);
      return { tiePaperOffsets: tiePapers.offsets, tiePapers: tiePapers.values };
    }
    case 'paper-text.arrow': {
      const columns = {
        title: table.utf8('title'),
        abstract: table.utf8('abstract'),
        venue: table.utf8('venue'),
        url: table.utf8('url'),
        doi: table.utf8('doi'),
      };
      for (const [what, column] of Object.entries(columns)) rows(what, strings(column), papers);
      return columns;
    }
    case 'paper-sources.arrow': {
      const alternate = table.listUtf8('alternate_ids');
      const sources = table.listOf('source_files', 'Int32');
      rows('alternate_ids', alternate.offsets.length - 1, papers);
      rows('alternate_ids.item', strings(alternate.values), alternateIds);
      rows('source_files', sources.offsets.length - 1, papers);
      within('source files', sources.values, files);
      return {
        alternateIdOffsets: alternate.offsets,
        alternateId: alternate.values,
        sourceOffsets: sources.offsets,
        sourceFile: sources.values,
        sourceLine: table.listOf('source_lines', 'Int32').values,
      };
    }
    case 'files.arrow': {
      const column = table.utf8('path');
      rows('path', strings(column), files);
      return { files: column };
    }
    case 'alternate-id-order.arrow':
      return orders('alternate-id order', alternateIds, { alternateIdIndex: 'by_id' });
    case 'name-keys.arrow': {
      const keyAuthors = table.listOf('authors', 'Int32');
      const nameKey = table.utf8('key');
      rows('key', strings(nameKey), nameKeys);
      within('name-key authors', keyAuthors.values, authors);
      return { nameKey, nameKeyAuthorOffsets: keyAuthors.offsets, nameKeyAuthors: keyAuthors.values };
    }
    case 'author-search.arrow':
      return { authorSearch: searchIndexOf(table, nameKeys, authors) };
    case 'paper-search.arrow':
      return { paperSearch: searchIndexOf(table, papers, papers) };
  }
}

function searchIndexOf(table: TableReader, keys: number, owners: number): SearchIndex {
  const index: SearchIndex = {
    keyCount: keys,
    ownerCount: owners,
    keyBytes: table.wholeList('key_bytes', 'Uint8'),
    keyOffsets: table.wholeList('key_offsets', 'Uint32'),
    grams: table.wholeList('grams', 'Uint32'),
    gramOffsets: table.wholeList('gram_offsets', 'Uint32'),
    gramBlocks: table.wholeList('gram_blocks', 'Uint32'),
    blockFirst: table.wholeList('block_first', 'Uint32'),
    blockAt: table.wholeList('block_at', 'Uint32'),
    postingBytes: table.wholeList('posting_bytes', 'Uint8'),
    ownerOffsets: table.wholeList('owner_offsets', 'Uint32'),
    owners: table.wholeList('owners', 'Uint32'),
  };
  const last = (array: Uint32Array) => array[array.length - 1] ?? 0;
  const fail = (what: string) => {
    throw new SnapshotFormatError(`the search index is damaged: ${what}`);
  };
  if (index.keyOffsets.length !== keys + 1 || index.ownerOffsets.length !== keys + 1)
    fail(`it has ${index.keyOffsets.length - 1} keys, expected ${keys}`);
  if (last(index.keyOffsets) > index.keyBytes.length || last(index.ownerOffsets) > index.owners.length)
    fail('offsets point past their data');
  for (const offsets of [index.keyOffsets, index.ownerOffsets]) if (!ascending(offsets)) fail('offsets decrease');
  // Plain indexed loops over millions of entries, checked when read: every posting list is decoded
  // (3 ns a key: 22 ms for the ACL Anthology titles' 7.1 million, where the largest of the keys stored
  // plain took 11 ms), so a damaged list is refused here rather than met by a search.
  const postings = postingsProblem(index);
  if (postings !== null) fail(postings);
  const ownerBound = largest(index.owners);
  if (index.owners.length > 0 && ownerBound >= owners) fail(`an owner ${ownerBound} is out of range`);
  return index;
}

function ascending(values: Uint32Array): boolean {
  for (let i = 1; i < values.length; i += 1) if ((values[i] as number) < (values[i - 1] as number)) return false;
  return true;
}

function largest(values: Uint32Array): number {
  let bound = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (value > bound) bound = value;
  }
  return bound;
}
