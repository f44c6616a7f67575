/**
 * The terms of a search: the search text's `searchKey` (case folded, accents removed) split at spaces,
 * each term once. A search is bounded before anything is searched: at most `MAX_SEARCH_LENGTH`
 * characters of text, `MAX_SEARCH_TERMS` distinct terms, `MAX_SEARCH_TERM_LENGTH` characters per term;
 * beyond, `SearchTermsError` says which limit and what the search had.
 *
 * A term contained in another term is dropped: a key holding the longer one holds it too.
 */
import { searchKey } from '../ingest/names.ts';

/** Characters of search text (a long title fits; a pasted page does not). */
export const MAX_SEARCH_LENGTH = 300;
/** Distinct words in one search. */
export const MAX_SEARCH_TERMS = 16;
/** Characters in one word (after case folding and accent removal). */
export const MAX_SEARCH_TERM_LENGTH = 64;

export class SearchTermsError extends RangeError {
  override readonly name = 'SearchTermsError';
}

/** The distinct terms of `search` (none for null or blank text); throws `SearchTermsError` beyond the limits. */
export function searchTerms(search: string | null | undefined): string[] {
  if (search === null || search === undefined) return [];
  if (search.length > MAX_SEARCH_LENGTH) {
    throw new SearchTermsError(`The search is ${search.length} characters long; the limit is ${MAX_SEARCH_LENGTH}.`);
  }
  const distinct = [
    ...new Set(
      searchKey(search)
        .split(' ')
        .filter((term) => term !== ''),
    ),
  ];
  if (distinct.length > MAX_SEARCH_TERMS) {
    throw new SearchTermsError(`The search has ${distinct.length} different words; the limit is ${MAX_SEARCH_TERMS}.`);
  }
  const long = distinct.find((term) => term.length > MAX_SEARCH_TERM_LENGTH);
  if (long !== undefined) {
    throw new SearchTermsError(
      `A word of the search is ${long.length} characters long; the limit is ${MAX_SEARCH_TERM_LENGTH}.`,
    );
  }
  return distinct.filter((term) => !distinct.some((other) => other !== term && other.includes(term)));
}
