import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePublicationList } from '../../src/ingest/publication-list.ts';
import { formatProblem } from '../../src/ingest/records.ts';
import type { ParseResult } from '../../src/ingest/records.ts';

const SEED = 'data/duvenaud-publications.txt';
const FILE = 'list.txt';
const HEADER = ['Not enough data to create a plot.', 'Try a different view from the menu above.', 'Duvenaud, David'];

function parse(lines: readonly string[], eol = '\n'): ParseResult {
  return parsePublicationList(lines.join(eol), FILE);
}

function errors(result: ParseResult) {
  return result.problems.filter((problem) => problem.severity === 'error');
}

describe('parsePublicationList on the real seed file', () => {
  const result = parsePublicationList(readFileSync(new URL(`../../${SEED}`, import.meta.url), 'utf8'), SEED);

  it('reads exactly the 10 papers, titles in file order', () => {
    expect(result.papers.map((paper) => paper.title)).toEqual([
      'On Implicit Bias in Overparameterized Bilevel Optimization',
      'Infinitely Deep Bayesian Neural Networks with Stochastic Differential Equations',
      'Learning Differential Equations that are Easy to Solve',
      'No MCMC for me: Amortized sampling for fast and stable training of energy-based models',
      'A Study of Gradient Variance in Deep Learning',
      'Efficient Graph Generation with Graph Recurrent Attention Networks',
      'Latent ODEs for Irregularly-Sampled Time Series',
      'Residual Flows for Invertible Generative Modeling',
      'Self-Tuning Networks: Bilevel Optimization of Hyperparameters using Structured Best-Response Functions',
      'Invertible Residual Networks',
    ]);
  });

  it('turns the first byline into its 5 authors as "First Last", in order', () => {
    expect(result.papers[0]?.authors).toEqual([
      'Paul Vicol',
      'Jonathan Lorraine',
      'Fabian Pedregosa',
      'David Duvenaud',
      'Roger Grosse',
    ]);
  });

  it('keeps initials and hyphenated first names, NFC-normalized', () => {
    const names = result.papers.flatMap((paper) => paper.authors);
    expect(names).toContain('Ricky T. Q. Chen');
    expect(names).toContain('Jörn-Henrik Jacobsen');
    expect(names).toContain('Matthew James Johnson');
    for (const name of names) expect(name).toBe(name.normalize('NFC'));
  });

  it('keeps "Jon Lorraine" and "Jonathan Lorraine" as written (merging happens elsewhere)', () => {
    const names = result.papers.flatMap((paper) => paper.authors);
    expect(names).toContain('Jon Lorraine');
    expect(names).toContain('Jonathan Lorraine');
  });

  it('reports the skipped header as one warning naming the owner, and no errors', () => {
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        file: SEED,
        line: 1,
        message: 'skipped 3 header lines (profile owner: David Duvenaud)',
      },
    ]);
  });

  it('gives every paper its abstract, its title line and null id/year/venue/url', () => {
    expect(result.papers.map((paper) => paper.source.line)).toEqual([4, 7, 10, 13, 16, 19, 22, 25, 28, 31]);
    for (const paper of result.papers) {
      expect(paper.source.file).toBe(SEED);
      expect(paper.abstract?.length).toBeGreaterThan(100);
      expect([paper.id, paper.year, paper.venue, paper.url]).toEqual([null, null, null, null]);
    }
    expect(result.papers[9]?.abstract?.startsWith('Reversible deep networks')).toBe(true);
  });
});

describe('parsePublicationList record structure', () => {
  const twoRecords = [
    ...HEADER,
    'First Paper',
    'Smith, Jane, Duvenaud, David',
    'Abstract one.',
    'Second Paper',
    'Duvenaud, David',
    'Abstract two.',
  ];

  it('reads title, byline and abstract of each record', () => {
    const result = parse(twoRecords);
    expect(result.papers).toEqual([
      {
        id: null,
        title: 'First Paper',
        authors: ['Jane Smith', 'David Duvenaud'],
        abstract: 'Abstract one.',
        year: null,
        venue: null,
        url: null,
        source: { file: FILE, line: 4 },
      },
      {
        id: null,
        title: 'Second Paper',
        authors: ['David Duvenaud'],
        abstract: 'Abstract two.',
        year: null,
        venue: null,
        url: null,
        source: { file: FILE, line: 7 },
      },
    ]);
    expect(errors(result)).toEqual([]);
  });

  it('reads a file without a header: no owner line, no warning', () => {
    const result = parse(twoRecords.slice(3));
    expect(result.papers.map((paper) => paper.source.line)).toEqual([1, 4]);
    expect(result.problems).toEqual([]);
  });

  it('treats a lone owner line as a one-line header', () => {
    const result = parse(twoRecords.slice(2));
    expect(result.papers).toHaveLength(2);
    expect(result.problems).toEqual([
      { severity: 'warning', file: FILE, line: 1, message: 'skipped 1 header line (profile owner: David Duvenaud)' },
    ]);
  });

  it('looks for the owner only before the first author line: later records are never a header', () => {
    const lines = ['Paper A', 'Smith, Jane', 'Paper B', 'Duvenaud, David', 'Paper C', 'Doe, John, Duvenaud, David'];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.authors])).toEqual([
      ['Paper A', ['Jane Smith']],
      ['Paper B', ['David Duvenaud']],
      ['Paper C', ['John Doe', 'David Duvenaud']],
    ]);
    expect(result.problems).toEqual([]);
  });

  it('reads CRLF line ends like LF, with the same line numbers', () => {
    const crlf = parse(twoRecords, '\r\n');
    expect(crlf).toEqual(parse(twoRecords));
    expect(crlf.papers[1]?.abstract).toBe('Abstract two.');
  });

  it('ignores a UTF-8 byte order mark', () => {
    const result = parsePublicationList(`\uFEFF${twoRecords.join('\n')}`, FILE);
    expect(result).toEqual(parse(twoRecords));
  });

  it('drops trailing spaces and folds inner whitespace', () => {
    const lines = [
      ...HEADER.map((line) => `${line}  `),
      'First   Paper \t',
      'Smith,  Jane ,Duvenaud, David   ',
      ' Abstract\tone. ',
    ];
    const result = parse(lines);
    expect(result.papers[0]).toMatchObject({
      title: 'First Paper',
      authors: ['Jane Smith', 'David Duvenaud'],
      abstract: 'Abstract one.',
    });
    expect(result.problems).toHaveLength(1);
  });

  it('ignores blank lines between and inside records and keeps physical line numbers', () => {
    const lines = [
      '',
      ...HEADER,
      '',
      'First Paper',
      '   ',
      'Smith, Jane, Duvenaud, David',
      '',
      'Abstract one.',
      '',
      '',
      'Second Paper',
      'Duvenaud, David',
      '',
      'Abstract two.',
      '',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.source.line, paper.abstract])).toEqual([
      ['First Paper', 6, 'Abstract one.'],
      ['Second Paper', 13, 'Abstract two.'],
    ]);
    expect(result.problems).toEqual([
      { severity: 'warning', file: FILE, line: 2, message: 'skipped 3 header lines (profile owner: David Duvenaud)' },
    ]);
  });

  it('reads a record without abstract in the middle: abstract null, next record intact', () => {
    const lines = [
      ...HEADER,
      'First Paper',
      'Duvenaud, David',
      'Second Paper',
      'Smith, Jane, Duvenaud, David',
      'Abstract two.',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.abstract, paper.source.line])).toEqual([
      ['First Paper', null, 4],
      ['Second Paper', 'Abstract two.', 6],
    ]);
    expect(errors(result)).toEqual([]);
  });

  it('reads a record without abstract at the end of the file', () => {
    const lines = [
      ...HEADER,
      'First Paper',
      'Duvenaud, David',
      'Abstract one.',
      'Last Paper',
      'Smith, Jane, Duvenaud, David',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.abstract])).toEqual([
      ['First Paper', 'Abstract one.'],
      ['Last Paper', null],
    ]);
    expect(errors(result)).toEqual([]);
  });

  it('reads several records in a row without abstracts', () => {
    const lines = [...HEADER, 'Paper A', 'Duvenaud, David', 'Paper B', 'Duvenaud, David', 'Paper C', 'Duvenaud, David'];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.abstract])).toEqual([
      ['Paper A', null],
      ['Paper B', null],
      ['Paper C', null],
    ]);
  });

  it('keeps a title containing commas and function words as a title', () => {
    const lines = [...HEADER, 'Learning, Fast and Slow', 'Smith, Jane, Duvenaud, David', 'Abstract, with commas.'];
    const result = parse(lines);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]).toMatchObject({
      title: 'Learning, Fast and Slow',
      authors: ['Jane Smith', 'David Duvenaud'],
      abstract: 'Abstract, with commas.',
    });
  });

  it('reads a title that looks like names when an author line follows it directly', () => {
    const lines = [
      ...HEADER,
      'First Paper',
      'Duvenaud, David',
      'Abstract one.',
      'Attention, Please',
      'Smith, Jane, Duvenaud, David',
      'Abstract two.',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.abstract])).toEqual([
      ['First Paper', 'Abstract one.'],
      ['Attention, Please', 'Abstract two.'],
    ]);
    expect(result.papers[1]?.authors).toEqual(['Jane Smith', 'David Duvenaud']);
  });

  it('accepts name particles, apostrophes, hyphens and non-Latin scripts', () => {
    const lines = [
      'Some Paper',
      "van der Wilk, Mark, O'Brien, Seán, Müller, Klaus-Robert, Kaiser, Łukasz, 李, 飞飞",
      'Abstract.',
    ];
    const result = parse(lines);
    expect(result.papers[0]?.authors).toEqual([
      'Mark van der Wilk',
      "Seán O'Brien",
      'Klaus-Robert Müller',
      'Łukasz Kaiser',
      '飞飞 李',
    ]);
  });

  it('does not take a line with digits or long comma phrases for a byline', () => {
    const lines = [
      'Some Paper',
      'Duvenaud, David',
      'Results on CIFAR, 10 classes, and more',
      'Next Paper',
      'Duvenaud, David',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.abstract])).toEqual([
      ['Some Paper', 'Results on CIFAR, 10 classes, and more'],
      ['Next Paper', null],
    ]);
  });

  it('turns NFD (decomposed) input into NFC text', () => {
    const lines = [
      ...HEADER,
      'Caf\u0065\u0301 Networks',
      'Jacobsen, J\u006f\u0308rn-Henrik, Duvenaud, David',
      'Na\u0131\u0308ve abstract e\u0301.',
    ];
    const result = parse(lines);
    const paper = result.papers[0];
    expect(paper?.title).toBe('Café Networks');
    expect(paper?.title).toBe(paper?.title.normalize('NFC'));
    expect(paper?.authors[0]).toBe('J\u00f6rn-Henrik Jacobsen');
    expect(paper?.abstract).toBe(paper?.abstract?.normalize('NFC'));
    expect(paper?.abstract).toContain('\u00e9');
  });
});

describe('parsePublicationList problems', () => {
  it('rejects a byline with an odd number of name parts, naming its line; neighbours still load', () => {
    const lines = [
      ...HEADER,
      'Good Paper One',
      'Smith, Jane, Duvenaud, David',
      'Abstract one.',
      'Broken Paper',
      'Smith, Jane, Duvenaud',
      'Abstract of the broken paper.',
      'Good Paper Two',
      'Duvenaud, David',
      'Abstract two.',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => paper.title)).toEqual(['Good Paper One', 'Good Paper Two']);
    expect(errors(result)).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 8,
        message:
          'record "Broken Paper" not loaded: author line has 3 comma-separated name parts, an odd number; ' +
          'expected "Last, First" pairs',
      },
    ]);
  });

  it('rejects a byline with an empty name part (",,")', () => {
    const lines = [
      'Good Paper',
      'Duvenaud, David',
      'Abstract.',
      'Broken Paper',
      'Smith, , Jane, Duvenaud, David',
      'Abstract.',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => paper.title)).toEqual(['Good Paper']);
    expect(errors(result)).toHaveLength(1);
    expect(errors(result)[0]).toMatchObject({ line: 5 });
    expect(errors(result)[0]?.message).toContain('empty name part (part 2 of 5)');
  });

  it('rejects a byline with a trailing comma as an empty name part', () => {
    const result = parse(['Broken Paper', 'Smith, Jane, Duvenaud, David,', 'Abstract.']);
    expect(result.papers).toEqual([]);
    expect(errors(result).map((problem) => [problem.line, problem.message])).toEqual([
      [
        2,
        'record "Broken Paper" not loaded: author line has an empty name part (part 5 of 5); expected "Last, First" pairs',
      ],
    ]);
  });

  it('reports a title not followed by an author line, and loads the records around it', () => {
    const lines = [
      'Good Paper One',
      'Duvenaud, David',
      'Abstract one.',
      'Title Without Byline',
      'Its abstract.',
      'Good Paper Two',
      'Duvenaud, David',
      'Abstract two.',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => paper.title)).toEqual(['Good Paper One', 'Good Paper Two']);
    expect(errors(result)).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 4,
        message:
          '2 lines (4–5) are not part of any record: expected a title followed by an author line ' +
          '("Last, First, Last, First, ..."); first is "Title Without Byline"',
      },
    ]);
  });

  it('reports a title at the end of the file without an author line', () => {
    const result = parse(['Good Paper', 'Duvenaud, David', 'Abstract.', 'Dangling Title']);
    expect(result.papers).toHaveLength(1);
    expect(errors(result).map((problem) => problem.line)).toEqual([4]);
    expect(errors(result)[0]?.message).toContain('found "Dangling Title"');
  });

  it('reports a second abstract line as belonging to no record', () => {
    const lines = [
      'Good Paper',
      'Duvenaud, David',
      'Abstract one.',
      'A second abstract line.',
      'Next Paper',
      'Duvenaud, David',
    ];
    const result = parse(lines);
    expect(result.papers.map((paper) => [paper.title, paper.abstract])).toEqual([
      ['Good Paper', 'Abstract one.'],
      ['Next Paper', null],
    ]);
    expect(errors(result)).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 4,
        message:
          'line is not part of any record: expected a title followed by an author line ' +
          '("Last, First, Last, First, ..."); found "A second abstract line."',
      },
    ]);
  });

  it('reports header noise without an owner line as lines outside any record', () => {
    const lines = ['Not enough data to create a plot.', 'Good Paper', 'Duvenaud, David', 'Abstract.'];
    const result = parse(lines);
    expect(result.papers.map((paper) => paper.title)).toEqual(['Good Paper']);
    expect(errors(result).map((problem) => problem.line)).toEqual([1]);
  });

  it('shortens long lines quoted in messages', () => {
    const long = `${'word '.repeat(40)}end`;
    const result = parse(['Good Paper', 'Duvenaud, David', 'Abstract.', long]);
    const message = errors(result)[0]?.message ?? '';
    expect(message).toContain('…');
    expect(message.length).toBeLessThan(200);
  });

  it('formats problems as file:line: severity: message', () => {
    const result = parse(['Broken Paper', 'Smith, Jane, Duvenaud', 'Abstract.']);
    const problem = errors(result)[0];
    expect(problem && formatProblem(problem)).toMatch(/^list\.txt:2: error: record "Broken Paper" not loaded/u);
  });
});

describe('parsePublicationList on files without records', () => {
  it('returns no papers and one header warning for a header-only file', () => {
    const result = parse(HEADER);
    expect(result.papers).toEqual([]);
    expect(result.problems).toEqual([
      {
        severity: 'warning',
        file: FILE,
        line: 1,
        message: 'no records found; skipped 3 header lines (profile owner: David Duvenaud)',
      },
    ]);
  });

  it('returns no papers and one warning for an empty file', () => {
    expect(parsePublicationList('', FILE)).toEqual({
      papers: [],
      problems: [{ severity: 'warning', file: FILE, line: null, message: 'no records found' }],
    });
  });

  it('treats a whitespace-only file (with BOM and CRLF) as empty', () => {
    expect(parsePublicationList('\uFEFF  \r\n\t\r\n   ', FILE)).toEqual(parsePublicationList('', FILE));
  });
});
