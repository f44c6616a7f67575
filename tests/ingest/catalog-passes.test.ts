/**
 * The catalog's three passes, each alone: resolve and merge (catalog-merge.ts), assign ids
 * (catalog-ids.ts), materialize (catalog-materialize.ts). tests/ingest/catalog.test.ts checks them
 * together through `buildCatalog`.
 */
import { describe, expect, it } from 'vitest';
import { noAliases, parseAliases } from '../../src/ingest/aliases.ts';
import { alternateIdsOf, assignIds } from '../../src/ingest/catalog-ids.ts';
import { materialize } from '../../src/ingest/catalog-materialize.ts';
import {
  type MergedAuthor,
  type MergedPaper,
  idsOf,
  resolveAndMerge,
  variantsOf,
} from '../../src/ingest/catalog-merge.ts';
import { externalIdKey } from '../../src/ingest/records.ts';
import type { PaperRecord } from '../../src/ingest/records.ts';
import { paperRecord } from '../helpers/networks.ts';

function author(key: string, variants: [string, number][], aliasName: string | null = null): MergedAuthor {
  const [first] = variants;
  return {
    key,
    aliasName,
    firstSpelling: first?.[0] ?? '',
    firstCount: first?.[1] ?? 0,
    variants: variants.length > 1 ? new Map(variants) : null,
    ids: null,
    occurrences: [],
  };
}

function paper(record: PaperRecord, byline: MergedAuthor[], fields: Partial<MergedPaper> = {}): MergedPaper {
  return {
    record,
    explicitId: record.id,
    otherIds: [],
    byline,
    sources: [record.source],
    fill: {},
    incomplete: false,
    ...fields,
  };
}

describe('resolve and merge', () => {
  it('merges a repeated record into the first, filling its missing fields and keeping both sources', () => {
    const first = paperRecord('Graph Networks', ['Ada Lovelace', 'Alan Turing'], { id: 'p1' });
    const again = paperRecord('Graph networks.', ['ada lovelace', 'Alan Turing'], { id: 'doi-1', year: 2020 });
    const merged = resolveAndMerge([first, again], noAliases);
    expect(merged.duplicatesMerged).toBe(1);
    expect(merged.papers).toHaveLength(1);
    expect(merged.papers[0]).toMatchObject({
      explicitId: 'p1',
      otherIds: ['doi-1'],
      sources: [first.source, again.source],
      fill: { year: 2020 },
    });
    // One person per name key; each spelling counted per byline, each position kept with its source.
    expect(merged.authors.map((person) => [person.key, [...variantsOf(person)]])).toEqual([
      [
        'name:ada lovelace',
        [
          ['Ada Lovelace', 1],
          ['ada lovelace', 1],
        ],
      ],
      ['name:alan turing', [['Alan Turing', 2]]],
    ]);
    expect(merged.authors[0]?.occurrences.map((occurrence) => occurrence.source)).toEqual([first.source, again.source]);
    expect(merged.papers[0]?.byline).toEqual(merged.authors);
  });

  it('keeps the first record of a repeated id with another title and warns, assigning no ids', () => {
    const first = paperRecord('One', ['Ada Lovelace'], { id: 'p1' });
    const clash = paperRecord('Two', ['Ada Lovelace'], { id: 'p1' });
    const merged = resolveAndMerge([first, clash], noAliases);
    expect(merged.papers.map((kept) => kept.record)).toEqual([first]);
    expect(merged.duplicatesMerged).toBe(0);
    expect(merged.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: clash.source.line,
        message: expect.stringContaining('id "p1"'),
      }),
    ]);
    expect(merged.papers[0]).not.toHaveProperty('id');
  });

  it('joins a byline name to the one person with an external id seen under it; the alias file maps spellings', () => {
    const orcid = { scheme: 'orcid', value: '0000-0002-1825-0097' } as const;
    const aliases = parseAliases('{ "Jon Lorraine": "Jonathan Lorraine" }', 'aliases.json').aliases;
    const merged = resolveAndMerge(
      [
        paperRecord('A', ['Ada Lovelace', 'Jon Lorraine'], { authorIdentities: [[orcid], []] }),
        paperRecord('B', ['Ada Lovelace', 'Jonathan Lorraine']),
      ],
      aliases,
    );
    expect(merged.authors.map((person) => [person.key, person.aliasName, idsOf(person).map(externalIdKey)])).toEqual([
      ['id:orcid:0000-0002-1825-0097', null, ['orcid:0000-0002-1825-0097']],
      ['name:jonathan lorraine', 'Jonathan Lorraine', []],
    ]);
  });
});

describe('assign ids', () => {
  it('gives explicit ids first, then title slugs, then author slugs, each once', () => {
    const ada = author('name:ada', [['Ada Lovelace', 1]]);
    // A slug that an explicit id later in the input also claims: the explicit id wins.
    const slugged = paper(paperRecord('Graph Networks', ['Ada Lovelace']), [ada]);
    const explicit = paper(paperRecord('Other', ['Ada Lovelace'], { id: 'graph-networks' }), [ada]);
    const sameTitle = paper(paperRecord('Graph Networks', ['Ada Lovelace']), [ada]);
    const namesake = author('name:ada-2', [['Ada Lovelace', 1]]);
    const untitled = paper(paperRecord('?!', ['Ada Lovelace']), [ada]);
    const ids = assignIds({ papers: [slugged, explicit, sameTitle, untitled], authors: [ada, namesake] });
    expect(ids.paperIds).toEqual(['graph-networks-2', 'graph-networks', 'graph-networks-3', 'paper']);
    expect(ids.authorIds).toEqual(['ada-lovelace', 'ada-lovelace-2']);
    expect(ids.alternateIds.size).toBe(0);
  });

  it("keeps a paper's other explicit ids, each once, as its alternates, but for ids another paper or an author has", () => {
    const alan = author('id:orcid:1', [['Alan Turing', 1]]);
    const first = paper(paperRecord('One', ['Alan Turing'], { id: 'p1' }), [alan], {
      otherIds: ['p1-copy', 'alan-turing', 'p1-copy', 'two'],
    });
    const second = paper(paperRecord('Two', ['Alan Turing'], { id: 'two' }), [alan]);
    const ids = assignIds({ papers: [first, second], authors: [alan] });
    expect(ids.authorIds).toEqual(['alan-turing']);
    expect([...ids.alternateIds]).toEqual([[0, ['p1-copy']]]);
    expect(alternateIdsOf(ids, 0)).toEqual(['p1-copy']);
    expect(alternateIdsOf(ids, 1)).toEqual([]);
  });

  it('names an author by the alias file, else the most frequent spelling', () => {
    const byCount = author('name:x', [
      ['J. Smith', 1],
      ['John Smith', 3],
    ]);
    const byAlias = author('name:y', [['Jon Doe', 5]], 'Jonathan Doe');
    const ids = assignIds({ papers: [], authors: [byCount, byAlias] });
    expect(ids.authorIds).toEqual(['john-smith', 'jonathan-doe']);
  });
});

describe('materialize', () => {
  it('writes the papers and authors from merged records and their ids', () => {
    const ada = author('name:ada', [
      ['Ada Lovelace', 2],
      ['A. Lovelace', 1],
    ]);
    const alan = author('id:orcid:1', [['Alan Turing', 1]]);
    const first = paper(paperRecord('One', ['Ada Lovelace', 'Alan Turing'], { id: 'p1', year: null }), [ada, alan], {
      fill: { year: 1843, venue: 'Notes' },
      otherIds: ['p1-copy', 'alan'],
      incomplete: true,
    });
    const second = paper(paperRecord('Two', ['A. Lovelace']), [ada]);
    const catalog = materialize(
      { papers: [first, second], authors: [ada, alan], duplicatesMerged: 1, problems: [] },
      {
        paperIds: ['p1', 'two'],
        authorIds: ['ada', 'alan'],
        alternateIds: new Map([[0, ['p1-copy']]]),
      },
      noAliases,
    );
    expect(catalog.duplicatesMerged).toBe(1);
    expect(
      catalog.papers.map(({ id, year, venue, authorIds, authorListIncomplete, alternateIds }) => ({
        id,
        year,
        venue,
        authorIds,
        authorListIncomplete,
        alternateIds,
      })),
    ).toEqual([
      {
        id: 'p1',
        year: 1843,
        venue: 'Notes',
        authorIds: ['ada', 'alan'],
        authorListIncomplete: true,
        alternateIds: ['p1-copy'],
      },
      { id: 'two', year: null, venue: null, authorIds: ['ada'], authorListIncomplete: false, alternateIds: [] },
    ]);
    expect(
      catalog.authors.map(({ id, name, paperIds, nameVariants }) => ({ id, name, paperIds, nameVariants })),
    ).toEqual([
      {
        id: 'ada',
        name: 'Ada Lovelace',
        paperIds: ['p1', 'two'],
        nameVariants: [
          { name: 'Ada Lovelace', count: 2, mergedBy: 'name' },
          // Not the same name and not in the alias file: an external id carried it.
          { name: 'A. Lovelace', count: 1, mergedBy: 'external-id' },
        ],
      },
      {
        id: 'alan',
        name: 'Alan Turing',
        paperIds: ['p1'],
        nameVariants: [{ name: 'Alan Turing', count: 1, mergedBy: 'name' }],
      },
    ]);
  });

  it('refuses records whose ids were not assigned', () => {
    const ada = author('name:ada', [['Ada Lovelace', 1]]);
    const lone = paper(paperRecord('One', ['Ada Lovelace']), [ada]);
    expect(() =>
      materialize(
        { papers: [lone], authors: [ada], duplicatesMerged: 0, problems: [] },
        { paperIds: [], authorIds: [], alternateIds: new Map() },
        noAliases,
      ),
    ).toThrow(/without an id/u);
  });
});
