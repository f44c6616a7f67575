/**
 * Inputs the parsers' property tests (`*.property.test.ts`) found breaking a reader, kept as plain
 * examples: each is the shrunk counterexample fast-check printed, or the smallest file that shows it.
 */
import { describe, expect, it } from 'vitest';
import { type ParsedName, blockingKeys, compareNames, parseName } from '../../src/analysis/name-compatibility.ts';
import { parseAliases } from '../../src/ingest/aliases.ts';
import { parseBibtex } from '../../src/ingest/bibtex.ts';
import { parseCslJson } from '../../src/ingest/csl-json.ts';
import { parseDblpXml } from '../../src/ingest/dblp-xml.ts';
import { parseJsonPapers } from '../../src/ingest/json-papers.ts';
import { MAX_JSON_DEPTH } from '../../src/ingest/json-tree.ts';
import { parseOpenAlexJson } from '../../src/ingest/openalex.ts';
import { parsePublicationList } from '../../src/ingest/publication-list.ts';

describe('JSON nested deeper than the parser can recurse', () => {
  // Counterexample [5119, "["]: jsonc-parser overflowed the stack ("Maximum call stack size exceeded").
  const deep = `${'['.repeat(5119)}1${']'.repeat(5119)}`;

  it.each([
    ['papers', () => parseJsonPapers(deep, 'x.json', 'json').problems],
    ['CSL-JSON', () => parseCslJson(deep, 'x.json').problems],
    ['OpenAlex', () => parseOpenAlexJson(deep, 'x.json').problems],
  ])('is refused by the %s reader as one error, not a crash', (_reader, problems) => {
    expect(problems()).toEqual([
      {
        severity: 'error',
        file: 'x.json',
        line: 1,
        message: `invalid JSON, nothing loaded: nested deeper than ${MAX_JSON_DEPTH} levels`,
      },
    ]);
  });

  it('is refused by the alias file reader', () => {
    expect(parseAliases(`{"a": ${deep}}`, 'aliases.json').problems).toEqual([
      {
        severity: 'error',
        file: 'aliases.json',
        line: null,
        message: `alias file is not valid JSON: nested deeper than ${MAX_JSON_DEPTH} levels at offset ${5 + MAX_JSON_DEPTH}`,
      },
    ]);
  });

  it('still reads records nested as deep as allowed', () => {
    const allowed = `[{"title": "T", "authors": ["A B"], "x": ${'['.repeat(MAX_JSON_DEPTH - 2)}${']'.repeat(MAX_JSON_DEPTH - 2)}}]`;
    expect(parseJsonPapers(allowed, 'x.json', 'json').papers).toHaveLength(1);
  });
});

describe('years a paper cannot have', () => {
  it('are reported in papers, not loaded: the API could not serve them', () => {
    // Counterexample [{"title":"A Title of Note","authors":["Ann Lee"],"year":1e+308}]; 1e308 is an integer.
    const result = parseJsonPapers(
      '[{"title":"A Title of Note","authors":["Ann Lee"],"year":1e+308}]',
      'x.json',
      'json',
    );
    expect(result.papers).toEqual([]);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: 'x.json',
        line: 1,
        message: 'record 1 not loaded: "year" must be from 0 to 9999, found number 1e+308',
      },
    ]);
    expect(
      parseJsonPapers('{"title":"T","authors":["A B"],"year":10000000000}', 'x.jsonl', 'jsonl').problems[0]?.message,
    ).toBe('record not loaded: "year" must be from 0 to 9999, found number 10000000000');
  });

  it('are left out of OpenAlex works and DBLP records, which load without them', () => {
    const work = parseOpenAlexJson(
      '[{"title":"T","publication_year":10000000000,"authorships":[{"author":{"display_name":"A B"}}]}]',
      'x.json',
    );
    expect(work.papers.map((paper) => paper.year)).toEqual([null]);
    const dblp = parseDblpXml(
      '<dblp><article key="k"><author>A B</author><title>T</title><year>0x7E4</year></article><article key="e"><author>A B</author><title>E</title><year></year></article></dblp>',
      'x.xml',
    );
    expect(dblp.papers.map((paper) => paper.year)).toEqual([null, null]);
    expect(dblp.problems).toEqual([
      {
        severity: 'warning',
        file: 'x.xml',
        line: 1,
        message: 'record "k" has a year that is not a number from 0 to 9999 ("0x7E4"); it is left out',
      },
    ]);
  });

  it('are not made up from an empty CSL date part', () => {
    const result = parseCslJson(
      '[{"title":"T","author":[{"literal":"A"}],"issued":{"date-parts":[[null]]}}]',
      'x.json',
    );
    expect(result.papers.map((paper) => paper.year)).toEqual([null]);
  });
});

describe('CSL-JSON date parts holding an object', () => {
  it('load the item without a year instead of crashing', () => {
    // Counterexample: Number() of jsonc-parser's prototype-less object threw "Cannot convert object to primitive value".
    const result = parseCslJson(
      '[{"title":"A Title of Note","author":[{"literal":"20200"}],"issued":{"date-parts":[[{}]]}}]',
      'x.json',
    );
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => [paper.title, paper.authors, paper.year])).toEqual([
      ['A Title of Note', ['20200'], null],
    ]);
  });
});

describe('BibTeX with CR line ends', () => {
  it('reads the entry on the line after a % comment', () => {
    // Counterexample: the parser ended the comment only at LF, so the first entry vanished without a report.
    const text =
      '%\r@inproceedings{key0,\n  author = {Ann, Ann},\n  title = {Learning of}\n}\n\n@article{key1,\n  author = {Ann, Ann},\n  title = {Learning of}\n}\n';
    const result = parseBibtex(text, 'x.bib');
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => paper.source.line)).toEqual([2, 7]);
  });
});

describe('DBLP XML that the XML parser cannot follow', () => {
  it('reports the records an XML error hid from the parser', () => {
    // Counterexample (shortened): a stray "&" before the declaration; the parser read the rest as an entity name.
    const text =
      '&<?xml version="1.0" encoding="UTF-8"?>\n<dblp>\n<article key="journals/x/P0" mdate="2020-01-01">\n<author pid="0/0">Ann Ann 0001</author>\n<title>Learning of.</title>\n</article>\n<inproceedings key="journals/x/P1" mdate="2020-01-01">\n<author pid="1/0">Ann Ann 0001</author>\n<title>Learning of.</title>\n</inproceedings>\n</dblp>';
    const result = parseDblpXml(text, 'x.xml');
    expect(result.papers).toEqual([]);
    expect(result.problems).toContainEqual({
      severity: 'error',
      file: 'x.xml',
      line: 1,
      message: '2 record(s) after this line could not be read because of the XML errors reported; not loaded',
    });
  });

  it('reports the records after an unescaped "&"', () => {
    const text =
      '<dblp>\n<article key="a">\n<author>Tom & Jerry</author>\n<title>A.</title>\n</article>\n<article key="b">\n<author>Ann Lee</author>\n<title>B.</title>\n</article>\n</dblp>\n';
    const result = parseDblpXml(text, 'x.xml');
    expect(result.papers).toEqual([]);
    expect(result.problems).toContainEqual({
      severity: 'error',
      file: 'x.xml',
      line: 2,
      message: '1 record(s) after this line could not be read because of the XML errors reported; not loaded',
    });
  });

  it("does not let a record without its end tag take the next record's authors", () => {
    const text =
      '<dblp>\n<article key="a">\n<author>Ann Lee</author>\n<title>A.</title>\n<article key="b">\n<author>Bo Chen</author>\n<title>B.</title>\n</article>\n</dblp>\n';
    const result = parseDblpXml(text, 'x.xml');
    expect(result.papers.map((paper) => [paper.id, paper.authors])).toEqual([['b', ['Bo Chen']]]);
    expect(result.problems[0]).toEqual({
      severity: 'error',
      file: 'x.xml',
      line: 2,
      message: 'record "a" not loaded: it has no end tag </article> before the next record (line 5)',
    });
  });
});

describe('the alias file', () => {
  it('reports a cycle on the first line of a mapping written twice', () => {
    // Counterexample: the cycle was reported on line 5 (the repeat), and line 3 was neither used nor reported.
    const text =
      '{\n  "Bo Chen": "Jon Lorraine",\n  "J. Lorraine": "Bo Chen",\n  "Jon Lorraine": "J. Lorraine",\n  "J. Lorraine": "Bo Chen"\n}';
    expect(
      parseAliases(text, 'aliases.json')
        .problems.map((problem) => problem.line)
        .sort(),
    ).toEqual([2, 3, 4]);
  });
});

describe('names without Latin letters', () => {
  it('are not "transliterations" of each other', () => {
    // Counterexample ["W. Иван", "Wang 王"]: both surnames transliterate to "", which matched.
    expect(compareNames('W. Иван', 'Wang 王')).toBeNull();
    expect(compareNames('Иван Петров', 'Олег Сидоров')).toBeNull();
    expect(compareNames('И. Петров', 'Иван Петров')?.score).toBe(0.6);
  });

  it('are filed under a shared blocking key when compatible, however short the surname', () => {
    // Counterexamples ["W. Иван", "Wang 王"] (before) and ["Jon H.", "J.-H."]: compatible names with no
    // key in common, so duplicate candidates would never have compared them.
    for (const [a, b] of [
      ['И. Петров', 'Иван Петров'],
      ['王 李', '李 王'],
      ['Jon H.', 'J.-H.'],
    ] as const) {
      expect(compareNames(a, b)).not.toBeNull();
      const keys = new Set(blockingKeys(parseName(a) as ParsedName));
      expect(blockingKeys(parseName(b) as ParsedName).some((key) => keys.has(key))).toBe(true);
    }
  });
});

describe('a damaged publication list', () => {
  it('whose only byline is its last line reads as page noise and says which lines it skipped', () => {
    // Counterexample of the "edit inside one line" property: "a," made the first byline a title
    // ("a" is an English word), so the last line is the owner's; nothing is loaded and the warning
    // names all five lines before it (the format's documented ambiguity, not a silent drop).
    const text = 'Learning of\na,Ann, Ann\n\nWe show the rest.  \nLearning of\nAnn, T. Q.';
    expect(parsePublicationList(text, 'x.txt')).toEqual({
      papers: [],
      problems: [
        {
          severity: 'warning',
          file: 'x.txt',
          line: 1,
          message: 'no records found; skipped 5 header lines (profile owner: T. Q. Ann)',
        },
      ],
    });
  });
});
