import { describe, expect, it } from 'vitest';
import { parseJsonPapers } from '../../src/ingest/json-papers.ts';
import type { ParseResult } from '../../src/ingest/records.ts';

const FILE = 'papers.json';
const LINES_FILE = 'papers.jsonl';

function errors(result: ParseResult) {
  return result.problems.filter((problem) => problem.severity === 'error');
}

/** A `.json` array with one record per line, so record N starts on line N + 1. */
function arrayOfLines(records: readonly string[]): string {
  return `[\n${records.join(',\n')}\n]`;
}

const GOOD = '{"title": "Good Paper", "authors": ["Jane Smith"]}';

describe('parseJsonPapers with format "json"', () => {
  it('reads an array of papers with every field, cleaned, and the line where each starts', () => {
    const text = `[
  {
    "id": "paper-1",
    "title": "  Neural   Ordinary Differential Equations ",
    "authors": ["Ricky T. Q. Chen", " Yulia  Rubanova", "David Duvenaud"],
    "year": 2018,
    "venue": "NeurIPS",
    "abstract": "We introduce\\na new family.",
    "url": "https://example.org/node",
    "doi": "10.1/abc"
  },
  { "title": "Second", "authors": ["Jane Smith"] }
]`;
    const result = parseJsonPapers(text, FILE, 'json');
    expect(result.problems).toEqual([]);
    expect(result.papers).toEqual([
      {
        id: 'paper-1',
        title: 'Neural Ordinary Differential Equations',
        authors: ['Ricky T. Q. Chen', 'Yulia Rubanova', 'David Duvenaud'],
        abstract: 'We introduce a new family.',
        year: 2018,
        venue: 'NeurIPS',
        url: 'https://example.org/node',
        doi: null,
        source: { file: FILE, line: 2 },
      },
      {
        id: null,
        title: 'Second',
        authors: ['Jane Smith'],
        abstract: null,
        year: null,
        venue: null,
        url: null,
        doi: null,
        source: { file: FILE, line: 12 },
      },
    ]);
  });

  it('reads an object with a "papers" array', () => {
    const text = `{\n  "source": "export",\n  "papers": [\n    ${GOOD}\n  ]\n}`;
    const result = parseJsonPapers(text, FILE, 'json');
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => [paper.title, paper.source.line])).toEqual([['Good Paper', 4]]);
  });

  it('accepts null for every optional field', () => {
    const record =
      '{"id": null, "title": "T", "authors": ["A B"], "year": null, "venue": null, "abstract": null, "url": null, "doi": null}';
    const result = parseJsonPapers(`[${record}]`, FILE, 'json');
    expect(result.problems).toEqual([]);
    expect(result.papers[0]).toMatchObject({ id: null, year: null, venue: null, abstract: null, url: null });
  });

  it('turns empty or blank optional strings into null', () => {
    const record = '{"id": " ", "title": "T", "authors": ["A B"], "venue": "", "abstract": "  ", "url": ""}';
    const result = parseJsonPapers(`[${record}]`, FILE, 'json');
    expect(result.papers[0]).toMatchObject({ id: null, venue: null, abstract: null, url: null });
  });

  it('uses the DOI as id when there is no id, and the id when there are both', () => {
    const text = arrayOfLines([
      '{"title": "A", "authors": ["X Y"], "doi": "10.1000/xyz"}',
      '{"title": "B", "authors": ["X Y"], "id": null, "doi": "10.1000/abc"}',
      '{"title": "C", "authors": ["X Y"], "id": "c-id", "doi": "10.1000/def"}',
    ]);
    const result = parseJsonPapers(text, FILE, 'json');
    expect(result.papers.map((paper) => paper.id)).toEqual(['10.1000/xyz', '10.1000/abc', 'c-id']);
  });

  it('turns NFD (decomposed) strings into NFC', () => {
    const record = JSON.stringify({
      title: 'Cafe\u0301',
      authors: ['Jo\u0308rn-Henrik Jacobsen'],
      venue: 'E\u0301cole',
    });
    const paper = parseJsonPapers(`[${record}]`, FILE, 'json').papers[0];
    expect(paper?.title).toBe('Caf\u00e9');
    expect(paper?.authors).toEqual(['J\u00f6rn-Henrik Jacobsen']);
    expect(paper?.venue).toBe('\u00c9cole');
  });

  it('ignores a UTF-8 byte order mark and counts CRLF lines', () => {
    const text = `\uFEFF[\r\n${GOOD},\r\n${GOOD}\r\n]`;
    const result = parseJsonPapers(text, FILE, 'json');
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => paper.source.line)).toEqual([2, 3]);
  });

  it.each([
    ['not an object', '"just a string"', 'expected an object, found string "just a string"'],
    ['an array instead of an object', '["Good Paper"]', 'expected an object, found an array'],
    ['a missing title', '{"authors": ["A B"]}', '"title" is missing'],
    ['an empty title', '{"title": "  ", "authors": ["A B"]}', '"title" is empty'],
    ['a non-string title', '{"title": 42, "authors": ["A B"]}', '"title" must be a string, found number 42'],
    ['a null title', '{"title": null, "authors": ["A B"]}', '"title" must be a string, found null'],
    ['missing authors', '{"title": "T"}', '"authors" is missing'],
    [
      'authors as a string',
      '{"title": "T", "authors": "A B, C D"}',
      '"authors" must be an array of names, found string "A B, C D"',
    ],
    ['an empty authors array', '{"title": "T", "authors": []}', '"authors" is empty'],
    [
      'a non-string author',
      '{"title": "T", "authors": ["A B", 7]}',
      '"authors" item 2 must be a string, found number 7',
    ],
    ['a blank author', '{"title": "T", "authors": ["A B", " "]}', '"authors" item 2 is blank'],
    [
      'a year given as a string',
      '{"title": "T", "authors": ["A B"], "year": "2020"}',
      '"year" must be an integer, found string "2020"',
    ],
    [
      'a fractional year',
      '{"title": "T", "authors": ["A B"], "year": 2020.5}',
      '"year" must be an integer, found number 2020.5',
    ],
    [
      'an id of the wrong type',
      '{"id": 12, "title": "T", "authors": ["A B"]}',
      '"id" must be a string, found number 12',
    ],
    [
      'a venue of the wrong type',
      '{"title": "T", "authors": ["A B"], "venue": {"name": "X"}}',
      '"venue" must be a string, found an object',
    ],
    [
      'an abstract of the wrong type',
      '{"title": "T", "authors": ["A B"], "abstract": ["x"]}',
      '"abstract" must be a string, found an array',
    ],
    [
      'a url of the wrong type',
      '{"title": "T", "authors": ["A B"], "url": true}',
      '"url" must be a string, found boolean true',
    ],
    [
      'a doi of the wrong type',
      '{"title": "T", "authors": ["A B"], "doi": 10.1}',
      '"doi" must be a string, found number 10.1',
    ],
  ])('rejects %s, naming record 2 and its line; the neighbours still load', (_case, bad, expected) => {
    const result = parseJsonPapers(arrayOfLines([GOOD, bad, GOOD]), FILE, 'json');
    expect(result.papers.map((paper) => paper.source.line)).toEqual([2, 4]);
    expect(result.problems).toEqual([
      { severity: 'error', file: FILE, line: 3, message: `record 2 not loaded: ${expected}` },
    ]);
  });

  it('names every wrong field of a record in its one problem', () => {
    const result = parseJsonPapers(arrayOfLines(['{"title": "", "authors": "X", "year": "2020"}']), FILE, 'json');
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 2,
        message:
          'record 1 not loaded: "title" is empty; "authors" must be an array of names, found string "X"; ' +
          '"year" must be an integer, found string "2020"',
      },
    ]);
  });

  it('names the line where a multi-line record starts', () => {
    const text = `[\n  ${GOOD},\n  {\n    "title": "T",\n    "authors": []\n  }\n]`;
    const result = parseJsonPapers(text, FILE, 'json');
    expect(errors(result).map((problem) => [problem.line, problem.message])).toEqual([
      [3, 'record 2 not loaded: "authors" is empty'],
    ]);
  });

  it('loads nothing and reports one error with its line on a syntax error', () => {
    const text = `[\n  ${GOOD},\n  {"title": "T" "authors": ["A B"]}\n]`;
    const result = parseJsonPapers(text, FILE, 'json');
    expect(result).toEqual({
      papers: [],
      problems: [{ severity: 'error', file: FILE, line: 3, message: 'invalid JSON, nothing loaded: comma expected' }],
    });
  });

  it('rejects trailing commas and comments as syntax errors', () => {
    const trailing = parseJsonPapers(`[\n  ${GOOD},\n]`, FILE, 'json');
    expect(trailing.papers).toEqual([]);
    expect(trailing.problems).toHaveLength(1);
    expect(trailing.problems[0]).toMatchObject({ severity: 'error', line: 3 });

    const comment = parseJsonPapers(`[\n  // a note\n  ${GOOD}\n]`, FILE, 'json');
    expect(comment.papers).toEqual([]);
    expect(comment.problems).toEqual([
      { severity: 'error', file: FILE, line: 2, message: 'invalid JSON, nothing loaded: invalid comment token' },
    ]);
  });

  it('reports an unterminated array at its end', () => {
    const result = parseJsonPapers(`[\n  ${GOOD}\n`, FILE, 'json');
    expect(result.papers).toEqual([]);
    expect(result.problems).toEqual([
      { severity: 'error', file: FILE, line: 3, message: 'invalid JSON, nothing loaded: close bracket expected' },
    ]);
  });

  it.each([
    ['an object without "papers"', `{"title": "T", "authors": ["A B"]}`, 'an object without "papers"'],
    ['"papers" that is not an array', `{"papers": {"title": "T"}}`, 'an object whose "papers" is not an array'],
    ['a number', '42', 'number 42'],
  ])('rejects a top-level value that holds no paper list: %s', (_case, text, found) => {
    expect(parseJsonPapers(text, FILE, 'json').problems).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 1,
        message: `expected an array of papers or an object with a "papers" array, found ${found}`,
      },
    ]);
  });

  it('returns no papers and one warning for an empty array or an empty file', () => {
    const warning = { severity: 'warning', file: FILE, line: null, message: 'no records found' };
    expect(parseJsonPapers('[]', FILE, 'json')).toEqual({ papers: [], problems: [warning] });
    expect(parseJsonPapers(' \n ', FILE, 'json')).toEqual({ papers: [], problems: [warning] });
  });
});

describe('parseJsonPapers with format "jsonl"', () => {
  it('reads one paper per line, skipping blank lines, with physical line numbers', () => {
    const text = [
      '{"id": "a", "title": "First", "authors": ["Jane Smith", "David Duvenaud"], "year": 2020}',
      '',
      '   ',
      '{"title": "Second", "authors": ["David Duvenaud"], "doi": "10.1/x"}',
    ].join('\n');
    const result = parseJsonPapers(text, LINES_FILE, 'jsonl');
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => [paper.id, paper.title, paper.year, paper.source])).toEqual([
      ['a', 'First', 2020, { file: LINES_FILE, line: 1 }],
      ['10.1/x', 'Second', null, { file: LINES_FILE, line: 4 }],
    ]);
  });

  it('reports a line that is not valid JSON and loads the other lines', () => {
    const text = [GOOD, '{"title": "Broken", "authors": [', GOOD, 'not json at all', GOOD].join('\n');
    const result = parseJsonPapers(text, LINES_FILE, 'jsonl');
    expect(result.papers.map((paper) => paper.source.line)).toEqual([1, 3, 5]);
    expect(errors(result).map((problem) => problem.line)).toEqual([2, 4]);
    for (const problem of errors(result)) {
      expect(problem.file).toBe(LINES_FILE);
      expect(problem.message).toMatch(/^line is not valid JSON, not loaded: /u);
    }
  });

  it('reports a record that breaks the shape with its line, without a record index', () => {
    const text = [GOOD, '{"title": "T", "authors": ["A B"], "year": "2020"}', '[1, 2]'].join('\n');
    const result = parseJsonPapers(text, LINES_FILE, 'jsonl');
    expect(result.papers).toHaveLength(1);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: LINES_FILE,
        line: 2,
        message: 'record not loaded: "year" must be an integer, found string "2020"',
      },
      {
        severity: 'error',
        file: LINES_FILE,
        line: 3,
        message: 'record not loaded: expected an object, found an array',
      },
    ]);
  });

  it('accepts null optional fields and falls back to the DOI for the id', () => {
    const text = '{"id": null, "title": "T", "authors": ["A B"], "year": null, "venue": null, "doi": "10.5/q"}';
    const result = parseJsonPapers(text, LINES_FILE, 'jsonl');
    expect(result.problems).toEqual([]);
    expect(result.papers[0]).toMatchObject({ id: '10.5/q', year: null, venue: null, abstract: null, url: null });
  });

  it('tolerates CRLF line ends, a BOM and a missing final newline', () => {
    const result = parseJsonPapers(`\uFEFF${GOOD}\r\n\r\n${GOOD}`, LINES_FILE, 'jsonl');
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => paper.source.line)).toEqual([1, 3]);
  });

  it('returns no papers and one warning for an empty file', () => {
    expect(parseJsonPapers('\n\n', LINES_FILE, 'jsonl')).toEqual({
      papers: [],
      problems: [{ severity: 'warning', file: LINES_FILE, line: null, message: 'no records found' }],
    });
  });

  it('reads 100k lines', () => {
    const lines = Array.from({ length: 100_000 }, (_, k) =>
      JSON.stringify({
        id: `p${k}`,
        title: `Paper ${k}`,
        authors: [`Author ${k % 500}`, 'David Duvenaud'],
        year: 2000 + (k % 20),
      }),
    );
    const result = parseJsonPapers(lines.join('\n'), LINES_FILE, 'jsonl');
    expect(result.problems).toEqual([]);
    expect(result.papers).toHaveLength(100_000);
    expect(result.papers[99_999]?.source.line).toBe(100_000);
  });
});
