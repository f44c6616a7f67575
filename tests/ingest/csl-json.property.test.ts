import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCslJson } from '../../src/ingest/csl-json.ts';
import {
  PROPERTY_TIMEOUT,
  anyText,
  check,
  essentials,
  expectJsonArrayAccounted,
  expectWellFormed,
  generatedPaper,
  mutated,
  nameWord,
  type GeneratedPaper,
} from '../helpers/properties.ts';

const FILE = 'library.csl.json';
const fixtures = ['../fixtures/formats/pitfalls.csl.json', '../fixtures/three-papers/papers.csl.json'].map((path) =>
  readFileSync(new URL(path, import.meta.url), 'utf8'),
);
const itemsOf = (parsed: unknown) => (Array.isArray(parsed) ? parsed : (parsed as { items?: unknown } | null)?.items);

/** CSL items, one per line: item N starts on line N + 1. Names are split at their last space. */
function cslText(papers: readonly GeneratedPaper[], dates: readonly number[]): string {
  const items = papers.map((paper, k) => {
    const author = paper.authors.map((name) => ({
      given: name.slice(0, name.lastIndexOf(' ')),
      family: name.slice(name.lastIndexOf(' ') + 1),
    }));
    const issued =
      paper.year === null
        ? undefined
        : [
            { 'date-parts': [[paper.year, 3]] },
            { 'date-parts': [[String(paper.year)]] },
            { raw: `${paper.year}-03-01` },
            { literal: `Spring ${paper.year}` },
          ][(dates[k] ?? 0) % 4];
    return JSON.stringify({
      type: 'article-journal',
      title: paper.title,
      author,
      ...(issued === undefined ? {} : { issued }),
    });
  });
  return `[\n${items.join(',\n')}\n]`;
}

const generated = fc.tuple(
  fc.array(generatedPaper, { minLength: 1, maxLength: 8 }),
  fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
);

const odd = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(1e308, -1, 2 ** 53, '', '   ', '20200', 'x'));
/** A CSL item whose fields are sometimes right and sometimes of another type, empty or absent. */
const flippedItem = fc.record(
  {
    type: fc.oneof(fc.constant('article'), odd),
    title: fc.oneof(fc.constant('A Title of Note'), odd),
    author: fc.oneof(
      fc.array(
        fc.oneof(
          fc.record({ given: nameWord, family: nameWord }),
          fc.record({ literal: odd }),
          fc.record({ family: odd, given: odd }, { requiredKeys: [] }),
          odd,
        ),
        { maxLength: 3 },
      ),
      odd,
    ),
    editor: fc.oneof(fc.array(fc.record({ family: nameWord }), { maxLength: 2 }), odd),
    issued: fc.oneof(
      fc.record({
        'date-parts': fc.oneof(fc.constant([[2020]]), fc.array(fc.array(odd, { maxLength: 2 }), { maxLength: 2 }), odd),
      }),
      fc.record({ raw: odd }),
      odd,
    ),
    'container-title': fc.oneof(fc.constant('Journal'), fc.array(odd, { maxLength: 2 }), odd),
    DOI: fc.oneof(fc.constant('10.5555/x'), odd),
  },
  { requiredKeys: [] },
);

describe('parseCslJson under random and damaged input', () => {
  it(
    'never throws on any text, and every line it names is in the file',
    () => {
      check(
        fc.property(anyText(), (text) => {
          expectWellFormed(parseCslJson(text, FILE), FILE, text);
        }),
        500,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads generated items back unchanged (year from date-parts, raw or literal), each with its line',
    () => {
      check(
        fc.property(generated, ([papers, dates]) => {
          const result = parseCslJson(cslText(papers, dates), FILE);
          expect(result.problems).toEqual([]);
          expect(essentials(result)).toEqual(papers);
          expect(result.papers.map((paper) => paper.source.line)).toEqual(papers.map((_paper, k) => k + 2));
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "gives every item of a valid array exactly one paper or one problem, on the item's line",
    () => {
      check(
        fc.property(fc.array(flippedItem, { maxLength: 8 }), (items) => {
          const text = `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
          const result = parseCslJson(text, FILE);
          expectWellFormed(result, FILE, text);
          expectJsonArrayAccounted(text, result, itemsOf);
          const lines = [
            ...result.papers.map((paper) => paper.source.line),
            ...result.problems.map((problem) => problem.line),
          ];
          expect(lines.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(items.map((_item, k) => k + 2));
          // A year is read from the item's own digits, never made up (null or "" is no year 0).
          for (const paper of result.papers) {
            if (paper.year !== null)
              expect(JSON.stringify(items[paper.source.line - 2]?.issued)).toContain(String(paper.year));
          }
        }),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'on damaged text (generated and fixture files): a syntax error loads nothing; otherwise every item is loaded or reported',
    () => {
      const texts = fc.oneof(
        mutated(generated.map(([papers, dates]) => cslText(papers, dates))),
        mutated(fc.constantFrom(...fixtures)),
      );
      check(
        fc.property(texts, (text) => {
          const result = parseCslJson(text, FILE);
          expectWellFormed(result, FILE, text);
          expectJsonArrayAccounted(text, result, itemsOf);
        }),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
