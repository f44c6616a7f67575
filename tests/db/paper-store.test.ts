import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { importVersion } from '../../src/db/import-version.ts';
import { migrate } from '../../src/db/migrate.ts';
import { readImportRows } from '../../src/db/paper-store.ts';
import { currentVersion, loadVersionNetwork } from '../../src/db/version-network.ts';
import { columnsFromCatalog, networkVersionOf } from '../../src/graph/network-columns.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { tempFiles } from '../helpers/files.ts';

const hostile = tempFiles({
  'hostile.jsonl': [
    JSON.stringify({
      id: 'tabs\tand\\backslashes',
      title: 'Line\nbreaks, \r returns, \\N and \\\\ in a title',
      authors: ['Zoë Ångström', 'Back\\slash Person', 'Tab\tName'],
      abstract: '\\N',
      year: 1999,
      venue: 'Venue with "quotes"',
      url: 'https://example.org/a?b=c&d',
      doi: '10.1000/xyz',
    }),
    JSON.stringify({ title: 'No id, no year', authors: ['Zoë Ångström'] }),
  ].join('\n'),
  'aliases.json': JSON.stringify({ 'Z. Angstrom': 'Zoë Ångström' }),
});

const inputs: { label: string; files: string[]; aliasFile: string | null; maxAuthorsPerPaper: number | null }[] = [
  {
    label: 'the bundled seed',
    files: ['data/duvenaud-publications.txt'],
    aliasFile: 'data/aliases.json',
    maxAuthorsPerPaper: null,
  },
  {
    label: 'the ACL Anthology 2016 slice',
    files: ['tests/fixtures/acl-anthology-2016.jsonl'],
    aliasFile: null,
    maxAuthorsPerPaper: 25,
  },
  {
    label: 'every format, external ids, DOIs and hostile text',
    files: [
      'tests/fixtures/formats/dblp-slice.xml',
      'tests/fixtures/formats/openalex-works.jsonl',
      'tests/fixtures/formats/pitfalls.bib',
      'tests/fixtures/formats/pitfalls.csl.json',
      'tests/fixtures/three-papers/papers.json',
      'tests/fixtures/three-papers/openalex.json',
      'tests/fixtures/three-papers/dblp-person.xml',
      hostile['hostile.jsonl']!,
    ],
    aliasFile: hostile['aliases.json']!,
    maxAuthorsPerPaper: null,
  },
];

describe.runIf(postgresAvailable)('the paper store', () => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('paper_store');
    database = connectDatabase(testDatabase.url);
    await migrate(database);
  });
  afterAll(async () => {
    await database.end();
    await testDatabase.drop();
  });

  for (const input of inputs) {
    it(
      `gives back ${input.label} exactly: the same records, and a network identical to the files' own`,
      { timeout: 120_000 },
      async () => {
        const load = loadFiles({ files: input.files, aliasFile: input.aliasFile });
        expect(load.records.length).toBeGreaterThan(0);
        const outcome = await importVersion(database, {
          key: `key of ${input.label}`,
          files: [],
          records: load.records,
          aliases: load.aliases,
          catalog: load.catalog,
          inputFormat: null,
          maxAuthorsPerPaper: input.maxAuthorsPerPaper,
        });
        expect(outcome.kind).toBe('imported');
        const client = await database.connect();
        try {
          const stored = await readImportRows(client, outcome.importId);
          // Every record field, byline spelling and external id; undefined and null read back alike. (Where
          // a byline's names sit in the load's name table, `nameAt`, is how it was read, not what it holds.)
          expect(JSON.parse(JSON.stringify(stored.records))).toEqual(
            JSON.parse(
              JSON.stringify(
                load.records.map((record) => ({
                  ...record,
                  doi: record.doi ?? null,
                  ...(record.authorIdentities?.some((ids) => ids.length > 0)
                    ? { authorIdentities: record.authorIdentities }
                    : { authorIdentities: undefined }),
                  ...(record.authorListIncomplete === true ? {} : { authorListIncomplete: undefined }),
                  nameAt: undefined,
                })),
              ),
            ),
          );
          expect([...stored.aliases.canonicalByKey].sort()).toEqual([...load.aliases.canonicalByKey].sort());
        } finally {
          client.release();
        }
        const fromFiles = columnsFromCatalog(load.catalog, { maxAuthorsPerPaper: input.maxAuthorsPerPaper });
        const loaded = await loadVersionNetwork(database, outcome.versionId);
        expect(networkVersionOf(loaded.network.columns)).toBe(networkVersionOf(fromFiles));
        // The version id hashes every column (authors, spellings, ids, papers, ties, provenance).
        expect(loaded.network.version).toBe(String(outcome.versionId));
        expect(loaded.duplicatesMerged).toBe(load.catalog.duplicatesMerged);
        const inThread = await loadVersionNetwork(database, outcome.versionId, { inWorker: false });
        expect(networkVersionOf(inThread.network.columns)).toBe(networkVersionOf(fromFiles));
        expect((await currentVersion(database))?.id).toBe(outcome.versionId);
      },
    );
  }

  it('passes a version with curation to the identity seam, and builds with what it returns', async () => {
    const load = loadFiles({ files: [hostile['hostile.jsonl']!] });
    const outcome = await importVersion(database, {
      key: 'seam',
      files: [],
      records: load.records,
      aliases: load.aliases,
      catalog: load.catalog,
      inputFormat: null,
      maxAuthorsPerPaper: null,
    });
    const plain = await loadVersionNetwork(database, outcome.versionId, {
      identity: () => Promise.reject(new Error('not called for curation_through 0')),
    });
    expect(plain.network.authors.size).toBe(3);
    await database.query('UPDATE network_versions SET curation_through = 5 WHERE id = $1', [outcome.versionId]);
    const seen: number[] = [];
    const curated = await loadVersionNetwork(database, outcome.versionId, {
      identity: async (version) => {
        seen.push(version.curationThrough);
        return { aliases: [['Tab Name', 'Zoë Ångström']] };
      },
    });
    expect(seen).toEqual([5]);
    expect(curated.network.authors.size).toBe(2);
  });

  it('refuses a version that does not exist', async () => {
    await expect(loadVersionNetwork(database, 987654)).rejects.toThrow(/no network version 987654/u);
  });
});
