import { describe, expect, it } from 'vitest';
import { findAuthorByName, listAuthors, listCoauthors, listPapers, papersByRecency } from '../../src/graph/lookup.ts';
import type { AuthorOrder } from '../../src/graph/lookup.ts';
import { loadSeedNetwork, networkFromRecords, paperRecord } from '../helpers/networks.ts';

const seed = loadSeedNetwork();

/** Papers with years, an accented name and an accent-only namesake (told apart by ORCIDs), to exercise filters and orders. */
const library = networkFromRecords([
  paperRecord('Résumé of Équations', ['Jorn-Henrik Jacobsen'], {
    year: 2017,
    authorIdentities: [[{ scheme: 'orcid', value: '0000-0000-0000-0001' }]],
  }),
  paperRecord(
    'Neural Ordinary Differential Equations',
    ['Ricky Chen', 'Yulia Rubanova', 'Jesse Bettencourt', 'David Duvenaud'],
    { year: 2018 },
  ),
  paperRecord('Latent ODEs for Irregularly-Sampled Time Series', ['Yulia Rubanova', 'Ricky Chen', 'David Duvenaud'], {
    year: 2019,
  }),
  paperRecord(
    'Invertible Residual Networks',
    ['Jens Behrmann', 'Will Grathwohl', 'Ricky Chen', 'David Duvenaud', 'Jörn-Henrik Jacobsen'],
    { year: 2019, authorIdentities: [[], [], [], [], [{ scheme: 'orcid', value: '0000-0000-0000-0002' }]] },
  ),
  paperRecord('An Undated Note', ['David Duvenaud']),
  paperRecord('Another Undated Note', ['Ricky Chen']),
  paperRecord('Autograd', ['Dougal Maclaurin', 'David Duvenaud', 'Ryan Adams'], { year: 2015 }),
]);

describe('findAuthorByName', () => {
  it('finds an author by any spelling seen, case- and whitespace-insensitively', () => {
    expect(findAuthorByName(seed, 'Jon Lorraine')?.id).toBe('jonathan-lorraine');
    expect(findAuthorByName(seed, '  jonathan   LORRAINE ')?.id).toBe('jonathan-lorraine');
  });

  it('finds an author without the accents of the name', () => {
    expect(findAuthorByName(seed, 'Jorn-Henrik Jacobsen')?.id).toBe('jorn-henrik-jacobsen');
    expect(findAuthorByName(seed, 'JÖRN-HENRIK JACOBSEN')?.id).toBe('jorn-henrik-jacobsen');
  });

  it('returns null for an unknown name', () => {
    expect(findAuthorByName(seed, 'Geoffrey Hinton')).toBeNull();
    expect(findAuthorByName(seed, '')).toBeNull();
  });

  it('prefers the author whose spelling matches, up to case and Unicode normalization, among namesakes up to accents', () => {
    // "Jorn-Henrik Jacobsen" is seen first in `library`, so "Jörn-Henrik Jacobsen" is the one with the suffix.
    const accented = library.authors.get('jorn-henrik-jacobsen-2');
    expect(accented?.name).toBe('Jörn-Henrik Jacobsen');
    expect(findAuthorByName(library, 'Jörn-Henrik Jacobsen')?.id).toBe('jorn-henrik-jacobsen-2');
    expect(findAuthorByName(library, 'Jorn-Henrik Jacobsen')?.id).toBe('jorn-henrik-jacobsen');
    expect(findAuthorByName(library, 'jörn-henrik jacobsen')?.id).toBe('jorn-henrik-jacobsen-2');
    expect(findAuthorByName(library, 'Jo\u0308rn-Henrik Jacobsen')?.id).toBe('jorn-henrik-jacobsen-2');
  });

  it('picks the smallest id among namesakes when no spelling matches exactly', () => {
    expect(findAuthorByName(library, 'Jørn-Henrik Jacobsen')?.id).toBe('jorn-henrik-jacobsen');
  });
});

describe('listAuthors', () => {
  it('lists everyone by name without a search', () => {
    const names = listAuthors(seed, null, 'name').map((author) => author.name);
    expect(names).toHaveLength(30);
    expect(names.slice(0, 3)).toEqual(['Charlie Nash', 'David Duvenaud', 'David J. Fleet']);
    expect(names.at(-1)).toBe('Yulia Rubanova');
  });

  it('searches case- and accent-insensitively', () => {
    expect(listAuthors(seed, 'JORN', 'name').map((author) => author.id)).toEqual(['jorn-henrik-jacobsen']);
    expect(listAuthors(seed, 'jörn', 'name').map((author) => author.id)).toEqual(['jorn-henrik-jacobsen']);
  });

  it('needs every term of the search, in any order', () => {
    expect(listAuthors(seed, 'david', 'name').map((author) => author.id)).toEqual(['david-duvenaud', 'david-j-fleet']);
    expect(listAuthors(seed, 'fleet david', 'name').map((author) => author.id)).toEqual(['david-j-fleet']);
    expect(listAuthors(seed, 'david hinton', 'name').slice()).toEqual([]);
  });

  it('searches every spelling seen, not only the display name', () => {
    expect(listAuthors(seed, 'jon lorraine', 'name').map((author) => author.id)).toEqual(['jonathan-lorraine']);
  });

  it('treats a blank search as no search', () => {
    expect(listAuthors(seed, '   ', 'name')).toHaveLength(30);
  });

  it('orders by paper count, then by name', () => {
    const ranked = listAuthors(seed, null, 'paperCount').slice();
    expect(ranked[0]?.id).toBe('david-duvenaud');
    expect(ranked.slice(1, 8).map((author) => author.name)).toEqual([
      'Ricky T. Q. Chen', // 3 papers
      'Jacob Kelly',
      'Jens Behrmann',
      'Jonathan Lorraine',
      'Jörn-Henrik Jacobsen',
      'Paul Vicol',
      'Roger Grosse', // 2 each
    ]);
  });

  it('orders by co-author count, then by name', () => {
    const ranked = listAuthors(seed, null, 'coauthorCount').slice();
    expect(ranked[0]?.id).toBe('david-duvenaud');
    const degrees = ranked.map((author) => seed.graph.degree(author.id));
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    // The eight other GRAN authors have 8 co-authors each, listed by name.
    expect(ranked.slice(1, 9).map((author) => author.name)).toEqual([
      'Charlie Nash',
      'Raquel Urtasun',
      'Renjie Liao',
      'Richard S. Zemel',
      'Shenlong Wang',
      'William L. Hamilton',
      'Yang Song',
      'Yujia Li',
    ]);
    expect(seed.graph.degree(ranked[9]?.id ?? '')).toBeLessThan(8);
  });

  it.each<AuthorOrder>(['name', 'paperCount', 'coauthorCount'])(
    'breaks ties between namesakes by id when ordering by %s',
    (order) => {
      const namesakes = networkFromRecords([
        paperRecord('One', ['Jörn Smith'], { authorIdentities: [[{ scheme: 'orcid', value: '1' }]] }),
        paperRecord('Two', ['Jorn Smith'], { authorIdentities: [[{ scheme: 'orcid', value: '2' }]] }),
      ]);
      expect(listAuthors(namesakes, null, order).map((author) => author.id)).toEqual(['jorn-smith', 'jorn-smith-2']);
    },
  );

  it('orders names ignoring case and accents', () => {
    const network = networkFromRecords(
      ['Zed Zhu', 'åsa berg', 'Bo Chen', 'ANN LEE', 'Ava Berg'].map((name, i) => paperRecord(`P${i}`, [name])),
    );
    expect(listAuthors(network, null, 'name').map((author) => author.name)).toEqual([
      'ANN LEE',
      'åsa berg',
      'Ava Berg',
      'Bo Chen',
      'Zed Zhu',
    ]);
  });
});

describe('listPapers', () => {
  const titles = (papers: { map<U>(callback: (paper: { title: string }) => U): U[] }) =>
    papers.map((paper) => paper.title);

  it('lists every paper newest first, papers without a year last, ties by title', () => {
    expect(titles(listPapers(library, {}))).toEqual([
      'Invertible Residual Networks',
      'Latent ODEs for Irregularly-Sampled Time Series',
      'Neural Ordinary Differential Equations',
      'Résumé of Équations',
      'Autograd',
      'An Undated Note',
      'Another Undated Note',
    ]);
  });

  it('filters by author', () => {
    expect(titles(listPapers(library, { authorId: 'yulia-rubanova' }))).toEqual([
      'Latent ODEs for Irregularly-Sampled Time Series',
      'Neural Ordinary Differential Equations',
    ]);
  });

  it('gives nothing for an unknown author', () => {
    expect(listPapers(library, { authorId: 'nobody' }).slice()).toEqual([]);
  });

  it('filters by an inclusive year range and leaves out papers without a year', () => {
    expect(titles(listPapers(library, { yearFrom: 2018, yearTo: 2018 }))).toEqual([
      'Neural Ordinary Differential Equations',
    ]);
    expect(titles(listPapers(library, { yearFrom: 2019 }))).toEqual([
      'Invertible Residual Networks',
      'Latent ODEs for Irregularly-Sampled Time Series',
    ]);
    expect(titles(listPapers(library, { yearTo: 2017 }))).toEqual(['Résumé of Équations', 'Autograd']);
  });

  it('searches titles case- and accent-insensitively, needing every term', () => {
    expect(titles(listPapers(library, { search: 'EQUATIONS' }))).toEqual([
      'Neural Ordinary Differential Equations',
      'Résumé of Équations',
    ]);
    expect(titles(listPapers(library, { search: 'resume equations' }))).toEqual(['Résumé of Équations']);
    expect(titles(listPapers(library, { search: 'neural residual' }))).toEqual([]);
  });

  it('combines every filter', () => {
    expect(
      titles(listPapers(library, { authorId: 'david-duvenaud', search: 'note', yearFrom: null, yearTo: null })),
    ).toEqual(['An Undated Note']);
    expect(
      titles(listPapers(library, { authorId: 'david-duvenaud', search: 'networks', yearFrom: 2019, yearTo: 2019 })),
    ).toEqual(['Invertible Residual Networks']);
  });

  it('orders the seed, which has no years, by title', () => {
    const list = titles(listPapers(seed, {}));
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('A Study of Gradient Variance in Deep Learning');
  });
});

describe('papersByRecency', () => {
  it('returns the given papers newest first', () => {
    const ids = [...library.papers.keys()];
    expect(papersByRecency(library, ids)).toEqual(listPapers(library, {}).slice());
    expect(papersByRecency(library, [])).toEqual([]);
  });

  it('breaks ties between equal titles and years by id', () => {
    const twins = networkFromRecords([
      paperRecord('Same', ['A B'], { id: 'z', year: 2020 }),
      paperRecord('Same', ['C D'], { id: 'a', year: 2020 }),
    ]);
    expect(papersByRecency(twins, ['z', 'a']).map((paper) => paper.id)).toEqual(['a', 'z']);
  });
});

describe('listCoauthors', () => {
  it('orders co-authors by joint papers, then by name, then by id', () => {
    const coauthors = listCoauthors(library, 'david-duvenaud');
    expect(coauthors.map((coauthor) => [coauthor.authorId, coauthor.jointPaperIds.length])).toEqual([
      ['ricky-chen', 3],
      ['yulia-rubanova', 2],
      ['dougal-maclaurin', 1],
      ['jens-behrmann', 1],
      ['jesse-bettencourt', 1],
      ['jorn-henrik-jacobsen-2', 1],
      ['ryan-adams', 1],
      ['will-grathwohl', 1],
    ]);
  });

  it('gives the joint papers of each co-author in input order', () => {
    const ricky = listCoauthors(library, 'david-duvenaud')[0];
    expect(ricky?.jointPaperIds.map((id) => library.papers.get(id)?.year)).toEqual([2018, 2019, 2019]);
  });

  it('keeps only co-authors with at least minJointPapers joint papers', () => {
    expect(listCoauthors(library, 'david-duvenaud', 2).map((coauthor) => coauthor.authorId)).toEqual([
      'ricky-chen',
      'yulia-rubanova',
    ]);
    expect(listCoauthors(library, 'david-duvenaud', 4)).toEqual([]);
  });

  it('lists the 29 co-authors of David Duvenaud on the seed, Ricky T. Q. Chen first', () => {
    const coauthors = listCoauthors(seed, 'david-duvenaud');
    expect(coauthors).toHaveLength(29);
    expect(coauthors.slice(0, 1).map((coauthor) => [coauthor.authorId, coauthor.jointPaperIds.length])).toEqual([
      ['ricky-t-q-chen', 3],
    ]);
    expect(coauthors.slice(1, 7).map((coauthor) => coauthor.authorId)).toEqual([
      'jacob-kelly',
      'jens-behrmann',
      'jonathan-lorraine',
      'jorn-henrik-jacobsen',
      'paul-vicol',
      'roger-grosse',
    ]);
  });

  it('gives nobody for an author without co-authors', () => {
    expect(listCoauthors(library, 'jorn-henrik-jacobsen')).toEqual([]);
  });

  it('breaks ties between namesakes by id', () => {
    const network = networkFromRecords([
      paperRecord('One', ['Hub', 'Jörn Smith', 'Jorn Smith'], {
        authorIdentities: [[], [{ scheme: 'orcid', value: '1' }], [{ scheme: 'orcid', value: '2' }]],
      }),
    ]);
    expect(listCoauthors(network, 'hub').map((coauthor) => coauthor.authorId)).toEqual(['jorn-smith', 'jorn-smith-2']);
  });
});
