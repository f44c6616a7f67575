import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDblpXml, parseDblpXmlChunks } from '../../src/ingest/dblp-xml.ts';
import type { ParseResult } from '../../src/ingest/records.ts';
import {
  PROPERTY_TIMEOUT,
  anyText,
  check,
  essentials,
  expectWellFormed,
  generatedPaper,
  mutated,
  type GeneratedPaper,
} from '../helpers/properties.ts';

const FILE = 'dblp.xml';
const fixtures = ['../fixtures/formats/dblp-slice.xml', '../fixtures/three-papers/dblp-person.xml'].map((path) =>
  readFileSync(new URL(path, import.meta.url), 'latin1'),
);

const escape = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');

/** A dblp.xml slice, one record after another; record k starts on the line returned for it. */
function dblpText(papers: readonly GeneratedPaper[]): { text: string; lines: number[] } {
  const lines: number[] = [];
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<dblp>'];
  papers.forEach((paper, k) => {
    lines.push(out.length + 1);
    out.push(`<${k % 2 === 0 ? 'article' : 'inproceedings'} key="journals/x/P${k}" mdate="2020-01-01">`);
    paper.authors.forEach((name, j) =>
      out.push(
        j % 2 === 0
          ? `<author pid="${k}/${j}">${escape(name)} 000${j + 1}</author>`
          : `<author>${escape(name)}</author>`,
      ),
    );
    out.push(`<title>${escape(paper.title)}.</title>`);
    if (paper.year !== null) out.push(`<year>${paper.year}</year>`);
    out.push(`</${k % 2 === 0 ? 'article' : 'inproceedings'}>`);
  });
  out.push('</dblp>');
  return { text: out.join('\n'), lines };
}

const papers = fc.array(generatedPaper, { minLength: 1, maxLength: 8 });

/** Record elements written in the text (person pages, `www`, are not papers). */
function recordCount(text: string): number {
  return [
    ...text.matchAll(/<(?:article|inproceedings|incollection|book|phdthesis|mastersthesis|proceedings|data)[\s>/]/gu),
  ].length;
}

/** Papers loaded, plus records reported: each error, and every record counted in the "without authors" warning. */
function accounted(result: ParseResult): number {
  const withoutAuthors = result.problems.reduce(
    (sum, problem) => sum + Number(/^(\d+) record\(s\) without authors/u.exec(problem.message)?.[1] ?? 0),
    0,
  );
  const moreErrors = result.problems.reduce(
    (sum, problem) => sum + Number(/^(\d+) more XML errors/u.exec(problem.message)?.[1] ?? 0),
    0,
  );
  const unread = result.problems.reduce(
    (sum, problem) =>
      sum + Number(/^(\d+) record\(s\) after this line could not be read/u.exec(problem.message)?.[1] ?? 0),
    0,
  );
  return (
    result.papers.length +
    result.problems.filter((problem) => problem.severity === 'error').length +
    withoutAuthors +
    moreErrors +
    unread
  );
}

describe('parseDblpXml under random and damaged input', () => {
  it(
    'never throws on any text, and every line it names is in the file',
    () => {
      check(
        fc.property(
          fc.oneof(
            anyText(),
            anyText().map(
              (text) => `<dblp><article key="k"><author>${text}</author><title>${text}</title></article></dblp>`,
            ),
          ),
          (text) => {
            expectWellFormed(parseDblpXml(text, FILE), FILE, text);
          },
        ),
        500,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads generated records back unchanged (homonym numbers and closing period dropped), each with its line',
    () => {
      check(
        fc.property(papers, (generated) => {
          const { text, lines } = dblpText(generated);
          const result = parseDblpXml(text, FILE);
          expect(result.problems).toEqual([]);
          expect(essentials(result)).toEqual(generated);
          expect(result.papers.map((paper) => paper.source.line)).toEqual(lines);
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT,
  );

  // The line of an XML error is where the XML parser noticed it, which for text outside the root
  // element can depend on where a piece ends; papers and problems are otherwise the same.
  it(
    'gives the same papers and problems however the text is cut into pieces',
    () => {
      const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
      check(
        fc.property(
          fc.oneof(
            papers.map((generated) => dblpText(generated).text),
            mutated(fc.constantFrom(...fixtures)),
          ),
          cuts,
          (text, fractions) => {
            const at = [...new Set(fractions.map((fraction) => Math.floor(fraction * text.length)))].sort(
              (a, b) => a - b,
            );
            const pieces = [0, ...at].map((start, k) => text.slice(start, at[k] ?? text.length));
            const whole = parseDblpXml(text, FILE);
            const cut = parseDblpXmlChunks(pieces, FILE);
            expect(cut.papers).toEqual(whole.papers);
            // Nor is the order of two XML errors found in one piece (counterexample ["ö\u0000", [0.5]]).
            const withoutXmlLines = (result: ParseResult) =>
              result.problems
                .map((problem) => ({ ...problem, line: problem.message.startsWith('XML error') ? null : problem.line }))
                .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
            expect(withoutXmlLines(cut)).toEqual(withoutXmlLines(whole));
          },
        ),
        200,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'on damaged text (generated and fixture files), loads or reports at least as many records as the text holds',
    () => {
      const texts = fc.oneof(
        mutated(papers.map((generated) => dblpText(generated).text)),
        mutated(fc.constantFrom(...fixtures)),
      );
      check(
        fc.property(texts, (text) => {
          const result = parseDblpXml(text, FILE);
          expectWellFormed(result, FILE, text);
          expect(accounted(result)).toBeGreaterThanOrEqual(recordCount(text));
        }),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'survives deep element nesting',
    () => {
      check(
        fc.property(fc.integer({ min: 1, max: 5000 }), (depth) => {
          const text = `<dblp>${'<i>'.repeat(depth)}${'</i>'.repeat(depth)}<article key="k"><author>A B</author><title>T</title></article></dblp>`;
          const result = parseDblpXml(text, FILE);
          expectWellFormed(result, FILE, text);
          expect(result.papers).toHaveLength(1);
        }),
        5,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
