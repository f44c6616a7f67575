/**
 * The title hashes a worker makes while the loading thread reads the same files (title-hashes.ts):
 * the streaming read the worker uses gives `parseFile`'s records; each hash is the one the merge makes
 * itself; a merge that takes them merges exactly as one that does not; a record the worker read
 * otherwise (a file changed between the two reads) is not taken, nor any after it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { networkVersionOf } from '../../src/graph/network-columns.ts';
import { noAliases } from '../../src/ingest/aliases.ts';
import { columnsFromResolved } from '../../src/ingest/catalog-columns.ts';
import { assignIds } from '../../src/ingest/catalog-ids.ts';
import { resolveAndMerge } from '../../src/ingest/catalog-merge.ts';
import { contentHashFrom, titleHash, titleKey } from '../../src/ingest/content-key.ts';
import { eachRecord, loadFiles, parseFile } from '../../src/ingest/load.ts';
import { NameTable } from '../../src/ingest/name-table.ts';
import type { PaperRecord } from '../../src/ingest/records.ts';
import { TitleHashes } from '../../src/ingest/title-hashes.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';
import { tempFiles } from '../helpers/files.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const everyFormat = [
  'three-papers/dblp-person.xml',
  'three-papers/openalex.json',
  'three-papers/papers.bib',
  'three-papers/papers.csl.json',
  'three-papers/papers.json',
  'three-papers/papers.jsonl',
  'three-papers/papers.txt',
  'formats/dblp-slice.xml',
  'formats/openalex-works.jsonl',
  'formats/pitfalls.bib',
  'formats/pitfalls.csl.json',
].map(fixture);

/**
 * Papers read twice and more: the same paper with its title spelled otherwise (case, punctuation,
 * spacing), the same title by other authors, a record over the input limits (skipped by both reads),
 * and a line that is not JSON.
 */
const duplicates = [
  { title: 'Graph Networks, Revisited.', authors: ['Ada Lovelace', 'Charles Babbage'], year: 2020 },
  { title: 'graph networks revisited', authors: ['Ada Lovelace', 'Charles Babbage'], venue: 'ACL' },
  { title: 'Graph  Networks — Revisited', authors: ['Ada Lovelace', 'Charles Babbage'], doi: '10.1/x' },
  { title: 'Graph Networks, Revisited.', authors: ['Grace Hopper'] },
  { title: 'x'.repeat(100_001), authors: ['Grace Hopper'] },
  'not json',
  { title: 'Réseaux de graphes', authors: ['Émile Zola', 'Ada Lovelace'] },
  { title: 'RÉSEAUX DE GRAPHES!', authors: ['Émile Zola', 'Ada Lovelace'] },
]
  .map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))
  .join('\n');

/** Every record of the files, read as the loading thread reads them. */
function recordsOf(files: readonly string[]): PaperRecord[] {
  return files.flatMap((file) => parseFile(file).papers);
}

/** Title hashes from a worker over `files`, once it has sent every record's. */
async function settledHashes(files: readonly string[], records: readonly PaperRecord[]): Promise<TitleHashes> {
  const hashes = TitleHashes.start(files, null, 0, { minBytes: 0, cores: 2 });
  if (hashes === null) throw new Error('no worker started');
  const last = records.length - 1;
  const deadline = Date.now() + 20_000;
  while (hashes.at(last, records[last] as PaperRecord) === -1) {
    if (Date.now() > deadline) throw new Error('the worker sent no hash for the last record in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  hashes.taken = 0;
  hashes.missed = 0;
  return hashes;
}

describe('title hashes from a worker', () => {
  it('are read from the records parseFile gives: eachRecord streams the same records, with the same problems', () => {
    const [file] = Object.values(tempFiles({ 'duplicates.jsonl': duplicates }));
    for (const path of [...everyFormat, ACL_SLICE_FILE, file as string]) {
      const records: PaperRecord[] = [];
      const problems = eachRecord(path, null, (record) => records.push(record));
      const parsed = parseFile(path);
      expect(records, path).toEqual(parsed.papers);
      expect(problems, path).toEqual(parsed.problems);
    }
  });

  it("are the merge's own: the title key's part of the content hash, which the people's keys continue", () => {
    const keys = ['name:ada lovelace', 'id:orcid:0000-0002-1825-0097'];
    for (const title of ['Graph Networks, Revisited.', 'Réseaux de graphes', '', 'Über  Graphen']) {
      const key = titleKey(title);
      // FNV-1a of the whole content key, written out here: the hash of `${titleKey}|${keys.join('|')}`.
      let hash = 0x811c9dc5;
      for (const unit of `${key}|${keys.join('|')}`) hash = Math.imul(hash ^ unit.charCodeAt(0), 0x01000193);
      expect(contentHashFrom(titleHash(key), keys)).toBe(hash >>> 0);
    }
    expect(titleKey('Graph  Networks — Revisited')).toBe(titleKey('graph networks, revisited.'));
  });

  it('give every record of every file its hash, and a merge that takes them merges as one that does not', async () => {
    const [file] = Object.values(tempFiles({ 'duplicates.jsonl': duplicates }));
    const files = [...everyFormat, ACL_SLICE_FILE, file as string];
    const records = recordsOf(files);
    const hashes = await settledHashes(files, records);
    try {
      records.forEach((record, index) => expect(hashes.at(index, record)).toBe(titleHash(titleKey(record.title))));
      hashes.taken = 0;
      const withWorker = resolveAndMerge(records, noAliases, new NameTable(), hashes);
      // Every record's title key came from the worker: the merge made none itself.
      expect(hashes.taken).toBe(records.length);
      expect(hashes.missed).toBe(0);
      const alone = resolveAndMerge(records, noAliases, new NameTable());
      // Three spellings of one paper, twice: four records merged into earlier ones; the ACL slice has its own.
      expect(withWorker.duplicatesMerged).toBe(alone.duplicatesMerged);
      expect(alone.duplicatesMerged).toBeGreaterThanOrEqual(3);
      expect(withWorker.papers.map((paper) => paper.sources)).toEqual(alone.papers.map((paper) => paper.sources));
      expect(networkVersionOf(columnsFromResolved(withWorker, assignIds(withWorker), noAliases))).toBe(
        networkVersionOf(columnsFromResolved(alone, assignIds(alone), noAliases)),
      );
    } finally {
      hashes.close();
    }
  });

  it('are not taken for a record the worker read otherwise, nor for any after it (a file changed between the two reads)', async () => {
    const [file] = Object.values(tempFiles({ 'duplicates.jsonl': duplicates }));
    const before = recordsOf([file as string]);
    const hashes = await settledHashes([file as string], before);
    try {
      // The file as the loading thread read it: the second record's title is another.
      const changed = before.map((record, index) => (index === 1 ? { ...record, title: 'Graph networks' } : record));
      expect(hashes.at(0, changed[0] as PaperRecord)).toBe(titleHash(titleKey(before[0]?.title ?? '')));
      expect(hashes.at(1, changed[1] as PaperRecord)).toBe(-1);
      // The record after it agrees with the worker's, but the worker's read is not trusted any more.
      expect(hashes.at(2, changed[2] as PaperRecord)).toBe(-1);
      const merged = resolveAndMerge(changed, noAliases, new NameTable(), hashes);
      const alone = resolveAndMerge(changed, noAliases, new NameTable());
      expect(merged.duplicatesMerged).toBe(alone.duplicatesMerged);
      expect(networkVersionOf(columnsFromResolved(merged, assignIds(merged), noAliases))).toBe(
        networkVersionOf(columnsFromResolved(alone, assignIds(alone), noAliases)),
      );
    } finally {
      hashes.close();
    }
  });

  it('leave the merge its own work where the worker cannot read a file, and start no worker on one core, on little data or on much', async () => {
    const missing = '/nonexistent/coauthor-graph/papers.jsonl';
    const hashes = TitleHashes.start([missing], null, 0, { minBytes: 0, cores: 2 });
    expect(hashes).not.toBeNull();
    const records = recordsOf([ACL_SLICE_FILE]).slice(0, 50);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(records.map((record, index) => hashes?.at(index, record))).toEqual(records.map(() => -1));
    hashes?.close();
    expect(TitleHashes.start([ACL_SLICE_FILE], null, 1e9, { cores: 1 })).toBeNull();
    expect(TitleHashes.start([ACL_SLICE_FILE], null, 1000)).toBeNull();
    expect(TitleHashes.start([ACL_SLICE_FILE], null, 65 * 1024 ** 2)).toBeNull();
  });

  it('change no load: the network from files read with the worker is the one read without', () => {
    const [file] = Object.values(tempFiles({ 'duplicates.jsonl': duplicates }));
    const files = [...everyFormat, ACL_SLICE_FILE, file as string];
    const withWorker = loadFiles({ files, titleHashes: { minBytes: 0, cores: 2 } });
    const alone = loadFiles({ files, titleHashes: { cores: 1 } });
    expect(withWorker.duplicatesMerged).toBe(alone.duplicatesMerged);
    expect(withWorker.problems).toEqual(alone.problems);
    expect(networkVersionOf(withWorker.networkColumns())).toBe(networkVersionOf(alone.networkColumns()));
    expect(readFileSync(file as string, 'utf8')).toBe(duplicates);
  });
});
