/**
 * Properties of the input limits (issue 12, point 4): whatever a file holds, what is loaded respects
 * the name and field limits and nothing throws; invisible format characters never change identity; a
 * BibTeX text with its oversized entries blanked keeps its lines and has none left.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oversizedEntries, withoutEntries } from '../../src/ingest/bibtex-field-limit.ts';
import { MAX_FIELD_LENGTH, MAX_NAME_LENGTH } from '../../src/ingest/input-limits.ts';
import { parseFile } from '../../src/ingest/load.ts';
import { identityKey } from '../../src/ingest/names.ts';
import {
  PROPERTY_TIMEOUT,
  anyText,
  check,
  expectWellFormed,
  lineCount,
  mutated,
  personName,
} from '../helpers/properties.ts';

const FIXTURES = [
  'papers.txt',
  'papers.json',
  'papers.jsonl',
  'papers.bib',
  'papers.csl.json',
  'dblp-person.xml',
  'openalex.json',
];
const fixtures = FIXTURES.map((name) => ({
  name,
  text: readFileSync(new URL(`../fixtures/three-papers/${name}`, import.meta.url), 'utf8'),
}));
const directory = mkdtempSync(join(tmpdir(), 'coauthor-limits-property-'));
let written = 0;

/** A long run of one letter: around the name limit, or past the field limit. */
const longRun = fc
  .oneof(
    fc.integer({ min: MAX_NAME_LENGTH - 5, max: MAX_NAME_LENGTH + 300 }),
    fc.integer({ min: MAX_FIELD_LENGTH - 5, max: MAX_FIELD_LENGTH + 50 }),
  )
  .chain((length) => fc.constantFrom('x', 'é', ' ', 'ab').map((unit) => unit.repeat(Math.ceil(length / unit.length))));

const FORMAT_CONTROLS = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u200E',
  '\u061C',
];

describe('input limits', () => {
  it(
    'loads nothing over the limits from any fixture with a long run inserted, and never throws',
    () => {
      check(
        fc.property(
          fc.constantFrom(...fixtures),
          fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), longRun), {
            minLength: 1,
            maxLength: 2,
          }),
          (fixture, inserts) => {
            let text = fixture.text;
            for (const [at, run] of inserts) {
              const position = Math.floor(at * text.length);
              text = text.slice(0, position) + run + text.slice(position);
            }
            written += 1;
            const file = join(directory, `${written}-${fixture.name}`);
            writeFileSync(file, text);
            const result = parseFile(file);
            expectWellFormed(result, file, text);
            for (const paper of result.papers) {
              for (const author of paper.authors) expect(author.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
              for (const value of [paper.title, paper.abstract, paper.venue, paper.url, paper.id, paper.doi ?? null])
                expect((value ?? '').length).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
            }
          },
        ),
        60,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'gives a name with format-control characters anywhere the identity of the name without them',
    () => {
      check(
        fc.property(
          personName,
          fc.array(
            fc.tuple(
              fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
              fc.constantFrom(...FORMAT_CONTROLS),
            ),
            { minLength: 1, maxLength: 4 },
          ),
          (name, marks) => {
            let marked = name;
            for (const [at, mark] of marks) {
              const position = Math.floor(at * (marked.length + 1));
              marked = marked.slice(0, position) + mark + marked.slice(position);
            }
            expect(identityKey(marked)).toBe(identityKey(name));
          },
        ),
        300,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'blanks BibTeX entries with an oversized field, keeping every line, and leaves none',
    () => {
      const bibText = mutated(
        fc.constantFrom(fixtures.find((fixture) => fixture.name === 'papers.bib')!.text),
        4,
        fc.oneof(anyText(8), fc.constantFrom('{', '}', '"', '@misc{k,', 'x'.repeat(40))),
      );
      check(
        fc.property(bibText, fc.integer({ min: 5, max: 60 }), (text, limit) => {
          const blanked = withoutEntries(text, oversizedEntries(text, limit));
          expect(lineCount(blanked)).toBe(lineCount(text));
          expect(oversizedEntries(blanked, limit)).toEqual([]);
        }),
        300,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
