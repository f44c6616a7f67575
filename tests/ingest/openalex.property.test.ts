import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonPapers } from '../../src/ingest/json-papers.ts';
import { parseOpenAlexJson } from '../../src/ingest/openalex.ts';
import {
  PROPERTY_TIMEOUT,
  anyText,
  check,
  essentials,
  expectJsonArrayAccounted,
  expectWellFormed,
  generatedPaper,
  mutated,
  personName,
  type GeneratedPaper,
} from '../helpers/properties.ts';

const FILE = 'works.json';
const LINES = 'works.jsonl';
const page = readFileSync(new URL('../fixtures/three-papers/openalex.json', import.meta.url), 'utf8');
const worksLines = readFileSync(new URL('../fixtures/formats/openalex-works.jsonl', import.meta.url), 'utf8');
const resultsOf = (parsed: unknown) =>
  Array.isArray(parsed) ? parsed : (parsed as { results?: unknown } | null)?.results;

interface Work {
  readonly paper: GeneratedPaper;
  readonly ids: readonly number[];
  readonly orcids: readonly (string | null)[];
}

const orcid = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom('0', '7', 'X'))
  .map(([a, b, check]) => `0000-000${a % 10}-${String(a).padStart(4, '0')}-${String(b).padStart(3, '0')}${check}`);
const work: fc.Arbitrary<Work> = generatedPaper.chain((paper) =>
  fc.record({
    paper: fc.constant(paper),
    ids: fc.array(fc.integer({ min: 1, max: 2 ** 40 }), {
      minLength: paper.authors.length,
      maxLength: paper.authors.length,
    }),
    orcids: fc.array(fc.option(orcid, { nil: null }), {
      minLength: paper.authors.length,
      maxLength: paper.authors.length,
    }),
  }),
);

function workJson({ paper, ids, orcids }: Work): string {
  return JSON.stringify({
    id: 'https://openalex.org/W1',
    title: paper.title,
    publication_year: paper.year,
    authorships: paper.authors.map((name, k) => ({
      author: {
        id: `https://openalex.org/A${ids[k]}`,
        display_name: name,
        orcid: orcids[k] === null ? null : `https://orcid.org/${orcids[k]}`,
      },
    })),
  });
}

const works = fc.array(work, { minLength: 1, maxLength: 8 });
const pageText = (list: readonly Work[]) =>
  `{"meta": {"count": ${list.length}},\n"results": [\n${list.map(workJson).join(',\n')}\n]}`;

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1e308, -1, 2 ** 53, '', '  ', 'W12', 'https://openalex.org/A5'),
);
/** A work whose fields are sometimes right and sometimes of another type, empty or absent. */
const flippedWork = fc.record(
  {
    title: fc.oneof(fc.constant('A Title of Note'), odd),
    display_name: fc.oneof(fc.constant('Display Title'), odd),
    publication_year: fc.oneof(fc.constant(2021), odd),
    authorships: fc.oneof(
      fc.array(
        fc.oneof(
          fc.record(
            {
              author: fc.record({ display_name: fc.oneof(personName, odd), id: odd, orcid: odd }, { requiredKeys: [] }),
              raw_author_name: fc.oneof(personName, odd),
            },
            { requiredKeys: [] },
          ),
          odd,
        ),
        { maxLength: 3 },
      ),
      odd,
    ),
    abstract_inverted_index: fc.oneof(
      fc.dictionary(
        fc.string({ maxLength: 5 }),
        fc.oneof(fc.array(fc.integer({ min: -5, max: 200_000 }), { maxLength: 3 }), odd),
        { maxKeys: 4 },
      ),
      odd,
    ),
    primary_location: fc.oneof(
      fc.record(
        { source: fc.oneof(fc.record({ display_name: odd }), odd), landing_page_url: odd },
        { requiredKeys: [] },
      ),
      odd,
    ),
    doi: odd,
    is_authors_truncated: odd,
  },
  { requiredKeys: ['authorships'] },
);

describe('OpenAlex works under random and damaged input', () => {
  it(
    'never throws on any text, and every line it names is in the file',
    () => {
      check(
        fc.property(anyText(), (text) => {
          expectWellFormed(parseOpenAlexJson(text, FILE), FILE, text);
        }),
        500,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "reads generated works back unchanged, with each author's OpenAlex id and ORCID, from a page and from JSON Lines",
    () => {
      check(
        fc.property(works, (list) => {
          const expected = list.map(({ paper }) => paper);
          const identities = list.map(({ paper, ids, orcids }) =>
            paper.authors.map((_name, k) => [
              { scheme: 'openalex', value: `A${ids[k]}` },
              ...(orcids[k] === null ? [] : [{ scheme: 'orcid', value: orcids[k] }]),
            ]),
          );
          const fromPage = parseOpenAlexJson(pageText(list), FILE);
          expect(fromPage.problems).toEqual([]);
          expect(essentials(fromPage)).toEqual(expected);
          expect(fromPage.papers.map((paper) => paper.authorIdentities)).toEqual(identities);
          expect(fromPage.papers.map((paper) => paper.source.line)).toEqual(list.map((_work, k) => k + 3));
          const fromLines = parseJsonPapers(list.map(workJson).join('\n'), LINES, 'jsonl');
          expect(fromLines.problems).toEqual([]);
          expect(essentials(fromLines)).toEqual(expected);
          expect(fromLines.papers.map((paper) => paper.authorIdentities)).toEqual(identities);
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'gives every work exactly one paper or one problem, on its line, whatever its fields hold',
    () => {
      check(
        fc.property(fc.array(flippedWork, { maxLength: 8 }), (list) => {
          const text = `[\n${list.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
          const result = parseOpenAlexJson(text, FILE);
          expectWellFormed(result, FILE, text);
          expectJsonArrayAccounted(text, result, resultsOf);
          const lines = [
            ...result.papers.map((paper) => paper.source.line),
            ...result.problems.map((problem) => problem.line),
          ];
          expect(lines.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(list.map((_item, k) => k + 2));
          const asLines = list.map((item) => JSON.stringify(item)).join('\n');
          const lineResult = parseJsonPapers(asLines, LINES, 'jsonl');
          expectWellFormed(lineResult, LINES, asLines);
          expect(lineResult.papers.length + lineResult.problems.filter((problem) => problem.line !== null).length).toBe(
            list.length,
          );
        }),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'on a damaged page (generated, or the fixture): a syntax error loads nothing; otherwise every work is loaded or reported',
    () => {
      check(
        fc.property(fc.oneof(mutated(works.map(pageText)), mutated(fc.constant(page))), (text) => {
          const result = parseOpenAlexJson(text, FILE);
          expectWellFormed(result, FILE, text);
          expectJsonArrayAccounted(text, result, resultsOf);
        }),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'on damaged JSON Lines of works: every non-blank line gives one paper or one problem',
    () => {
      check(
        fc.property(
          fc.oneof(mutated(works.map((list) => list.map(workJson).join('\n'))), mutated(fc.constant(worksLines))),
          (text) => {
            const result = parseJsonPapers(text, LINES, 'jsonl');
            expectWellFormed(result, LINES, text);
            const nonBlank = text
              .replace(/^\uFEFF/u, '')
              .split(/\r\n|\r|\n/u)
              .filter((line) => line.trim() !== '').length;
            expect(result.papers.length + result.problems.filter((problem) => problem.line !== null).length).toBe(
              nonBlank,
            );
          },
        ),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
