/**
 * Lookups and listings over the network's indexes: authors by name, author and paper search, an
 * author's papers and co-authors. Every list has a total order so pages are stable.
 *
 * Search is accent- and case-insensitive: every whitespace-separated term of the query must occur in
 * the text (for authors: any spelling seen; for papers: the title).
 */
import { searchKey, spellingKey } from '../ingest/names.ts';
import type { Author, CoauthorNetwork, Paper } from './network.ts';
import { coauthorCount, coauthorTies, compareIds } from './network.ts';

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
  readonly authors: Partial<Record<AuthorOrder, { readonly list: readonly Author[]; readonly rank: ReadonlyMap<Author, number> }>>;
  papers?: readonly Paper[];
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
    sorted = { list, rank: new Map(list.map((author, index) => [author, index])) };
    (lists.authors as Record<AuthorOrder, typeof sorted>)[order] = sorted;
  }
  return sorted;
}

function papersByRecencyOf(network: CoauthorNetwork): readonly Paper[] {
  const lists = listsOf(network);
  return lists.papers ??= [...network.papers.values()].sort(byRecency);
}

/** Sorts what listings need sorted (a few hundred milliseconds on 100,000 authors), so no request pays for it. */
export function prepareListings(network: CoauthorNetwork): void {
  for (const order of ['name', 'paperCount', 'coauthorCount'] as const) authorsInOrder(network, order);
  papersByRecencyOf(network);
}

export function listAuthors(network: CoauthorNetwork, search: string | null, order: AuthorOrder): readonly Author[] {
  const terms = searchTerms(search);
  const sorted = authorsInOrder(network, order);
  if (terms.length === 0) return sorted.list;
  // The name index is keyed by the search key of every spelling: match keys, not authors.
  const found = new Set<Author>();
  for (const [key, named] of network.authorsByNameKey) {
    if (terms.every((term) => key.includes(term))) for (const author of named) found.add(author);
  }
  return [...found].sort((a, b) => (sorted.rank.get(a) as number) - (sorted.rank.get(b) as number));
}

export interface PaperFilter {
  readonly search?: string | null;
  readonly authorId?: string | null;
  readonly yearFrom?: number | null;
  readonly yearTo?: number | null;
}

/** Papers matching every given filter, newest first (papers without a year last), then by title and id. */
export function listPapers(network: CoauthorNetwork, filter: PaperFilter): readonly Paper[] {
  const terms = searchTerms(filter.search ?? null);
  const { yearFrom, yearTo } = filter;
  const matches = (paper: Paper) => (yearFrom == null || (paper.year !== null && paper.year >= yearFrom))
    && (yearTo == null || (paper.year !== null && paper.year <= yearTo))
    && (terms.length === 0 || terms.every((term) => sortKeyOf(paper).includes(term)));
  if (filter.authorId != null) {
    return (network.authors.get(filter.authorId)?.paperIds ?? []).map((id) => network.papers.get(id) as Paper).filter(matches).sort(byRecency);
  }
  const all = papersByRecencyOf(network);
  return terms.length === 0 && yearFrom == null && yearTo == null ? all : all.filter(matches);
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

function searchTerms(search: string | null): string[] {
  return search === null ? [] : searchKey(search).split(' ').filter((term) => term !== '');
}

/** The papers with these ids, newest first. */
export function papersByRecency(network: CoauthorNetwork, paperIds: readonly string[]): Paper[] {
  return paperIds.map((id) => network.papers.get(id) as Paper).sort(byRecency);
}
