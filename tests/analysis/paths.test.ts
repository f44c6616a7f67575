import { describe, expect, it } from 'vitest';
import {
  bestCollaborationPath,
  collaborationDistance,
  distancesFromAuthor,
  nextSearchBase,
  shortestCollaborationPaths,
} from '../../src/analysis/paths.ts';
import type { CollaborationPath } from '../../src/analysis/paths.ts';
import { compareIds } from '../../src/graph/network.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { handMadeEdges, seedExpected } from '../reference/networkx-expected.ts';
import { loadSeedNetwork, networkFromEdges } from '../helpers/networks.ts';
import type { WeightedEdge } from '../helpers/networks.ts';
import {
  type ReferenceGraph,
  type ReferencePath,
  handMadeDistances,
  handMadePaths,
  handMadeReference,
  referenceDistances,
  seedPaths,
  seedReference,
} from '../helpers/reference.ts';

const seed = loadSeedNetwork();
const handMade = networkFromEdges(handMadeEdges);

function compareIdLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = compareIds(a[i] as string, b[i] as string);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Joint papers of two authors according to an edge list. */
function weightIn(edges: readonly (readonly [string, string, number])[], a: string, b: string): number {
  return edges.find(([u, v]) => (u === a && v === b) || (u === b && v === a))?.[2] ?? 0;
}

/** The reference's shortest paths (as ids), best first: most joint papers, then ids. */
function expectedOrder(reference: ReferenceGraph, path: ReferencePath): string[][] {
  const edges = reference.edges.map(([a, b, w]) => [reference.idOf(a), reference.idOf(b), w] as const);
  const weight = (ids: readonly string[]) =>
    ids.slice(1).reduce((sum, id, i) => sum + weightIn(edges, ids[i] as string, id), 0);
  return path.allShortestPathIds.map((ids) => [...ids]).sort((a, b) => weight(b) - weight(a) || compareIdLists(a, b));
}

/** Titles of the papers of the reference's seed that both authors (names) wrote. */
function seedJointTitles(a: string, b: string): string[] {
  return seedExpected.papers
    .filter(
      (paper) => (paper.authors as readonly string[]).includes(a) && (paper.authors as readonly string[]).includes(b),
    )
    .map((paper) => paper.title);
}

function titlesOf(network: CoauthorNetwork, paperIds: readonly string[]): string[] {
  return paperIds.map((id) => network.papers.get(id)?.title ?? `?${id}`);
}

function checkPathShape(network: CoauthorNetwork, path: CollaborationPath): void {
  expect(path.hops.map((hop) => hop.from)).toEqual(path.authorIds.slice(0, -1));
  expect(path.hops.map((hop) => hop.to)).toEqual(path.authorIds.slice(1));
  expect(path.weight).toBe(path.hops.reduce((sum, hop) => sum + hop.paperIds.length, 0));
  for (const hop of path.hops) {
    for (const id of hop.paperIds)
      expect(network.papers.get(id)?.authorIds).toEqual(expect.arrayContaining([hop.from, hop.to]));
  }
}

const cases: { label: string; network: CoauthorNetwork; reference: ReferenceGraph; path: ReferencePath }[] = [
  ...seedPaths.map((path) => ({
    label: `seed: ${path.from} → ${path.to}`,
    network: seed,
    reference: seedReference,
    path,
  })),
  ...handMadePaths.map((path) => ({
    label: `hand-made: ${path.from} → ${path.to}`,
    network: handMade,
    reference: handMadeReference,
    path,
  })),
];

describe('collaborationDistance', () => {
  it('equals NetworkX shortest_path_length for every pair of the hand-made graph, null when unreachable, 0 to oneself', () => {
    const names = handMadeReference.names;
    expect(names).toHaveLength(9);
    for (const from of names) {
      for (const to of names) {
        expect(collaborationDistance(handMade, from, to), `${from} → ${to}`).toBe(
          handMadeDistances[from]?.[to] ?? null,
        );
      }
    }
    expect(collaborationDistance(handMade, 'a', 'a')).toBe(0);
    expect(collaborationDistance(handMade, 'a', 'g')).toBeNull();
  });

  it('equals breadth-first search over the reference edges for every pair of the seed', () => {
    for (const from of seedReference.names) {
      const expected = referenceDistances(seedReference.edges, from);
      for (const to of seedReference.names) {
        expect(collaborationDistance(seed, seedReference.idOf(from), seedReference.idOf(to)), `${from} → ${to}`).toBe(
          expected.get(to) ?? null,
        );
      }
    }
  });
});

describe('distancesFromAuthor', () => {
  it('gives the NetworkX distances from each author of the hand-made graph to everyone reachable', () => {
    for (const from of handMadeReference.names) {
      expect(Object.fromEntries(distancesFromAuthor(handMade, from))).toEqual(handMadeDistances[from]);
    }
  });

  it('stops after maxDepth hops', () => {
    expect(Object.fromEntries(distancesFromAuthor(handMade, 'a', 1))).toEqual({ a: 0, b: 1, c: 1 });
    expect(Object.fromEntries(distancesFromAuthor(handMade, 'a', 0))).toEqual({ a: 0 });
    expect(distancesFromAuthor(seed, 'paul-vicol', 1).size).toBe(1 + seed.graph.degree('paul-vicol'));
  });
});

describe.each(cases)('collaboration paths, $label', ({ network, reference, path }) => {
  const from = reference.idOf(path.from);
  const to = reference.idOf(path.to);

  it('finds exactly the NetworkX all_shortest_paths', () => {
    const found = shortestCollaborationPaths(network, from, to, 100).map((candidate) => [...candidate.authorIds]);
    expect([...found].sort(compareIdLists)).toEqual(
      path.allShortestPathIds.map((ids) => [...ids]).sort(compareIdLists),
    );
  });

  it('lists them best first: most joint papers, then author ids', () => {
    const found = shortestCollaborationPaths(network, from, to, 100);
    expect(found.map((candidate) => candidate.authorIds)).toEqual(expectedOrder(reference, path));
    for (let i = 1; i < found.length; i += 1)
      expect(found[i - 1]?.weight).toBeGreaterThanOrEqual(found[i]?.weight ?? Infinity);
    for (const candidate of found) checkPathShape(network, candidate);
  });

  it('picks the weightiest shortest path as best path: ids, total joint papers and joint papers per hop', () => {
    const best = bestCollaborationPath(network, from, to);
    const expected = path.weightiestShortestPath;
    if (expected === null) {
      expect(best).toBeNull();
      return;
    }
    expect(best?.authorIds).toEqual(expected.ids);
    expect(best?.weight).toBe(expected.totalJointPapers);
    expect(best?.hops.map((hop) => hop.paperIds.length)).toEqual(expected.hopWeights);
    expect(best?.authorIds.length).toBe((path.length ?? -1) + 1);
    if (best) checkPathShape(network, best);
  });

  it('agrees with the first of the ranked shortest paths and with the distance', () => {
    const best = bestCollaborationPath(network, from, to);
    expect(shortestCollaborationPaths(network, from, to, 1)).toEqual(best === null ? [] : [best]);
    expect(collaborationDistance(network, from, to)).toBe(path.length);
  });
});

describe('the joint papers behind each hop', () => {
  it.each(seedPaths)('name the papers both authors wrote on the seed: $from → $to', (path) => {
    const best = bestCollaborationPath(seed, seedReference.idOf(path.from), seedReference.idOf(path.to));
    const names = path.weightiestShortestPath?.authors ?? [];
    expect(best?.hops.map((hop) => titlesOf(seed, hop.paperIds))).toEqual(
      names.slice(1).map((name, i) => seedJointTitles(names[i] as string, name)),
    );
  });

  it('name the papers in input order on the hand-made graph', () => {
    expect(bestCollaborationPath(handMade, 'g', 'i')?.hops).toEqual([
      { from: 'g', to: 'h', paperIds: ['g~h~1', 'g~h~2'] },
      { from: 'h', to: 'i', paperIds: ['h~i~1'] },
    ]);
  });
});

describe('collaboration paths with avoided authors', () => {
  const duvenaud = 'david-duvenaud';

  it.each(seedPaths)('avoiding David Duvenaud gives the distance of the network without him: $from → $to', (path) => {
    const from = seedReference.idOf(path.from);
    const to = seedReference.idOf(path.to);
    const expected = referenceDistances(seedReference.edges, path.from, new Set(['David Duvenaud'])).get(path.to);
    const best = bestCollaborationPath(seed, from, to, { avoidAuthors: [duvenaud] });
    expect(best === null ? null : best.authorIds.length - 1).toBe(expected ?? null);
    expect(best?.authorIds ?? []).not.toContain(duvenaud);
    const all = shortestCollaborationPaths(seed, from, to, 100, { avoidAuthors: [duvenaud] });
    expect(all.length > 0).toBe(expected !== undefined);
    for (const candidate of all) expect(candidate.authorIds).not.toContain(duvenaud);
  });

  it('gives null when avoiding David Duvenaud cuts Paul Vicol off from Jörn-Henrik Jacobsen', () => {
    expect(bestCollaborationPath(seed, 'paul-vicol', 'jorn-henrik-jacobsen')?.authorIds).toHaveLength(3);
    expect(bestCollaborationPath(seed, 'paul-vicol', 'jorn-henrik-jacobsen', { avoidAuthors: [duvenaud] })).toBeNull();
    expect(
      shortestCollaborationPaths(seed, 'paul-vicol', 'jorn-henrik-jacobsen', 10, { avoidAuthors: [duvenaud] }),
    ).toEqual([]);
  });

  it('takes the other shortest path when the best one is blocked', () => {
    const path = bestCollaborationPath(seed, 'jens-behrmann', 'winnie-xu', { avoidAuthors: [duvenaud] });
    expect(path?.authorIds).toEqual(['jens-behrmann', 'ricky-t-q-chen', 'winnie-xu']);
  });

  it('takes a longer path when every shortest path is blocked', () => {
    const network = networkFromEdges([
      ['s', 'x', 1],
      ['x', 't', 1],
      ['s', 'y', 1],
      ['y', 'z', 1],
      ['z', 't', 1],
    ]);
    expect(bestCollaborationPath(network, 's', 't')?.authorIds).toEqual(['s', 'x', 't']);
    expect(bestCollaborationPath(network, 's', 't', { avoidAuthors: ['x'] })?.authorIds).toEqual(['s', 'y', 'z', 't']);
    expect(
      shortestCollaborationPaths(network, 's', 't', 10, { avoidAuthors: ['x'] }).map((path) => path.authorIds),
    ).toEqual([['s', 'y', 'z', 't']]);
  });

  it('gives null when an end point itself is avoided', () => {
    expect(bestCollaborationPath(handMade, 'a', 'c', { avoidAuthors: ['a'] })).toBeNull();
    expect(bestCollaborationPath(handMade, 'a', 'c', { avoidAuthors: ['c'] })).toBeNull();
    expect(shortestCollaborationPaths(handMade, 'a', 'a', 5, { avoidAuthors: ['a'] })).toEqual([]);
  });

  it('ignores avoided ids that are not in the network', () => {
    expect(bestCollaborationPath(handMade, 'a', 'e', { avoidAuthors: ['nobody'], avoidPapers: ['no-paper'] })).toEqual(
      bestCollaborationPath(handMade, 'a', 'e'),
    );
  });
});

describe('collaboration paths with avoided papers', () => {
  it('removes a hop whose only joint paper is avoided', () => {
    expect(bestCollaborationPath(handMade, 'a', 'c', { avoidPapers: ['a~c~1'] })).toEqual({
      authorIds: ['a', 'b', 'c'],
      hops: [
        { from: 'a', to: 'b', paperIds: ['a~b~1', 'a~b~2', 'a~b~3'] },
        { from: 'b', to: 'c', paperIds: ['b~c~1'] },
      ],
      weight: 4,
      strength: 4,
    });
    expect(collaborationDistance(handMade, 'a', 'c')).toBe(1);
  });

  it('removes a hop on the seed: avoiding "Residual Flows" leaves Jens Behrmann one way to Winnie Xu', () => {
    const residualFlows =
      [...seed.papers.values()].find((paper) => paper.title === 'Residual Flows for Invertible Generative Modeling')
        ?.id ?? '';
    const invertible =
      [...seed.papers.values()].find((paper) => paper.title === 'Invertible Residual Networks')?.id ?? '';
    expect(shortestCollaborationPaths(seed, 'jens-behrmann', 'winnie-xu', 10)).toHaveLength(2);
    const paths = shortestCollaborationPaths(seed, 'jens-behrmann', 'winnie-xu', 10, { avoidPapers: [residualFlows] });
    expect(paths.map((path) => path.authorIds)).toEqual([['jens-behrmann', 'david-duvenaud', 'winnie-xu']]);
    expect(paths[0]?.hops[0]?.paperIds).toEqual([invertible]);
    expect(paths[0]?.weight).toBe(2);
    expect(bestCollaborationPath(seed, 'jens-behrmann', 'winnie-xu', { avoidPapers: [residualFlows] })).toEqual(
      paths[0],
    );
  });

  it('weakens a hop when only some of its joint papers are avoided, which can change the best path', () => {
    const network = networkFromEdges([
      ['s', 'y', 2],
      ['y', 't', 1],
      ['s', 'x', 1],
      ['x', 't', 1],
    ]);
    expect(bestCollaborationPath(network, 's', 't')?.authorIds).toEqual(['s', 'y', 't']);
    const path = bestCollaborationPath(network, 's', 't', { avoidPapers: ['s~y~1'] });
    // Both paths now have 2 joint papers: the tie goes to the smaller ids.
    expect(path?.authorIds).toEqual(['s', 'x', 't']);
    expect(
      shortestCollaborationPaths(network, 's', 't', 10, { avoidPapers: ['s~y~1'] }).map((candidate) => [
        candidate.authorIds,
        candidate.weight,
      ]),
    ).toEqual([
      [['s', 'x', 't'], 2],
      [['s', 'y', 't'], 2],
    ]);
  });

  it('gives null when every joint paper between the only link is avoided', () => {
    expect(bestCollaborationPath(handMade, 'g', 'i', { avoidPapers: ['g~h~1', 'g~h~2'] })).toBeNull();
  });
});

describe('shortestCollaborationPaths limits', () => {
  it('returns at most `limit` paths, the best ones', () => {
    const all = shortestCollaborationPaths(seed, 'matthew-mackay', 'fabian-pedregosa', 100);
    expect(all.map((path) => path.authorIds[1])).toEqual([
      'david-duvenaud',
      'jonathan-lorraine',
      'paul-vicol',
      'roger-grosse',
    ]);
    expect(shortestCollaborationPaths(seed, 'matthew-mackay', 'fabian-pedregosa', 2)).toEqual(all.slice(0, 2));
    expect(shortestCollaborationPaths(seed, 'matthew-mackay', 'fabian-pedregosa', 0)).toEqual([]);
    expect(shortestCollaborationPaths(seed, 'matthew-mackay', 'fabian-pedregosa', -1)).toEqual([]);
  });

  it('gives the path of one author from an author to themself', () => {
    expect(shortestCollaborationPaths(seed, 'david-duvenaud', 'david-duvenaud', 5)).toEqual([
      { authorIds: ['david-duvenaud'], hops: [], weight: 0, strength: 0 },
    ]);
  });

  it('gives nothing between two components', () => {
    expect(shortestCollaborationPaths(handMade, 'a', 'g', 10)).toEqual([]);
    expect(bestCollaborationPath(handMade, 'i', 'f')).toBeNull();
  });
});

describe('shortestCollaborationPaths on a weighted grid (every pair against brute force)', () => {
  // A 3 × 4 grid has many shortest paths of different weights between far corners.
  const edges: WeightedEdge[] = [];
  const node = (r: number, c: number) => `n${r}${c}`;
  for (let r = 0; r < 3; r += 1) {
    for (let c = 0; c < 4; c += 1) {
      if (c + 1 < 4) edges.push([node(r, c), node(r, c + 1), ((r * 7 + c * 3) % 3) + 1]);
      if (r + 1 < 3) edges.push([node(r, c), node(r + 1, c), ((r * 5 + c * 2) % 3) + 1]);
    }
  }
  const grid = networkFromEdges(edges);
  const names = [...new Set(edges.flatMap(([a, b]) => [a, b]))].sort();

  /** Every path of exactly `length` hops from `from` to `to`, by depth-first search. */
  function allPaths(from: string, to: string, length: number): string[][] {
    const result: string[][] = [];
    const walk = (path: string[]) => {
      const last = path[path.length - 1] as string;
      if (path.length - 1 === length) {
        if (last === to) result.push(path);
        return;
      }
      for (const [a, b] of edges) {
        const next = a === last ? b : b === last ? a : null;
        if (next !== null && !path.includes(next)) walk([...path, next]);
      }
    };
    walk([from]);
    return result;
  }

  it('ranks every shortest path of every pair by joint papers, then ids', () => {
    for (const from of names) {
      for (const to of names) {
        const length = referenceDistances(edges, from).get(to) as number;
        const weight = (ids: readonly string[]) =>
          ids.slice(1).reduce((sum, id, i) => sum + weightIn(edges, ids[i] as string, id), 0);
        const expected = allPaths(from, to, length).sort((a, b) => weight(b) - weight(a) || compareIdLists(a, b));
        const found = shortestCollaborationPaths(grid, from, to, 1000);
        expect(
          found.map((path) => path.authorIds),
          `${from} → ${to}`,
        ).toEqual(expected);
        expect(found.map((path) => path.weight)).toEqual(expected.map(weight));
        expect(bestCollaborationPath(grid, from, to)?.authorIds).toEqual(expected[0]);
      }
    }
  });
});

describe('search numbering', () => {
  it('gives each search numbers above every mark an earlier one left, and clears before 32 bits run out', () => {
    expect(nextSearchBase(0, 5)).toEqual({ base: 1, clear: false });
    // A search from 1 marks up to 1 + 5 (distances and DAG numbers are at most the order).
    expect(nextSearchBase(1, 5)).toEqual({ base: 7, clear: false });
    // The next search's highest mark, base + order, is exactly the largest 32-bit integer: still fits.
    expect(nextSearchBase(0x7fffffff - 11, 5)).toEqual({ base: 0x7fffffff - 5, clear: false });
    // One more and it would not: the marks are cleared and numbering starts again.
    expect(nextSearchBase(0x7fffffff - 10, 5)).toEqual({ base: 1, clear: true });
  });
});
