/**
 * Lookups and listings over the network's indexes: authors by name, author and paper search, an
 * author's papers and co-authors. Every list has a total order so pages are stable.
 *
 * Search is accent- and case-insensitive: every whitespace-separated term of the query must occur in
 * the text (for authors: any spelling seen; for papers: the title). The terms are bounded
 * (search-terms.ts) and found through a trigram index (search-index.ts), not by testing every name.
 */
import { searchKey, spellingKey } from '../ingest/names.ts';
import type { Author, CoauthorNetwork, Paper } from './network.ts';
import { coauthorCount, coauthorTies, compareIds } from './network.ts';
import { type SearchIndex, buildSearchIndex, searchIndex } from './search-index.ts';
import { searchTerms } from './search-terms.ts';

/** The author known under this name: any spelling seen in the data, ignoring case, accents and spacing. */
export function findAuthorByName(network: CoauthorNetwork, name: string): Author | null {
  const matches = network.authorsByNameKey.get(searchKey(name)) ?? [];
  // Several people can share a name up to accents ("Jorn" / "Jörn"): prefer the one with the same
  // spelling up to NFC, whitespace and case.
  const key = spellingKey(name);
  const exact = matches.find((author) => [author.name, ...author.nameVariants.map((variant) => variant.name)].some((spelling) => spellingKey(spelling) === key));
  return exact ?? matches[0] ?? null;
}

/** Sort keys, computed once per author or paper rather than once per comparison. */
const sortKeys = new WeakMap<object, string>();
function sortKeyOf(item: Author | Paper): string {
  let key = sortKeys.get(item);
  if (key === undefined) {
    key = searchKey('title' in item ? item.title : item.name);
    sortKeys.set(item, key);
  }
  return key;
}

/** The paper with this id, or with this id among the merged records' ids. */
export function findPaper(network: CoauthorNetwork, id: string): Paper | null {
  return network.papers.get(id) ?? network.papers.get(network.paperIdAliases.get(id) ?? '') ?? null;
}

export type AuthorOrder = 'name' | 'paperCount' | 'coauthorCount';

/**
 * Every author in each order, and every paper newest first, sorted once per network: a listing or a
 * search then filters a sorted list (a filter keeps the order) instead of sorting on each request.
 */
interface SortedLists {
  /** Each order's list, and each author's position in it (by author index). */
  readonly authors: Partial<Record<AuthorOrder, { readonly list: readonly Author[]; readonly position: Int32Array }>>;
  papers?: { readonly list: readonly Paper[]; readonly position: Int32Array };
  authorSearch?: SearchIndex;
  paperSearch?: SearchIndex;
}
const sortedLists = new WeakMap<CoauthorNetwork, SortedLists>();

function listsOf(network: CoauthorNetwork): SortedLists {
  let lists = sortedLists.get(network);
  if (lists === undefined) sortedLists.set(network, lists = { authors: {} });
  return lists;
}

function authorsInOrder(network: CoauthorNetwork, order: AuthorOrder) {
  const lists = listsOf(network);
  let sorted = lists.authors[order];
  if (sorted === undefined) {
    const byName = (a: Author, b: Author) => compareIds(sortKeyOf(a), sortKeyOf(b)) || compareIds(a.id, b.id);
    const degree = (author: Author) => coauthorCount(network, author.id);
    const comparators: Record<AuthorOrder, (a: Author, b: Author) => number> = {
      name: byName,
      paperCount: (a, b) => b.paperIds.length - a.paperIds.length || byName(a, b),
      coauthorCount: (a, b) => degree(b) - degree(a) || byName(a, b),
    };
    const list = [...network.authors.values()].sort(comparators[order]);
    sorted = { list, position: positions(list, (author) => network.authorIndex.get(author.id) as number) };
    (lists.authors as Record<AuthorOrder, typeof sorted>)[order] = sorted;
  }
  return sorted;
}

function papersByRecencyOf(network: CoauthorNetwork): { readonly list: readonly Paper[]; readonly position: Int32Array } {
  const lists = listsOf(network);
  if (lists.papers === undefined) {
    const list = [...network.papers.values()].sort(byRecency);
    lists.papers = { list, position: positions(list, (paper) => network.paperIndex.get(paper.id) as number) };
  }
  return lists.papers;
}

/** Where each item (by its index in the network) stands in `list`. */
function positions<T>(list: readonly T[], indexOf: (item: T) => number): Int32Array {
  const position = new Int32Array(list.length);
  list.forEach((item, at) => { position[indexOf(item)] = at; });
  return position;
}

/** Search keys of every spelling (owned by every author seen with it) and of every title. */
function authorSearchOf(network: CoauthorNetwork): SearchIndex {
  const lists = listsOf(network);
  return lists.authorSearch ??= buildSearchIndex(
    [...network.authorsByNameKey.keys()],
    [...network.authorsByNameKey.values()].map((named) => named.map((author) => network.authorIndex.get(author.id) as number)),
    network.authorIds.length,
  );
}

function paperSearchOf(network: CoauthorNetwork): SearchIndex {
  const lists = listsOf(network);
  return lists.paperSearch ??= buildSearchIndex(network.paperIds.map((id) => sortKeyOf(network.papers.get(id) as Paper)));
}

/** The items found (by index) in the list's order: few are sorted by position, many picked in one walk of the list. */
function inListOrder<T>(found: Uint32Array, sorted: { readonly list: readonly T[]; readonly position: Int32Array }): T[] {
  const { list, position } = sorted;
  if (found.length * 8 < list.length) {
    return Array.from(Int32Array.from(found, (index) => position[index] as number).sort(), (at) => list[at] as T);
  }
  const wanted = new Uint8Array(list.length);
  for (const index of found) wanted[position[index] as number] = 1;
  return list.filter((_item, at) => wanted[at] === 1);
}

/** Sorts and indexes what listings and searches need (a few hundred milliseconds on 100,000 authors), so no request pays for it. */
export function prepareListings(network: CoauthorNetwork): void {
  for (const order of ['name', 'paperCount', 'coauthorCount'] as const) authorsInOrder(network, order);
  papersByRecencyOf(network);
  authorSearchOf(network);
  paperSearchOf(network);
}

/** Authors in `order`; with a search, those with a spelling holding every term (throws `SearchTermsError` past the limits). */
export function listAuthors(network: CoauthorNetwork, search: string | null, order: AuthorOrder): readonly Author[] {
  const terms = searchTerms(search);
  const sorted = authorsInOrder(network, order);
  if (terms.length === 0) return sorted.list;
  return inListOrder(searchIndex(authorSearchOf(network), terms), sorted);
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
export function listPapers(network: CoauthorNetwork, filter: PaperFilter): readonly Paper[] {
  const terms = searchTerms(filter.search);
  const { yearFrom, yearTo } = filter;
  const inYears = (paper: Paper) => (yearFrom == null || (paper.year !== null && paper.year >= yearFrom))
    && (yearTo == null || (paper.year !== null && paper.year <= yearTo));
  if (filter.authorId != null) {
    const matches = (paper: Paper) => inYears(paper) && terms.every((term) => sortKeyOf(paper).includes(term));
    return (network.authors.get(filter.authorId)?.paperIds ?? []).map((id) => network.papers.get(id) as Paper).filter(matches).sort(byRecency);
  }
  const sorted = papersByRecencyOf(network);
  const found = terms.length === 0 ? sorted.list : inListOrder(searchIndex(paperSearchOf(network), terms), sorted);
  return yearFrom == null && yearTo == null ? found : found.filter(inYears);
}

export function byRecency(a: Paper, b: Paper): number {
  return (b.year ?? -Infinity) - (a.year ?? -Infinity) || compareIds(sortKeyOf(a), sortKeyOf(b)) || compareIds(a.id, b.id);
}

export interface Coauthor {
  readonly authorId: string;
  readonly jointPaperIds: readonly string[];
}

/** An author's co-authors with at least `minJointPapers` joint papers: most joint papers first, then name, then id. */
export function listCoauthors(network: CoauthorNetwork, authorId: string, minJointPapers = 1): Coauthor[] {
  const { authors } = network;
  const nameKey = (id: string) => sortKeyOf(authors.get(id) as Author);
  return coauthorTies(network, authorId)
    .filter((coauthor) => coauthor.jointPaperIds.length >= minJointPapers)
    .sort((a, b) => b.jointPaperIds.length - a.jointPaperIds.length
      || compareIds(nameKey(a.authorId), nameKey(b.authorId)) || compareIds(a.authorId, b.authorId));
}

/** The papers with these ids, newest first. */
export function papersByRecency(network: CoauthorNetwork, paperIds: readonly string[]): Paper[] {
  return paperIds.map((id) => network.papers.get(id) as Paper).sort(byRecency);
}
