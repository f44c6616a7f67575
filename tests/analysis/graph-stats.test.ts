import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { handMadeEdges, handMadeExpected, seedExpected } from '../reference/networkx-expected.ts';
import { loadSeedNetwork, networkFromEdges, networkFromRecords, paperRecord } from '../helpers/networks.ts';

const COMPARED = [
  'authorCount',
  'collaborationCount',
  'componentCount',
  'largestComponentSize',
  'density',
  'averageDegree',
] as const;

describe('computeGraphStats', () => {
  it('equals NetworkX on the seed: papers, authors, collaborations, components, density, average degree', () => {
    const stats = computeGraphStats(loadSeedNetwork());
    expect(stats.paperCount).toBe(seedExpected.stats.paperCount);
    for (const key of COMPARED) expect(stats[key], key).toBeCloseTo(seedExpected.stats[key], 12);
    expect(stats).toMatchObject({
      authorCount: 30,
      collaborationCount: 89,
      componentCount: 1,
      largestComponentSize: 30,
    });
  });

  it("gives the seed's other figures: no isolated author, no single-author paper, at most 3 joint papers (Ricky T. Q. Chen and David Duvenaud)", () => {
    expect(computeGraphStats(loadSeedNetwork())).toMatchObject({
      isolatedAuthorCount: 0,
      singleAuthorPaperCount: 0,
      maxJointPapers: 3,
    });
  });

  it('equals NetworkX on the hand-made graph with two components', () => {
    const network = networkFromEdges(handMadeEdges);
    const stats = computeGraphStats(network);
    for (const key of COMPARED) expect(stats[key], key).toBeCloseTo(handMadeExpected.stats[key], 12);
    // One paper per joint paper of each edge.
    expect(stats.paperCount).toBe(handMadeEdges.reduce((sum, [, , w]) => sum + w, 0));
    expect(stats.maxJointPapers).toBe(4);
  });

  it('counts single-author papers and isolated authors', () => {
    const network = networkFromRecords([
      paperRecord('Alone', ['Ann Lee']),
      paperRecord('Alone Again', ['Ann Lee']),
      paperRecord('Pair', ['Bo Chen', 'Cy Diaz']),
      paperRecord('Also Alone', ['Bo Chen']),
    ]);
    expect(computeGraphStats(network)).toEqual({
      paperCount: 4,
      authorCount: 3,
      collaborationCount: 1,
      componentCount: 2,
      largestComponentSize: 2,
      isolatedAuthorCount: 1,
      singleAuthorPaperCount: 3,
      density: 1 / 3,
      averageDegree: 2 / 3,
      maxJointPapers: 1,
      maxAuthorsPerPaper: null,
      papersOverAuthorLimit: 0,
      // One tie, no triangle: cores of 1, no clustering, both ends of degree 1 (assortativity undefined), 2 of 3 authors.
      degeneracy: 1,
      transitivity: 0,
      averageClustering: 0,
      degreeAssortativity: null,
      largestComponentShare: 2 / 3,
    });
  });

  it('is all zeros for an empty network', () => {
    expect(computeGraphStats(buildNetwork({ authors: [], papers: [] }))).toEqual({
      paperCount: 0,
      authorCount: 0,
      collaborationCount: 0,
      componentCount: 0,
      largestComponentSize: 0,
      isolatedAuthorCount: 0,
      singleAuthorPaperCount: 0,
      density: 0,
      averageDegree: 0,
      maxJointPapers: 0,
      maxAuthorsPerPaper: null,
      papersOverAuthorLimit: 0,
      degeneracy: 0,
      transitivity: 0,
      averageClustering: 0,
      degreeAssortativity: null,
      largestComponentShare: 0,
    });
  });

  it('gives density 0 (not NaN) for a single author', () => {
    expect(computeGraphStats(networkFromEdges([], ['solo']))).toMatchObject({
      authorCount: 1,
      componentCount: 1,
      largestComponentSize: 1,
      density: 0,
      averageDegree: 0,
    });
  });
});

describe('analyzeNetwork', () => {
  it('computes statistics and centrality once, up front', async () => {
    const network = loadSeedNetwork();
    const analyzed = analyzeNetwork(network);
    expect(analyzed.network).toBe(network);
    expect(analyzed.stats).toEqual(computeGraphStats(network));
    expect((await analyzed.centrality()).ranking('degree')[0]?.authorId).toBe('david-duvenaud');
  });

  it('caches ego networks by their options', () => {
    const analyzed = analyzeNetwork(loadSeedNetwork());
    const options = { depth: 1, minJointPapers: 1, maxNodes: 50 };
    const first = analyzed.egoNetwork('paul-vicol', options);
    expect(analyzed.egoNetwork('paul-vicol', { ...options })).toBe(first);
    expect(analyzed.egoNetwork('paul-vicol', { ...options, maxNodes: 3 })).not.toBe(first);
  });

  it('analyzes an empty network and a single-author paper without crashing', () => {
    expect(() => analyzeNetwork(buildNetwork({ authors: [], papers: [] }))).not.toThrow();
    const solo = analyzeNetwork(networkFromEdges([], ['solo']));
    expect(solo.egoNetwork('solo', { depth: 2, minJointPapers: 1, maxNodes: 10 })).toEqual({
      centerId: 'solo',
      nodes: [{ authorId: 'solo', distance: 0, x: 0, y: 0, community: 0 }],
      edges: [],
      truncated: false,
    });
  });
});
