import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBibtex } from '../../src/ingest/bibtex.ts';
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

const FILE = 'library.bib';
const fixtures = ['../fixtures/formats/pitfalls.bib', '../fixtures/three-papers/papers.bib'].map((path) =>
  readFileSync(new URL(path, import.meta.url), 'utf8'),
);

/** "First Last" as BibTeX's "Last, First" or "First Last", in turn. */
function bibName(name: string, k: number): string {
  const cut = name.lastIndexOf(' ');
  return k % 2 === 0 ? `${name.slice(cut + 1)}, ${name.slice(0, cut)}` : name;
}

/** Entries separated by a blank line; each entry is six lines long or five without a year. */
function bibText(papers: readonly GeneratedPaper[]): { text: string; lines: number[] } {
  const lines: number[] = [];
  let line = 1;
  const entries = papers.map((paper, k) => {
    lines.push(line);
    const fields = [
      `  author = {${paper.authors.map(bibName).join(' and ')}}`,
      `  title = {${paper.title}}`,
      ...(paper.year === null ? [] : [`  year = ${k % 2 === 0 ? paper.year : `{${paper.year}}`}`]),
    ];
    const entry = `@${k % 3 === 0 ? 'inproceedings' : 'article'}{key${k},\n${fields.join(',\n')}\n}`;
    line += entry.split('\n').length + 1;
    return entry;
  });
  return { text: `${entries.join('\n\n')}\n`, lines };
}

const papers = fc.array(generatedPaper, { minLength: 1, maxLength: 8 });

/**
 * Entries in the text that the reader must account for: `@type{` or `@type(`, not @string, @preamble
 * or @comment, and not after a `%` on its line (commented out, as biber and the parser read it).
 */
function entryCount(text: string): number {
  const uncommented = text
    .split(/\r\n|\r|\n/u)
    .map((line) => line.replace(/(?<!\\)%.*$/u, ''))
    .join('\n');
  return [...uncommented.matchAll(/@\s*(\w+)\s*[{(]/gu)].filter(
    (match) => !/^(?:string|preamble|comment)$/iu.test(match[1] ?? ''),
  ).length;
}

describe('parseBibtex under random and damaged input', () => {
  it(
    'never throws on any text, and every line it names is in the file',
    () => {
      check(
        fc.property(
          fc.oneof(
            anyText(),
            anyText().map((text) => `@article{k,\n title = {${text}},\n author = {${text}}}`),
          ),
          (text) => {
            expectWellFormed(parseBibtex(text, FILE), FILE, text);
          },
        ),
        200,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads generated entries back unchanged, each with the line it starts on',
    () => {
      check(
        fc.property(papers, (generated) => {
          const { text, lines } = bibText(generated);
          const result = parseBibtex(text, FILE);
          expect(result.problems).toEqual([]);
          expect(essentials(result)).toEqual(generated);
          expect(result.papers.map((paper) => paper.source.line)).toEqual(lines);
        }),
        50,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'on damaged text (generated and fixture files), loads or reports at least as many entries as the text holds',
    () => {
      const texts = fc.oneof(
        mutated(papers.map((generated) => bibText(generated).text)),
        mutated(fc.constantFrom(...fixtures)),
      );
      check(
        fc.property(texts, (text) => {
          const result = parseBibtex(text, FILE);
          expectWellFormed(result, FILE, text);
          expect(result.papers.length + result.problems.length).toBeGreaterThanOrEqual(entryCount(text));
        }),
        200,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'survives deep brace nesting',
    () => {
      check(
        fc.property(fc.integer({ min: 1, max: 1500 }), (depth) => {
          const text = `@article{k, author = {Lee, Ann}, title = ${'{'.repeat(depth)}T${'}'.repeat(depth)}}\n`;
          expectWellFormed(parseBibtex(text, FILE), FILE, text);
        }),
        3,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
