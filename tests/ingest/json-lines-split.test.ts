/**
 * A JSON Lines file read on two threads (json-lines-split.ts): the records, problems and name numbers
 * are those of one thread reading the whole file, wherever the cut falls; a load from the split read
 * makes the same network; a worker that dies is replaced by this thread reading its part.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { networkVersionOf } from '../../src/graph/network-columns.ts';
import { lineStartAfter } from '../../src/ingest/file-chunks.ts';
import { SecondPart, type SplitOptions } from '../../src/ingest/json-lines-split.ts';
import { parseJsonLinesFile } from '../../src/ingest/json-papers.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { NameTable } from '../../src/ingest/name-table.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';
import { tempFiles } from '../helpers/files.ts';

const openAlexLine = readFileSync(new URL('../fixtures/formats/openalex-works.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .find((line) => line.trim() !== '') as string;

/**
 * Lines of every kind, in CRLF and LF: papers with every field and with none, a year of null, an id
 * from the DOI, names repeated and new, names that need cleaning, a line that is not JSON, a record
 * that breaks the shape, blank lines, an OpenAlex work (carried whole), a byte order mark in the
 * middle of the file (an error there: only the first line's is dropped), a name over the input limit.
 */
function mixedLines(copies: number): string {
  const lines: string[] = [];
  for (let k = 0; k < copies; k += 1) {
    lines.push(
      JSON.stringify({
        id: `p${k}`,
        title: `Paper ${k} on graphs`,
        authors: ['Ada Lovelace', `Author ${k % 7}`, 'Émile  Zola'],
        year: 2000 + (k % 20),
        venue: 'ACL',
        abstract: 'An abstract.',
        url: `https://example.org/${k}`,
        doi: `10.1/P${k}`,
      }),
      JSON.stringify({ title: `Only a title ${k}`, authors: [`Author ${k}`], year: null }),
      JSON.stringify({ title: `Doi only ${k}`, authors: ['Ada Lovelace', 'Grace Hopper'], doi: `10.2/D${k}` }),
      '',
      'not json',
      JSON.stringify({ title: 42, authors: [] }),
      openAlexLine,
      `\uFEFF${JSON.stringify({ title: 'Marked', authors: ['Bo Chen'] })}`,
      JSON.stringify({ title: `Long name ${k}`, authors: ['x'.repeat(501)] }),
      JSON.stringify({ title: `Chinese ${k} 图论`, authors: ['李 明', 'Ada Lovelace'] }),
    );
  }
  return `\uFEFF${lines.join(copies % 2 === 0 ? '\n' : '\r\n')}\n`;
}

/** The whole of a parse: records, problems and the name table's numbers and bylines. */
function parsed(file: string, split: SplitOptions) {
  const names = new NameTable();
  const result = parseJsonLinesFile(file, { names, split });
  return {
    ...result,
    names: names.names,
    bylines: [...names.bylineIds.subarray(0, names.bylineCount)],
  };
}

describe('a JSON Lines file read on two threads', () => {
  it('gives the records, problems and name numbers of one thread, wherever the cut falls', () => {
    const files = tempFiles({ 'lf.jsonl': mixedLines(40), 'crlf.jsonl': mixedLines(41) });
    for (const file of Object.values(files)) {
      const whole = parsed(file, { minBytes: Infinity });
      expect(whole.papers.length).toBeGreaterThan(200);
      expect(whole.problems.length).toBeGreaterThan(100);
      for (const workerShare of [0.05, 0.3, 0.5, 0.77, 0.99]) {
        const readBy: string[] = [];
        const split = parsed(file, { minBytes: 0, cores: 2, workerShare, onSecondPart: (by) => readBy.push(by) });
        expect(readBy).toEqual(['worker']);
        expect(split).toEqual(whole);
        // The same strings for the same names: one per name, shared by every byline.
        expect(split.papers[0]?.authors[0]).toBe(split.papers[2]?.authors[0]);
      }
    }
  });

  it('cuts only at a line start: none in a file of one line or of lines ended by CR alone', () => {
    const { one, cr, lf } = tempFiles({ one: '{"title": "A"}', cr: 'a\rb\rc\r', lf: 'a\r\nb\nc' });
    expect(lineStartAfter(one as string, 0)).toBeNull();
    expect(lineStartAfter(cr as string, 0)).toBeNull();
    expect(lineStartAfter(lf as string, 0)).toBe(3);
    expect(lineStartAfter(lf as string, 3)).toBe(5);
    // The last line feed ends the file: nothing after it to read.
    expect(lineStartAfter(tempFiles({ end: 'a\nb\n' }).end as string, 2)).toBeNull();
    expect(SecondPart.start(cr as string, 'auto', { minBytes: 0, cores: 2 })).toBeNull();
    expect(SecondPart.start(lf as string, 'auto', { minBytes: 0, cores: 1 })).toBeNull();
  });

  it('makes the same network from the ACL slice as one thread', () => {
    const network = (split: SplitOptions) =>
      loadFiles({ files: [ACL_SLICE_FILE], split, titleHashes: { minBytes: Infinity } }).networkColumns();
    const alone = network({ minBytes: Infinity, cores: 2 });
    const readBy: string[] = [];
    const both = network({ minBytes: 0, cores: 2, onSecondPart: (by) => readBy.push(by) });
    expect(readBy).toEqual(['worker']);
    expect(networkVersionOf(both)).toBe(networkVersionOf(alone));
    expect(both.offsets.length).toBeGreaterThan(1000);
  });

  it('drops what a worker sent before it died (out of memory) and reads the whole part itself', () => {
    // Part two's names outgrow a 12 MB heap once the worker has sent some batches: 30,000 names of 390
    // characters in its table, where a batch is 8,192 records.
    const lines = Array.from({ length: 60_000 }, (_, k) =>
      JSON.stringify({ title: `Paper ${k}`, authors: [`${'n'.repeat(380)} ${k}`, 'Ada Lovelace'] }),
    );
    const { 'names.jsonl': file } = tempFiles({ 'names.jsonl': `${lines.join('\n')}\n` });
    const whole = parsed(file as string, { minBytes: Infinity });
    const heard: [string, number][] = [];
    const rescued = parsed(file as string, {
      minBytes: 0,
      cores: 2,
      workerShare: 0.5,
      // Long enough that a worker slow to start on a busy machine is not given up on before its first batch.
      stallMs: 3000,
      workerLimits: { maxOldGenerationSizeMb: 12, maxYoungGenerationSizeMb: 4 },
      onSecondPart: (by, batches) => heard.push([by, batches]),
    });
    expect(heard).toHaveLength(1);
    expect(heard[0]?.[0]).toBe('this thread');
    expect(heard[0]?.[1]).toBeGreaterThan(0);
    expect(rescued.papers).toHaveLength(60_000);
    expect(rescued).toEqual(whole);
  });

  it('reads the part itself when the worker dies (out of memory) before sending it', () => {
    const { 'big.jsonl': file } = tempFiles({ 'big.jsonl': mixedLines(400) });
    const whole = parsed(file as string, { minBytes: Infinity });
    const started = Date.now();
    const readBy: string[] = [];
    const rescued = parsed(file as string, {
      minBytes: 0,
      cores: 2,
      stallMs: 300,
      workerLimits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 },
      onSecondPart: (by) => readBy.push(by),
    });
    expect(readBy).toEqual(['this thread']);
    expect(rescued).toEqual(whole);
    // The wait ended at the stall, not at the default 30 s.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
