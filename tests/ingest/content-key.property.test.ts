/**
 * `titleKeyHash` (src/ingest/content-key.ts) is the merge's title part of the content hash made in one
 * pass over a printable-ASCII title: it must be `titleHash(titleKey(title))` for every title, or a
 * record whose title part came from the worker (title-hashes.ts) and its duplicate hashed here would
 * land in different buckets and stay two papers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { titleHash, titleKey, titleKeyHash } from '../../src/ingest/content-key.ts';

/** Titles mostly of printable ASCII, with the edges of the fast path: spaces, punctuation runs, tabs, letters beyond ASCII. */
const titles = fc.oneof(
  fc.string({
    unit: fc.constantFrom(...'aAzZmM09 5  .,;:-!?()[]{}\'"`~@#$%^&*_+=|\\/<>'.split(''), '\t', '\u007f', 'é', '\u00a0'),
    maxLength: 60,
  }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('titleKeyHash', () => {
  it('is the hash of the title key, for every title', () => {
    fc.assert(
      fc.property(titles, (title) => {
        expect(titleKeyHash(title)).toBe(titleHash(titleKey(title)));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees on the cases the fast path decides by itself', () => {
    for (const title of [
      '',
      '   ',
      '...',
      'Graph Networks, Revisited.',
      '  Graph   networks -- REVISITED  ',
      '(A) b',
      'x',
      'Tab\there', // a tab is not printable ASCII: through titleKey
      'Über Graphen', // nor is Ü
      'a\u007fb', // nor DEL
    ])
      expect(titleKeyHash(title), title).toBe(titleHash(titleKey(title)));
    expect(titleKeyHash('Graph  Networks — Revisited')).toBe(titleKeyHash('graph networks, revisited.'));
  });
});
