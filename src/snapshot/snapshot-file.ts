/**
 * The snapshot file: everything the server needs to serve a network, in one immutable file that is
 * loaded without parsing any source.
 *
 * Container: a ZIP of uncompressed entries aligned to 64 bytes (zip-store.ts), holding a
 * `manifest.json` and Apache Arrow IPC files, one per table:
 * - `authors.arrow` (one row per author): id, name, papers, co-authors (the CSR rows), spellings with
 *   counts and merge reasons, external ids, provenance (occurrences: spelling, file, line);
 * - `ties.arrow` (one row per adjacency entry, in CSR order): weight (joint papers) and the joint papers;
 * - `papers.arrow` (one row per paper): every field, byline, alternate ids, sources;
 * - `files.arrow`: the source files rows refer to;
 * - `author-orders.arrow`, `paper-orders.arrow`, `alternate-id-order.arrow`, `name-keys.arrow`: the
 *   lookup indexes and listing orders (network-columns.ts);
 * - `author-search.arrow`, `paper-search.arrow`: the substring indexes of spellings and titles
 *   (search-index.ts), each a table of one row whose columns are its arrays;
 * - `metrics.arrow` (one row per author): every centrality metric; the manifest says which are exact.
 * pyarrow, Polars and DuckDB read each table (see the README); this server reads the whole file into
 * one shared buffer and uses every column where it lies.
 *
 * The manifest carries the format version, the key of the inputs it was built from, the network's
 * version id (`networkVersionOf`: the same network always has the same id)
 * and the graph statistics. Every entry's CRC-32 is checked on load; a damaged, truncated or foreign
 * file, or one of another format version, is refused with a `SnapshotFormatError` saying why.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import type { GraphStats } from '../analysis/graph-stats.ts';
import { UnsafeFileError, readRegularFile, writeFileAtomicWith } from '../files/atomic-file.ts';
import type { Utf8Column } from '../graph/columns.ts';
import type { SearchIndex } from '../graph/search-index.ts';
import { NO_YEAR, type NetworkColumns, networkVersionOf } from '../graph/network-columns.ts';
import {
  TableReader,
  float64Data,
  int32Data,
  int8Data,
  listData,
  tableOf,
  uint32Data,
  uint8Data,
  utf8Data,
  wholeListData,
} from './arrow-columns.ts';
import { SnapshotFormatError, readStoredZip, writeStoredZip } from './zip-store.ts';
import { errorMessage } from '../error-message.ts';

export { SnapshotFormatError } from './zip-store.ts';

export const SNAPSHOT_FORMAT = 'coauthor-graph snapshot';
/** Bump when the tables or their meaning change: older files are then refused (and rebuilt from a cache). */
export const SNAPSHOT_VERSION = 1;

/** How a metric column's values were obtained. */
export interface StoredOrigin {
  readonly exact: boolean;
  /** Sources sampled per large component, when estimated. */
  readonly sampleSize: number | null;
  readonly computedAt: string;
}

export interface SnapshotMetrics {
  /** By metric name (as in `CentralityMetric`), one value per author. */
  readonly scores: Readonly<Record<string, Float64Array>>;
  /** By metric name: how its values were obtained. */
  readonly origins: Readonly<Record<string, StoredOrigin>>;
  /** The largest component's average shortest path length and diameter, from the same pass as the all-pairs metrics. */
  readonly pathFigures?: {
    readonly averageShortestPathLength: number;
    readonly diameter: number;
    readonly exact: boolean;
  } | null;
}

export interface SnapshotManifest {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: number;
  /** The key of the inputs the network was built from (see commands/input-key.ts); null if unknown. */
  readonly inputKey: string | null;
  /** Identifies the network (not its metrics): equal networks have equal ids. */
  readonly networkVersion: string;
  readonly createdAt: string;
  readonly counts: { readonly authors: number; readonly papers: number; readonly ties: number };
  readonly maxAuthorsPerPaper: number | null;
  readonly papersOverAuthorLimit: number;
  /** Records merged into an earlier record of the same paper while building. */
  readonly duplicatesMerged: number;
  readonly stats: GraphStats;
  readonly metrics: Readonly<Record<string, StoredOrigin>>;
  readonly pathFigures?: SnapshotMetrics['pathFigures'];
}

export interface Snapshot {
  readonly manifest: SnapshotManifest;
  readonly columns: NetworkColumns;
  readonly metrics: SnapshotMetrics;
}

export interface SnapshotContent {
  readonly inputKey: string | null;
  readonly columns: NetworkColumns;
  readonly stats: GraphStats;
  readonly duplicatesMerged: number;
  readonly metrics: SnapshotMetrics;
  /** The network's version when known already (else computed from the columns). */
  readonly networkVersion?: string;
}

/** The network's tables. */
type NetworkEntry =
  | 'authors.arrow'
  | 'ties.arrow'
  | 'papers.arrow'
  | 'files.arrow'
  | 'author-orders.arrow'
  | 'paper-orders.arrow'
  | 'alternate-id-order.arrow'
  | 'name-keys.arrow'
  | 'author-search.arrow'
  | 'paper-search.arrow';

/** A search index as a table of one row, each array a list (they differ in length). */
function searchTable(index: SearchIndex): Table {
  return tableOf({
    key_bytes: wholeListData(uint8Data(index.keyBytes)),
    key_offsets: wholeListData(uint32Data(index.keyOffsets)),
    grams: wholeListData(uint32Data(index.grams)),
    gram_offsets: wholeListData(uint32Data(index.gramOffsets)),
    postings: wholeListData(uint32Data(index.postings)),
    owner_offsets: wholeListData(uint32Data(index.ownerOffsets)),
    owners: wholeListData(uint32Data(index.owners)),
    owner_count: uint32Data(Uint32Array.of(index.ownerCount)),
  });
}

function searchIndexOf(table: TableReader, keys: number, owners: number): SearchIndex {
  const index: SearchIndex = {
    keyCount: keys,
    ownerCount: owners,
    keyBytes: table.wholeList('key_bytes', 'Uint8'),
    keyOffsets: table.wholeList('key_offsets', 'Uint32'),
    grams: table.wholeList('grams', 'Uint32'),
    gramOffsets: table.wholeList('gram_offsets', 'Uint32'),
    postings: table.wholeList('postings', 'Uint32'),
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
  if (index.gramOffsets.length !== index.grams.length + 1 || last(index.gramOffsets) > index.postings.length)
    fail('trigram offsets point past the postings');
  for (const offsets of [index.keyOffsets, index.ownerOffsets, index.gramOffsets])
    if (!ascending(offsets)) fail('offsets decrease');
  // Plain indexed loops over millions of entries (a paper index's postings): checked at every start.
  const postingBound = largest(index.postings);
  if (index.postings.length > 0 && postingBound >= keys) fail(`a posting names key ${postingBound} of ${keys}`);
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

/** Metric names as Arrow columns: snake_case, as analysts expect (`weightedDegree` → `weighted_degree`). */
function columnName(metric: string): string {
  return metric.replace(/[A-Z]/gu, (letter) => `_${letter.toLowerCase()}`);
}

function metricName(column: string): string {
  return column.replace(/_([a-z])/gu, (_, letter: string) => letter.toUpperCase());
}

function networkTables(columns: NetworkColumns): Record<NetworkEntry, Table> {
  const list = (offsets: Int32Array, values: Int32Array) => listData(offsets, int32Data(values));
  return {
    'authors.arrow': tableOf({
      id: utf8Data(columns.authorId),
      name: utf8Data(columns.authorName),
      papers: list(columns.authorPaperOffsets, columns.authorPapers),
      coauthors: list(columns.offsets, columns.neighbors),
      spellings: listData(columns.spellingOffsets, utf8Data(columns.spelling)),
      spelling_counts: list(columns.spellingOffsets, columns.spellingCount),
      spelling_reasons: listData(columns.spellingOffsets, int8Data(columns.spellingReason)),
      external_ids: listData(columns.externalIdOffsets, utf8Data(columns.externalId)),
      occurrence_spellings: list(columns.occurrenceOffsets, columns.occurrenceSpelling),
      occurrence_files: list(columns.occurrenceOffsets, columns.occurrenceFile),
      occurrence_lines: list(columns.occurrenceOffsets, columns.occurrenceLine),
    }),
    'ties.arrow': tableOf({
      weight: float64Data(columns.weights),
      papers: list(columns.tiePaperOffsets, columns.tiePapers),
    }),
    'papers.arrow': tableOf({
      id: utf8Data(columns.paperId),
      title: utf8Data(columns.title),
      abstract: utf8Data(columns.abstract),
      year: int32Data(columns.year, NO_YEAR),
      venue: utf8Data(columns.venue),
      url: utf8Data(columns.url),
      doi: utf8Data(columns.doi),
      author_list_incomplete: uint8Data(columns.incomplete),
      authors: list(columns.bylineOffsets, columns.byline),
      alternate_ids: listData(columns.alternateIdOffsets, utf8Data(columns.alternateId)),
      source_files: list(columns.sourceOffsets, columns.sourceFile),
      source_lines: list(columns.sourceOffsets, columns.sourceLine),
    }),
    'files.arrow': tableOf({ path: utf8Data(columns.files) }),
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
    'alternate-id-order.arrow': tableOf({ by_id: int32Data(columns.alternateIdIndex) }),
    'name-keys.arrow': tableOf({
      key: utf8Data(columns.nameKey),
      authors: list(columns.nameKeyAuthorOffsets, columns.nameKeyAuthors),
    }),
    'author-search.arrow': searchTable(columns.authorSearch),
    'paper-search.arrow': searchTable(columns.paperSearch),
  };
}

/** The bytes of a snapshot, piece by piece (each Arrow file is made in memory, then handed on). */
export function writeSnapshotTo(
  content: SnapshotContent,
  write: (bytes: Uint8Array) => void,
  now = new Date(),
): SnapshotManifest {
  const { columns, metrics } = content;
  const tables = networkTables(columns);
  const encoded = Object.entries(tables).map(([name, table]) => ({ name, bytes: tableToIPC(table, 'file') }));
  const metricTable = tableOf(
    Object.fromEntries(
      Object.entries(metrics.scores).map(([metric, values]) => [columnName(metric), float64Data(values)]),
    ),
  );
  encoded.push({ name: 'metrics.arrow', bytes: tableToIPC(metricTable, 'file') });
  const authors = columns.authorId.offsets.length - 1;
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    inputKey: content.inputKey,
    networkVersion: content.networkVersion ?? networkVersionOf(columns),
    createdAt: now.toISOString(),
    counts: { authors, papers: columns.paperId.offsets.length - 1, ties: (columns.offsets[authors] as number) / 2 },
    maxAuthorsPerPaper: columns.maxAuthorsPerPaper,
    papersOverAuthorLimit: columns.papersOverAuthorLimit,
    duplicatesMerged: content.duplicatesMerged,
    stats: content.stats,
    metrics: metrics.origins,
    pathFigures: metrics.pathFigures ?? null,
  };
  writeStoredZip(
    [
      { name: 'manifest.json', parts: [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`)] },
      ...encoded.map(({ name, bytes }) => ({ name, parts: [bytes] })),
    ],
    write,
  );
  return manifest;
}

/**
 * Writes a snapshot file through `writeFileAtomicWith` (src/files/atomic-file.ts): a random temporary
 * name created exclusively beside it (a planted link or file is never followed or overwritten),
 * flushed, then renamed over `file`. A crash leaves the old file or none, never half of one.
 */
export function writeSnapshotFile(file: string, content: SnapshotContent): SnapshotManifest {
  mkdirSync(dirname(file), { recursive: true });
  let manifest: SnapshotManifest | null = null;
  writeFileAtomicWith(file, (write) => {
    manifest = writeSnapshotTo(content, write);
  });
  return manifest as unknown as SnapshotManifest;
}

/**
 * A snapshot file, read whole into shared memory through `readRegularFile` (src/files/atomic-file.ts):
 * a FIFO, device or directory at the name is refused, never waited on.
 */
export function readSnapshotFile(file: string): Snapshot {
  try {
    const bytes = readRegularFile(file, { shared: true });
    if (bytes === null) throw new SnapshotFormatError('there is no such file');
    return readSnapshot(bytes);
  } catch (error) {
    if (error instanceof SnapshotFormatError || error instanceof UnsafeFileError)
      throw new SnapshotFormatError(`cannot use snapshot ${file}: ${error.message}`);
    throw error;
  }
}

/** A snapshot from its bytes (best on shared memory: every column is then a view of it). */
export function readSnapshot(bytes: Uint8Array): Snapshot {
  const entries = new Map(readStoredZip(bytes, { verify: true }).map((entry) => [entry.name, entry]));
  const entryBytes = (name: string) => {
    const entry = entries.get(name);
    if (entry === undefined) throw new SnapshotFormatError(`entry ${name} is missing`);
    return bytes.subarray(entry.offset, entry.offset + entry.length);
  };
  if (!entries.has('manifest.json')) throw new SnapshotFormatError('no manifest.json: not a coauthor-graph snapshot');
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(Buffer.from(entryBytes('manifest.json')).toString('utf8')) as SnapshotManifest;
  } catch {
    throw new SnapshotFormatError('manifest.json is not JSON');
  }
  if (manifest?.format !== SNAPSHOT_FORMAT)
    throw new SnapshotFormatError('not a coauthor-graph snapshot (its manifest names another format)');
  if (manifest.version !== SNAPSHOT_VERSION) {
    throw new SnapshotFormatError(
      `format version ${String(manifest.version)}, but this coauthor-graph reads version ${SNAPSHOT_VERSION}; build it again with "coauthor-graph build"`,
    );
  }
  const table = (name: string) => {
    let parsed: Table;
    try {
      parsed = tableFromIPC(entryBytes(name));
    } catch (error) {
      throw new SnapshotFormatError(`${name} is not an Arrow IPC file (${errorMessage(error)})`);
    }
    return new TableReader(parsed, name);
  };
  const authors = table('authors.arrow');
  const ties = table('ties.arrow');
  const papers = table('papers.arrow');
  const authorOrders = table('author-orders.arrow');
  const paperOrders = table('paper-orders.arrow');
  const nameKeys = table('name-keys.arrow');
  const metricsTable = table('metrics.arrow');

  const coauthors = authors.listOf('coauthors', 'Int32');
  const authorPapers = authors.listOf('papers', 'Int32');
  const spellings = authors.listUtf8('spellings');
  const externalIds = authors.listUtf8('external_ids');
  const occurrenceSpellings = authors.listOf('occurrence_spellings', 'Int32');
  const tiePapers = ties.listOf('papers', 'Int32');
  const byline = papers.listOf('authors', 'Int32');
  const alternateIds = papers.listUtf8('alternate_ids');
  const sourceFiles = papers.listOf('source_files', 'Int32');
  const keyAuthors = nameKeys.listOf('authors', 'Int32');
  const columns: NetworkColumns = {
    maxAuthorsPerPaper: manifest.maxAuthorsPerPaper,
    papersOverAuthorLimit: manifest.papersOverAuthorLimit,
    files: table('files.arrow').utf8('path'),
    authorId: authors.utf8('id'),
    authorName: authors.utf8('name'),
    authorPaperOffsets: authorPapers.offsets,
    authorPapers: authorPapers.values,
    spellingOffsets: spellings.offsets,
    spelling: spellings.values,
    spellingCount: authors.listOf('spelling_counts', 'Int32').values,
    spellingReason: authors.listOf('spelling_reasons', 'Int8').values,
    externalIdOffsets: externalIds.offsets,
    externalId: externalIds.values,
    occurrenceOffsets: occurrenceSpellings.offsets,
    occurrenceSpelling: occurrenceSpellings.values,
    occurrenceFile: authors.listOf('occurrence_files', 'Int32').values,
    occurrenceLine: authors.listOf('occurrence_lines', 'Int32').values,
    offsets: coauthors.offsets,
    neighbors: coauthors.values,
    weights: ties.values('weight', 'Float64'),
    tiePaperOffsets: tiePapers.offsets,
    tiePapers: tiePapers.values,
    paperId: papers.utf8('id'),
    title: papers.utf8('title'),
    abstract: papers.utf8('abstract'),
    venue: papers.utf8('venue'),
    url: papers.utf8('url'),
    doi: papers.utf8('doi'),
    year: papers.values('year', 'Int32'),
    incomplete: papers.values('author_list_incomplete', 'Uint8'),
    bylineOffsets: byline.offsets,
    byline: byline.values,
    alternateIdOffsets: alternateIds.offsets,
    alternateId: alternateIds.values,
    sourceOffsets: sourceFiles.offsets,
    sourceFile: sourceFiles.values,
    sourceLine: papers.listOf('source_lines', 'Int32').values,
    authorIdIndex: authorOrders.values('by_id', 'Int32'),
    paperIdIndex: paperOrders.values('by_id', 'Int32'),
    alternateIdIndex: table('alternate-id-order.arrow').values('by_id', 'Int32'),
    nameKey: nameKeys.utf8('key'),
    nameKeyAuthorOffsets: keyAuthors.offsets,
    nameKeyAuthors: keyAuthors.values,
    authorsByName: authorOrders.values('by_name', 'Int32'),
    authorsByPaperCount: authorOrders.values('by_paper_count', 'Int32'),
    authorsByCoauthorCount: authorOrders.values('by_coauthor_count', 'Int32'),
    papersByRecency: paperOrders.values('by_recency', 'Int32'),
    authorSearch: searchIndexOf(table('author-search.arrow'), keyAuthors.offsets.length - 1, manifest.counts.authors),
    paperSearch: searchIndexOf(table('paper-search.arrow'), manifest.counts.papers, manifest.counts.papers),
  };
  checkShapes(columns, manifest);
  const scores: Record<string, Float64Array> = {};
  for (const name of metricsTable.columnNames()) {
    const values = metricsTable.values(name, 'Float64');
    if (values.length !== manifest.counts.authors)
      throw new SnapshotFormatError(
        `metrics.arrow: column "${name}" has ${values.length} rows for ${manifest.counts.authors} authors`,
      );
    scores[metricName(name)] = values;
  }
  for (const metric of Object.keys(manifest.metrics ?? {})) {
    if (scores[metric] === undefined)
      throw new SnapshotFormatError(`the manifest lists metric "${metric}" but metrics.arrow has no such column`);
  }
  return {
    manifest,
    columns,
    metrics: { scores, origins: manifest.metrics, pathFigures: manifest.pathFigures ?? null },
  };
}

/**
 * Every count agrees with the manifest and every row number points inside its table: a file that
 * passes its checksums but was not written by us cannot make a look-up read out of bounds.
 */
function checkShapes(columns: NetworkColumns, manifest: SnapshotManifest): void {
  const { authors, papers, ties } = manifest.counts;
  const rows = (what: string, actual: number, expected: number) => {
    if (actual !== expected) throw new SnapshotFormatError(`${what} has ${actual} rows, the manifest says ${expected}`);
  };
  const strings = (column: Utf8Column) => column.offsets.length - 1;
  rows('authors.arrow', strings(columns.authorId), authors);
  rows('papers.arrow', strings(columns.paperId), papers);
  rows('ties.arrow', columns.weights.length, 2 * ties);
  rows('the co-author lists', columns.neighbors.length, 2 * ties);
  rows('the tie paper lists', columns.tiePaperOffsets.length - 1, 2 * ties);
  for (const [what, order, count] of [
    ['author-orders.arrow', columns.authorIdIndex, authors],
    ['author-orders.arrow', columns.authorsByName, authors],
    ['author-orders.arrow', columns.authorsByPaperCount, authors],
    ['author-orders.arrow', columns.authorsByCoauthorCount, authors],
    ['paper-orders.arrow', columns.paperIdIndex, papers],
    ['paper-orders.arrow', columns.papersByRecency, papers],
  ] as const)
    rows(what, order.length, count);
  rows('alternate-id-order.arrow', columns.alternateIdIndex.length, strings(columns.alternateId));
  const files = strings(columns.files);
  for (const [what, values, bound] of [
    ['co-authors', columns.neighbors, authors],
    ['author papers', columns.authorPapers, papers],
    ['tie papers', columns.tiePapers, papers],
    ['bylines', columns.byline, authors],
    ['name-key authors', columns.nameKeyAuthors, authors],
    ['occurrence files', columns.occurrenceFile, files],
    ['source files', columns.sourceFile, files],
    ['author orders', columns.authorIdIndex, authors],
    ['author orders', columns.authorsByName, authors],
    ['author orders', columns.authorsByPaperCount, authors],
    ['author orders', columns.authorsByCoauthorCount, authors],
    ['paper orders', columns.paperIdIndex, papers],
    ['paper orders', columns.papersByRecency, papers],
    ['alternate-id order', columns.alternateIdIndex, strings(columns.alternateId)],
  ] as const) {
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i] as number;
      if (value < 0 || value >= bound)
        throw new SnapshotFormatError(`${what}: row ${value} at position ${i} is out of range (0..${bound - 1})`);
    }
  }
}
