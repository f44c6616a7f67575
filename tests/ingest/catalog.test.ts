import { describe, expect, it } from 'vitest';
import { parseAliases } from '../../src/ingest/aliases.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import type { Catalog } from '../../src/ingest/catalog.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { seedExpected } from '../reference/networkx-expected.ts';
import { SEED_ALIAS_FILE, SEED_DATA_FILE, paperRecord } from '../helpers/networks.ts';

const lorraineAliases = parseAliases('{ "Jon Lorraine": "Jonathan Lorraine" }', 'aliases.json').aliases;

function authorNamed(catalog: Catalog, name: string) {
  const author = catalog.authors.find((candidate) => candidate.name === name);
  if (!author) throw new Error(`no author named ${name}`);
  return author;
}

describe('buildCatalog on the bundled data', () => {
  const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });

  it('has the 10 papers and the 30 authors NetworkX finds, with the same names and ids', () => {
    expect(catalog.papers).toHaveLength(seedExpected.stats.paperCount);
    expect(Object.fromEntries(catalog.authors.map((author) => [author.name, author.id]))).toEqual(
      seedExpected.authorIds,
    );
    expect(catalog.duplicatesMerged).toBe(0);
  });

  it('merges "Jon Lorraine" into "Jonathan Lorraine" and lists both spellings with how often each was seen', () => {
    const lorraine = authorNamed(catalog, 'Jonathan Lorraine');
    expect(lorraine.id).toBe('jonathan-lorraine');
    expect(lorraine.nameVariants).toEqual([
      { name: 'Jonathan Lorraine', count: 1, mergedBy: 'name' },
      { name: 'Jon Lorraine', count: 1, mergedBy: 'alias' },
    ]);
    expect(lorraine.paperIds).toHaveLength(2);
  });

  it('lists the same name variants as the reference for every author', () => {
    const variants = Object.fromEntries(
      catalog.authors.map((author) => [author.name, author.nameVariants.map((variant) => variant.name).sort()]),
    );
    expect(variants).toEqual(seedExpected.nameVariants);
  });

  it('keeps the byline order of every paper, as in the reference', () => {
    const nameOf = new Map(catalog.authors.map((author) => [author.id, author.name]));
    expect(
      catalog.papers.map((paper) => ({
        title: paper.title,
        authors: paper.authorIds.map((id) => nameOf.get(id)),
        line: paper.source.line,
      })),
    ).toEqual(seedExpected.papers.map(({ title, authors, line }) => ({ title, authors, line })));
  });

  it('keeps "Jon Lorraine" apart without the alias file', () => {
    const withoutAliases = loadFiles({ files: [SEED_DATA_FILE] }).catalog;
    expect(withoutAliases.authors).toHaveLength(31);
    expect(authorNamed(withoutAliases, 'Jon Lorraine').id).toBe('jon-lorraine');
  });

  it('gives authors readable slugs of their names, accents stripped ("jorn-henrik-jacobsen")', () => {
    expect(authorNamed(catalog, 'Jörn-Henrik Jacobsen').id).toBe('jorn-henrik-jacobsen');
    expect(authorNamed(catalog, 'Ricky T. Q. Chen').id).toBe('ricky-t-q-chen');
  });

  it('gives papers without a source id a slug of the title, at most 80 characters', () => {
    expect(catalog.papers[0]?.id).toBe('on-implicit-bias-in-overparameterized-bilevel-optimization');
    for (const paper of catalog.papers) expect(paper.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u);
    expect(Math.max(...catalog.papers.map((paper) => paper.id.length))).toBeLessThanOrEqual(80);
  });
});

describe('buildCatalog identity', () => {
  it('merges spellings that differ only in case, whitespace or Unicode normalization', () => {
    const decomposed = 'Jo\u0308rn-Henrik Jacobsen';
    const catalog = buildCatalog([
      paperRecord('One', ['David Duvenaud', 'Jörn-Henrik Jacobsen']),
      paperRecord('Two', ['DAVID   duvenaud', decomposed]),
      paperRecord('Three', [' David Duvenaud ']),
    ]);
    expect(catalog.authors.map((author) => author.id)).toEqual(['david-duvenaud', 'jorn-henrik-jacobsen']);
    expect(catalog.authors[0]?.nameVariants).toEqual([
      { name: 'David Duvenaud', count: 2, mergedBy: 'name' },
      { name: 'DAVID duvenaud', count: 1, mergedBy: 'name' },
    ]);
    // The decomposed spelling is the same spelling once in NFC.
    expect(catalog.authors[1]?.nameVariants).toEqual([{ name: 'Jörn-Henrik Jacobsen', count: 2, mergedBy: 'name' }]);
  });

  it('merges names without ids that differ in accents, typographic hyphens or the punctuation of initials', () => {
    const catalog = buildCatalog([
      paperRecord('One', ['Jörn-Henrik Jacobsen', 'Ricky T. Q. Chen']),
      paperRecord('Two', ['Jorn-Henrik Jacobsen', 'Ricky T.Q. Chen']),
      paperRecord('Three', ['Jörn-Henrik Jacobsen', 'Ricky T Q Chen']),
      paperRecord('Four', ['Jörn\u2010Henrik Jacobsen']),
    ]);
    expect(
      catalog.authors.map((author) => [
        author.id,
        author.name,
        author.nameVariants.map((variant) => [variant.name, variant.count]),
      ]),
    ).toEqual([
      [
        'jorn-henrik-jacobsen',
        'Jörn-Henrik Jacobsen',
        [
          ['Jörn-Henrik Jacobsen', 2],
          ['Jorn-Henrik Jacobsen', 1],
          ['Jörn\u2010Henrik Jacobsen', 1],
        ],
      ],
      [
        'ricky-t-q-chen',
        'Ricky T. Q. Chen',
        [
          ['Ricky T. Q. Chen', 1],
          ['Ricky T.Q. Chen', 1],
          ['Ricky T Q Chen', 1],
        ],
      ],
    ]);
  });

  it('keeps namesakes with different external ids apart (ids disambiguate), however their names are spelled', () => {
    const orcid = (value: string) => [{ scheme: 'orcid', value }] as const;
    const catalog = buildCatalog([
      paperRecord('One', ['Jörn-Henrik Jacobsen'], { authorIdentities: [orcid('0000-0000-0000-0001')] }),
      paperRecord('Two', ['Jorn-Henrik Jacobsen'], { authorIdentities: [orcid('0000-0000-0000-0002')] }),
      paperRecord('Three', ['J.-H. Jacobsen'], { authorIdentities: [orcid('0000-0000-0000-0001')] }),
    ]);
    expect(catalog.authors.map((author) => [author.id, author.name, author.paperIds.length])).toEqual([
      ['jorn-henrik-jacobsen', 'Jörn-Henrik Jacobsen', 2],
      ['jorn-henrik-jacobsen-2', 'Jorn-Henrik Jacobsen', 1],
    ]);
    expect(catalog.authors[0]?.nameVariants.map((variant) => [variant.name, variant.mergedBy])).toEqual([
      ['Jörn-Henrik Jacobsen', 'name'],
      ['J.-H. Jacobsen', 'external-id'],
    ]);
    expect(catalog.authors[0]?.externalIds).toEqual([{ scheme: 'orcid', value: '0000-0000-0000-0001' }]);
  });

  it('joins ids seen on one byline position: an OpenAlex id and an ORCID name one person', () => {
    const catalog = buildCatalog([
      paperRecord('One', ['Ada Lovelace'], { authorIdentities: [[{ scheme: 'openalex', value: 'A1' }]] }),
      paperRecord('Two', ['A. Lovelace'], {
        authorIdentities: [
          [
            { scheme: 'openalex', value: 'A1' },
            { scheme: 'orcid', value: '0000-0000-0000-0009' },
          ],
        ],
      }),
      paperRecord('Three', ['Augusta Ada King'], {
        authorIdentities: [[{ scheme: 'orcid', value: '0000-0000-0000-0009' }]],
      }),
    ]);
    expect(catalog.authors).toHaveLength(1);
    expect(catalog.authors[0]?.paperIds).toHaveLength(3);
    expect(catalog.authors[0]?.occurrences.map((occurrence) => occurrence.spelling)).toEqual([
      'Ada Lovelace',
      'A. Lovelace',
      'Augusta Ada King',
    ]);
  });

  it('gives a name without an id to the one person with ids seen under it, and to nobody when several are', () => {
    const id = (value: string) => [[{ scheme: 'dblp', value }]] as const;
    const single = buildCatalog([
      paperRecord('One', ['Jane Doe'], { authorIdentities: id('1/1') }),
      paperRecord('Two', ['jane doe']),
    ]);
    expect(single.authors.map((author) => author.paperIds.length)).toEqual([2]);
    const several = buildCatalog([
      paperRecord('One', ['Wei Wang'], { authorIdentities: id('1/1') }),
      paperRecord('Two', ['Wei Wang'], { authorIdentities: id('2/2') }),
      paperRecord('Three', ['Wei Wang']),
    ]);
    expect(several.authors.map((author) => author.id)).toEqual(['wei-wang', 'wei-wang-2', 'wei-wang-3']);
    expect(several.problems.map((problem) => problem.message)).toEqual([
      '"Wei Wang" has no external id here and 2 different people with ids carry that name; it is kept as a separate author (add an alias to merge it)',
    ]);
  });

  it('joins ids of different registries under one name, but never two ids of one registry', () => {
    const catalog = buildCatalog([
      paperRecord('One', ['David Duvenaud'], { authorIdentities: [[{ scheme: 'dblp', value: '86/9380' }]] }),
      paperRecord('Two', ['David Duvenaud'], { authorIdentities: [[{ scheme: 'openalex', value: 'A1' }]] }),
      paperRecord('Three', ['david duvenaud']),
      paperRecord('Four', ['Wei Wang'], { authorIdentities: [[{ scheme: 'dblp', value: '1/1' }]] }),
      paperRecord('Five', ['Wei Wang'], { authorIdentities: [[{ scheme: 'dblp-name', value: 'Wei Wang 0002' }]] }),
      paperRecord('Six', ['Wei Wang'], { authorIdentities: [[{ scheme: 'openalex', value: 'A9' }]] }),
    ]);
    expect(
      catalog.authors.map((author) => [author.id, author.paperIds.length, author.externalIds.map((id) => id.value)]),
    ).toEqual([
      ['david-duvenaud', 3, ['86/9380', 'A1']],
      // Two DBLP Wei Wangs are namesakes; the OpenAlex one could be either, so it stays apart too.
      ['wei-wang', 1, ['1/1']],
      ['wei-wang-2', 1, ['Wei Wang 0002']],
      ['wei-wang-3', 1, ['A9']],
    ]);
  });

  it('records which records each author came from (provenance)', () => {
    const catalog = buildCatalog(
      [paperRecord('One', ['Jon Lorraine']), paperRecord('Two', ['Jonathan Lorraine'])],
      lorraineAliases,
    );
    expect(catalog.authors[0]?.occurrences.map((occurrence) => occurrence.spelling)).toEqual([
      'Jon Lorraine',
      'Jonathan Lorraine',
    ]);
    expect(catalog.authors[0]?.occurrences.every((occurrence) => occurrence.source.file === 'test.json')).toBe(true);
  });

  it('names an author by the most frequent spelling, the first seen on a tie', () => {
    const catalog = buildCatalog([
      paperRecord('One', ['jane smith']),
      paperRecord('Two', ['Jane Smith']),
      paperRecord('Three', ['Jane Smith']),
      paperRecord('Four', ['Bob Jones']),
      paperRecord('Five', ['BOB JONES']),
    ]);
    expect(catalog.authors.map((author) => author.name)).toEqual(['Jane Smith', 'Bob Jones']);
  });

  it("names an aliased author by the alias file's canonical name even when a variant is seen more often", () => {
    const catalog = buildCatalog(
      [
        paperRecord('One', ['Jon Lorraine']),
        paperRecord('Two', ['Jon Lorraine']),
        paperRecord('Three', ['jonathan lorraine']),
      ],
      lorraineAliases,
    );
    expect(catalog.authors).toHaveLength(1);
    expect(catalog.authors[0]).toMatchObject({ id: 'jonathan-lorraine', name: 'Jonathan Lorraine' });
  });

  it('names an aliased author by the canonical name also when the canonical spelling is seen first', () => {
    const catalog = buildCatalog(
      [
        paperRecord('One', ['Jonathan Lorraine']),
        paperRecord('Two', ['Jon Lorraine']),
        paperRecord('Three', ['Jon Lorraine']),
      ],
      lorraineAliases,
    );
    expect(catalog.authors).toEqual([
      {
        id: 'jonathan-lorraine',
        name: 'Jonathan Lorraine',
        nameVariants: [
          { name: 'Jonathan Lorraine', count: 1, mergedBy: 'name' },
          { name: 'Jon Lorraine', count: 2, mergedBy: 'alias' },
        ],
        paperIds: ['one', 'two', 'three'],
        externalIds: [],
        occurrences: [
          { spelling: 'Jonathan Lorraine', source: catalog.papers[0]?.source },
          { spelling: 'Jon Lorraine', source: catalog.papers[1]?.source },
          { spelling: 'Jon Lorraine', source: catalog.papers[2]?.source },
        ],
      },
    ]);
  });

  it('merges through an alias chain', () => {
    const { aliases } = parseAliases(
      '{ "J. Lorraine": "Jon Lorraine", "Jon Lorraine": "Jonathan Lorraine" }',
      'aliases.json',
    );
    const catalog = buildCatalog(
      [paperRecord('One', ['J. Lorraine', 'A B']), paperRecord('Two', ['Jon Lorraine'])],
      aliases,
    );
    expect(catalog.authors.map((author) => author.id)).toEqual(['jonathan-lorraine', 'a-b']);
    expect(catalog.authors[0]?.paperIds).toEqual(['one', 'two']);
  });

  it('counts the same person twice on one byline once', () => {
    const catalog = buildCatalog(
      [paperRecord('One', ['Ann Lee', 'Bo Chen', 'ANN LEE', 'Jon Lorraine', 'Jonathan Lorraine'])],
      lorraineAliases,
    );
    expect(catalog.papers[0]?.authorIds).toEqual(['ann-lee', 'bo-chen', 'jonathan-lorraine']);
    expect(catalog.authors.map((author) => author.paperIds)).toEqual([['one'], ['one'], ['one']]);
  });
});

describe('buildCatalog duplicate papers', () => {
  it('merges records with the same source id, keeps both sources and fills in missing fields', () => {
    const first = paperRecord('Neural ODEs', ['Ricky Chen', 'David Duvenaud'], {
      id: '10.1/node',
      source: { file: 'a.txt', line: 4 },
    });
    const second = paperRecord('Neural ODEs', ['Ricky Chen', 'David Duvenaud'], {
      id: '10.1/node',
      year: 2018,
      venue: 'NeurIPS',
      abstract: 'We introduce...',
      url: 'https://example.org',
      source: { file: 'b.json', line: 2 },
    });
    const catalog = buildCatalog([first, second]);
    expect(catalog.duplicatesMerged).toBe(1);
    expect(catalog.problems).toEqual([]);
    expect(catalog.papers).toEqual([
      {
        id: '10.1/node',
        title: 'Neural ODEs',
        abstract: 'We introduce...',
        year: 2018,
        venue: 'NeurIPS',
        url: 'https://example.org',
        doi: null,
        authorIds: ['ricky-chen', 'david-duvenaud'],
        authorListIncomplete: false,
        source: { file: 'a.txt', line: 4 },
        sources: [
          { file: 'a.txt', line: 4 },
          { file: 'b.json', line: 2 },
        ],
        alternateIds: [],
      },
    ]);
    expect(catalog.authors.map((author) => [author.paperIds, author.nameVariants])).toEqual([
      [['10.1/node'], [{ name: 'Ricky Chen', count: 2, mergedBy: 'name' }]],
      [['10.1/node'], [{ name: 'David Duvenaud', count: 2, mergedBy: 'name' }]],
    ]);
  });

  it('merges records with the same title and authors up to case, accents, punctuation and spelling variants', () => {
    const catalog = buildCatalog(
      [
        paperRecord('Residual Flows: for Invertible Generative Modeling', ['Ricky T. Q. Chen', 'Jon Lorraine'], {
          year: 2019,
        }),
        paperRecord('residual flows for invertible générative modeling.', ['RICKY T. Q. CHEN', 'Jonathan Lorraine'], {
          venue: 'NeurIPS',
        }),
      ],
      lorraineAliases,
    );
    expect(catalog.duplicatesMerged).toBe(1);
    expect(catalog.papers).toHaveLength(1);
    expect(catalog.papers[0]).toMatchObject({
      year: 2019,
      venue: 'NeurIPS',
      title: 'Residual Flows: for Invertible Generative Modeling',
    });
    expect(catalog.papers[0]?.sources).toHaveLength(2);
    expect(catalog.authors.find((author) => author.id === 'jonathan-lorraine')?.nameVariants).toEqual([
      { name: 'Jon Lorraine', count: 1, mergedBy: 'alias' },
      { name: 'Jonathan Lorraine', count: 1, mergedBy: 'name' },
    ]);
  });

  it('keeps the first value of a field both records have', () => {
    const catalog = buildCatalog([
      paperRecord('Same', ['A B'], { year: 2019 }),
      paperRecord('Same', ['A B'], { year: 2020 }),
    ]);
    expect(catalog.papers[0]?.year).toBe(2019);
  });

  it('does not merge papers with the same title and different authors; their slugs get suffixes', () => {
    const catalog = buildCatalog([
      paperRecord('Introduction', ['A B']),
      paperRecord('Introduction', ['C D']),
      paperRecord('Introduction', ['E F']),
    ]);
    expect(catalog.papers.map((paper) => paper.id)).toEqual(['introduction', 'introduction-2', 'introduction-3']);
    expect(catalog.duplicatesMerged).toBe(0);
  });

  it('lets an explicit source id win over a title slug, whatever the input order', () => {
    const catalog = buildCatalog([
      paperRecord('Deep Learning', ['A B']),
      paperRecord('Deep Learning', ['A B'], { id: 'doi:10.1/dl' }),
    ]);
    expect(catalog.papers.map((paper) => paper.id)).toEqual(['doi:10.1/dl']);
    expect(catalog.authors[0]?.paperIds).toEqual(['doi:10.1/dl']);
  });

  it('keeps the first of two records with the same id and a different title, warns naming both places, and takes nothing from the second', () => {
    const catalog = buildCatalog([
      paperRecord('Title One', ['A B'], { id: 'p1', source: { file: 'a.json', line: 3 } }),
      paperRecord('Title Two', ['C D'], {
        id: 'p1',
        year: 2001,
        venue: 'Elsewhere',
        source: { file: 'b.json', line: 7 },
      }),
    ]);
    expect(catalog.papers).toHaveLength(1);
    expect(catalog.papers[0]).toMatchObject({
      id: 'p1',
      title: 'Title One',
      authorIds: ['a-b'],
      year: null,
      venue: null,
    });
    expect(catalog.authors.map((author) => author.id)).toEqual(['a-b']);
    expect(catalog.problems).toEqual([
      {
        severity: 'warning',
        file: 'b.json',
        line: 7,
        message: expect.stringContaining('a.json:3'),
      },
    ]);
    expect(catalog.problems[0]?.message).toContain('"p1"');
    expect(catalog.problems[0]?.message).toContain('not loaded');
    // The second record was not merged: it is no duplicate and no source of the kept paper.
    expect(catalog.duplicatesMerged).toBe(0);
    expect(catalog.papers[0]?.sources).toEqual([{ file: 'a.json', line: 3 }]);
  });

  it('warns the same way for the same id with a different author list', () => {
    const catalog = buildCatalog([
      paperRecord('Title', ['A B'], { id: 'p1' }),
      paperRecord('Title', ['A B', 'C D'], { id: 'p1' }),
    ]);
    expect(catalog.papers[0]?.authorIds).toEqual(['a-b']);
    expect(catalog.problems.map((problem) => problem.severity)).toEqual(['warning']);
  });
});

describe('buildCatalog ids', () => {
  it('never gives a paper and an author the same id', () => {
    const catalog = buildCatalog([
      paperRecord('Jane Smith', ['Jane Smith']),
      paperRecord('Another', ['Bob Jones'], { id: 'bob-jones' }),
    ]);
    const paperIds = catalog.papers.map((paper) => paper.id);
    const authorIds = catalog.authors.map((author) => author.id);
    expect(paperIds).toEqual(['jane-smith', 'bob-jones']);
    expect(authorIds).toEqual(['jane-smith-2', 'bob-jones-2']);
  });

  it('suffixes a generated slug that collides with an explicit id, keeping the explicit id as given', () => {
    const catalog = buildCatalog([
      paperRecord('Graphs', ['A B']),
      paperRecord('Other', ['A B'], { id: 'graphs' }),
      paperRecord('Other Again', ['A B'], { id: 'graphs-2' }),
    ]);
    expect(catalog.papers.map((paper) => paper.id)).toEqual(['graphs-3', 'graphs', 'graphs-2']);
  });

  it('falls back to "paper" and "author" when a name has no letters or digits', () => {
    const catalog = buildCatalog([paperRecord('???', ['---'])]);
    expect(catalog.papers[0]?.id).toBe('paper');
    expect(catalog.authors[0]?.id).toBe('author');
  });

  it('gives every paper and author a distinct id', () => {
    const catalog = buildCatalog([
      paperRecord('X', ['Ann Lee', 'Ånn Lee', 'Ann-Lee']),
      paperRecord('x.', ['ann lee', 'X']),
      paperRecord('X', ['Other']),
    ]);
    const ids = [...catalog.papers.map((paper) => paper.id), ...catalog.authors.map((author) => author.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('buildCatalog with no records', () => {
  it('is empty and has no problems', () => {
    expect(buildCatalog([])).toEqual({ papers: [], authors: [], duplicatesMerged: 0, problems: [] });
  });
});

describe('buildCatalog alternate ids', () => {
  it('keeps the ids of merged duplicate records as alternate ids of the paper', () => {
    const catalog = buildCatalog([
      paperRecord('Deep Things', ['A B', 'C D'], { id: 'acl:1' }),
      paperRecord('Deep things.', ['A B', 'C D'], { id: 'doi:10.1/x' }),
      paperRecord('Deep Things', ['a b', 'C D'], { id: 'doi:10.1/x' }),
    ]);
    expect(catalog.papers).toHaveLength(1);
    expect(catalog.papers[0]).toMatchObject({ id: 'acl:1', alternateIds: ['doi:10.1/x'] });
    expect(catalog.duplicatesMerged).toBe(2);
  });

  it("never hands another paper's or an author's id out as an alternate id", () => {
    const catalog = buildCatalog([
      paperRecord('One', ['A B'], { id: 'p1' }),
      paperRecord('Two', ['C D'], { id: 'p2' }),
      paperRecord('One', ['A B'], { id: 'a-b' }),
    ]);
    expect(catalog.papers.map((paper) => [paper.id, paper.alternateIds])).toEqual([
      ['p1', []],
      ['p2', []],
    ]);
  });
});
