/** Validation of query arguments: every violation is a `BAD_USER_INPUT` error naming the argument. */
import { findAuthorById } from '../graph/curated-identity.ts';
import { findPaper } from '../graph/lookup.ts';
import type { Author, Paper } from '../graph/network.ts';
import { SearchTermsError, searchTerms } from '../graph/search-terms.ts';
import type { Context } from './builder.ts';
import { badUserInput } from './errors.ts';

export const MAX_PAGE_SIZE = 100;
export const MAX_NETWORK_DEPTH = 3;
export const MAX_NETWORK_NODES = 1000;

export function requireAuthor(context: Context, id: string, argument: string): Author {
  const author = findAuthorById(context.data.network, id);
  if (!author)
    throw badUserInput(
      `No author has the id "${id}" (argument "${argument}"). Look authors up with the "authors" or "author(name:)" query.`,
      argument,
    );
  return author;
}

export function requireAuthors(
  context: Context,
  ids: readonly string[] | null | undefined,
  argument: string,
): string[] {
  return (ids ?? []).map((id) => requireAuthor(context, id, argument).id);
}

export function requirePapers(context: Context, ids: readonly string[] | null | undefined, argument: string): string[] {
  return (ids ?? []).map((id) => requirePaper(context, id, argument).id);
}

function requirePaper(context: Context, id: string, argument: string): Paper {
  const paper = findPaper(context.data.network, id);
  if (!paper) throw badUserInput(`No paper has the id "${id}" (argument "${argument}").`, argument);
  return paper;
}

/** An integer argument within [min, max]. */
export function checkRange(value: number, argument: string, min: number, max: number): number {
  if (value < min || value > max) {
    throw badUserInput(`"${argument}" must be between ${min} and ${max}; got ${value}.`, argument);
  }
  return value;
}

export function checkPageSize(first: number, argument = 'first'): number {
  return checkRange(first, argument, 0, MAX_PAGE_SIZE);
}

/** A search text within the search limits (src/graph/search-terms.ts), returned as given. */
export function checkSearch(search: string | null | undefined, argument = 'search'): string | null {
  try {
    searchTerms(search);
  } catch (error) {
    if (error instanceof SearchTermsError)
      throw badUserInput(`${error.message} Search with fewer, shorter words.`, argument);
    throw error;
  }
  return search ?? null;
}
