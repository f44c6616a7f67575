/**
 * The whole network as columns: what a snapshot file holds and what every thread shares.
 *
 * Authors are rows 0..n−1 and papers rows 0..p−1, in input order (first appearance). A list per row
 * is an offsets array of length rows + 1 and a flat values array (Arrow's `List` layout): author `a`'s
 * papers are `authorPapers[authorPaperOffsets[a] .. authorPaperOffsets[a+1])`. The co-authorship
 * graph is the CSR of compact-graph.ts (`offsets`, `neighbors`, `weights`, and per adjacency entry
 * its joint papers `tiePapers[tiePaperOffsets[j] ..]`).
 *
 * Besides the data, the indexes every lookup needs, computed once when the network is built and
 * stored with it, so that loading a snapshot computes nothing: rows sorted by id (binary search for
 * `author(id:)`, `paper(id:)`), the distinct search keys of every spelling with their authors
 * (`author(name:)`), and the orders listings page through (by name, paper count, co-author count;
 * papers newest first).
 */
import { createHash } from 'node:crypto';
import type { Catalog } from '../ingest/catalog.ts';
import { searchKey } from '../ingest/names.ts';
import { collectLargeGarbage } from '../ingest/collect-garbage.ts';
import { sortRowsOfColumn } from './byte-sort.ts';
import { type Utf8Column, listColumn, sharedArray, sortedIndex, toShared, utf8Column } from './columns.ts';
import {
  type BylineList,
  type CompactGraph,
  type TiePapers,
  buildTieGraph,
  bylineTranspose,
  tiePapersOf,
} from './compact-graph.ts';
import { type SearchIndex, buildSearchIndex, searchIndexOfColumn } from './search-index.ts';

/** A paper without a year holds this in `year` (and is null in a snapshot file's column). */
export const NO_YEAR = -2147483648;

/** How a spelling came to belong to an author, as stored: index into this list. */
export const mergeReasons = ['name', 'alias', 'external-id'] as const;

export interface NetworkColumns {
  /** Papers with more authors than this add no ties (null: no limit). */
  readonly maxAuthorsPerPaper: number | null;
  readonly papersOverAuthorLimit: number;
  /** Source files, as given; `sourceFile` and `occurrenceFile` point here. */
  readonly files: Utf8Column;

  readonly authorId: Utf8Column;
  readonly authorName: Utf8Column;
  readonly authorPaperOffsets: Int32Array;
  readonly authorPapers: Int32Array;
  /** Every spelling of each author, in order of first appearance, with its count and merge reason. */
  readonly spellingOffsets: Int32Array;
  readonly spelling: Utf8Column;
  readonly spellingCount: Int32Array;
  readonly spellingReason: Int8Array;
  /** External ids as `scheme:value`. */
  readonly externalIdOffsets: Int32Array;
  readonly externalId: Utf8Column;
  /** Every byline position an author was read from: which of the author's spellings, file and line. */
  readonly occurrenceOffsets: Int32Array;
  readonly occurrenceSpelling: Int32Array;
  readonly occurrenceFile: Int32Array;
  readonly occurrenceLine: Int32Array;

  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
  readonly weights: Uint32Array;
  readonly tiePaperOffsets: Int32Array;
  readonly tiePapers: Int32Array;

  readonly paperId: Utf8Column;
  readonly title: Utf8Column;
  readonly abstract: Utf8Column;
  readonly venue: Utf8Column;
  readonly url: Utf8Column;
  readonly doi: Utf8Column;
  readonly year: Int32Array;
  /** 1 when a source says the byline is cut short. */
  readonly incomplete: Uint8Array;
  readonly bylineOffsets: Int32Array;
  readonly byline: Int32Array;
  readonly alternateIdOffsets: Int32Array;
  readonly alternateId: Utf8Column;
  /** Every record merged into a paper (the first is where it was read first). */
  readonly sourceOffsets: Int32Array;
  readonly sourceFile: Int32Array;
  readonly sourceLine: Int32Array;

  /** Author rows sorted by id, paper rows sorted by id, alternate-id entries sorted by id. */
  readonly authorIdIndex: Int32Array;
  readonly paperIdIndex: Int32Array;
  readonly alternateIdIndex: Int32Array;
  /** Distinct search keys of every spelling and display name, sorted, with their authors (by id). */
  readonly nameKey: Utf8Column;
  readonly nameKeyAuthorOffsets: Int32Array;
  readonly nameKeyAuthors: Int32Array;
  /** Author rows by name; by paper count (most first); by co-author count (most first); ties by name, then id. */
  readonly authorsByName: Int32Array;
  readonly authorsByPaperCount: Int32Array;
  readonly authorsByCoauthorCount: Int32Array;
  /** Paper rows newest first (no year last), then by title, then id. */
  readonly papersByRecency: Int32Array;
  /** Substring indexes (search-index.ts): of every spelling's search key (owned by its authors), and of every title's. */
  readonly authorSearch: SearchIndex;
  readonly paperSearch: SearchIndex;
}

/** A search index on shared memory. */
export function sharedSearchIndex(index: SearchIndex): SearchIndex {
  return {
    keyCount: index.keyCount,
    ownerCount: index.ownerCount,
    keyBytes: toShared(index.keyBytes),
    keyOffsets: toShared(index.keyOffsets),
    grams: toShared(index.grams),
    gramOffsets: toShared(index.gramOffsets),
    gramBlocks: toShared(index.gramBlocks),
    blockFirst: toShared(index.blockFirst),
    blockAt: toShared(index.blockAt),
    postingBytes: toShared(index.postingBytes),
    ownerOffsets: toShared(index.ownerOffsets),
    owners: toShared(index.owners),
  };
}

export interface ColumnOptions {
  readonly maxAuthorsPerPaper?: number | null;
  /**
   * Called with the compact graph (its arrays are the columns' own), so that what needs only the graph
   * can start on other threads (analysis/early-estimates.ts) while this one goes on: as soon as the
   * graph exists when `handsGraphOverFirst` says so, else once the columns are made, before the
   * network's local metrics.
   */
  readonly onCompactGraph?: (graph: CompactGraph) => void;
  /**
   * Called with the compact graph the moment it is made, whatever the network's size, before
   * `onCompactGraph`: for work that needs the graph alone and little memory beside the columns' making
   * (the local metrics' worker: load-data.ts), where the estimates wait for `onCompactGraph`.
   */
  readonly onGraphMade?: (graph: CompactGraph) => void;
  /** The compact graph of these rows' bylines with these options, made already (`prepareGraph`). */
  readonly graph?: PreparedGraph;
}

/**
 * A compact graph made before the rest of the columns, and whether `onCompactGraph` has it already.
 * Its ties' papers are made when first read (`compact.papers`, `compact.paperOffsets`), or by
 * `tiePapers` with the authors' papers in hand: `columnsFromRows` makes them last.
 */
export interface PreparedGraph {
  readonly compact: CompactGraph<Uint32Array>;
  readonly handedOver: boolean;
  /** The ties' papers (made once), from each author's papers ascending when given (else the bylines' transpose). */
  tiePapers(byAuthor?: BylineList): TiePapers;
}

/**
 * The first step of `columnsFromRows`: the compact graph of the bylines, handed to `onCompactGraph` at
 * once when `handsGraphOverFirst` says so. A caller that has the bylines before the rest of the rows
 * (`loadFiles`: as soon as the records are merged, before ids are given, when
 * `handsGraphOverFirstSurely`) takes it first, so the estimates start that much earlier, and gives it
 * to `columnsFromRows` (`graph`).
 */
export function prepareGraph(order: number, bylines: BylineList, options: ColumnOptions): PreparedGraph {
  const maxAuthorsPerPaper = options.maxAuthorsPerPaper ?? null;
  checkMaxAuthorsPerPaper(maxAuthorsPerPaper);
  const input = { order, bylines, maxAuthorsPerPaper };
  const ties = buildTieGraph(input);
  let made: TiePapers | null = null;
  const tiePapers = (byAuthor?: BylineList): TiePapers =>
    (made ??= tiePapersOf(ties, input, byAuthor ?? bylineTranspose(bylines, order)));
  const compact: CompactGraph<Uint32Array> = {
    ...ties,
    get paperOffsets() {
      return tiePapers().paperOffsets;
    },
    get papers() {
      return tiePapers().papers;
    },
  };
  options.onGraphMade?.(compact);
  const handedOver = options.onCompactGraph !== undefined && handsGraphOverFirst(compact);
  if (handedOver) options.onCompactGraph?.(compact);
  return { compact, handedOver, tiePapers };
}

/**
 * Authors plus adjacency entries up to which the compact graph is handed over before the rest of the
 * columns is made. The first estimates' searches take about 280 bytes per author and 40 per adjacency
 * entry in each pass thread (46 MB on the ACL Anthology's 1.09 million), beside a peak of several
 * hundred MB, and they take the seconds of making the search indexes, listing orders and UTF-8 columns
 * off the way to ready. On a larger network the graph is handed over once the columns are made, after
 * the load's memory peak: at 1 M synthetic papers (1.33 million authors), the estimates' threads and
 * their copy of the graph beside the columns' making raised the peak by about 0.5 GB.
 */
export const EARLY_HANDOVER_LIMIT = 2_000_000;

/** Whether `onCompactGraph` gets `graph` as soon as it exists (see `EARLY_HANDOVER_LIMIT`). */
export function handsGraphOverFirst(graph: Pick<CompactGraph, 'order' | 'neighbors'>): boolean {
  return graph.order + graph.neighbors.length <= EARLY_HANDOVER_LIMIT;
}

/**
 * Whether the graph of `order` authors and these bylines is handed over first however its ties repeat:
 * it has at most k(k − 1) adjacency entries per paper of 2 ≤ k ≤ `maxAuthorsPerPaper` authors. Known
 * before the graph is made: a larger network's graph waits until the records are dropped (`loadFiles`).
 */
export function handsGraphOverFirstSurely(
  order: number,
  bylineOffsets: Int32Array,
  maxAuthorsPerPaper: number | null,
): boolean {
  const limit = maxAuthorsPerPaper ?? Number.POSITIVE_INFINITY;
  let entries = 0;
  for (let row = 0; row + 1 < bylineOffsets.length; row += 1) {
    const k = (bylineOffsets[row + 1] as number) - (bylineOffsets[row] as number);
    if (k >= 2 && k <= limit) entries += k * (k - 1);
  }
  return order + entries <= EARLY_HANDOVER_LIMIT;
}

export function checkMaxAuthorsPerPaper(value: number | null): void {
  if (value !== null && !(Number.isInteger(value) && value >= 2)) {
    throw new RangeError(`network: maxAuthorsPerPaper must be a whole number of at least 2, got ${value}`);
  }
}

/** Code-unit order: the total order every list uses to break ties, the same in every locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rows every column is made from, whatever they were read from (a catalog's objects, or the
 * merged records straight from parsing: src/ingest/catalog-columns.ts).
 */
export interface ColumnRows {
  readonly authorIds: readonly string[];
  readonly authorNames: readonly string[];
  /** Each paper's authors (rows), each once, in byline order. */
  readonly bylineList: BylineList;
  /** Each author's papers (rows); null: the bylines' transpose (every author's papers in input order). */
  readonly authorPapers: { readonly offsets: Int32Array; readonly values: Int32Array } | null;
  readonly spellingOffsets: Int32Array;
  readonly spellings: readonly string[];
  readonly spellingCount: Int32Array;
  readonly spellingReason: Int8Array;
  readonly externalIdOffsets: Int32Array;
  /** `scheme:value`. */
  readonly externalIds: readonly string[];
  readonly occurrenceOffsets: Int32Array;
  readonly occurrenceSpelling: Int32Array;
  readonly occurrenceFile: Int32Array;
  readonly occurrenceLine: Int32Array;
  readonly files: readonly string[];
  readonly paperIds: readonly string[];
  readonly titles: readonly string[];
  readonly abstracts: readonly (string | null)[];
  readonly venues: readonly (string | null)[];
  readonly urls: readonly (string | null)[];
  readonly dois: readonly (string | null)[];
  readonly year: Int32Array;
  readonly incomplete: Uint8Array;
  readonly alternateIdOffsets: Int32Array;
  readonly alternateIds: readonly string[];
  readonly sourceOffsets: Int32Array;
  readonly sourceFile: Int32Array;
  readonly sourceLine: Int32Array;
}

/** Files numbered in order of first use. */
export function fileNumbering(): { readonly fileOf: (file: string) => number; readonly files: () => string[] } {
  const fileRow = new Map<string, number>();
  return {
    fileOf: (file) => {
      let row = fileRow.get(file);
      if (row === undefined) fileRow.set(file, (row = fileRow.size));
      return row;
    },
    files: () => [...fileRow.keys()],
  };
}

/** Flat list values from lists given by their lengths: offsets (length n + 1) on shared memory. */
export function offsetsFromLengths(lengths: ArrayLike<number>): Int32Array {
  const offsets = sharedArray(Int32Array, lengths.length + 1);
  let total = 0;
  for (let i = 0; i < lengths.length; i += 1) {
    total += lengths[i] as number;
    offsets[i + 1] = total;
  }
  return offsets;
}

export function columnsFromCatalog(
  catalog: Pick<Catalog, 'authors' | 'papers'>,
  options: ColumnOptions = {},
): NetworkColumns {
  const { authors, papers } = catalog;
  const authorRow = new Map<string, number>();
  authors.forEach((author, row) => authorRow.set(author.id, row));
  const paperRow = new Map<string, number>();
  papers.forEach((paper, row) => paperRow.set(paper.id, row));
  const { fileOf, files } = fileNumbering();

  const bylineList = listColumn(papers.map((paper) => paper.authorIds.map((id) => authorRow.get(id) as number)));
  const authorPapers =
    papersFromBylines(bylineList, catalog) ??
    listColumn(authors.map((author) => author.paperIds.map((id) => paperRow.get(id) as number)));
  const spellings = listColumn(authors.map((author) => author.nameVariants.map(() => 0)));
  const variants = authors.flatMap((author) => author.nameVariants);
  const externalIds = listColumn(authors.map((author) => author.externalIds.map(() => 0)));
  const occurrences = listColumn(authors.map((author) => author.occurrences.map(() => 0)));
  const occurrenceCount = occurrences.values.length;
  const occurrenceSpelling = sharedArray(Int32Array, occurrenceCount);
  const occurrenceFile = sharedArray(Int32Array, occurrenceCount);
  const occurrenceLine = sharedArray(Int32Array, occurrenceCount);
  let at = 0;
  for (const author of authors) {
    // Most authors have one spelling: no map for them.
    const only = author.nameVariants.length === 1 ? (author.nameVariants[0] as { name: string }).name : null;
    const spellingIndex = only === null ? new Map(author.nameVariants.map((variant, k) => [variant.name, k])) : null;
    for (const occurrence of author.occurrences) {
      occurrenceSpelling[at] =
        spellingIndex === null
          ? occurrence.spelling === only
            ? 0
            : -1
          : (spellingIndex.get(occurrence.spelling) ?? -1);
      occurrenceFile[at] = fileOf(occurrence.source.file);
      occurrenceLine[at] = occurrence.source.line;
      at += 1;
    }
  }
  const sources = listColumn(papers.map((paper) => paper.sources.map(() => 0)));
  const sourceFile = sharedArray(Int32Array, sources.values.length);
  const sourceLine = sharedArray(Int32Array, sources.values.length);
  at = 0;
  for (const paper of papers) {
    for (const source of paper.sources) {
      sourceFile[at] = fileOf(source.file);
      sourceLine[at] = source.line;
      at += 1;
    }
  }
  const year = sharedArray(Int32Array, papers.length);
  const incomplete = sharedArray(Uint8Array, papers.length);
  papers.forEach((paper, row) => {
    year[row] = paper.year ?? NO_YEAR;
    incomplete[row] = paper.authorListIncomplete ? 1 : 0;
  });
  const alternateIds = listColumn(papers.map((paper) => paper.alternateIds.map(() => 0)));
  const spellingReason = sharedArray(Int8Array, variants.length);
  variants.forEach((variant, k) => {
    spellingReason[k] = mergeReasons.indexOf(variant.mergedBy);
  });

  return columnsFromRows(
    {
      authorIds: authors.map((author) => author.id),
      authorNames: authors.map((author) => author.name),
      bylineList,
      authorPapers,
      spellingOffsets: spellings.offsets,
      spellings: variants.map((variant) => variant.name),
      spellingCount: toShared(Int32Array.from(variants, (variant) => variant.count)),
      spellingReason,
      externalIdOffsets: externalIds.offsets,
      externalIds: authors.flatMap((author) => author.externalIds.map((id) => `${id.scheme}:${id.value}`)),
      occurrenceOffsets: occurrences.offsets,
      occurrenceSpelling,
      occurrenceFile,
      occurrenceLine,
      files: files(),
      paperIds: papers.map((paper) => paper.id),
      titles: papers.map((paper) => paper.title),
      abstracts: papers.map((paper) => paper.abstract),
      venues: papers.map((paper) => paper.venue),
      urls: papers.map((paper) => paper.url),
      dois: papers.map((paper) => paper.doi),
      year,
      incomplete,
      alternateIdOffsets: alternateIds.offsets,
      alternateIds: papers.flatMap((paper) => paper.alternateIds),
      sourceOffsets: sources.offsets,
      sourceFile,
      sourceLine,
    },
    options,
  );
}

/** The lists of strings of `ColumnRows`: `columnsFromRows` lets go of each once its columns are made. */
type StringListRow =
  | 'authorIds'
  | 'authorNames'
  | 'spellings'
  | 'externalIds'
  | 'files'
  | 'paperIds'
  | 'titles'
  | 'abstracts'
  | 'venues'
  | 'urls'
  | 'dois'
  | 'alternateIds';

/**
 * The network's columns, with every index and listing order, from its rows. `rows` is taken over:
 * each list of strings is emptied once its columns are made (the caller made the rows for this call
 * alone), so the strings of a large network (titles, ids, abstracts: gigabytes at DBLP's size) can
 * be collected while the rest of the columns and the search indexes are made, rather than all being
 * held until the end.
 */
export function columnsFromRows(rows: ColumnRows, options: ColumnOptions = {}): NetworkColumns {
  const maxAuthorsPerPaper = options.maxAuthorsPerPaper ?? null;
  checkMaxAuthorsPerPaper(maxAuthorsPerPaper);
  const { bylineList, year } = rows;
  const authorCount = rows.authorIds.length;
  const paperCount = rows.paperIds.length;
  const held = rows as { -readonly [K in StringListRow]: ColumnRows[K] };
  const letGo = (...lists: StringListRow[]) => {
    for (const list of lists) held[list] = [];
  };
  const prepared = options.graph ?? prepareGraph(authorCount, bylineList, options);
  const { compact, handedOver: handedOverFirst } = prepared;
  // A large network (one whose graph goes to the estimates once the columns are made) lets the rows'
  // strings be collected, and compacted, along the way (below).
  const large = !handsGraphOverFirst(compact);
  let papersOverAuthorLimit = 0;
  if (maxAuthorsPerPaper !== null)
    for (let row = 0; row < paperCount; row += 1)
      if ((bylineList.offsets[row + 1] as number) - (bylineList.offsets[row] as number) > maxAuthorsPerPaper)
        papersOverAuthorLimit += 1;
  const authorPapers = rows.authorPapers ?? bylineTranspose(bylineList, authorCount);

  // The columns of one list of strings each, and the lists let go.
  const files = utf8Column(rows.files);
  const abstract = utf8Column(rows.abstracts);
  const venue = utf8Column(rows.venues);
  const url = utf8Column(rows.urls);
  const doi = utf8Column(rows.dois);
  const externalId = utf8Column(rows.externalIds);
  const alternateId = utf8Column(rows.alternateIds);
  const alternateIdIndex = sortedIndex(alternateId, rows.alternateIds);
  letGo('files', 'abstracts', 'venues', 'urls', 'dois', 'externalIds', 'alternateIds');
  // On a large network, the rows' strings that are left are moved together before the authors' columns
  // are made beside them (collect-garbage.ts).
  if (large) collectLargeGarbage(LATE_COLLECTION_BYTES, { compact: true });

  const authorId = utf8Column(rows.authorIds);
  const authorIdIndex = sortedIndex(authorId, rows.authorIds);
  // Search keys of every spelling → authors, and the listing by name, from one sort (authors of one
  // key by id: by their place in the id order).
  // The index of the name keys reads the keys' column and their author lists as they are (no copy).
  const { nameKey, keyAuthors, authorsByName } = nameKeysAndOrder(rows, inverse(authorIdIndex));
  const authorName = utf8Column(rows.authorNames);
  const spelling = utf8Column(rows.spellings);
  letGo('authorIds', 'authorNames', 'spellings');
  // The orders by papers and by co-authors are the name order counted out by the count, most first
  // (stable, so ties stay in name order: exactly the sort by count, then name).
  const byCountThenName = (offsets: ArrayLike<number>) =>
    toShared(countedOut(authorsByName, (row) => (offsets[row + 1] as number) - (offsets[row] as number)));
  const authorSearch = searchIndexOfColumn(nameKey, keyAuthors, authorCount);

  // No local holds a list of strings the rows let go of (a local would keep it to the end).
  const { title, paperId, paperIdIndex, papersByRecency, paperSearch } = paperTextColumns(rows, letGo);
  // Every string of the rows is let go of by now, and the title index's scratch with them: on a large
  // network, collected before the ties' papers and the estimates' arrays are made beside the columns,
  // where V8 collected them only later (at 1 M synthetic papers its heap held 280 MB there, 62 MB once
  // collected, and 64 MB of the index's scratch went with it). Not on a smaller network: there the
  // collection would only delay its start.
  if (large) collectLargeGarbage(LATE_COLLECTION_BYTES);
  const tiePapers = tiePaperColumns(prepared.tiePapers(rows.authorPapers === null ? authorPapers : undefined));

  const columns: NetworkColumns = {
    maxAuthorsPerPaper,
    papersOverAuthorLimit,
    files,
    authorId,
    authorName,
    authorPaperOffsets: authorPapers.offsets,
    authorPapers: authorPapers.values,
    spellingOffsets: rows.spellingOffsets,
    spelling,
    spellingCount: rows.spellingCount,
    spellingReason: rows.spellingReason,
    externalIdOffsets: rows.externalIdOffsets,
    externalId,
    occurrenceOffsets: rows.occurrenceOffsets,
    occurrenceSpelling: rows.occurrenceSpelling,
    occurrenceFile: rows.occurrenceFile,
    occurrenceLine: rows.occurrenceLine,
    offsets: compact.offsets,
    neighbors: compact.neighbors,
    weights: compact.weights,
    // Made last: not held while the indexes and orders above were made.
    ...tiePapers,
    paperId,
    title,
    abstract,
    venue,
    url,
    doi,
    year,
    incomplete: rows.incomplete,
    bylineOffsets: bylineList.offsets,
    byline: bylineList.values,
    alternateIdOffsets: rows.alternateIdOffsets,
    alternateId,
    sourceOffsets: rows.sourceOffsets,
    sourceFile: rows.sourceFile,
    sourceLine: rows.sourceLine,
    authorIdIndex,
    paperIdIndex,
    alternateIdIndex,
    nameKey,
    nameKeyAuthorOffsets: keyAuthors.offsets,
    nameKeyAuthors: keyAuthors.values,
    authorsByName,
    authorsByPaperCount: byCountThenName(authorPapers.offsets),
    authorsByCoauthorCount: byCountThenName(compact.offsets),
    papersByRecency,
    authorSearch,
    paperSearch,
  };
  if (!handedOverFirst) options.onCompactGraph?.(compact);
  return columns;
}

/** V8's heap in use from which a large network's strings let go of are collected (see above). */
const LATE_COLLECTION_BYTES = 64 * 1024 ** 2;

/** The titles' and paper ids' columns, with their index, order and search index; the rows' lists let go of. */
function paperTextColumns(
  rows: Pick<ColumnRows, 'titles' | 'paperIds' | 'year'>,
  letGo: (...lists: ('titles' | 'paperIds')[]) => void,
): Pick<NetworkColumns, 'title' | 'paperId' | 'paperIdIndex' | 'papersByRecency' | 'paperSearch'> {
  const title = utf8Column(rows.titles);
  const titleKeys = rows.titles.map((text) => searchKey(text));
  letGo('titles');
  const paperId = utf8Column(rows.paperIds);
  const paperIdIndex = sortedIndex(paperId, rows.paperIds);
  const papersByRecency = recencyOrder(rows.year, titleKeys, rows.paperIds);
  letGo('paperIds');
  return { title, paperId, paperIdIndex, papersByRecency, paperSearch: sharedSearchIndex(buildSearchIndex(titleKeys)) };
}

/** Papers by year, latest first, then by title key and by id. */
function recencyOrder(year: Int32Array, titleKeys: readonly string[], paperIds: readonly string[]): Int32Array {
  const byRecency = (a: number, b: number) =>
    (year[b] as number) - (year[a] as number) ||
    compareIds(titleKeys[a] as string, titleKeys[b] as string) ||
    compareIds(paperIds[a] as string, paperIds[b] as string);
  return toShared(Int32Array.from(Array.from({ length: titleKeys.length }, (_, i) => i).sort(byRecency)));
}

/**
 * The distinct search keys of the authors' names and spellings, ascending, as a column (`nameKey`:
 * its bytes copied from those the sort read, not encoded again); each key's authors in
 * author-id order (`keyAuthors`); and the authors by their name's key, then id (`authorsByName`).
 * One (key, author) pair per distinct key of an author's spellings, sorted by key and then author id:
 * an author's own name's pairs, taken in that order, are the listing by name, so it needs no sort of
 * its own, and no map of keys to author lists is made (a million of them at 1 M papers).
 */
function nameKeysAndOrder(
  rows: Pick<ColumnRows, 'authorNames' | 'spellingOffsets' | 'spellings'>,
  idRank: Int32Array,
): {
  nameKey: Utf8Column;
  keyAuthors: { offsets: Int32Array; values: Int32Array };
  authorsByName: Int32Array;
} {
  const { authorNames, spellingOffsets, spellings } = rows;
  const authorCount = authorNames.length;
  // One pair per author and one per spelling of another key: most authors have one spelling, their
  // name, so the lists are sized for a pair per spelling and grown only past that.
  const pairKeys = new Array<string>(Math.max(authorCount, spellings.length));
  let pairRows = new Int32Array(pairKeys.length);
  const addPair = (at: number, key: string, row: number) => {
    if (at === pairRows.length) {
      const grown = new Int32Array(2 * at);
      grown.set(pairRows);
      pairRows = grown;
    }
    pairKeys[at] = key;
    pairRows[at] = row;
  };
  const namePair = new Int32Array(authorCount);
  let pairs = 0;
  for (let row = 0; row < authorCount; row += 1) {
    const name = authorNames[row] as string;
    const nameKey = searchKey(name);
    namePair[row] = pairs;
    addPair(pairs, nameKey, row);
    pairs += 1;
    const first = spellingOffsets[row] as number;
    const end = spellingOffsets[row + 1] as number;
    if (end - first === 1 && spellings[first] === name) continue;
    const seen = new Set([nameKey]);
    for (let s = first; s < end; s += 1) {
      const spelling = spellings[s] as string;
      const key = spelling === name ? nameKey : searchKey(spelling);
      if (seen.has(key)) continue;
      seen.add(key);
      addPair(pairs, key, row);
      pairs += 1;
    }
  }
  pairKeys.length = pairs;
  // By key, then by author id (the author's place in the id order).
  const order = new Int32Array(pairs);
  const pairRank = new Int32Array(pairs);
  for (let pair = 0; pair < pairs; pair += 1) {
    order[pair] = pair;
    pairRank[pair] = idRank[pairRows[pair] as number] as number;
  }
  // By the keys' bytes where they sort alike (byte-sort.ts): several times faster than comparing the
  // strings on the heap.
  const keyBytes = utf8Column(pairKeys);
  sortRowsOfColumn(order, keyBytes, () => pairKeys, pairRank);
  // The first pair of each distinct key, in key order: its bytes go into the keys' column.
  const firsts: number[] = [];
  let keyByteCount = 0;
  for (let k = 0; k < pairs; k += 1) {
    const pair = order[k] as number;
    if (k === 0 || pairKeys[pair] !== pairKeys[order[k - 1] as number]) {
      firsts.push(k);
      keyByteCount += (keyBytes.offsets[pair + 1] as number) - (keyBytes.offsets[pair] as number);
    }
  }
  const distinct = firsts.length;
  const keyOffsets = sharedArray(Int32Array, distinct + 1);
  const bytes = sharedArray(Uint8Array, keyByteCount);
  const offsets = sharedArray(Int32Array, distinct + 1);
  for (let d = 0; d < distinct; d += 1) {
    const pair = order[firsts[d] as number] as number;
    const start = keyOffsets[d] as number;
    bytes.set(keyBytes.bytes.subarray(keyBytes.offsets[pair] as number, keyBytes.offsets[pair + 1] as number), start);
    keyOffsets[d + 1] = start + (keyBytes.offsets[pair + 1] as number) - (keyBytes.offsets[pair] as number);
    offsets[d] = firsts[d] as number;
  }
  offsets[distinct] = pairs;
  const values = sharedArray(Int32Array, pairs);
  const authorsByName = sharedArray(Int32Array, authorCount);
  let named = 0;
  for (let k = 0; k < pairs; k += 1) {
    const pair = order[k] as number;
    const row = pairRows[pair] as number;
    values[k] = row;
    if (namePair[row] === pair) authorsByName[named++] = row;
  }
  return {
    nameKey: { offsets: keyOffsets, bytes, validity: null },
    keyAuthors: { offsets, values },
    authorsByName,
  };
}

/** The inverse of a permutation: `inverse(order)[order[k]] = k`. */
function inverse(order: Int32Array): Int32Array {
  const place = new Int32Array(order.length);
  for (let k = 0; k < order.length; k += 1) place[order[k] as number] = k;
  return place;
}

/**
 * `order` rearranged by `count` (a whole number ≥ 0 per row), largest first, rows of equal count in
 * their order in `order`: a stable counting sort, linear where a comparison sort by count and then
 * by the earlier order compares strings for most pairs (most authors share a count).
 */
export function countedOut(order: Int32Array, count: (row: number) => number): Int32Array {
  const n = order.length;
  const counts = new Int32Array(n);
  let largest = 0;
  for (let row = 0; row < n; row += 1) {
    const value = count(row);
    counts[row] = value;
    if (value > largest) largest = value;
  }
  // starts[largest − c]: where rows of count c begin (largest first).
  const starts = new Int32Array(largest + 2);
  for (let row = 0; row < n; row += 1) {
    const slot = largest - (counts[row] as number) + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let k = 1; k < starts.length; k += 1) starts[k] = (starts[k] as number) + (starts[k - 1] as number);
  const out = new Int32Array(n);
  for (let k = 0; k < n; k += 1) {
    const row = order[k] as number;
    const slot = largest - (counts[row] as number);
    out[starts[slot] as number] = row;
    starts[slot] = (starts[slot] as number) + 1;
  }
  return out;
}

/** The ties' papers as the columns name them. */
function tiePaperColumns(tiePapers: TiePapers): Pick<NetworkColumns, 'tiePaperOffsets' | 'tiePapers'> {
  return { tiePaperOffsets: tiePapers.paperOffsets, tiePapers: tiePapers.papers };
}

/**
 * Each author's papers as the bylines give them (the bylines' transpose: paper rows ascending), when
 * that is what the catalog says (every author's `paperIds` are the papers naming them, in input
 * order, as buildCatalog makes them); null otherwise, and the caller looks the ids up. The check
 * compares ids by identity first, which is one pointer comparison for the strings the catalog shares.
 */
function papersFromBylines(
  bylines: { readonly offsets: Int32Array; readonly values: Int32Array },
  catalog: Pick<Catalog, 'authors' | 'papers'>,
): { offsets: Int32Array; values: Int32Array } | null {
  const { authors, papers } = catalog;
  const offsets = sharedArray(Int32Array, authors.length + 1);
  for (const author of bylines.values) {
    if (author + 1 >= offsets.length) return null;
    offsets[author + 1] = (offsets[author + 1] as number) + 1;
  }
  for (let a = 0; a < authors.length; a += 1) {
    const count = offsets[a + 1] as number;
    if (count !== (authors[a] as { paperIds: readonly string[] }).paperIds.length) return null;
    offsets[a + 1] = (offsets[a] as number) + count;
  }
  const values = sharedArray(Int32Array, bylines.values.length);
  const cursor = offsets.slice(0, authors.length);
  for (let row = 0; row < papers.length; row += 1) {
    for (let k = bylines.offsets[row] as number; k < (bylines.offsets[row + 1] as number); k += 1) {
      const author = bylines.values[k] as number;
      const at = cursor[author] as number;
      if (
        (authors[author] as { paperIds: readonly string[] }).paperIds[at - (offsets[author] as number)] !==
        (papers[row] as { id: string }).id
      )
        return null;
      values[at] = row;
      cursor[author] = at + 1;
    }
  }
  return { offsets, values };
}

/** The CSR view of the columns that every algorithm runs on. */
export function compactOf(columns: NetworkColumns): CompactGraph<Uint32Array> {
  const order = columns.offsets.length - 1;
  return {
    order,
    edgeCount: (columns.offsets[order] as number) / 2,
    offsets: columns.offsets,
    neighbors: columns.neighbors,
    weights: columns.weights,
    // Read when used (a snapshot's tie papers are read when first asked for).
    get paperOffsets() {
      return columns.tiePaperOffsets;
    },
    get papers() {
      return columns.tiePapers;
    },
  };
}

/**
 * The network's version id: a hash of every column's bytes in a fixed order and of the author limit.
 * Equal networks (the same authors, spellings, papers, ties, provenance) have equal ids, however they
 * were loaded; a snapshot stores it, so loading one does not hash again.
 */
export function networkVersionOf(columns: NetworkColumns): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      maxAuthorsPerPaper: columns.maxAuthorsPerPaper,
      papersOverAuthorLimit: columns.papersOverAuthorLimit,
    }),
  );
  const update = (array: ArrayBufferView) => {
    hash.update(String(array.byteLength)).update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  };
  for (const key of Object.keys(columns).sort() as (keyof NetworkColumns)[]) {
    const value = columns[key];
    // The search indexes are derived from the keys and titles hashed here.
    if (value === null || typeof value !== 'object' || key === 'authorSearch' || key === 'paperSearch') continue;
    hash.update(key);
    if (ArrayBuffer.isView(value)) update(value);
    else if ('offsets' in value) {
      update(value.offsets);
      update(value.bytes);
      if (value.validity !== null) update(value.validity);
    }
  }
  return hash.digest('hex').slice(0, 16);
}
