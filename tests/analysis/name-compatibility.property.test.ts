import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockingKeys, compareNames, parseName } from '../../src/analysis/name-compatibility.ts';
import { PROPERTY_TIMEOUT, anyText, check } from '../helpers/properties.ts';

/** Name pieces in several scripts and spellings, with initials, hyphens, suffixes and transliterations. */
const piece = fc.constantFrom(
  'Jon',
  'Jonathan',
  'J.',
  'j',
  'Jörn',
  'Joern',
  'Jorn',
  'Henrik',
  'H.',
  'Jörn-Henrik',
  'J.-H.',
  'Lorraine',
  'Müller',
  'Mueller',
  'Muller',
  'Wei',
  'Wang',
  'Bill',
  'William',
  'W.',
  'Philipp',
  'Filip',
  'Jr.',
  'III',
  'Smith-Jones',
  'Smith',
  'García',
  'Garcia',
  'Ørsted',
  'Иван',
  'Петров',
  'И.',
  '李',
  '王',
  'Åsa',
  'de',
  'van',
);
const spelledName = fc.array(piece, { minLength: 1, maxLength: 4 }).map((pieces) => pieces.join(' '));
const anyName = fc.oneof(spelledName, anyText(30));

describe('name parsing and comparison on any spelling', () => {
  it(
    'never throw; a comparison is null or a score in (0, 1] with reasons, the same both ways round',
    () => {
      check(
        fc.property(anyName, anyName, (a, b) => {
          const parsed = parseName(a);
          if (parsed !== null) {
            expect(parsed.surname).not.toBe('');
            expect(parsed.given.length).toBeGreaterThan(0);
          }
          const forth = compareNames(a, b);
          const back = compareNames(b, a);
          expect(forth === null).toBe(back === null);
          if (forth !== null) {
            expect(forth.score).toBeGreaterThan(0);
            expect(forth.score).toBeLessThanOrEqual(1);
            expect(forth.reasons.length).toBeGreaterThan(0);
          }
        }),
        1050,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'finds every parsed name compatible with itself',
    () => {
      check(
        fc.property(anyName, (a) => {
          if (parseName(a) !== null) expect(compareNames(a, a)?.score).toBe(1);
        }),
        700,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'files compatible names under at least one shared blocking key, so no candidate pair is missed',
    () => {
      check(
        fc.property(spelledName, spelledName, (a, b) => {
          const left = parseName(a);
          const right = parseName(b);
          if (left === null || right === null || compareNames(a, b) === null) return;
          const keys = new Set(blockingKeys(left));
          expect(blockingKeys(right).some((key) => keys.has(key))).toBe(true);
        }),
        1050,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
