/**
 * What a large corpus's records and merged papers hold on the heap, per paper. Each reader makes a
 * record's lists (its byline, its authors' external ids) exactly their size, and the merge makes a
 * paper's byline and its sources no larger than they are: a list grown by pushing holds room for 17
 * entries, which at DBLP's 7.5 M records and 31 M byline positions is gigabytes.
 *
 * The bounds sit between the bytes per paper measured before these lists were made to size and
 * after (the table of corpora says both; measured with these corpora, V8 of Node 20): they fail if a
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

/**
 * Heap bytes per paper held by the records read from `file` (`papers` of them), and by the merge's
 * result besides; and how many byline positions carry one external id and how many two.
 */
function bytesPerPaper(
  file: string,
  papers: number,
): { records: number; merged: number; positionsWithIds: [number, number] } {
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
  const positionsWithIds: [number, number] = [0, 0];
  for (const paper of parsed.papers)
    for (const ids of paper.authorIdentities ?? [])
      if (ids.length > 0) positionsWithIds[ids.length - 1] = (positionsWithIds[ids.length - 1] as number) + 1;
  return { records: (read - before) / papers, merged: (after - read) / papers, positionsWithIds };
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

/**
 * Each corpus, its size, and the bounds (bytes a record, bytes a merged paper), with the bytes
 * measured with lists grown by pushing and with lists made to size.
 */
const CORPORA = [
  {
    // 513 and 512 bytes with lists grown by pushing, 409 and 353 made to size.
    name: 'JSON Lines, synthetic papers',
    file: 'papers.jsonl',
    papers: 20_000,
    write: (file: string, papers: number) => writeSyntheticCorpus(file, { papers, seed: 'record-memory' }),
    bounds: [460, 430],
    positionsWithIds: [0, 0],
  },
  {
    // Four authors a record with pids, half with ORCIDs: 2,168 and 516 bytes grown, 1,464 and 357 to size.
    name: 'DBLP XML',
    file: 'papers.xml',
    papers: 10_000,
    write: (file: string, papers: number) => writeFileSync(file, dblpXml(papers)),
    bounds: [1800, 430],
    positionsWithIds: [20_000, 20_000],
  },
  {
    // Four authorships a work with OpenAlex ids, half with ORCIDs: 2,023 and 562 bytes grown, 1,321 and 403 to size.
    name: 'OpenAlex works',
    file: 'works.jsonl',
    papers: 10_000,
    write: (file: string, papers: number) => writeFileSync(file, openAlexLines(papers)),
    bounds: [1650, 480],
    positionsWithIds: [20_000, 20_000],
  },
] as const;

describe('records and merged papers on the heap', () => {
  it.each(CORPORA)(
    '$name: bytes a record and a merged paper within $bounds',
    async ({ file, papers, write, bounds, positionsWithIds }) => {
      const path = join(directory, file);
      await write(path, papers);
      const measured = bytesPerPaper(path, papers);
      const { records, merged } = measured;
      // The corpus is what its comment says: positions with one id and with two (half with an ORCID).
      expect(measured.positionsWithIds).toEqual(positionsWithIds);
      expect(records).toBeLessThan(bounds[0]);
      expect(merged).toBeLessThan(bounds[1]);
    },
  );
});
