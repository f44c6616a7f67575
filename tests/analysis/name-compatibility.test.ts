import { describe, expect, it } from 'vitest';
import { blockingKeys, compareNames, parseName } from '../../src/analysis/name-compatibility.ts';

const score = (a: string, b: string) => compareNames(a, b)?.score ?? null;
const keys = (name: string) =>
  blockingKeys(
    parseName(name) ??
      (() => {
        throw new Error(name);
      })(),
  );

describe('compareNames', () => {
  it('accepts short and prefix first names (Jon / Jonathan, Bill / William, Alex / Alexandra)', () => {
    expect(compareNames('Jon Lorraine', 'Jonathan Lorraine')).toEqual({
      score: 0.8,
      reasons: ['first names "jon" / "jonathan": a known short form'],
    });
    expect(score('Bill Dolan', 'William Dolan')).toBe(0.8);
    expect(compareNames('Ferd Smith', 'Ferdinand Smith')).toEqual({
      score: 0.75,
      reasons: ['first name "ferd" is the start of "ferdinand"'],
    });
  });

  it('accepts initials ("D. K." / "David K.") and a missing middle name', () => {
    expect(compareNames('D. K. Duvenaud', 'David K. Duvenaud')).toEqual({
      score: 0.6,
      reasons: ['"d" is the initial of "david"'],
    });
    expect(compareNames('David Duvenaud', 'David K. Duvenaud')).toEqual({
      score: 0.9,
      reasons: ['a middle name appears in one spelling only'],
    });
    expect(score('D. Duvenaud', 'David Kristjanson Duvenaud')).toBe(0.54);
  });

  it('accepts accents, hyphens and transliterations', () => {
    expect(score('Jörn-Henrik Jacobsen', 'Jorn Henrik Jacobsen')).toBe(0.95);
    expect(compareNames('Jürgen Müller', 'Juergen Mueller')).toEqual({
      score: 0.722,
      reasons: ['surnames "muller" / "mueller": transliteration', 'first names "jurgen" / "juergen": transliteration'],
    });
    expect(score('Rawan Al-Matham', 'Rawan Almatham')).toBe(0.95);
    expect(score('Ana García-Pérez', 'Ana Garcia')).toBe(0.7);
  });

  it('accepts the other name order', () => {
    expect(compareNames('Wang Wei', 'Wei Wang')).toEqual({
      score: 0.6,
      reasons: ['"wang wei" / "wei wang": the same names in the other order'],
    });
  });

  it('rejects different surnames and different full first names', () => {
    expect(compareNames('David Duvenaud', 'Daniel Duvenaud')).toBeNull();
    expect(compareNames('David Duvenaud', 'David Fleet')).toBeNull();
    expect(compareNames('J. Smith', 'K. Smith')).toBeNull();
    expect(compareNames('Plato', 'Plato')).toBeNull();
  });
});

describe('blockingKeys', () => {
  it('files compatible names under a shared key', () => {
    const shares = (a: string, b: string) => keys(a).some((key) => keys(b).includes(key));
    for (const [a, b] of [
      ['Jon Lorraine', 'Jonathan Lorraine'],
      ['Bill Dolan', 'William Dolan'],
      ['D. K. Duvenaud', 'David K. Duvenaud'],
      ['Jürgen Müller', 'Juergen Mueller'],
      ['Wang Wei', 'Wei Wang'],
      ['Ana García-Pérez', 'Ana Garcia'],
      ['Philipp Koehn', 'Filip Koehn'],
    ]) {
      expect(shares(a as string, b as string)).toBe(true);
    }
    expect(shares('David Duvenaud', 'David Fleet')).toBe(false);
  });
});

describe('compareNames: suffixes', () => {
  it('accepts a suffix in one spelling only, and tells Jr. from Sr.', () => {
    expect(compareNames('Hal Daumé III', 'Hal Daume')).toEqual({
      score: 0.98,
      reasons: ['"iii" in one spelling only'],
    });
    expect(compareNames('John Smith Jr.', 'John Smith Sr.')).toBeNull();
  });
});
