import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { parseFile } from '../../src/ingest/load.ts';

const WORKS = fileURLToPath(new URL('../fixtures/formats/openalex-works.jsonl', import.meta.url));
const PAGE = fileURLToPath(new URL('../fixtures/three-papers/openalex.json', import.meta.url));

describe('OpenAlex works', () => {
  const result = parseFile(WORKS);

  it('reads works from JSON Lines with author ids and ORCIDs as identities', () => {
    expect(
      result.papers.map((paper) => [
        paper.source.line,
        paper.id,
        paper.title,
        paper.year,
        paper.venue,
        paper.authors,
        paper.authorListIncomplete,
      ]),
    ).toEqual([
      [1, '10.5555/oa.1', 'Namesakes Told Apart by Their Ids', 2020, null, ['Maria Garcia', 'Maria Garcia'], false],
      [2, 'W2', 'One Person, Two Spellings', 2021, 'Journal of Pitfalls', ['M. García', 'Ken Tanaka'], true],
    ]);
    expect(result.papers[1]?.abstract).toBe('Two spellings.');
    expect(result.papers[1]?.authorIdentities).toEqual([
      [
        { scheme: 'openalex', value: 'A1' },
        { scheme: 'orcid', value: '0000-0002-0000-0001' },
      ],
      [{ scheme: 'openalex', value: 'A3' }],
    ]);
  });

  it('keeps namesakes with different ids apart and joins spellings that share an id', () => {
    const catalog = buildCatalog(result.papers);
    expect(
      catalog.authors.map((author) => [
        author.id,
        author.name,
        author.nameVariants.map((variant) => variant.name),
        author.paperIds.length,
      ]),
    ).toEqual([
      ['maria-garcia', 'Maria Garcia', ['Maria Garcia', 'M. García'], 2],
      ['maria-garcia-2', 'Maria Garcia', ['Maria Garcia'], 1],
      ['ken-tanaka', 'Ken Tanaka', ['Ken Tanaka'], 1],
    ]);
    expect(catalog.papers[1]?.authorListIncomplete).toBe(true);
  });

  it('reports a work without authorships and a broken line with their lines', () => {
    expect(result.problems).toEqual([
      { severity: 'warning', file: WORKS, line: 3, message: 'OpenAlex work not loaded: it has no authorships' },
      {
        severity: 'error',
        file: WORKS,
        line: 4,
        message: expect.stringMatching(/^line is not valid JSON, not loaded: /u),
      },
    ]);
  });

  it('reads an API page ({ results: [...] }) from a .json file by its shape', () => {
    const page = parseFile(PAGE);
    expect(page.problems).toEqual([]);
    expect(page.papers.map((paper) => [paper.id, paper.source.line, paper.url])).toEqual([
      ['10.5555/3454287.3455178', 4, 'https://example.org/residual-flows'],
      ['W2970001002', 20, null],
      ['10.5555/3454287.3454763', 32, 'https://doi.org/10.5555/3454287.3454763'],
    ]);
    expect(page.papers[0]?.abstract).toBe('Flow-based generative models');
  });
});
