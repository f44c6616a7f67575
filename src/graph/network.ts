/**
 * The co-authorship network: one node per author and one tie per pair of co-authors, plus the lookup
 * indexes every query needs.
 *
 * The network is its columns (network-columns.ts: typed arrays and UTF-8 string tables on shared
 * memory, the same whether built from data files or read from a snapshot). Everything here is a view
 * over them:
 * - `compact`: the CSR every path search and whole-graph metric runs on. Author `i` is row `i`.
 * - `authors`, `papers`: maps by id whose values are decoded from the columns when asked for (an
 *   `Author` or `Paper` object is made per look-up, never kept), so a network of millions of authors
 *   costs its columns and nothing per author on the JavaScript heap.
 * - `authorIndex`, `paperIndex`, `authorsByNameKey`, `paperIdAliases`: binary searches over the
 *   sorted indexes stored in the columns.
 * - `graph`: an undirected graphology graph with edge attributes `weight` = number of joint papers (a
 *   tie strength, never a distance) and `jointPapers` = their ids in input order, built on first use
 *   (drawing and export of small networks).
 *
 * A single-author paper adds a node and no tie. With `maxAuthorsPerPaper`, a paper with more authors
 * stays a paper of each of them but adds no ties (hyper-authored papers would otherwise join hundreds
 * of people who may never have met into one clique).
 */
import { UndirectedGraph } from 'graphology';
import type { Catalog, CatalogAuthor, CatalogPaper, MergeReason } from '../ingest/catalog.ts';
import type { ExternalId } from '../ingest/records.ts';
import { findUtf8, listAt, utf8At, utf8Length, utf8OrNull } from './columns.ts';
import { type CompactGraph, entryOf } from './compact-graph.ts';
import {
  type ColumnOptions,
  type NetworkColumns,
  NO_YEAR,
  columnsFromCatalog,
  compactOf,
  mergeReasons,
  networkVersionOf,
} from './network-columns.ts';

export { compareIds } from './network-columns.ts';

export type Author = CatalogAuthor;
export type Paper = CatalogPaper;

export interface CollaborationAttributes {
  weight: number;
  jointPapers: string[];
}

export type CoauthorGraph = UndirectedGraph<Record<string, never>, CollaborationAttributes>;

export type NetworkOptions = ColumnOptions;

export interface CoauthorNetwork {
  /** The columns everything below is a view of (shared memory: post them to a worker to share them). */
  readonly columns: NetworkColumns;
  /** Identifies the network: equal networks have equal versions (see `networkVersionOf`). */
  readonly version: string;
  /** The graphology graph, built on first access. */
  readonly graph: CoauthorGraph;
  readonly compact: CompactGraph<Uint32Array>;
  /** Author index in `compact` → author id (input order); decoded on first access. */
  readonly authorIds: readonly string[];
  readonly authorIndex: ReadonlyMap<string, number>;
  /** Paper index in `compact` → paper id (input order); decoded on first access. */
  readonly paperIds: readonly string[];
  readonly paperIndex: ReadonlyMap<string, number>;
  /** In input order. */
  readonly authors: ReadonlyMap<string, Author>;
  /** In input order. */
  readonly papers: ReadonlyMap<string, Paper>;
  /** `searchKey` of every name variant → the authors who were seen with it (by id order). */
  readonly authorsByNameKey: ReadonlyMap<string, readonly Author[]>;
  /** Other source ids of merged papers → the paper's id. */
  readonly paperIdAliases: ReadonlyMap<string, string>;
  /** The limit the ties were built with (null: none). */
  readonly maxAuthorsPerPaper: number | null;
  /** Papers kept without ties because they have more authors than `maxAuthorsPerPaper`. */
  readonly papersOverAuthorLimit: number;
  /** The id of author `row` (decoded from the columns: no id array needed). */
  authorIdAt(row: number): string;
  /** The id of paper `row`. */
  paperIdAt(row: number): string;
  /** Each author row's position in a listing order, and each paper row's in the recency order (computed once, on first use). */
  positionIn(order: 'name' | 'paperCount' | 'coauthorCount' | 'recency'): Int32Array;
  /** Author `row` decoded. */
  authorAt(row: number): Author;
  /** Paper `row` decoded. */
  paperAt(row: number): Paper;
}

export function buildNetwork(
  catalog: Pick<Catalog, 'authors' | 'papers'>,
  options: NetworkOptions = {},
): CoauthorNetwork {
  return networkOf(columnsFromCatalog(catalog, options));
}

/**
 * A read-only map over rows of a table: `find` gives a key's row (or −1), `keyAt`/`valueAt` decode.
 * Iteration is in row order.
 */
export class RowMap<V> implements ReadonlyMap<string, V> {
  /** `rows`: the number of rows, or how to count them when first asked. */
  constructor(
    private readonly rows: number | (() => number),
    private readonly find: (key: string) => number,
    private readonly keyAt: (row: number) => string,
    private readonly valueAt: (row: number) => V,
  ) {}

  get size(): number {
    return typeof this.rows === 'number' ? this.rows : this.rows();
  }

  get(key: string): V | undefined {
    if (typeof key !== 'string') return undefined;
    const row = this.find(key);
    return row < 0 ? undefined : this.valueAt(row);
  }

  has(key: string): boolean {
    return typeof key === 'string' && this.find(key) >= 0;
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (let row = 0; row < this.size; row += 1) callback(this.valueAt(row), this.keyAt(row), this);
  }

  *entries(): MapIterator<[string, V]> {
    for (let row = 0; row < this.size; row += 1) yield [this.keyAt(row), this.valueAt(row)];
  }

  *keys(): MapIterator<string> {
    for (let row = 0; row < this.size; row += 1) yield this.keyAt(row);
  }

  *values(): MapIterator<V> {
    for (let row = 0; row < this.size; row += 1) yield this.valueAt(row);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/** The network over its columns. */
/** The network over its columns; `version` when known already (a snapshot's), else computed on first use. */
export function networkOf(columns: NetworkColumns, known: { readonly version?: string } = {}): CoauthorNetwork {
  const compact = compactOf(columns);
  const authorCount = utf8Length(columns.authorId);
  const paperCount = utf8Length(columns.paperId);
  // Decoded when first asked for (a snapshot reads the files table only then).
  let files: string[] | null = null;
  const fileName = (file: number) => {
    files ??= Array.from({ length: utf8Length(columns.files) }, (_, i) => utf8At(columns.files, i));
    return files[file] as string;
  };
  const authorRow = (id: string) => findUtf8(columns.authorId, columns.authorIdIndex, id);
  const paperRow = (id: string) => findUtf8(columns.paperId, columns.paperIdIndex, id);
  const authorIdAt = (row: number) => utf8At(columns.authorId, row);
  const paperIdAt = (row: number) => utf8At(columns.paperId, row);

  const authorAt = (row: number): Author => {
    const spellingStart = columns.spellingOffsets[row] as number;
    const spellingEnd = columns.spellingOffsets[row + 1] as number;
    const nameVariants: Author['nameVariants'][number][] = [];
    for (let k = spellingStart; k < spellingEnd; k += 1) {
      nameVariants.push({
        name: utf8At(columns.spelling, k),
        count: columns.spellingCount[k] as number,
        mergedBy: mergeReasons[columns.spellingReason[k] as number] as MergeReason,
      });
    }
    const externalIds: ExternalId[] = [];
    for (let k = columns.externalIdOffsets[row] as number; k < (columns.externalIdOffsets[row + 1] as number); k += 1) {
      const text = utf8At(columns.externalId, k);
      const colon = text.indexOf(':');
      externalIds.push({ scheme: text.slice(0, colon) as ExternalId['scheme'], value: text.slice(colon + 1) });
    }
    let occurrences: Author['occurrences'] | null = null;
    return {
      id: authorIdAt(row),
      name: utf8At(columns.authorName, row),
      nameVariants,
      paperIds: listAt(columns.authorPaperOffsets, columns.authorPapers, row).map(paperIdAt),
      externalIds,
      // Every byline position: long for prolific authors, and asked for only by provenance fields.
      get occurrences() {
        occurrences ??= Array.from(
          { length: (columns.occurrenceOffsets[row + 1] as number) - (columns.occurrenceOffsets[row] as number) },
          (_, k) => {
            const at = (columns.occurrenceOffsets[row] as number) + k;
            return {
              spelling: nameVariants[columns.occurrenceSpelling[at] as number]?.name ?? '',
              source: {
                file: fileName(columns.occurrenceFile[at] as number),
                line: columns.occurrenceLine[at] as number,
              },
            };
          },
        );
        return occurrences;
      },
    };
  };

  const paperAt = (row: number): Paper => {
    const year = columns.year[row] as number;
    const sources = [];
    for (let k = columns.sourceOffsets[row] as number; k < (columns.sourceOffsets[row + 1] as number); k += 1) {
      sources.push({
        file: fileName(columns.sourceFile[k] as number),
        line: columns.sourceLine[k] as number,
      });
    }
    const alternateIds = [];
    for (
      let k = columns.alternateIdOffsets[row] as number;
      k < (columns.alternateIdOffsets[row + 1] as number);
      k += 1
    ) {
      alternateIds.push(utf8At(columns.alternateId, k));
    }
    return {
      id: paperIdAt(row),
      title: utf8At(columns.title, row),
      abstract: utf8OrNull(columns.abstract, row),
      year: year === NO_YEAR ? null : year,
      venue: utf8OrNull(columns.venue, row),
      url: utf8OrNull(columns.url, row),
      doi: utf8OrNull(columns.doi, row),
      authorIds: listAt(columns.bylineOffsets, columns.byline, row).map(authorIdAt),
      authorListIncomplete: columns.incomplete[row] === 1,
      source: sources[0] as Paper['source'],
      sources,
      alternateIds,
    };
  };

  // Counted when first asked for, like the tables they come from.
  const keyCount = () => utf8Length(columns.nameKey);
  const alternateCount = () => utf8Length(columns.alternateId);
  // The paper an alternate-id entry belongs to: the last paper whose list starts at or before it.
  const paperOfAlternate = (entry: number) => {
    let low = 0;
    let high = paperCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((columns.alternateIdOffsets[middle] as number) <= entry) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  // Positions in the stored orders, derived once per network and owned by it.
  const positions = new Map<string, Int32Array>();
  const orders = {
    name: columns.authorsByName,
    paperCount: columns.authorsByPaperCount,
    coauthorCount: columns.authorsByCoauthorCount,
    recency: columns.papersByRecency,
  };
  const positionIn = (order: keyof typeof orders) => {
    let position = positions.get(order);
    if (position === undefined) {
      const rows = orders[order];
      position = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i += 1) position[rows[i] as number] = i;
      positions.set(order, position);
    }
    return position;
  };
  let graph: CoauthorGraph | null = null;
  let version = known.version ?? null;
  let authorIds: string[] | null = null;
  let paperIds: string[] | null = null;
  return {
    columns,
    get version() {
      version ??= networkVersionOf(columns);
      return version;
    },
    get graph() {
      graph ??= graphologyGraph(this);
      return graph;
    },
    compact,
    get authorIds() {
      authorIds ??= Array.from({ length: authorCount }, (_, row) => authorIdAt(row));
      return authorIds;
    },
    get paperIds() {
      paperIds ??= Array.from({ length: paperCount }, (_, row) => paperIdAt(row));
      return paperIds;
    },
    authorIndex: new RowMap(authorCount, authorRow, authorIdAt, (row) => row),
    paperIndex: new RowMap(paperCount, paperRow, paperIdAt, (row) => row),
    authors: new RowMap(authorCount, authorRow, authorIdAt, authorAt),
    papers: new RowMap(paperCount, paperRow, paperIdAt, paperAt),
    authorsByNameKey: new RowMap(
      keyCount,
      (key) => findUtf8(columns.nameKey, null, key),
      (row) => utf8At(columns.nameKey, row),
      (row) => listAt(columns.nameKeyAuthorOffsets, columns.nameKeyAuthors, row).map(authorAt),
    ),
    paperIdAliases: new RowMap(
      alternateCount,
      (id) => findUtf8(columns.alternateId, columns.alternateIdIndex, id),
      (entry) => utf8At(columns.alternateId, entry),
      (entry) => paperIdAt(paperOfAlternate(entry)),
    ),
    maxAuthorsPerPaper: columns.maxAuthorsPerPaper,
    papersOverAuthorLimit: columns.papersOverAuthorLimit,
    authorIdAt,
    paperIdAt,
    positionIn,
    authorAt,
    paperAt,
  };
}

export function graphologyGraph(network: CoauthorNetwork): CoauthorGraph {
  const { compact, authorIds } = network;
  const graph: CoauthorGraph = new UndirectedGraph({ allowSelfLoops: false });
  for (const id of authorIds) graph.addNode(id);
  const { offsets, neighbors, weights } = compact;
  for (let a = 0; a < compact.order; a += 1) {
    for (let j = offsets[a] as number; j < (offsets[a + 1] as number); j += 1) {
      const b = neighbors[j] as number;
      if (b > a) {
        graph.addUndirectedEdge(authorIds[a] as string, authorIds[b] as string, {
          weight: weights[j] as number,
          jointPapers: entryPaperIds(network, j),
        });
      }
    }
  }
  return graph;
}

/** The joint paper ids of adjacency entry `entry`, in input order. */
export function entryPaperIds(network: CoauthorNetwork, entry: number): string[] {
  const { compact } = network;
  const ids: string[] = [];
  for (let k = compact.paperOffsets[entry] as number; k < (compact.paperOffsets[entry + 1] as number); k += 1) {
    ids.push(network.paperIdAt(compact.papers[k] as number));
  }
  return ids;
}

/** Distinct co-authors of an author. */
export function coauthorCount(network: CoauthorNetwork, authorId: string): number {
  const a = network.authorIndex.get(authorId);
  return a === undefined ? 0 : (network.compact.offsets[a + 1] as number) - (network.compact.offsets[a] as number);
}

/** The joint paper ids of two authors (empty when they never wrote together). */
export function jointPaperIds(network: CoauthorNetwork, a: string, b: string): readonly string[] {
  const from = network.authorIndex.get(a);
  const to = network.authorIndex.get(b);
  if (from === undefined || to === undefined) return [];
  const entry = entryOf(network.compact, from, to);
  return entry === -1 ? [] : entryPaperIds(network, entry);
}
