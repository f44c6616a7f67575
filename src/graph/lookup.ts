/**
 * Lookups and listings over the network's indexes: authors by name, author and paper search, an
 * author's papers and co-authors. Every list has a total order so pages are stable.
 *
 * The orders are the network's stored permutations (network-columns.ts): a listing without a filter
 * is a view of one (`RowList`), decoding only the rows a page shows; a filtered listing sorts its
 * matches by their position in it.
 *
 * Search is accent- and case-insensitive: every whitespace-separated term of the query must occur in
 * the text (for authors: any spelling seen; for papers: the title). The terms are bounded
 * (search-terms.ts) and found through a trigram index (search-index.ts), not by testing every name.
 */
import { searchKey, spellingKey } from '../ingest/names.ts';
import { listAt, utf8Length } from './columns.ts';
import { type SearchIndex, searchIndex } from './search-index.ts';
import { searchTerms } from './search-terms.ts';
import { NO_YEAR } from './network-columns.ts';
import type { Author, CoauthorNetwork, Paper } from './network.ts';
import { entryPaperIds } from './network.ts';

/** A list whose items are decoded when read: what a page of a long listing needs. */
export interface Listing<T> {
  readonly length: number;
  slice(start?: number, end?: number): T[];
  map<U>(callback: (item: T, index: number) => U): U[];
}

/** Rows in a given order, decoded on demand. */
export class RowList<T> implements Listing<T> {
  constructor(
    private readonly rows: ArrayLike<number>,
    private readonly decode: (row: number) => T,
  ) {}

  get length(): number {
    return this.rows.length;
  }

  at(index: number): T | undefined {
    return index >= 0 && index < this.rows.length ? this.decode(this.rows[index] as number) : undefined;
  }

  slice(start = 0, end = this.rows.length): T[] {
    const from = Math.max(0, start < 0 ? this.rows.length + start : start);
    const to = Math.min(this.rows.length, end < 0 ? this.rows.length + end : end);
    const items: T[] = [];
    for (let i = from; i < to; i += 1) items.push(this.decode(this.rows[i] as number));
    return items;
  }

  map<U>(callback: (item: T, index: number) => U): U[] {
    return this.slice().map(callback);
  }
}

/** The author known under this name: any spelling seen in the data, ignoring case, accents and spacing. */
export function findAuthorByName(network: CoauthorNetwork, name: string): Author | null {
  const matches = network.authorsByNameKey.get(searchKey(name)) ?? [];
  // Several people can share a name up to accents ("Jorn" / "Jörn"): prefer the one with the same
  // spelling up to NFC, whitespace and case.
  const key = spellingKey(name);
  const exact = matches.find((author) =>
    [author.name, ...author.nameVariants.map((variant) => variant.name)].some(
      (spelling) => spellingKey(spelling) === key,
    ),
  );
  return exact ?? matches[0] ?? null;
}

/** The paper with this id, or with this id among the merged records' ids. */
export function findPaper(network: CoauthorNetwork, id: string): Paper | null {
  return network.papers.get(id) ?? network.papers.get(network.paperIdAliases.get(id) ?? '') ?? null;
}

export type AuthorOrder = 'name' | 'paperCount' | 'coauthorCount';

function authorOrder(network: CoauthorNetwork, order: AuthorOrder): Int32Array {
  const { columns } = network;
  return order === 'name'
    ? columns.authorsByName
    : order === 'paperCount'
      ? columns.authorsByPaperCount
      : columns.authorsByCoauthorCount;
}

/** The substring index of every spelling's search key, owned by the authors seen with it (stored with the network). */
function authorSearchOf(network: CoauthorNetwork): SearchIndex {
  return network.columns.authorSearch;
}

/** The substring index of every title's search key, owned by its paper (stored with the network). */
function paperSearchOf(network: CoauthorNetwork): SearchIndex {
  return network.columns.paperSearch;
}

/** Rows found (in any order), in the order of `position`: the rank of each row in a stored order. */
function inOrder(found: ArrayLike<number>, position: Int32Array): number[] {
  return Array.from(found).sort((a, b) => (position[a] as number) - (position[b] as number));
}

/** Titles that hold every term, by row. */
function titleMatches(network: CoauthorNetwork, terms: readonly string[]): Uint8Array {
  const matched = new Uint8Array(utf8Length(network.columns.title));
  for (const row of searchIndex(paperSearchOf(network), terms)) matched[row] = 1;
  return matched;
}

/** Authors in `order`; with a search, those with a spelling holding every term (throws `SearchTermsError` past the limits). */
export function listAuthors(network: CoauthorNetwork, search: string | null, order: AuthorOrder): Listing<Author> {
  const terms = searchTerms(search);
  if (terms.length === 0) return new RowList(authorOrder(network, order), network.authorAt);
  return new RowList(inOrder(searchIndex(authorSearchOf(network), terms), network.positionIn(order)), network.authorAt);
}

export interface PaperFilter {
  readonly search?: string | null;
  readonly authorId?: string | null;
  readonly yearFrom?: number | null;
  readonly yearTo?: number | null;
}

/**
 * Papers matching every given filter, newest first (papers without a year last), then by title and id
 * (throws `SearchTermsError` when the search is past the limits).
 */
export function listPapers(network: CoauthorNetwork, filter: PaperFilter): Listing<Paper> {
  const terms = searchTerms(filter.search);
  const { yearFrom, yearTo } = filter;
  const { columns } = network;
  const inYears = (row: number) => {
    const year = columns.year[row] as number;
    const known = year !== NO_YEAR;
    return (yearFrom == null || (known && year >= yearFrom)) && (yearTo == null || (known && year <= yearTo));
  };
  if (filter.authorId != null) {
    const author = network.authorIndex.get(filter.authorId);
    if (author === undefined) return new RowList([], network.paperAt);
    const matched = terms.length === 0 ? null : titleMatches(network, terms);
    const rows = listAt(columns.authorPaperOffsets, columns.authorPapers, author).filter(
      (row) => inYears(row) && (matched === null || matched[row] === 1),
    );
    return new RowList(inOrder(rows, network.positionIn('recency')), network.paperAt);
  }
  if (terms.length === 0 && yearFrom == null && yearTo == null)
    return new RowList(columns.papersByRecency, network.paperAt);
  const found =
    terms.length === 0
      ? columns.papersByRecency.filter(inYears)
      : inOrder(searchIndex(paperSearchOf(network), terms), network.positionIn('recency')).filter(inYears);
  return new RowList(found, network.paperAt);
}

export interface Coauthor {
  readonly authorId: string;
  readonly jointPaperIds: readonly string[];
  /** The tie's adjacency entry in the compact graph (its strengths: tie-weighting.ts). */
  readonly entry: number;
}

/** An author's co-authors with at least `minJointPapers` joint papers: most joint papers first, then name, then id. */
export function listCoauthors(network: CoauthorNetwork, authorId: string, minJointPapers = 1): Coauthor[] {
  const author = network.authorIndex.get(authorId);
  if (author === undefined) return [];
  const { offsets, neighbors, weights } = network.compact;
  const byName = network.positionIn('name');
  // Adjacency entries of the author's row, sorted on the stored numbers; only the kept ones are decoded.
  const entries: number[] = [];
  for (let j = offsets[author] as number; j < (offsets[author + 1] as number); j += 1)
    if ((weights[j] as number) >= minJointPapers) entries.push(j);
  entries.sort(
    (x, y) =>
      (weights[y] as number) - (weights[x] as number) ||
      (byName[neighbors[x] as number] as number) - (byName[neighbors[y] as number] as number),
  );
  return entries.map((j) => ({
    authorId: network.authorIdAt(neighbors[j] as number),
    jointPaperIds: entryPaperIds(network, j),
    entry: j,
  }));
}

/** The papers with these ids, newest first. */
export function papersByRecency(network: CoauthorNetwork, paperIds: readonly string[]): Paper[] {
  const position = network.positionIn('recency');
  return paperIds
    .map((id) => network.paperIndex.get(id) as number)
    .sort((a, b) => (position[a] as number) - (position[b] as number))
    .map(network.paperAt);
}
