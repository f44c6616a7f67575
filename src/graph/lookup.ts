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

export function listAuthors(network: CoauthorNetwork, search: string | null, order: AuthorOrder): Author[] {
  const terms = searchTerms(search);
  let authors: Author[];
  if (terms.length === 0) {
    authors = [...network.authors.values()];
  } else {
    // The name index is keyed by the search key of every spelling: match keys, not authors.
    const found = new Set<Author>();
    for (const [key, named] of network.authorsByNameKey) {
      if (terms.every((term) => key.includes(term))) for (const author of named) found.add(author);
    }
    authors = [...found];
  }
  const byName = (a: Author, b: Author) => compareIds(sortKeyOf(a), sortKeyOf(b)) || compareIds(a.id, b.id);
  const degree = (author: Author) => coauthorCount(network, author.id);
  const comparators: Record<AuthorOrder, (a: Author, b: Author) => number> = {
    name: byName,
    paperCount: (a, b) => b.paperIds.length - a.paperIds.length || byName(a, b),
    coauthorCount: (a, b) => degree(b) - degree(a) || byName(a, b),
  };
  return authors.sort(comparators[order]);
}

export interface PaperFilter {
  readonly search?: string | null;
  readonly authorId?: string | null;
  readonly yearFrom?: number | null;
  readonly yearTo?: number | null;
}

/** Papers matching every given filter, newest first (papers without a year last), then by title and id. */
export function listPapers(network: CoauthorNetwork, filter: PaperFilter): Paper[] {
  const terms = searchTerms(filter.search ?? null);
  const pool = filter.authorId == null
    ? [...network.papers.values()]
    : (network.authors.get(filter.authorId)?.paperIds ?? []).map((id) => network.papers.get(id) as Paper);
  const { yearFrom, yearTo } = filter;
  return pool
    .filter((paper) => (yearFrom == null || (paper.year !== null && paper.year >= yearFrom))
      && (yearTo == null || (paper.year !== null && paper.year <= yearTo))
      && (terms.length === 0 || terms.every((term) => sortKeyOf(paper).includes(term))))
    .sort(byRecency);
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
