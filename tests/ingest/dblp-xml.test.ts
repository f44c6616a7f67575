import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { parseDblpXml, parseDblpXmlChunks, parseDblpXmlFile } from '../../src/ingest/dblp-xml.ts';

const SLICE = fileURLToPath(new URL('../fixtures/formats/dblp-slice.xml', import.meta.url));
const PERSON = fileURLToPath(new URL('../fixtures/three-papers/dblp-person.xml', import.meta.url));

describe('parseDblpXmlFile on a slice of dblp.xml', () => {
  const result = parseDblpXmlFile(SLICE);

  it('reads the three papers with DBLP ids, homonym numbers dropped from names, and Latin-1 entities decoded', () => {
    expect(
      result.papers.map((paper) => [paper.source.line, paper.id, paper.title, paper.year, paper.venue, paper.authors]),
    ).toEqual([
      [
        4,
        '10.5555/dblp.1',
        'Homonyms in DBLP: Wei Wang and Wei Wang',
        2021,
        'J. Pitfalls',
        ['Wei Wang', 'Wei Wang', 'Jörn Möller'],
      ],
      [20, 'conf/pitfall/Wang22', 'A Second Paper by Both', 2022, 'Pitfall', ['Wei Wang', 'Wei Wang']],
      [37, 'journals/pitfall/After23', 'Read After the Broken One', 2023, null, ['Wei Wang']],
    ]);
    expect(result.papers[0]?.authorIdentities).toEqual([
      [{ scheme: 'dblp', value: '01/0001' }],
      [{ scheme: 'dblp-name', value: 'Wei Wang 0002' }],
      [{ scheme: 'orcid', value: '0000-0001-0000-000X' }],
    ]);
  });

  it('keeps the two Wei Wangs apart as two people, each with all their papers', () => {
    const catalog = buildCatalog(result.papers);
    expect(
      catalog.authors.map((author) => [author.id, author.name, author.paperIds.length, author.externalIds]),
    ).toEqual([
      ['wei-wang', 'Wei Wang', 3, [{ scheme: 'dblp', value: '01/0001' }]],
      ['wei-wang-2', 'Wei Wang', 2, [{ scheme: 'dblp-name', value: 'Wei Wang 0002' }]],
      ['jorn-moller', 'Jörn Möller', 1, [{ scheme: 'orcid', value: '0000-0001-0000-000X' }]],
    ]);
  });

  it('reports the XML error in its record (not loaded) and the editors-only volume; passes over person pages', () => {
    expect(result.problems).toEqual([
      {
        severity: 'error',
        file: SLICE,
        line: 33,
        message: 'XML error in record "journals/pitfall/Broken23" (not loaded): undefined entity.',
      },
      {
        severity: 'warning',
        file: SLICE,
        line: 27,
        message:
          '1 record(s) without authors not loaded (proceedings volumes and the like list editors, which make no co-authorship); the first is here',
      },
    ]);
  });

  it('gives the same result however the input is cut into pieces', () => {
    const text = parseDblpXml(
      '<dblp><article key="k"><author pid="1/2">Ann L&eacute;e 0003</author><title>T.</title><year>2020</year></article></dblp>',
      'x.xml',
    );
    const pieces = parseDblpXmlChunks(
      [
        '<dblp><article key="k"><author pid="1/2">Ann L&ea',
        'cute;e 00',
        '03</author><title>T.</ti',
        'tle><year>2020</year></article></dblp>',
      ],
      'x.xml',
    );
    expect(pieces).toEqual(text);
    expect(text.papers[0]?.authors).toEqual(['Ann Lée']);
  });
});

describe('parseDblpXmlFile on a person page', () => {
  it('reads the records under <r>, ignoring the person and co-author sections', () => {
    const result = parseDblpXmlFile(PERSON);
    expect(result.problems).toEqual([]);
    expect(result.papers.map((paper) => paper.id)).toEqual([
      'conf/nips/ChenBDJ19',
      'conf/icml/BehrmannGCDJ19',
      'conf/nips/RubanovaCD19',
    ]);
    expect(result.papers[2]?.authors).toEqual(['Yulia Rubanova', 'Tian Qi Chen', 'David Duvenaud']);
    // "Tian Qi Chen" and "Ricky T. Q. Chen" share a DBLP pid: one person.
    const chen = buildCatalog(result.papers).authors.find((author) => author.id === 'ricky-t-q-chen');
    expect(chen?.nameVariants.map((variant) => [variant.name, variant.count, variant.mergedBy])).toEqual([
      ['Ricky T. Q. Chen', 1, 'name'],
      ['Tian Qi Chen', 1, 'external-id'],
    ]);
  });
});
