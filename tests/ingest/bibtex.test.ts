import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/ingest/bibtex.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';

const FILE = fileURLToPath(new URL('../fixtures/formats/pitfalls.bib', import.meta.url));
const result = parseBibtex(readFileSync(FILE, 'utf8'), 'pitfalls.bib');

describe('parseBibtex on the pitfalls fixture', () => {
  it('reads exactly the three good entries, with the line each starts on', () => {
    expect(
      result.papers.map((paper) => [paper.source.line, paper.id, paper.title, paper.year, paper.venue, paper.url]),
    ).toEqual([
      [6, '10.5555/accents.1', 'Four Spellings of Öne Name', 2020, 'Journal of Machine Learning Research', null],
      [14, null, 'Name Orders, von Parts and Corporate Authors', 2021, 'Proceedings of the Pitfall Workshop', null],
      [39, null, 'Still Read After the Broken Ones', 2022, null, 'https://example.org/after'],
    ]);
  });

  it('decodes every LaTeX spelling of an accent to the same NFC name', () => {
    const accents = result.papers[0];
    expect(accents?.authors).toEqual(['Jörn Möller', 'Jörn Möller', 'Jörn Möller', 'Jörn Möller']);
    for (const name of accents?.authors ?? []) expect(name).toBe(name.normalize('NFC'));
    // One person, counted once on the byline.
    const catalog = buildCatalog(result.papers);
    expect(catalog.papers[0]?.authorIds).toEqual(['jorn-moller']);
    expect(catalog.authors.find((author) => author.id === 'jorn-moller')?.nameVariants).toEqual([
      { name: 'Jörn Möller', count: 4, mergedBy: 'name' },
    ]);
  });

  it('understands Last, First, von parts and Jr, keeps a braced corporate author whole, and drops "others"', () => {
    expect(result.papers[1]?.authors).toEqual([
      'Piet van der Berg Jr.',
      'Ludwig van Beethoven',
      'ACME Research Lab',
      'John Smith',
    ]);
    expect(result.papers[2]?.authors).toEqual(['Ana García-Pérez', 'J. Smith']);
  });

  it('marks the author list cut short by "and others" as incomplete, and only that one', () => {
    expect(result.papers.map((paper) => paper.authorListIncomplete)).toEqual([false, true, false]);
  });

  it('expands @string macros and # concatenation', () => {
    expect(result.papers[0]?.venue).toBe('Journal of Machine Learning Research');
    expect(result.papers[1]?.venue).toBe('Proceedings of the Pitfall Workshop');
  });

  it('reports the broken entries with the line they start on, and the edited volume as not loaded', () => {
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: 'pitfalls.bib',
        line: 21,
        message: expect.stringMatching(/^entry "unbalanced" not loaded: Token mismatch/u),
      },
      {
        severity: 'error',
        file: 'pitfalls.bib',
        line: 27,
        message: expect.stringMatching(
          /^entry "missingcomma" not loaded: Token mismatch, expected "\}", found "title/u,
        ),
      },
      {
        severity: 'warning',
        file: 'pitfalls.bib',
        line: 33,
        message: 'entry "edited" not loaded: it has no authors (only 1 editor; an edited volume adds no co-authorship)',
      },
    ]);
  });

  it('reports an entry without a title and a year that is not a number', () => {
    const bad = parseBibtex(
      '@article{a, author = {Lee, Ann}, year = 2020}\n\n@article{b, author = {Lee, Ann}, title = {T}, year = {in press}}\n',
      'x.bib',
    );
    expect(bad.papers.map((paper) => [paper.title, paper.year])).toEqual([['T', null]]);
    expect(bad.problems).toEqual([
      { severity: 'error', file: 'x.bib', line: 1, message: 'entry "a" not loaded: it has no title' },
      {
        severity: 'warning',
        file: 'x.bib',
        line: 3,
        message: 'entry "b" has a year that is not a number ("in press"); it is left out',
      },
    ]);
  });

  it('warns about an empty file', () => {
    expect(parseBibtex('% nothing here\n', 'empty.bib').problems).toEqual([
      { severity: 'warning', file: 'empty.bib', line: null, message: 'no BibTeX entries found' },
    ]);
  });
});
