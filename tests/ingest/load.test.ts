import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOf, hasErrors, loadFiles, parseFile } from '../../src/ingest/load.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { SEED_ALIAS_FILE, SEED_DATA_FILE } from '../helpers/networks.ts';

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'coauthor-load-')), name);
  writeFileSync(file, text);
  return file;
}

describe('formatOf', () => {
  it.each([
    ['papers.txt', 'txt'],
    ['papers.json', 'json'],
    ['papers.jsonl', 'jsonl'],
    ['papers.ndjson', 'jsonl'],
    ['PAPERS.JSON', 'json'],
    ['dir.v2/papers.TXT', 'txt'],
  ])('reads %s as %s', (file, format) => {
    expect(formatOf(file)).toBe(format);
  });

  it.each(['papers.csv', 'papers', 'papers.json.gz', '.json'])('knows no format for %s', (file) => {
    expect(formatOf(file)).toBeNull();
  });
});

describe('parseFile', () => {
  it('reads the bundled publication list: 10 records and one warning for the header', () => {
    const result = parseFile(SEED_DATA_FILE);
    expect(result.papers.map((paper) => paper.title)).toEqual(seedExpected.papers.map((paper) => paper.title));
    expect(result.problems).toEqual([
      { severity: 'warning', file: SEED_DATA_FILE, line: 1, message: expect.stringContaining('David Duvenaud') },
    ]);
  });

  it('reports a file whose extension names no format, naming the file', () => {
    expect(parseFile('refs.ris')).toEqual({
      papers: [],
      problems: [{ severity: 'error', file: 'refs.ris', line: null, message: expect.stringContaining('"refs.ris"') }],
    });
  });

  it('reads any extension with an explicit format', () => {
    const file = tempFile('papers.dat', '[{ "title": "A Paper", "authors": ["Ann Lee"], "year": 2020 }]');
    const result = parseFile(file, 'json');
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => [paper.title, paper.year])).toEqual([['A Paper', 2020]]);
  });

  it('lets an explicit format override the extension', () => {
    const file = tempFile('papers.txt', '{"title": "A Paper", "authors": ["Ann Lee"]}\n');
    expect(parseFile(file, 'jsonl').papers).toHaveLength(1);
  });

  it('reports a file that cannot be read, naming it', () => {
    const file = join(tmpdir(), 'coauthor-graph-missing-file.json');
    expect(parseFile(file)).toEqual({
      papers: [],
      problems: [{ severity: 'error', file, line: null, message: expect.stringMatching(/^cannot read file/u) }],
    });
  });
});

describe('loadFiles', () => {
  it('loads the bundled data with its alias file: 10 papers, 30 authors, only the header warning', () => {
    const result = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
    expect(result.recordCount).toBe(10);
    expect(result.catalog.papers).toHaveLength(seedExpected.stats.paperCount);
    expect(result.catalog.authors).toHaveLength(seedExpected.stats.authorCount);
    expect(result.aliases.file).toBe(SEED_ALIAS_FILE);
    expect(result.problems.map((problem) => problem.severity)).toEqual(['warning']);
    expect(hasErrors(result.problems)).toBe(false);
  });

  it('uses no aliases unless an alias file is given', () => {
    const result = loadFiles({ files: [SEED_DATA_FILE] });
    expect(result.aliases.canonicalByKey.size).toBe(0);
    expect(result.aliases.file).toBeNull();
    expect(result.catalog.authors).toHaveLength(31);
  });

  it('merges a paper found in two files once, keeping both sources and filling in the year', () => {
    const json = tempFile(
      'extra.json',
      `[
  { "id": "10.1/irn", "title": "Invertible Residual Networks", "authors": ["Jens Behrmann", "David Duvenaud", "Jörn-Henrik Jacobsen"], "year": 2019, "venue": "ICML" },
  { "title": "A New Paper", "authors": ["Jon Lorraine", "Ann Lee"], "year": 2024 }
]`,
    );
    const result = loadFiles({ files: [SEED_DATA_FILE, json], aliasFile: SEED_ALIAS_FILE });
    expect(result.recordCount).toBe(12);
    expect(result.catalog.duplicatesMerged).toBe(1);
    expect(result.catalog.papers).toHaveLength(11);
    const merged = result.catalog.papers.find((paper) => paper.title === 'Invertible Residual Networks');
    expect(merged).toMatchObject({ id: '10.1/irn', year: 2019, venue: 'ICML' });
    expect(merged?.sources).toEqual([
      { file: SEED_DATA_FILE, line: 31 },
      { file: json, line: 2 },
    ]);
    expect(result.catalog.authors).toHaveLength(31);
    expect(result.catalog.authors.find((author) => author.id === 'jonathan-lorraine')?.paperIds).toHaveLength(3);
  });

  it('keeps going after a bad alias file, reports it naming the file, and merges nothing', () => {
    const aliasFile = tempFile('aliases.json', '{ "Jon Lorraine": "Jonathan Lorraine" ');
    const result = loadFiles({ files: [SEED_DATA_FILE], aliasFile });
    expect(result.catalog.authors).toHaveLength(31);
    expect(result.problems[0]).toMatchObject({ severity: 'error', file: aliasFile });
    expect(hasErrors(result.problems)).toBe(true);
  });

  it('lists problems in order: alias file, then each data file, then merge warnings', () => {
    const aliasFile = tempFile('aliases.json', '{ "A": "B", "B": "A" }');
    const bad = tempFile(
      'bad.jsonl',
      '{"title": "Same Id", "authors": ["Ann Lee"], "id": "x"}\nnot json\n{"title": "Other", "authors": ["Bo Chen"], "id": "x"}\n',
    );
    const result = loadFiles({ files: [bad], aliasFile });
    expect(result.problems.map((problem) => [problem.file, problem.severity, problem.line])).toEqual([
      [aliasFile, 'error', 1],
      [aliasFile, 'error', 1],
      [bad, 'error', 2],
      [bad, 'warning', 3],
    ]);
    expect(result.catalog.papers.map((paper) => paper.title)).toEqual(['Same Id']);
  });

  it('applies the format override to every file', () => {
    const file = tempFile('papers.data', '{"title": "A Paper", "authors": ["Ann Lee"]}\n');
    const result = loadFiles({ files: [file], format: 'jsonl' });
    expect(result.problems).toEqual([]);
    expect(result.catalog.papers).toHaveLength(1);
  });
});
