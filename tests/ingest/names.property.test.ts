/**
 * The keys' fast path for plain text (printable ASCII with single inner spaces: names.ts `PLAIN`)
 * gives what the full normalization gives: format controls dropped, NFC, whitespace folded, NFKD with
 * marks removed, case folded, special letters and dashes folded, and for identity the initials'
 * punctuation folded. The full steps are written out here as the reference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityKey, searchKey } from '../../src/ingest/names.ts';

const FOLDED: Readonly<Record<string, string>> = {
  ı: 'i',
  İ: 'i',
  ß: 'ss',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
};

function referenceSearchKey(text: string): string {
  return text
    .replace(/\p{Cf}+/gu, '')
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ıİßøØłŁđĐæÆœŒ]/gu, (letter) => FOLDED[letter] ?? letter)
    .replace(/[\u2010-\u2015\u2212]/gu, '-');
}

function referenceIdentityKey(name: string): string {
  return referenceSearchKey(name).replace(/\./gu, ' ').replace(/\s+/gu, ' ').trim();
}

/** Text near the fast path's edge: ASCII words and initials, runs of spaces, tabs, and a few other characters. */
const text = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('Ada', 'T.', 'Q.', 'lovelace', 'O\u2019Neil', 'J.-P.', 'x', 'Z') },
      { weight: 4, arbitrary: fc.constantFrom(' ', '  ', '.', '-', '\t', '\n') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('\u00ad', '\u200b', '\ufeff', 'é', 'e\u0301', 'ß', 'Ł', '\u2010', '\u00a0', '😀'),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

describe('search and identity keys', () => {
  it('give the full normalization, plain text or not', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(searchKey(value)).toBe(referenceSearchKey(value));
        expect(identityKey(value)).toBe(referenceIdentityKey(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('fold plain names and titles by case and initials alone', () => {
    expect(searchKey('Graph Networks for NLP')).toBe('graph networks for nlp');
    expect(identityKey('T.Q. Nguyen')).toBe('t q nguyen');
    expect(identityKey('T. Q. Nguyen')).toBe('t q nguyen');
    expect(identityKey('Ada Lovelace')).toBe('ada lovelace');
    // Not plain: a leading space, a double space, a soft hyphen.
    expect(searchKey(' Ada  Lovelace')).toBe('ada lovelace');
    expect(identityKey('Ada Love\u00adlace')).toBe('ada lovelace');
  });
});
