/** Search terms: normalised, each once, and refused past the limits with a message saying which. */
import { describe, expect, it } from 'vitest';
import {
  MAX_SEARCH_LENGTH,
  MAX_SEARCH_TERMS,
  MAX_SEARCH_TERM_LENGTH,
  SearchTermsError,
  searchTerms,
} from '../../src/graph/search-terms.ts';

describe('searchTerms', () => {
  it('folds case and accents, splits at spaces, keeps each word once', () => {
    expect(searchTerms('  Jörn   JACOBSEN jörn ')).toEqual(['jorn', 'jacobsen']);
    expect(searchTerms(null)).toEqual([]);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('drops a word contained in another (a key holding the longer holds it too)', () => {
    expect(searchTerms('chen ch hen rick ricky')).toEqual(['chen', 'ricky']);
  });

  it('has the documented limits', () => {
    expect([MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS, MAX_SEARCH_TERM_LENGTH]).toEqual([300, 16, 64]);
  });

  it('refuses a search longer than the limit before reading it', () => {
    expect(() => searchTerms('neural '.repeat(30_000))).toThrow(
      new SearchTermsError('The search is 210000 characters long; the limit is 300.'),
    );
    expect(searchTerms('a'.repeat(60) + ' b'.repeat(120))).toEqual(['a'.repeat(60), 'b']);
  });

  it('refuses more different words than the limit', () => {
    const words = Array.from({ length: 17 }, (_, i) => `w${String.fromCharCode(97 + i)}`);
    expect(() => searchTerms(words.join(' '))).toThrow(
      new SearchTermsError('The search has 17 different words; the limit is 16.'),
    );
    expect(searchTerms(words.slice(0, 16).join(' '))).toHaveLength(16);
  });

  it('refuses a word longer than the limit', () => {
    expect(() => searchTerms('x'.repeat(65))).toThrow(
      new SearchTermsError('A word of the search is 65 characters long; the limit is 64.'),
    );
    expect(searchTerms('x'.repeat(64))).toEqual(['x'.repeat(64)]);
  });
});
