import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFiles, parseFile } from '../../src/ingest/load.ts';
import { type ParseResult, formatProblem } from '../../src/ingest/records.ts';
import {
  PROPERTY_TIMEOUT,
  anyText,
  check,
  expectJsonArrayAccounted,
  expectWellFormed,
  mutated,
  personName,
} from '../helpers/properties.ts';

const THREE = [
  'papers.txt',
  'papers.json',
  'papers.jsonl',
  'papers.bib',
  'papers.csl.json',
  'dblp-person.xml',
  'openalex.json',
];
const fixtures = THREE.map((name) => ({
  name,
  text: readFileSync(new URL(`../fixtures/three-papers/${name}`, import.meta.url), 'utf8'),
}));
const EXTENSIONS = ['.txt', '.json', '.jsonl', '.ndjson', '.bib', '.bibtex', '.csl.json', '.xml', '.dat'];

const directory = mkdtempSync(join(tmpdir(), 'coauthor-load-property-'));
let written = 0;
function write(name: string, content: string | Uint8Array): string {
  written += 1;
  const file = join(directory, `${written}-${name}`);
  writeFileSync(file, content);
  return file;
}

/** A file of any format: a damaged fixture under its own name, or random text or bytes under any extension. */
const dataFile = fc.oneof(
  fc.constantFrom(...fixtures).chain((fixture) =>
    mutated(fc.constant(fixture.text), 3).map((text) => ({
      name: fixture.name,
      content: text as string | Uint8Array,
    })),
  ),
  fc
    .tuple(fc.constantFrom(...EXTENSIONS), fc.oneof(anyText(), fc.uint8Array({ maxLength: 300 })))
    .map(([extension, content]) => ({ name: `data${extension}`, content })),
);

const odd = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('', 1e308));
/** Records of all three JSON shapes (and broken ones) mixed in one array: the first decides the reader. */
const mixedRecord = fc.oneof(
  fc.record(
    {
      title: fc.oneof(fc.constant('A Paper of Note'), odd),
      authors: fc.oneof(fc.array(personName, { minLength: 1, maxLength: 3 }), odd),
      year: fc.oneof(fc.constant(2020), odd),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      type: fc.constant('article'),
      title: fc.oneof(fc.constant('A CSL Item of Note'), odd),
      author: fc.oneof(
        fc.array(fc.record({ family: fc.constant('Lee'), given: fc.constant('Ann') }), { maxLength: 2 }),
        odd,
      ),
      issued: fc.oneof(fc.record({ 'date-parts': fc.constant([[2020]]) }), odd),
    },
    { requiredKeys: [] },
  ),
  fc.record({
    title: fc.oneof(fc.constant('A Work of Note'), odd),
    authorships: fc.oneof(
      fc.array(fc.record({ author: fc.record({ display_name: personName }) }), { maxLength: 2 }),
      odd,
    ),
    publication_year: fc.oneof(fc.constant(2020), odd),
  }),
  odd,
);

function expectAllLoadedInCatalog(files: readonly string[]): void {
  const parsed: ParseResult[] = files.map((file) => parseFile(file));
  const load = loadFiles({ files });
  for (const problem of load.problems) expect(formatProblem(problem)).toContain(problem.file);
  const sources = new Set(
    load.catalog.papers.flatMap((paper) => paper.sources.map((source) => `${source.file}:${source.line}`)),
  );
  for (const record of parsed.flatMap((result) => result.papers)) {
    // Every record read is a paper of the catalog, alone or merged with the same paper from another record.
    expect(sources.has(`${record.source.file}:${record.source.line}`)).toBe(true);
  }
  expect(load.recordCount).toBe(parsed.reduce((sum, result) => sum + result.papers.length, 0));
}

describe('loading files of every format', () => {
  it(
    'never throws on any file, names it in every problem, and puts every record read into the catalog',
    () => {
      check(
        fc.property(fc.array(dataFile, { minLength: 1, maxLength: 3 }), (list) => {
          const files = list.map(({ name, content }) => write(name, content));
          for (const [k, file] of files.entries()) {
            const content = list[k]?.content ?? '';
            expectWellFormed(
              parseFile(file),
              file,
              typeof content === 'string' ? content : Buffer.from(content).toString('utf8'),
            );
          }
          expectAllLoadedInCatalog(files);
        }),
        40,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads a .json array by the shape of its first record, and still loads or reports every element',
    () => {
      check(
        fc.property(fc.array(mixedRecord, { maxLength: 6 }), fc.boolean(), (records, page) => {
          const array = `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]`;
          const text = page ? `{"results": ${array}}` : array;
          const file = write('mixed.json', text);
          const result = parseFile(file);
          expectWellFormed(result, file, text);
          expectJsonArrayAccounted(text, result, (parsed) =>
            Array.isArray(parsed) ? parsed : (parsed as { results?: unknown } | null)?.results,
          );
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
