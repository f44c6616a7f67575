/**
 * Property: the index answers exactly what testing every key with `includes` answers, for random
 * keys and terms (names from a small alphabet so that terms often occur, accents and astral
 * characters included), and search terms stay within their limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, searchIndex } from '../../src/graph/search-index.ts';
import {
  MAX_SEARCH_LENGTH,
  MAX_SEARCH_TERMS,
  MAX_SEARCH_TERM_LENGTH,
  SearchTermsError,
  searchTerms,
} from '../../src/graph/search-terms.ts';
import { searchKey } from '../../src/ingest/names.ts';
import { check } from '../helpers/properties.ts';

const letter = fc.constantFrom('a', 'b', 'n', ' ', '-', '.', 'é', 'ö', '李', '😀');
const text = (maxLength: number) => fc.string({ unit: letter, maxLength });

/** Owners of the keys holding every term, by testing every key: what the search did before the index. */
function scan(keys: readonly string[], owners: readonly (readonly number[])[], terms: readonly string[]): number[] {
  const found = new Set<number>();
  keys.forEach((key, k) => {
    if (terms.every((term) => key.includes(term))) for (const owner of owners[k] ?? []) found.add(owner);
  });
  return [...found].sort((a, b) => a - b);
}

describe('the search index', () => {
  it('answers what a scan of every key answers', () => {
    check(
      fc.property(
        fc.array(fc.tuple(text(14), fc.array(fc.nat(40), { maxLength: 3 })), { maxLength: 60 }),
        fc.array(text(5), { maxLength: 4 }),
        (entries, terms) => {
          const keys = entries.map(([key]) => key);
          const owners = entries.map(([, list]) => list);
          const index = buildSearchIndex(keys, owners, 41);
          expect(Array.from(searchIndex(index, terms))).toEqual(
            scan(
              keys,
              owners,
              terms.filter((term) => term !== ''),
            ),
          );
        },
      ),
      500,
    );
  });

  it('finds every key by any of its substrings', () => {
    check(
      fc.property(
        fc.array(text(20), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (keys, which, from, span) => {
          const k = which % keys.length;
          // By code points: half of a surrogate pair is no text (the index reads it as U+FFFD, as UTF-8 has no halves).
          const key = Array.from(keys[k] as string);
          const start = key.length === 0 ? 0 : from % key.length;
          const term = key.slice(start, start + (span % 8)).join('');
          expect(Array.from(searchIndex(buildSearchIndex(keys), [term]))).toContain(k);
        },
      ),
      300,
    );
  });
});

describe('search terms', () => {
  it('are distinct, within the limits, and keep what the search finds', () => {
    check(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'É', 'e', ' ', '  '), maxLength: 80 }),
        text(20),
        (search, key) => {
          const terms = searchTerms(search);
          expect(new Set(terms).size).toBe(terms.length);
          expect(terms.length).toBeLessThanOrEqual(MAX_SEARCH_TERMS);
          for (const term of terms) expect(term.length).toBeLessThanOrEqual(MAX_SEARCH_TERM_LENGTH);
          // Dropping repeated and contained words changes no answer.
          const every = searchKey(search)
            .split(' ')
            .filter((term) => term !== '');
          const folded = searchKey(key);
          expect(terms.every((term) => folded.includes(term))).toBe(every.every((term) => folded.includes(term)));
        },
      ),
      500,
    );
  });

  it('refuse a search past any limit, whatever it repeats', () => {
    check(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' '), minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2, max: 1000 }),
        (word, times) => {
          const search = `${word} `.repeat(times);
          if (search.length > MAX_SEARCH_LENGTH) expect(() => searchTerms(search)).toThrow(SearchTermsError);
          else expect(searchTerms(search).length).toBeLessThanOrEqual(MAX_SEARCH_TERMS);
        },
      ),
      300,
    );
  });
});
