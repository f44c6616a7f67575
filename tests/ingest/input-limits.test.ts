/**
 * Input limits at the door (issue 12, point 4): every reader's records are held to the name and field
 * limits (record skipped or abstract cut, reported with file and line, never a crash); BibTeX fields
 * over the limit never reach the parser; format-control characters are ignored by identity and flagged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oversizedEntries, withoutEntries } from '../../src/ingest/bibtex-field-limit.ts';
import { parseBibtex } from '../../src/ingest/bibtex.ts';
import { MAX_FIELD_LENGTH, MAX_NAME_LENGTH, limitRecord } from '../../src/ingest/input-limits.ts';
import { loadFiles, parseFile } from '../../src/ingest/load.ts';
import { identityKey, searchKey, spellingKey } from '../../src/ingest/names.ts';
import { tempFiles } from '../helpers/files.ts';

const FIXTURES = [
  'papers.txt',
  'papers.json',
  'papers.jsonl',
  'papers.bib',
  'papers.csl.json',
  'dblp-person.xml',
  'openalex.json',
];
const fixture = (name: string) => readFileSync(new URL(`../fixtures/three-papers/${name}`, import.meta.url), 'utf8');

describe('every reader holds its records to the limits', () => {
  it.each(FIXTURES)(
    '%s: a byline with a name over MAX_NAME_LENGTH is skipped with an error naming the line; the rest loads',
    (name) => {
      const long = `Behrmann${'x'.repeat(MAX_NAME_LENGTH)}`;
      const path = tempFiles({ [name]: fixture(name).replaceAll('Behrmann', long) })[name]!;
      const clean = parseFile(tempFiles({ [name]: fixture(name) })[name]!);
      const result = parseFile(path);
      const refusals = result.problems.filter(
        (problem) => problem.severity === 'error' && problem.message.includes(`the limit is ${MAX_NAME_LENGTH}`),
      );
      expect(refusals.length).toBeGreaterThan(0);
      for (const refusal of refusals) expect(refusal.line).toEqual(expect.any(Number));
      expect(result.papers.length).toBeGreaterThan(0);
      expect(result.papers.length).toBeLessThan(clean.papers.length);
      for (const paper of result.papers)
        for (const author of paper.authors) expect(author.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    },
  );

  it.each(FIXTURES)('%s: a title over MAX_FIELD_LENGTH is skipped with an error naming the line', (name) => {
    const path = tempFiles({
      [name]: fixture(name).replaceAll(
        'Invertible Residual Networks',
        `Invertible Residual Networks ${'y'.repeat(MAX_FIELD_LENGTH)}`,
      ),
    })[name]!;
    const result = parseFile(path);
    const refusal = result.problems.find(
      (problem) => problem.severity === 'error' && problem.message.includes(`the limit is ${MAX_FIELD_LENGTH}`),
    );
    expect(refusal?.line).toEqual(expect.any(Number));
    for (const paper of result.papers) expect(paper.title.length).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
    expect(result.papers.length).toBeGreaterThan(0);
  });

  it('cuts an abstract over MAX_FIELD_LENGTH to the limit, with a warning, and keeps the paper', () => {
    const path = tempFiles({
      'long.jsonl': JSON.stringify({
        title: 'T',
        authors: ['Ada Lovelace'],
        abstract: 'z'.repeat(MAX_FIELD_LENGTH + 5),
      }),
    })['long.jsonl']!;
    const result = parseFile(path);
    expect(result.papers[0]?.abstract).toHaveLength(MAX_FIELD_LENGTH);
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        file: path,
        line: 1,
        message: `the abstract is ${MAX_FIELD_LENGTH + 5} characters long; cut to the limit of ${MAX_FIELD_LENGTH}`,
      },
    ]);
  });
});

describe('BibTeX fields over the limit never reach the parser', () => {
  const entry = (key: string, abstract: string) =>
    `@article{${key},\n  title = {T ${key}},\n  author = {Ada Lovelace},\n  year = {2020},\n  abstract = ${abstract}\n}\n`;

  it('refuses the entry with a 1 MB field, with its line, and reads the entries around it with their own lines', () => {
    const text = entry('a', '{short}') + entry('big', `{${'lorem ipsum '.repeat(90_000)}}`) + entry('c', '"short"');
    const result = parseBibtex(text, 'big.bib');
    expect(result.papers.map((paper) => [paper.title, paper.source.line])).toEqual([
      ['T a', 1],
      ['T c', 13],
    ]);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: 'big.bib',
        line: 7,
        message: `entry "big" not loaded: a field is ${'lorem ipsum '.repeat(90_000).length + 1} characters long; the limit is ${MAX_FIELD_LENGTH}`,
      },
    ]);
  });

  it('finds oversized values in braces, in quotes, in parenthesised entries and left open at the end', () => {
    const big = 'w'.repeat(MAX_FIELD_LENGTH + 1);
    expect(oversizedEntries(`@article{k1, note = {${big}}}`).map((found) => found.key)).toEqual(['k1']);
    expect(oversizedEntries(`@article{k2, note = "${big}"}`).map((found) => found.key)).toEqual(['k2']);
    expect(oversizedEntries(`@article(k3, note = {${big}})`).map((found) => found.key)).toEqual(['k3']);
    expect(oversizedEntries(`@article{k4, note = {${big}`).map((found) => found.key)).toEqual(['k4']);
    expect(
      oversizedEntries(
        `@article{k5, note = {a {nested} ${'v'.repeat(MAX_FIELD_LENGTH - 100)}}, other = {${'v'.repeat(MAX_FIELD_LENGTH - 100)}}}`,
      ),
    ).toEqual([]);
    const text = `@a{x, t={1}}\n@b{y, t={${big}}}\n@c{z, t={3}}`;
    expect(withoutEntries(text, oversizedEntries(text))).toBe('@a{x, t={1}}\n\n@c{z, t={3}}');
  });

  it('cuts a parser message that quotes a broken entry', () => {
    const result = parseBibtex(
      `@article{broken, title = {T}, author = {A and B}, note = ${'{'.repeat(2)}${'q'.repeat(5000)}\n`,
      'broken.bib',
    );
    for (const problem of result.problems) expect(problem.message.length).toBeLessThan(500);
  });
});

describe('format-control characters', () => {
  const ZW = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E', '\u2066', '\u200E'];

  it.each(ZW)('names differing only by %j have the same identity, search and spelling keys', (mark) => {
    expect(identityKey(`Ada${mark} Love${mark}lace`)).toBe(identityKey('Ada Lovelace'));
    expect(searchKey(`Ada${mark} Lovelace`)).toBe(searchKey('Ada Lovelace'));
    expect(spellingKey(`Ada Love${mark}lace`)).toBe(spellingKey('Ada Lovelace'));
  });

  it('makes such names one author, and flags each with file:line', () => {
    const path = tempFiles({
      'zw.jsonl': [
        { title: 'One', authors: ['Ada Lovelace', 'Charles Babbage'] },
        { title: 'Two', authors: ['Ada\u200B Lovelace', 'Charles Babbage'] },
        { title: 'Three', authors: ['Ada Love\u202Elace'] },
      ]
        .map((paper) => JSON.stringify(paper))
        .join('\n'),
    })['zw.jsonl']!;
    const load = loadFiles({ files: [path] });
    expect(load.catalog.authors.map((author) => author.name).sort()).toEqual(['Ada Lovelace', 'Charles Babbage']);
    expect(load.problems).toEqual([
      {
        severity: 'warning',
        file: path,
        line: 2,
        message:
          'author 1\'s name "Ada Lovelace" holds invisible format characters (U+200B); they are ignored when names are compared',
      },
      {
        severity: 'warning',
        file: path,
        line: 3,
        message:
          'author 1\'s name "Ada Lovelace" holds invisible format characters (U+202E); they are ignored when names are compared',
      },
    ]);
  });

  it('limitRecord passes a clean record through untouched', () => {
    const record = {
      id: null,
      title: 'T',
      authors: ['Ada Lovelace'],
      abstract: null,
      year: 2020,
      venue: null,
      url: null,
      source: { file: 'f', line: 1 },
    };
    expect(limitRecord(record)).toEqual({ record, problems: [] });
  });
});
