/**
 * The snapshot file: everything the server needs to serve a network, in one immutable file that is
 * loaded without parsing any source.
 *
 * Container: a ZIP of uncompressed entries aligned to 64 bytes (zip-store.ts), holding a
 * `manifest.json` and Apache Arrow IPC files, one per table:
 * - `authors.arrow` (one row per author): id, name, papers, co-authors (the CSR rows);
 * - `ties.arrow` (one row per adjacency entry, in CSR order): weight (joint papers);
 * - `papers.arrow` (one row per paper): id, year, whether the byline is cut short, byline;
 * - `author-orders.arrow`, `paper-orders.arrow`: the id indexes and listing orders (network-columns.ts);
 * - `author-names.arrow` (one row per author): spellings with counts and merge reasons, external ids;
 * - `author-provenance.arrow` (one row per author): occurrences (spelling, file, line);
 * - `tie-papers.arrow` (one row per adjacency entry): the joint papers;
 * - `paper-text.arrow` (one row per paper): title, abstract, venue, url, doi;
 * - `paper-sources.arrow` (one row per paper): alternate ids, the records merged into it (file, line);
 * - `files.arrow`: the source files rows refer to;
 * - `alternate-id-order.arrow`, `name-keys.arrow`: the alternate-id index, the search keys of every
 *   spelling with their authors;
 * - `author-search.arrow`, `paper-search.arrow`: the substring indexes of spellings and titles
 *   (search-index.ts), each a table of one row whose columns are its arrays;
 * - `metrics.arrow` (one row per author): every centrality metric; the manifest says which are exact.
 * pyarrow, Polars and DuckDB read each table (see the README). `readSnapshotFile` reads the whole file
 * into one shared buffer and uses every column where it lies; the server opens it with
 * `openSnapshotFile` (lazy-snapshot.ts), which reads each table when first used (snapshot-tables.ts).
 *
 * The manifest carries the format version, the key of the inputs it was built from, the network's
 * version id (`networkVersionOf`: the same network always has the same id)
 * and the graph statistics, and the row counts each table is checked against. Every entry's CRC-32 is
 * checked on load; a damaged, truncated or foreign
 * file, or one of another format version, is refused with a `SnapshotFormatError` saying why.
 */
import { constants as bufferConstants } from 'node:buffer';
import { closeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { GraphStats } from '../analysis/graph-stats.ts';
import {
  UnsafeFileError,
  openRegularFile,
  readOpenedFile,
  readRange,
  writeFileAtomicWith,
} from '../files/atomic-file.ts';
import { type NetworkColumns, networkVersionOf } from '../graph/network-columns.ts';
import { float64Data, ipcFilePieces, tableOf } from './arrow-columns.ts';
import { ENTRY_COLUMNS, type NetworkEntry } from './snapshot-entries.ts';
import { type TableCounts, networkTables, readEntry, tableReader } from './snapshot-tables.ts';
import { SnapshotFormatError, readStoredEntry, readStoredZip, readStoredZipFrom, writeStoredZip } from './zip-store.ts';

export { SnapshotFormatError } from './zip-store.ts';

export const SNAPSHOT_FORMAT = 'coauthor-graph snapshot';
/**
 * Bump when the tables or their meaning change: older files are then refused (and rebuilt from a cache).
 * 4: the search indexes' posting lists in compressed blocks (3 stored them as plain keys).
 */
export const SNAPSHOT_VERSION = 4;

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
  /** Rows of the tables, so that each table can be checked alone (snapshot-tables.ts). */
  readonly counts: TableCounts;
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
  /**
   * Resolves once the whole file is checked (rejects with a `SnapshotFormatError` saying why not);
   * absent when it was checked whole before this was made. A snapshot opened to serve
   * (lazy-snapshot.ts) checks the tables it did not read at start in the background.
   */
  readonly verified?: Promise<void>;
  /**
   * A snapshot served while its file is still arriving (arriving-snapshot.ts: a replica joining a
   * version): resolves once every byte is in and checked, and the file is in its place; rejects saying
   * why not. Absent for a file that was whole when opened.
   */
  readonly downloaded?: Promise<void>;
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

/** Metric names as Arrow columns: snake_case, as analysts expect (`weightedDegree` → `weighted_degree`). */
function columnName(metric: string): string {
  return metric.replace(/[A-Z]/gu, (letter) => `_${letter.toLowerCase()}`);
}

function metricName(column: string): string {
  return column.replace(/_([a-z])/gu, (_, letter: string) => letter.toUpperCase());
}

/** The bytes of a snapshot, piece by piece (each Arrow file is made in memory, then handed on). */
export function writeSnapshotTo(
  content: SnapshotContent,
  write: (bytes: Uint8Array) => void,
  now = new Date(),
): SnapshotManifest {
  const { columns, metrics } = content;
  const tables = networkTables(columns);
  // Each table as the pieces Arrow writes (views of the columns): writing copies nothing whole.
  const encoded = Object.entries(tables).map(([name, table]) => ({ name, parts: ipcFilePieces(table) }));
  const metricTable = tableOf(
    Object.fromEntries(
      Object.entries(metrics.scores).map(([metric, values]) => [columnName(metric), float64Data(values)]),
    ),
  );
  encoded.push({ name: 'metrics.arrow', parts: ipcFilePieces(metricTable) });
  const authors = columns.authorId.offsets.length - 1;
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    inputKey: content.inputKey,
    networkVersion: content.networkVersion ?? networkVersionOf(columns),
    createdAt: now.toISOString(),
    counts: {
      authors,
      papers: columns.paperId.offsets.length - 1,
      ties: (columns.offsets[authors] as number) / 2,
      files: columns.files.offsets.length - 1,
      alternateIds: columns.alternateId.offsets.length - 1,
      nameKeys: columns.nameKey.offsets.length - 1,
    },
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
      ...encoded,
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
 * Files up to this size are read into one buffer; a larger one an entry at a time, each entry into a
 * buffer of its own (a typed array holds at most this many bytes: 4 GiB on Node 20, where the
 * snapshot of 7.5 million DBLP-shaped papers is 5.3 GB).
 */
export const WHOLE_FILE_LIMIT = bufferConstants.MAX_LENGTH;

/**
 * A snapshot file, read into shared memory and checked whole (every entry against its CRC-32): in one
 * buffer (src/files/atomic-file.ts `readOpenedFile`), or an entry at a time past
 * `wholeFileLimit` (default `WHOLE_FILE_LIMIT`). A FIFO, device or directory at the name is refused,
 * never waited on.
 */
export function readSnapshotFile(file: string, options: { readonly wholeFileLimit?: number } = {}): Snapshot {
  try {
    const opened = openRegularFile(file);
    if (opened === null) throw new SnapshotFormatError('there is no such file');
    if (opened.size <= (options.wholeFileLimit ?? WHOLE_FILE_LIMIT))
      return readSnapshot(readOpenedFile(file, opened, { shared: true }));
    try {
      return readSnapshotEntries(opened.fd, opened.size);
    } finally {
      closeSync(opened.fd);
    }
  } catch (error) {
    if (error instanceof SnapshotFormatError || error instanceof UnsafeFileError)
      throw new SnapshotFormatError(`cannot use snapshot ${file}: ${error.message}`);
    throw error;
  }
}

/** A snapshot from its bytes (best on shared memory: every column is then a view of it), every table read and checked. */
export function readSnapshot(bytes: Uint8Array): Snapshot {
  const entries = new Map(readStoredZip(bytes, { verify: true }).map((entry) => [entry.name, entry]));
  return snapshotOf((name) => {
    const entry = entries.get(name);
    return entry === undefined ? undefined : bytes.subarray(entry.offset, entry.offset + entry.length);
  });
}

/** A snapshot read from an open file an entry at a time, each into shared memory of its own and checked. */
function readSnapshotEntries(fd: number, size: number): Snapshot {
  const kept = new Map<string, Uint8Array>();
  for (const entry of readStoredZipFrom({ size, read: (offset, length) => readRange(fd, offset, length) }))
    kept.set(entry.name, readStoredEntry(fd, entry));
  return snapshotOf((name) => kept.get(name));
}

/** A snapshot from its entries' bytes, each table read and checked. */
function snapshotOf(bytesOf: (name: string) => Uint8Array | undefined): Snapshot {
  const entryBytes = (name: string) => {
    const bytes = bytesOf(name);
    if (bytes === undefined) throw new SnapshotFormatError(`entry ${name} is missing`);
    return bytes;
  };
  if (bytesOf('manifest.json') === undefined)
    throw new SnapshotFormatError('no manifest.json: not a coauthor-graph snapshot');
  const manifest = manifestOf(entryBytes('manifest.json'));
  const parts = (Object.keys(ENTRY_COLUMNS) as NetworkEntry[]).map((name) =>
    readEntry(name, entryBytes(name), manifest.counts),
  );
  const columns = Object.assign(
    { maxAuthorsPerPaper: manifest.maxAuthorsPerPaper, papersOverAuthorLimit: manifest.papersOverAuthorLimit },
    ...parts,
  ) as NetworkColumns;
  return { manifest, columns, metrics: metricsOf(entryBytes('metrics.arrow'), manifest) };
}

/** The manifest from its bytes: refused unless it names this format and this version. */
export function manifestOf(bytes: Uint8Array): SnapshotManifest {
  let manifest: SnapshotManifest;
  try {
    manifest = JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    ) as SnapshotManifest;
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
  const { counts } = manifest;
  for (const key of ['authors', 'papers', 'ties', 'files', 'alternateIds', 'nameKeys'] as const)
    if (!Number.isSafeInteger(counts?.[key]) || (counts[key] as number) < 0)
      throw new SnapshotFormatError(`the manifest's count of ${key} is missing or not a whole number`);
  return manifest;
}

/** The metrics table, one column per metric and one row per author. */
export function metricsOf(bytes: Uint8Array, manifest: SnapshotManifest): SnapshotMetrics {
  const metricsTable = tableReader('metrics.arrow', bytes);
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
  return { scores, origins: manifest.metrics, pathFigures: manifest.pathFigures ?? null };
}
