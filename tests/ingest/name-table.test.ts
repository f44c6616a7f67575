import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { noAliases } from '../../src/ingest/aliases.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { materialize } from '../../src/ingest/catalog-materialize.ts';
import { assignIds } from '../../src/ingest/catalog-ids.ts';
import { resolveAndMerge } from '../../src/ingest/catalog-merge.ts';
import { parseDblpXmlFile } from '../../src/ingest/dblp-xml.ts';
import { parseJsonLinesFile } from '../../src/ingest/json-papers.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { NameTable } from '../../src/ingest/name-table.ts';
import { stringHash } from '../../src/ingest/string-table.ts';

function jsonLinesFile(lines: readonly object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'coauthor-names-')), 'papers.jsonl');
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return file;
}

const papers = [
  { id: 'p1', title: 'One', authors: ['Ada Lovelace', 'Alan Turing'] },
  { id: 'p2', title: 'Two', authors: ['Alan Turing', 'Grace Hopper', 'Ada Lovelace'] },
  { id: 'p3', title: 'Three', authors: ['ada lovelace', 'Grace  Hopper'] },
];

describe('the name table of a load', () => {
  it('numbers names as a Map would, also names whose hashes collide', () => {
    // 300,000 names give a few whole 32-bit hash collisions (about n²/2³³ ≈ 10): the table must tell them apart by the name.
    const all = Array.from({ length: 300_000 }, (_, k) => `Name ${k.toString(36)} ${(k * 7919) % 1000}`);
    const byHash = new Map<number, string>();
    let collisions = 0;
    for (const name of all) {
      const other = byHash.get(stringHash(name));
      if (other !== undefined && other !== name) collisions += 1;
      byHash.set(stringHash(name), name);
    }
    expect(collisions).toBeGreaterThan(0);
    const names = new NameTable();
    const reference = new Map<string, number>();
    // Each name twice (the second time found, not added), and in another order.
    const given: number[] = [];
    const expected: number[] = [];
    for (const name of [...all, ...all.slice().reverse()]) {
      if (!reference.has(name)) reference.set(name, reference.size);
      expected.push(reference.get(name) as number);
      given.push(names.intern(name));
    }
    expect(given).toEqual(expected);
    expect(names.names).toEqual([...reference.keys()]);
  });

  it('numbers each name once, in order of first sight, and keeps one string for it', () => {
    const names = new NameTable();
    expect([names.intern('Ada'), names.intern('Alan'), names.intern('Ada')]).toEqual([0, 1, 0]);
    expect(names.names).toEqual(['Ada', 'Alan']);
  });

  it('holds each JSON Lines record byline as the numbers of its names', () => {
    const names = new NameTable();
    const { papers: records } = parseJsonLinesFile(jsonLinesFile(papers), { names });
    expect(records.map((record) => record.nameAt)).toEqual([0, 2, 5]);
    expect([...names.bylineIds.subarray(0, names.bylineCount)]).toEqual([0, 1, 1, 2, 0, 3, 2]);
    // The reader cleaned "Grace  Hopper": one name, one number.
    expect(names.names).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'ada lovelace']);
    // The same string for every byline that names her, not a copy per record.
    expect(records[1]?.authors[2]).toBe(records[0]?.authors[0]);
  });

  it('gives no numbers to a record that is not loaded', () => {
    const names = new NameTable();
    const { papers: records, problems } = parseJsonLinesFile(
      jsonLinesFile([
        { title: 'Bad year', authors: ['Ada Lovelace', 'Alan Turing'], year: 'soon' },
        { title: 'Good', authors: ['Grace Hopper'] },
      ]),
      { names },
    );
    expect(problems).toHaveLength(1);
    expect(records.map((record) => record.nameAt)).toEqual([0]);
    expect(names.bylineCount).toBe(1);
    expect(names.names[names.bylineIds[0] as number]).toBe('Grace Hopper');
  });

  it('merges records read into the table as records read without one', () => {
    const file = jsonLinesFile(papers);
    const names = new NameTable();
    const read = parseJsonLinesFile(file, { names }).papers;
    const merged = resolveAndMerge(read, noAliases, names);
    const catalog = materialize(merged, assignIds(merged), noAliases);
    const withoutNumbers = read.map(({ nameAt: _, ...record }) => record);
    expect(catalog).toEqual(buildCatalog(withoutNumbers));
    expect(catalog.authors.map((author) => [author.name, author.nameVariants.map((variant) => variant.name)])).toEqual([
      ['Ada Lovelace', ['Ada Lovelace', 'ada lovelace']],
      ['Alan Turing', ['Alan Turing']],
      ['Grace Hopper', ['Grace Hopper']],
    ]);
  });

  it("finds a record's names by name when its numbers are another table's", () => {
    const file = jsonLinesFile(papers);
    const read = parseJsonLinesFile(file, { names: new NameTable() }).papers;
    // Another load's table: the same numbers name other people, and its bylines run longer.
    const other = new NameTable();
    for (const name of ['Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Ada Lovelace']) {
      other.pushByline(other.intern(name));
      other.pushByline(other.intern(name));
    }
    const merged = resolveAndMerge(read, noAliases, other);
    expect(materialize(merged, assignIds(merged), noAliases)).toEqual(buildCatalog(read));
    expect(merged.papers.map((paper) => paper.byline.map((author) => author.firstSpelling))).toEqual([
      ['Ada Lovelace', 'Alan Turing'],
      ['Alan Turing', 'Grace Hopper', 'Ada Lovelace'],
      ['Ada Lovelace', 'Grace Hopper'],
    ]);
    expect(merged.authors[0]?.occurrences.map((occurrence) => occurrence.spelling)).toEqual([
      'Ada Lovelace',
      'Ada Lovelace',
      'ada lovelace',
    ]);
  });

  it('gives the merge of a load the numbers its reader gave: each byline name is interned once, by the reader', () => {
    const file = jsonLinesFile(papers);
    const intern = vi.spyOn(NameTable.prototype, 'intern');
    try {
      const loaded = loadFiles({ files: [file] });
      expect(loaded.catalog.authors).toHaveLength(3);
      // Seven byline positions: seven look-ups by name while reading, none in the merge.
      expect(intern).toHaveBeenCalledTimes(7);
    } finally {
      intern.mockRestore();
    }
  });

  it('interns the bylines of DBLP XML records too, and merges them as without numbers', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'coauthor-names-')), 'dblp.xml');
    writeFileSync(
      file,
      `<dblp>
<article key="a/1"><author pid="1/1">Ann Lee</author><author>Bo Chen</author><title>One.</title><year>2020</year></article>
<article key="a/2"><author>Bo Chen</author><author pid="1/1">Ann Lee</author><title>Two.</title><year>2021</year></article>
</dblp>
`,
    );
    const names = new NameTable();
    const read = parseDblpXmlFile(file, undefined, names).papers;
    expect(read.map((record) => record.nameAt)).toEqual([0, 2]);
    expect([...names.bylineIds.subarray(0, names.bylineCount)]).toEqual([0, 1, 1, 0]);
    expect(read[1]?.authors[1]).toBe(read[0]?.authors[0]);
    const merged = resolveAndMerge(read, noAliases, names);
    const withoutNumbers = read.map(({ nameAt: _, ...record }) => record);
    expect(materialize(merged, assignIds(merged), noAliases)).toEqual(buildCatalog(withoutNumbers));
    // Without a table the reader gives no numbers (the merge interns the names).
    expect(parseDblpXmlFile(file).papers.map((record) => record.nameAt)).toEqual([undefined, undefined]);
  });
});
