/**
 * The columns made straight from the merged records (src/ingest/catalog-columns.ts, what loading from
 * raw files uses) equal the columns made from the catalog's objects (`columnsFromCatalog`), column
 * for column: the network version hashes every one of them. Checked on every format's fixtures, the
 * seed data with its aliases, and the ACL 2016 slice, with and without an author limit.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { columnsFromCatalog, columnsFromRows, networkVersionOf } from '../../src/graph/network-columns.ts';
import { noAliases } from '../../src/ingest/aliases.ts';
import { rowsFromResolved } from '../../src/ingest/catalog-columns.ts';
import { assignIds } from '../../src/ingest/catalog-ids.ts';
import { collectGarbage } from '../../src/ingest/collect-garbage.ts';
import { resolveAndMerge } from '../../src/ingest/catalog-merge.ts';
import { loadFiles, parseFile } from '../../src/ingest/load.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';
import { tempFiles } from '../helpers/files.ts';
import { SEED_ALIAS_FILE, SEED_DATA_FILE } from '../helpers/networks.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const threePapers = [
  'dblp-person.xml',
  'openalex.json',
  'papers.bib',
  'papers.csl.json',
  'papers.json',
  'papers.jsonl',
  'papers.txt',
].map((name) => fixture(`three-papers/${name}`));
const formats = ['dblp-slice.xml', 'openalex-works.jsonl', 'pitfalls.bib', 'pitfalls.csl.json'].map((name) =>
  fixture(`formats/${name}`),
);

const cases: { name: string; files: string[]; aliasFile: string | null }[] = [
  ...[...threePapers, ...formats].map((file) => ({
    name: file.split('/').slice(-2).join('/'),
    files: [file],
    aliasFile: null,
  })),
  { name: 'every format fixture together', files: [...threePapers, ...formats], aliasFile: null },
  {
    name: 'every format fixture together, with aliases',
    files: [...threePapers, ...formats],
    aliasFile: SEED_ALIAS_FILE,
  },
  { name: 'the seed data with its aliases', files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE },
  { name: 'the ACL 2016 slice', files: [ACL_SLICE_FILE], aliasFile: null },
];

describe('columns from the merged records', () => {
  for (const { name, files, aliasFile } of cases) {
    for (const maxAuthorsPerPaper of [null, 2]) {
      it(`equal the catalog's columns: ${name}, author limit ${maxAuthorsPerPaper ?? 'none'}`, () => {
        const load = loadFiles({ files, aliasFile });
        const direct = load.networkColumns({ maxAuthorsPerPaper });
        const fromCatalog = columnsFromCatalog(load.catalog, { maxAuthorsPerPaper });
        expect(networkVersionOf(direct)).toBe(networkVersionOf(fromCatalog));
        expect(load.duplicatesMerged).toBe(load.catalog.duplicatesMerged);
      });
    }
  }

  it('make no catalog: it is materialized only when asked for, once', () => {
    const load = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
    load.networkColumns();
    const first = load.catalog;
    expect(load.catalog).toBe(first);
    expect(first.authors.length).toBeGreaterThan(0);
  });

  it('drop the records once the columns are made; the catalog and the records asked for later are read again, equal', async () => {
    const files = [...threePapers, ...formats];
    const before = loadFiles({ files, aliasFile: SEED_ALIAS_FILE });
    const catalogBefore = before.catalog;
    const recordsBefore = before.records;
    const load = loadFiles({ files, aliasFile: SEED_ALIAS_FILE });
    const record = new WeakRef(load.records[0] as object);
    const columns = load.networkColumns();
    await collectGarbageAfterThisTurn();
    // Without the drop, the load result still held every record (and the merged records pointing into them).
    expect(record.deref()).toBeUndefined();
    expect(load.records).toEqual(recordsBefore);
    expect(load.catalog).toEqual(catalogBefore);
    expect(networkVersionOf(load.networkColumns())).toBe(networkVersionOf(columns));
  });

  it('let go of each list of strings of the rows once its columns are made (the strings can be collected while the indexes are made)', () => {
    const { papers } = parseFile(ACL_SLICE_FILE);
    const merged = resolveAndMerge(papers, noAliases);
    const rows = rowsFromResolved(merged, assignIds(merged), noAliases);
    expect(rows.titles.length).toBeGreaterThan(1000);
    const columns = columnsFromRows(rows);
    for (const list of ['authorIds', 'authorNames', 'spellings', 'paperIds', 'titles', 'abstracts', 'venues'] as const)
      expect(rows[list], list).toEqual([]);
    // What the columns hold is unchanged (the tests above: equal to the catalog's, column for column).
    expect(columns.title.offsets.length).toBe(merged.papers.length + 1);
  });

  it('refuse to read a file again once it changed: the catalog would not be the network made from it', () => {
    const file = tempFiles({ 'papers.jsonl': readFileSync(fixture('three-papers/papers.jsonl'), 'utf8') })[
      'papers.jsonl'
    ] as string;
    const load = loadFiles({ files: [file] });
    load.networkColumns();
    appendFileSync(
      file,
      '{"title": "A Paper Added Later", "authors": ["Ada Lovelace", "Charles Babbage"], "year": 1843}\n',
    );
    expect(() => load.catalog).toThrow(/papers\.jsonl changed after it was loaded/u);
    expect(() => load.records).toThrow(/restart the server/u);
  });
});

/**
 * A full garbage collection once this turn is over (a WeakRef deref'd in this turn keeps its target
 * until it ends). Through the load's own `collectGarbage`, which exposes `gc` for one context only:
 * test files share their process with the files run after them (vitest.config.ts), so a flag left
 * set here would give their workers a `gc` too.
 */
async function collectGarbageAfterThisTurn(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(collectGarbage()).toBe(true);
}
