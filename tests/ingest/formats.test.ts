import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/three-papers/${name}`, import.meta.url));

/** The network as plain data: authors (id and name), papers (title and byline) and weighted ties. */
function networkOf(file: string) {
  const load = loadFiles({ files: [fixture(file)] });
  const network = buildNetwork(load.catalog);
  const name = (id: string) => network.authors.get(id)?.name;
  return {
    problems: load.problems,
    authors: [...network.authors.values()].map((author) => [author.id, author.name]).sort(),
    papers: [...network.papers.values()].map((paper) => [paper.title, paper.year, paper.authorIds.map(name)]).sort(),
    ties: network.graph
      .mapEdges((_edge, attributes, a, b) => [...[name(a), name(b)].sort(), attributes.weight].join(' / '))
      .sort(),
  };
}

describe('the same three papers in every format', () => {
  const expected = {
    authors: [
      ['david-duvenaud', 'David Duvenaud'],
      ['jens-behrmann', 'Jens Behrmann'],
      ['jorn-henrik-jacobsen', 'Jörn-Henrik Jacobsen'],
      ['ricky-t-q-chen', 'Ricky T. Q. Chen'],
      ['yulia-rubanova', 'Yulia Rubanova'],
    ],
    papers: [
      ['Invertible Residual Networks', 2019, ['Jens Behrmann', 'David Duvenaud', 'Jörn-Henrik Jacobsen']],
      [
        'Latent ODEs for Irregularly-Sampled Time Series',
        2019,
        ['Yulia Rubanova', 'Ricky T. Q. Chen', 'David Duvenaud'],
      ],
      [
        'Residual Flows for Invertible Generative Modeling',
        2019,
        ['Ricky T. Q. Chen', 'Jens Behrmann', 'David Duvenaud', 'Jörn-Henrik Jacobsen'],
      ],
    ],
    // Worked out by hand from the three bylines.
    ties: [
      'David Duvenaud / Jens Behrmann / 2',
      'David Duvenaud / Jörn-Henrik Jacobsen / 2',
      'David Duvenaud / Ricky T. Q. Chen / 2',
      'David Duvenaud / Yulia Rubanova / 1',
      'Jens Behrmann / Jörn-Henrik Jacobsen / 2',
      'Jens Behrmann / Ricky T. Q. Chen / 1',
      'Jörn-Henrik Jacobsen / Ricky T. Q. Chen / 1',
      'Ricky T. Q. Chen / Yulia Rubanova / 1',
    ],
  };

  it.each([
    'papers.txt',
    'papers.json',
    'papers.jsonl',
    'papers.bib',
    'papers.csl.json',
    'dblp-person.xml',
    'openalex.json',
  ])('%s gives the same authors, papers and ties', (file) => {
    const network = networkOf(file);
    // The publication list has no years, and says so about its skipped page header; everything
    // else must match exactly.
    if (file === 'papers.txt') {
      expected.papers.forEach((paper, k) => {
        expect(network.papers[k]?.[2]).toEqual(paper[2]);
      });
      expect(network.problems.map((problem) => problem.severity)).toEqual(['warning']);
    } else {
      expect(network.papers).toEqual(expected.papers);
      expect(network.problems).toEqual([]);
    }
    expect({ ...network, papers: null, problems: null }).toEqual({ ...expected, papers: null, problems: null });
  });
});
