/**
 * Shared pieces of the parsers' property tests (`*.property.test.ts`).
 *
 * Every property runs with a fixed seed, so a failure in CI repeats on any machine. The number of
 * runs is sized for the test suite; to hunt for bugs, run with many more and, if you like, another seed:
 *
 *     FC_NUM_RUNS=20000 npx vitest run tests/ingest/*.property.test.ts
 *     FC_NUM_RUNS=5000 FC_SEED=7 npx vitest run tests/ingest/bibtex.property.test.ts
 *
 * A failing property prints its seed, path and shrunk counterexample; a bug found that way keeps a
 * plain example test with the counterexample as a literal.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { compareIds } from '../../src/graph/network-columns.ts';
import type { ParseResult, Problem } from '../../src/ingest/records.ts';

const envRuns = Number(process.env['FC_NUM_RUNS']);
const envSeed = Number(process.env['FC_SEED']);

/** The seed every property starts from (override with FC_SEED). */
export const SEED = Number.isInteger(envSeed) ? envSeed : 20_261_126;

/** FC_NUM_RUNS, when set, replaces every property's own number of runs. */
export function runs(numRuns: number): number {
  return Number.isInteger(envRuns) && envRuns > 0 ? envRuns : numRuns;
}

/** A property test's time limit: the suite's default, or an hour for a long bug hunt. */
export const PROPERTY_TIMEOUT = Number.isInteger(envRuns) && envRuns > 0 ? 3_600_000 : 30_000;

/** `fc.assert` with the fixed seed and the number of runs sized for the suite. */
export function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, numRuns: number): void {
  fc.assert(property, { seed: SEED, numRuns: runs(numRuns) });
}

/** Text of any Unicode code points (lone surrogates included), line ends and the characters parsers care about. */
export function anyText(maxLength = 400): fc.Arbitrary<string> {
  const interesting = fc.constantFrom(
    '\n',
    '\r\n',
    '\r',
    '\uFEFF',
    '\u2028',
    '\0',
    ' ',
    '\t',
    ',',
    '.',
    '{',
    '}',
    '[',
    ']',
    '"',
    '\\',
    '@',
    '=',
    '#',
    '%',
    '<',
    '>',
    '&',
    ';',
    '/',
    ':',
    'é',
    'e\u0301',
    'ö',
    '李',
    '😀',
    '\uD800',
  );
  return fc.string({
    unit: fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: interesting },
    ),
    maxLength,
  });
}

/** One edit of a text: the ways a file gets damaged by hand, by a bad export or by a cut download. */
export type Edit =
  | { readonly kind: 'delete-chars'; readonly at: number; readonly count: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'replace-char'; readonly at: number; readonly text: string }
  | { readonly kind: 'duplicate-chars'; readonly at: number; readonly count: number }
  | { readonly kind: 'delete-line'; readonly at: number }
  | { readonly kind: 'duplicate-line'; readonly at: number }
  | { readonly kind: 'swap-lines'; readonly at: number }
  | { readonly kind: 'truncate'; readonly at: number };

/** Positions are fractions of the text's length, so one edit fits any text. */
export function editArbitrary(insertion: fc.Arbitrary<string> = anyText(8)): fc.Arbitrary<Edit> {
  const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
  return fc.oneof(
    fc.record({ kind: fc.constant('delete-chars' as const), at, count: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant('insert' as const), at, text: insertion }),
    fc.record({ kind: fc.constant('replace-char' as const), at, text: insertion }),
    fc.record({ kind: fc.constant('duplicate-chars' as const), at, count: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('delete-line' as const), at }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at }),
    fc.record({ kind: fc.constant('swap-lines' as const), at }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
  );
}

export function applyEdit(text: string, edit: Edit): string {
  const index = Math.floor(edit.at * (text.length + 1));
  switch (edit.kind) {
    case 'delete-chars':
      return text.slice(0, index) + text.slice(index + edit.count);
    case 'insert':
      return text.slice(0, index) + edit.text + text.slice(index);
    case 'replace-char':
      return text.slice(0, index) + edit.text + text.slice(index + 1);
    case 'duplicate-chars':
      return text.slice(0, index + edit.count) + text.slice(index);
    case 'truncate':
      return text.slice(0, index);
    default: {
      const lines = text.split('\n');
      const line = Math.floor(edit.at * lines.length);
      if (edit.kind === 'delete-line') lines.splice(line, 1);
      else if (edit.kind === 'duplicate-line') lines.splice(line, 0, lines[line] ?? '');
      else if (line + 1 < lines.length) lines.splice(line, 2, lines[line + 1] ?? '', lines[line] ?? '');
      return lines.join('\n');
    }
  }
}

/** A text with 1 to `max` edits applied in turn. */
export function mutated(text: fc.Arbitrary<string>, max = 4, insertion?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.array(editArbitrary(insertion), { minLength: 1, maxLength: max }))
    .map(([original, edits]) => edits.reduce(applyEdit, original));
}

/** How many lines a text has, as the parsers count them (LF, CRLF and CR end a line). */
export function lineCount(text: string): number {
  return text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u).length;
}

/** The checks every parse result must pass, whatever the input: it names the file, and every line is in it. */
export function expectWellFormed(result: ParseResult, file: string, text: string): void {
  const lines = lineCount(text);
  for (const problem of result.problems) expectProblemInFile(problem, file, lines);
  for (const paper of result.papers) {
    if (paper.source.file !== file) throw new Error(`paper "${paper.title}" names file ${paper.source.file}`);
    if (!(Number.isInteger(paper.source.line) && paper.source.line >= 1 && paper.source.line <= lines)) {
      throw new Error(`paper "${paper.title}" is on line ${paper.source.line} of a file of ${lines} lines`);
    }
    if (paper.title.trim() === '' || paper.authors.length === 0 || paper.authors.some((name) => name.trim() === '')) {
      throw new Error(`paper loaded without a title or an author: ${JSON.stringify(paper)}`);
    }
    // A year the API can serve (a GraphQL Int) and a person could mean: four digits at most.
    if (paper.year !== null && !(Number.isInteger(paper.year) && paper.year >= 0 && paper.year <= 9999))
      throw new Error(`paper "${paper.title}" has year ${paper.year}`);
  }
}

export function expectProblemInFile(problem: Problem, file: string, lines: number): void {
  if (problem.file !== file) throw new Error(`problem names file ${problem.file}, not ${file}: ${problem.message}`);
  if (problem.line !== null && !(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lines)) {
    throw new Error(`problem on line ${problem.line} of a file of ${lines} lines: ${problem.message}`);
  }
  if (problem.message.trim() === '') throw new Error('problem without a message');
}

export function errorsOf(result: ParseResult): Problem[] {
  return result.problems.filter((problem) => problem.severity === 'error');
}

/** Plain names and titles: letters of several scripts, already clean (NFC, single spaces). */
export const nameWord = fc.constantFrom(
  'Ann',
  'Lee',
  'Jörn',
  'Möller',
  'Łukasz',
  'Kaiser',
  'José',
  'García',
  'Zoë',
  'Chen',
  'Wei',
  'Wang',
  'Ngọc',
  'Nguyễn',
  'Søren',
  'Ørsted',
  'Ilya',
  'Sutskever',
  'Åsa',
  'Öberg',
  'Ricky',
  'Duvenaud',
  'Anne-Marie',
  'O’Neil',
  'Yuki',
  'Tanaka',
  'Émile',
  'Borel',
);

export const personName = fc.tuple(nameWord, nameWord).map(([first, last]) => `${first} ${last}`);

export const titleWord = fc.constantFrom(
  'Learning',
  'Deep',
  'Networks',
  'Graphs',
  'Attention',
  'Bayesian',
  'Inference',
  'Flows',
  'Über',
  'Équations',
  'Neural',
  'Residual',
  'Time',
  'Series',
  'Models',
  'Optimization',
  '3D',
  'Transformers',
  'Co-Authorship',
);

/** A title: one to eight words with "of" in it, so no reader mistakes it for a list of names. */
export const title = fc
  .tuple(fc.array(titleWord, { minLength: 1, maxLength: 4 }), fc.array(titleWord, { minLength: 0, maxLength: 4 }))
  .map(([before, after]) => [...before, 'of', ...after].join(' '));

export const year = fc.integer({ min: 1900, max: 2030 });

/** A paper as a generator makes it, before any format writes it. */
export interface GeneratedPaper {
  readonly title: string;
  readonly authors: readonly string[];
  readonly year: number | null;
}

export const generatedPaper: fc.Arbitrary<GeneratedPaper> = fc.record({
  title,
  authors: fc.array(personName, { minLength: 1, maxLength: 5 }),
  year: fc.option(year, { nil: null }),
});

/** Titles, bylines and years of what was read, for round-trip comparison. */
export function essentials(result: ParseResult): GeneratedPaper[] {
  return result.papers.map((paper) => ({ title: paper.title, authors: paper.authors, year: paper.year }));
}

/**
 * Accounting for readers of one JSON document holding an array of records: text that JSON.parse
 * refuses loads nothing and gives one error; otherwise every element of the record array gives
 * exactly one paper or one problem, on the line where the element starts (at least one per element).
 */
export function expectJsonArrayAccounted(
  text: string,
  result: ParseResult,
  listOf: (parsed: unknown) => unknown,
): void {
  const body = text.replace(/^\uFEFF/u, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (result.papers.length > 0 || errorsOf(result).length !== 1) {
      throw new Error(
        `text JSON.parse refuses gave ${result.papers.length} papers and ${errorsOf(result).length} errors`,
      );
    }
    return;
  }
  const list = listOf(parsed);
  if (!Array.isArray(list)) {
    if (result.papers.length > 0 || errorsOf(result).length !== 1)
      throw new Error('a document without a record array must give one error');
    return;
  }
  const perRecord = result.problems.filter((problem) => /^record \d+ /u.test(problem.message));
  if (result.papers.length + perRecord.length !== list.length) {
    throw new Error(
      `${list.length} records gave ${result.papers.length} papers and ${perRecord.length} record problems`,
    );
  }
  const numbers = perRecord.map((problem) => Number(/^record (\d+) /u.exec(problem.message)?.[1]));
  if (new Set(numbers).size !== numbers.length || numbers.some((n) => n < 1 || n > list.length)) {
    throw new Error(`record problems name records ${numbers.join(', ')} of ${list.length}`);
  }
}

/** Keys (some missing), a small tie-break per row, and the rows shuffled: what the row sorts' properties take. */
export function keysTiesAndRows(
  key: fc.Arbitrary<string>,
  maxLength: number,
): fc.Arbitrary<{ keys: (string | null)[]; tie: number[]; shuffled: number[] }> {
  return fc.array(fc.option(key, { nil: null }), { maxLength }).chain((keys) =>
    fc.record({
      keys: fc.constant(keys),
      tie: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: keys.length, maxLength: keys.length }),
      shuffled: fc.shuffledSubarray(
        keys.map((_, row) => row),
        { minLength: keys.length, maxLength: keys.length },
      ),
    }),
  );
}

/**
 * What a row sort (`sortRowsByKey`, `sortRowsByBytes`) must give for `shuffled`: the rows by key in
 * code-unit order (`compareIds`), then by row, or, with `tie`, by key then tie. Rows with equal keys and
 * ties have no order of their own, so then the keys and ties are compared place by place and the rows
 * as a set.
 */
export function expectKeyOrder(
  sorted: ArrayLike<number>,
  shuffled: readonly number[],
  keys: readonly (string | null)[],
  tie?: readonly number[],
): void {
  const byKey = (a: number, b: number) => compareIds(keys[a] ?? '', keys[b] ?? '');
  if (tie === undefined) {
    expect(Array.from(sorted)).toEqual([...shuffled].sort((a, b) => byKey(a, b) || a - b));
    return;
  }
  const expected = [...shuffled].sort((a, b) => byKey(a, b) || (tie[a] as number) - (tie[b] as number));
  expect(Array.from(sorted, (row) => [keys[row] ?? '', tie[row]])).toEqual(
    expected.map((row) => [keys[row] ?? '', tie[row]]),
  );
  expect(Array.from(sorted).sort((a, b) => a - b)).toEqual([...shuffled].sort((a, b) => a - b));
}
