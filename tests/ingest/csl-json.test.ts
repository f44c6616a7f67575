import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCslJson } from '../../src/ingest/csl-json.ts';
import { formatOf, parseFile } from '../../src/ingest/load.ts';

const FILE = fileURLToPath(new URL('../fixtures/formats/pitfalls.csl.json', import.meta.url));
const result = parseCslJson(readFileSync(FILE, 'utf8'), 'pitfalls.csl.json');

describe('parseCslJson on the pitfalls fixture', () => {
  it('reads the two good items exactly', () => {
    expect(result.papers).toEqual([
      {
        id: '10.5555/csl.1',
        doi: '10.5555/csl.1',
        title: 'CSL Names: Particles, Suffixes and Institutions',
        authors: ['Ludwig van Beethoven', 'Martin Luther King Jr.', 'ACME Research Lab', 'Jörn Möller'],
        abstract: 'An abstract.',
        year: 2020,
        venue: 'Journal of Pitfalls',
        url: 'https://example.org/csl-1',
        source: { file: 'pitfalls.csl.json', line: 2 },
      },
      {
        id: null,
        doi: null,
        title: 'Dates Given Raw',
        authors: ['Jorn Moller'],
        abstract: null,
        year: 2021,
        venue: null,
        url: null,
        source: { file: 'pitfalls.csl.json', line: 28 },
      },
    ]);
  });

  it('reports the edited volume and the nameless author with their lines', () => {
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        file: 'pitfalls.csl.json',
        line: 17,
        message: 'record 2 not loaded: it has no authors (only editors; an edited volume adds no co-authorship)',
      },
      {
        severity: 'error',
        file: 'pitfalls.csl.json',
        line: 23,
        message: 'record 3 not loaded: author 1 has no "family", "given" or "literal" name',
      },
    ]);
  });

  it('is chosen for .csl.json files and detected in a plain .json file', () => {
    expect(formatOf('library.csl.json')).toBe('csl-json');
    const detected = parseFile(
      fileURLToPath(new URL('../fixtures/three-papers/papers.csl.json', import.meta.url)),
      'json',
    );
    expect(detected.papers.map((paper) => paper.authors.length)).toEqual([4, 3, 3]);
  });
});
