import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLinesFile, parseJsonPapers } from '../../src/ingest/json-papers.ts';
import { NameTable } from '../../src/ingest/name-table.ts';
import {
  PROPERTY_TIMEOUT,
  anyText,
  check,
  errorsOf,
  essentials,
  expectWellFormed,
  generatedPaper,
  lineCount,
  mutated,
  type GeneratedPaper,
} from '../helpers/properties.ts';

const FILE = 'papers.json';
const LINES = 'papers.jsonl';

function paperJson(paper: GeneratedPaper): string {
  return JSON.stringify({
    title: paper.title,
    authors: paper.authors,
    ...(paper.year === null ? {} : { year: paper.year }),
  });
}

/** An array with one record per line: record N starts on line N + 1. */
function jsonArray(papers: readonly GeneratedPaper[]): string {
  return papers.length === 0 ? '[]' : `[\n${papers.map(paperJson).join(',\n')}\n]`;
}

function jsonLines(papers: readonly GeneratedPaper[]): string {
  return papers.map(paperJson).join('\n');
}

const papers = fc.array(generatedPaper, { minLength: 1, maxLength: 12 });

/** Any JSON value, with strings of any code points, huge and odd numbers, and some nesting. */
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(1e308, -0, 2 ** 53 + 1, 1e21, 0.5, -1, Number.MAX_SAFE_INTEGER),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** A record whose every field is sometimes right and sometimes of another type or blank. */
const flippedRecord = fc.record(
  {
    title: fc.oneof(fc.constant('A Title of Note'), fc.constantFrom('', '   ', '\u00a0\n'), jsonValue),
    authors: fc.oneof(
      fc.constant(['Ann Lee']),
      fc.array(fc.oneof(fc.constant('Bo Chen'), fc.constantFrom('', ' \t'), jsonValue), { maxLength: 3 }),
      jsonValue,
    ),
    year: fc.oneof(fc.constant(2020), jsonValue),
    venue: fc.oneof(fc.constant('NeurIPS'), jsonValue),
    id: fc.oneof(fc.constant('p1'), jsonValue),
    doi: fc.oneof(fc.constant('10.1234/abc'), jsonValue),
  },
  { requiredKeys: [] },
);

/** The record shape `parseJsonPapers` documents, written out once more as a reference. */
function isLoadable(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const blank = (text: unknown) => typeof text !== 'string' || /^\s*$/u.test(text);
  if (blank(record['title'])) return false;
  const authors = record['authors'];
  if (!Array.isArray(authors) || authors.length === 0 || authors.some(blank)) return false;
  const year = record['year'];
  if (
    year !== undefined &&
    year !== null &&
    !(Number.isInteger(year) && (year as number) >= 0 && (year as number) <= 9999)
  )
    return false;
  return ['id', 'venue', 'abstract', 'url', 'doi'].every(
    (field) => record[field] === undefined || record[field] === null || typeof record[field] === 'string',
  );
}

/** The non-blank lines of a JSON Lines text, as the reader numbers them. */
function nonBlankLines(text: string): number[] {
  return text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .flatMap((line, index) => (line.trim() === '' ? [] : [index + 1]));
}

describe('parseJsonPapers (.json) under random and damaged input', () => {
  it(
    'never throws on any text, and every line it names is in the file',
    () => {
      check(
        fc.property(anyText(), (text) => {
          expectWellFormed(parseJsonPapers(text, FILE, 'json'), FILE, text);
        }),
        700,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads generated papers back unchanged, each with the line it starts on',
    () => {
      check(
        fc.property(papers, (generated) => {
          const result = parseJsonPapers(jsonArray(generated), FILE, 'json');
          expect(result.problems).toEqual([]);
          expect(essentials(result)).toEqual(generated);
          expect(result.papers.map((paper) => paper.source.line)).toEqual(generated.map((_paper, k) => k + 2));
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'loads or reports every element of a valid array, each by its line: one per element, never fewer',
    () => {
      check(
        fc.property(fc.array(flippedRecord, { maxLength: 8 }), fc.boolean(), (records, wrapped) => {
          const body = `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]`;
          const text = wrapped ? `{"papers": ${body}}` : body;
          const result = parseJsonPapers(text, FILE, 'json');
          expectWellFormed(result, FILE, text);
          expect(result.papers.map((paper) => paper.source.line)).toEqual(
            records.flatMap((record, k) => (isLoadable(record) ? [k + 2] : [])),
          );
          const reported = result.problems.filter(
            (problem) => problem.line !== null && /^record \d+ not loaded/u.test(problem.message),
          );
          expect(reported.map((problem) => problem.line)).toEqual(
            records.flatMap((record, k) => (isLoadable(record) ? [] : [k + 2])),
          );
        }),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'on damaged text: a syntax error loads nothing and says so; otherwise every element is loaded or reported',
    () => {
      check(
        fc.property(mutated(papers.map(jsonArray)), (text) => {
          const result = parseJsonPapers(text, FILE, 'json');
          expectWellFormed(result, FILE, text);
          if (text.replace(/^\uFEFF/u, '').trim() === '') {
            expect(result.problems).toEqual([
              { severity: 'warning', file: FILE, line: null, message: 'no records found' },
            ]);
            return;
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(text.replace(/^\uFEFF/u, ''));
          } catch {
            // The reader must not accept what JSON does not: one error for the file, nothing loaded.
            expect(result.papers).toEqual([]);
            expect(errorsOf(result)).toHaveLength(1);
            return;
          }
          const list = Array.isArray(parsed) ? parsed : (parsed as { papers?: unknown } | null)?.papers;
          if (!Array.isArray(list)) {
            expect(result.papers).toEqual([]);
            expect(errorsOf(result)).toHaveLength(1);
            return;
          }
          expect(result.papers.length).toBe(list.filter(isLoadable).length);
          expect(result.papers.length + errorsOf(result).length).toBe(list.length);
        }),
        700,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'survives deep nesting without a stack overflow',
    () => {
      check(
        fc.property(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":'), (depth, open) => {
          const close = open === '[' ? ']' : '}';
          const text = open.repeat(depth) + '1' + close.repeat(depth);
          expectWellFormed(parseJsonPapers(text, FILE, 'json'), FILE, text);
        }),
        20,
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('parseJsonPapers (.jsonl) under random and damaged input', () => {
  it(
    'never throws, and gives each non-blank line exactly one paper or one problem, on that line',
    () => {
      const texts = fc.oneof(
        anyText(),
        mutated(papers.map(jsonLines), 6),
        mutated(
          fc
            .array(flippedRecord, { maxLength: 6 })
            .map((records) => records.map((record) => JSON.stringify(record)).join('\n')),
        ),
      );
      check(
        fc.property(texts, (text) => {
          const result = parseJsonPapers(text, LINES, 'jsonl');
          expectWellFormed(result, LINES, text);
          const named = [
            ...result.papers.map((paper) => paper.source.line),
            ...result.problems.flatMap((problem) => (problem.line === null ? [] : [problem.line])),
          ];
          expect(named.sort((a, b) => a - b)).toEqual(nonBlankLines(text));
        }),
        1050,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads generated papers back unchanged, one per line',
    () => {
      check(
        fc.property(papers, fc.constantFrom('\n', '\r\n', '\r'), (generated, eol) => {
          const result = parseJsonPapers(generated.map(paperJson).join(eol), LINES, 'jsonl');
          expect(result.problems).toEqual([]);
          expect(essentials(result)).toEqual(generated);
          expect(result.papers.map((paper) => paper.source.line)).toEqual(generated.map((_paper, k) => k + 1));
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'streams a file to the same papers and problems as reading its text whole, whatever its bytes',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'coauthor-jsonl-property-'));
      const file = join(directory, 'papers.jsonl');
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((array) => Buffer.from(array)),
        mutated(papers.map(jsonLines)).map((text) => Buffer.from(text, 'utf8')),
      );
      check(
        fc.property(bytes, (buffer) => {
          writeFileSync(file, buffer);
          const text = buffer.toString('utf8');
          const names = new NameTable();
          const streamed = parseJsonLinesFile(file, { names });
          // Each streamed byline is the table's numbers for its names, in order ...
          for (const paper of streamed.papers) {
            const at = paper.nameAt as number;
            expect(paper.authors.map((_, k) => names.names[names.bylineIds[at + k] as number])).toEqual(paper.authors);
          }
          // ... and apart from that link, the records are those of the text read whole.
          const records = streamed.papers.map(({ nameAt: _, ...record }) => record);
          expect({ ...streamed, papers: records }).toEqual(parseJsonPapers(text, file, 'jsonl'));
          expect(lineCount(text)).toBeGreaterThanOrEqual(
            Math.max(0, ...streamed.problems.map((problem) => problem.line ?? 0)),
          );
        }),
        200,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
