/**
 * What a large corpus's records and merged papers hold on the heap, per paper. Each reader makes a
 * record's lists (its byline, its authors' external ids) exactly their size, and the merge makes a
 * paper's byline and its sources no larger than they are: a list grown by pushing holds room for 17
 * entries, which at DBLP's 7.5 M records and 25 M byline positions is gigabytes.
 *
 * The bounds sit between the bytes per paper measured before these lists were made to size and
 * after (each test says both; measured with this test's corpora, V8 of Node 20): they fail if a
 * reader or the merge grows its lists by pushing again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../../src/bench/synthetic-corpus.ts';
import { noAliases } from '../../src/ingest/aliases.ts';
import { resolveAndMerge } from '../../src/ingest/catalog-merge.ts';
import { collectGarbage } from '../../src/ingest/collect-garbage.ts';
import { parseFile } from '../../src/ingest/load.ts';
import { NameTable } from '../../src/ingest/name-table.ts';

const directory = mkdtempSync(join(tmpdir(), 'record-memory-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Heap bytes per paper held by the records read from `file` (`papers` of them), and by the merge's result besides. */
function bytesPerPaper(file: string, papers: number): { records: number; merged: number } {
  expect(collectGarbage()).toBe(true);
  const before = process.memoryUsage().heapUsed;
  const names = new NameTable();
  const parsed = parseFile(file, null, undefined, names);
  expect(parsed.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  expect(parsed.papers).toHaveLength(papers);
  collectGarbage();
  const read = process.memoryUsage().heapUsed;
  const merged = resolveAndMerge(parsed.papers, noAliases, names);
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  expect(merged.papers).toHaveLength(papers);
  return { records: (read - before) / papers, merged: (after - read) / papers };
}

/** DBLP records of four authors each, every author with a pid and every other one with an ORCID. */
function dblpXml(papers: number): string {
  const records: string[] = [];
  for (let k = 0; k < papers; k += 1) {
    const authors = [0, 1, 2, 3].map((j) => {
      const person = (k * 7 + j * 131) % (papers / 2);
      const orcid =
        person % 2 === 0
          ? ` orcid="0000-0002-${String(1000 + (person % 9000)).padStart(4, '0')}-${String(person % 10000).padStart(4, '0')}"`
          : '';
      return `<author pid="${person}/1"${orcid}>Author Number ${person}</author>`;
    });
    records.push(
      `<article key="journals/test/Paper${k}">${authors.join('')}<title>A study of case ${k}.</title><journal>J. Test</journal><year>${2000 + (k % 20)}</year></article>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<dblp>\n${records.join('\n')}\n</dblp>\n`;
}

/** OpenAlex works (JSON Lines) of four authorships each, every author with an OpenAlex id and every other one with an ORCID. */
function openAlexLines(papers: number): string {
  const lines: string[] = [];
  for (let k = 0; k < papers; k += 1) {
    const authorships = [0, 1, 2, 3].map((j) => {
      const person = (k * 7 + j * 131) % (papers / 2);
      return {
        author: {
          id: `https://openalex.org/A${5000000000 + person}`,
          display_name: `Author Number ${person}`,
          orcid:
            person % 2 === 0
              ? `https://orcid.org/0000-0002-${String(1000 + (person % 9000))}-${String(1000 + (person % 9000))}`
              : null,
        },
      };
    });
    lines.push(
      JSON.stringify({
        id: `https://openalex.org/W${4000000000 + k}`,
        title: `A study of case ${k}`,
        publication_year: 2000 + (k % 20),
        authorships,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('records and merged papers on the heap', () => {
  it('JSON Lines: at most 460 bytes a record, 430 a merged paper', async () => {
    // 20,000 synthetic papers: 513 and 512 bytes with lists grown by pushing, 409 and 353 made to size.
    const file = join(directory, 'papers.jsonl');
    await writeSyntheticCorpus(file, { papers: 20_000, seed: 'record-memory' });
    const { records, merged } = bytesPerPaper(file, 20_000);
    expect(records).toBeLessThan(460);
    expect(merged).toBeLessThan(430);
  });

  it('DBLP XML: at most 1800 bytes a record, 430 a merged paper', () => {
    // 10,000 records of four authors with pids, half with ORCIDs: 2,168 and 516 bytes with
    // lists grown by pushing, 1,464 and 357 made to size.
    const file = join(directory, 'papers.xml');
    writeFileSync(file, dblpXml(10_000));
    const { records, merged } = bytesPerPaper(file, 10_000);
    expect(records).toBeLessThan(1800);
    expect(merged).toBeLessThan(430);
  });

  it('OpenAlex works: at most 1650 bytes a record, 480 a merged paper', () => {
    // 10,000 works of four authorships with OpenAlex ids, half with ORCIDs: 2,023 and 562 bytes with
    // lists grown by pushing, 1,321 and 403 made to size.
    const file = join(directory, 'works.jsonl');
    writeFileSync(file, openAlexLines(10_000));
    const { records, merged } = bytesPerPaper(file, 10_000);
    expect(records).toBeLessThan(1650);
    expect(merged).toBeLessThan(480);
  });
});
