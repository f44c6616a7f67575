import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { detectCommunities } from '../../src/analysis/communities.ts';
import { egoNetwork } from '../../src/analysis/ego-network.ts';
import type { EgoNetwork } from '../../src/analysis/ego-network.ts';
import { forceLayout } from '../../src/analysis/layout.ts';
import { compareIds } from '../../src/graph/network.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { handMadeEdges } from '../reference/networkx-expected.ts';
import { loadSeedNetwork, networkFromEdges } from '../helpers/networks.ts';
import {
  type ReferenceGraph,
  handMadeDistances,
  handMadeReference,
  referenceDistances,
  seedReference,
} from '../helpers/reference.ts';

const seed = loadSeedNetwork();
const handMade = networkFromEdges(handMadeEdges);
const ALL = 1000;

const distanceMap = (ego: EgoNetwork) => Object.fromEntries(ego.nodes.map((node) => [node.authorId, node.distance]));

/** NetworkX-style expectation: everyone within `depth` hops over ties of at least `minJointPapers`. */
function expectedWithin(
  reference: ReferenceGraph,
  center: string,
  depth: number,
  minJointPapers = 1,
): Record<string, number> {
  const edges = reference.edges.filter(([, , w]) => w >= minJointPapers);
  const distances = referenceDistances(edges, center);
  return Object.fromEntries([...distances].filter(([, d]) => d <= depth).map(([name, d]) => [reference.idOf(name), d]));
}

function checkDrawing(ego: EgoNetwork): void {
  const center = ego.nodes.find((node) => node.authorId === ego.centerId);
  expect(center).toMatchObject({ distance: 0, x: 0, y: 0 });
  const radii = ego.nodes.map((node) => Math.hypot(node.x, node.y));
  for (const radius of radii) expect(radius).toBeLessThanOrEqual(1 + 1e-12);
  if (ego.nodes.length > 1) expect(Math.max(...radii)).toBeCloseTo(1, 12);
  for (const node of ego.nodes) expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);

  // Communities are numbered 0, 1, 2, ... by size, largest first.
  const sizes = new Map<number, number>();
  for (const node of ego.nodes) sizes.set(node.community, (sizes.get(node.community) ?? 0) + 1);
  const numbers = [...sizes.keys()].sort((a, b) => a - b);
  expect(numbers).toEqual(numbers.map((_, i) => i));
  for (let i = 1; i < numbers.length; i += 1) expect(sizes.get(i - 1)).toBeGreaterThanOrEqual(sizes.get(i) as number);
}

function checkOrder(ego: EgoNetwork): void {
  const sorted = [...ego.nodes].sort((a, b) => a.distance - b.distance || compareIds(a.authorId, b.authorId));
  expect(ego.nodes).toEqual(sorted);
  for (const edge of ego.edges) expect(compareIds(edge.source, edge.target)).toBeLessThan(0);
  const sortedEdges = [...ego.edges].sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target));
  expect(ego.edges).toEqual(sortedEdges);
}

/** The ties among `members` with at least `minJointPapers`, each once, from the network. */
function expectedEdges(network: CoauthorNetwork, members: readonly string[], minJointPapers: number) {
  const inside = new Set(members);
  return network.graph
    .mapEdges((_edge, attributes, source, target) => {
      const [a, b] = compareIds(source, target) < 0 ? [source, target] : [target, source];
      return { source: a, target: b, jointPaperCount: attributes.weight };
    })
    .filter((edge) => inside.has(edge.source) && inside.has(edge.target) && edge.jointPaperCount >= minJointPapers)
    .sort((a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target));
}

describe('egoNetwork members', () => {
  it.each([0, 1, 2, 3])(
    'holds everyone within %i hops of each hand-made author, at their NetworkX distance',
    (depth) => {
      for (const center of handMadeReference.names) {
        const ego = egoNetwork(handMade, center, { depth, minJointPapers: 1, maxNodes: ALL });
        const expected = Object.fromEntries(
          Object.entries(handMadeDistances[center] ?? {}).filter(([, d]) => d <= depth),
        );
        expect(distanceMap(ego), `${center}, depth ${depth}`).toEqual(expected);
        expect(ego.truncated).toBe(false);
      }
    },
  );

  it.each([0, 1, 2])(
    'holds everyone within %i hops of each seed author, as breadth-first search over the reference edges',
    (depth) => {
      for (const name of seedReference.names) {
        const ego = egoNetwork(seed, seedReference.idOf(name), { depth, minJointPapers: 1, maxNodes: ALL });
        expect(distanceMap(ego), `${name}, depth ${depth}`).toEqual(expectedWithin(seedReference, name, depth));
      }
    },
  );

  it('is only the center at depth 0', () => {
    expect(egoNetwork(seed, 'david-duvenaud', { depth: 0, minJointPapers: 1, maxNodes: ALL })).toEqual({
      centerId: 'david-duvenaud',
      nodes: [{ authorId: 'david-duvenaud', distance: 0, x: 0, y: 0, community: 0 }],
      edges: [],
      truncated: false,
    });
  });

  it.each([2, 3, 4])('follows only ties of at least %i joint papers', (minJointPapers) => {
    for (const center of handMadeReference.names) {
      const ego = egoNetwork(handMade, center, { depth: 3, minJointPapers, maxNodes: ALL });
      expect(distanceMap(ego), `${center}, min ${minJointPapers}`).toEqual(
        expectedWithin(handMadeReference, center, 3, minJointPapers),
      );
      for (const edge of ego.edges) expect(edge.jointPaperCount).toBeGreaterThanOrEqual(minJointPapers);
    }
    for (const name of seedReference.names) {
      const ego = egoNetwork(seed, seedReference.idOf(name), { depth: 2, minJointPapers, maxNodes: ALL });
      expect(distanceMap(ego), `${name}, min ${minJointPapers}`).toEqual(
        expectedWithin(seedReference, name, 2, minJointPapers),
      );
    }
  });

  it("keeps David Duvenaud's strong ties only: Ricky T. Q. Chen (3) and six authors with 2 joint papers", () => {
    const ego = egoNetwork(seed, 'david-duvenaud', { depth: 1, minJointPapers: 2, maxNodes: ALL });
    expect(ego.nodes.map((node) => node.authorId)).toEqual([
      'david-duvenaud',
      'jacob-kelly',
      'jens-behrmann',
      'jonathan-lorraine',
      'jorn-henrik-jacobsen',
      'paul-vicol',
      'ricky-t-q-chen',
      'roger-grosse',
    ]);
  });
});

describe('egoNetwork edges', () => {
  it('lists every tie among the members once, with its joint papers, at or above minJointPapers', () => {
    for (const minJointPapers of [1, 2]) {
      for (const center of ['david-duvenaud', 'paul-vicol', 'yulia-rubanova']) {
        const ego = egoNetwork(seed, center, { depth: 1, minJointPapers, maxNodes: ALL });
        expect(ego.edges).toEqual(
          expectedEdges(
            seed,
            ego.nodes.map((node) => node.authorId),
            minJointPapers,
          ),
        );
        checkOrder(ego);
      }
    }
  });

  it('includes ties between two authors at the outer distance', () => {
    const ego = egoNetwork(handMade, 'd', { depth: 1, minJointPapers: 1, maxNodes: ALL });
    expect(ego.edges).toEqual([
      { source: 'c', target: 'd', jointPaperCount: 2 },
      { source: 'd', target: 'e', jointPaperCount: 1 },
      { source: 'd', target: 'f', jointPaperCount: 1 },
      { source: 'e', target: 'f', jointPaperCount: 4 },
    ]);
  });
});

describe('egoNetwork with maxNodes', () => {
  it('keeps the strongest co-authors first (then by id) and says it truncated', () => {
    const ego = egoNetwork(seed, 'david-duvenaud', { depth: 1, minJointPapers: 1, maxNodes: 5 });
    expect(ego.nodes.map((node) => node.authorId)).toEqual([
      'david-duvenaud',
      'jacob-kelly',
      'jens-behrmann',
      'jonathan-lorraine',
      'ricky-t-q-chen',
    ]);
    expect(ego.truncated).toBe(true);
    expect(ego.edges).toEqual(
      expectedEdges(
        seed,
        ego.nodes.map((node) => node.authorId),
        1,
      ),
    );
  });

  it('keeps nearer authors before farther ones', () => {
    const neighbours = seed.graph.degree('paul-vicol');
    const ego = egoNetwork(seed, 'paul-vicol', { depth: 2, minJointPapers: 1, maxNodes: 1 + neighbours });
    expect(ego.nodes.every((node) => node.distance <= 1)).toBe(true);
    expect(ego.nodes).toHaveLength(1 + neighbours);
    expect(ego.truncated).toBe(true);
  });

  it('ranks authors at distance 2 by their joint papers with the kept authors one hop closer', () => {
    // u is tied to both p and q (1 + 2 joint papers), v only to p (1): u is kept.
    const network = networkFromEdges([
      ['z', 'p', 1],
      ['z', 'q', 1],
      ['p', 'u', 1],
      ['q', 'u', 2],
      ['p', 'v', 1],
    ]);
    const ego = egoNetwork(network, 'z', { depth: 2, minJointPapers: 1, maxNodes: 4 });
    expect(distanceMap(ego)).toEqual({ z: 0, p: 1, q: 1, u: 2 });
    expect(ego.truncated).toBe(true);
  });

  it('is not truncated when the cap equals the number of authors within reach', () => {
    const reach = Object.keys(expectedWithin(seedReference, 'Paul Vicol', 2)).length;
    expect(reach).toBe(30);
    expect(egoNetwork(seed, 'paul-vicol', { depth: 2, minJointPapers: 1, maxNodes: reach }).truncated).toBe(false);
    expect(egoNetwork(seed, 'paul-vicol', { depth: 2, minJointPapers: 1, maxNodes: reach - 1 }).truncated).toBe(true);
    expect(egoNetwork(seed, 'paul-vicol', { depth: 2, minJointPapers: 1, maxNodes: reach - 1 }).nodes).toHaveLength(
      reach - 1,
    );
  });

  it('does not count authors beyond the depth as left out', () => {
    const ego = egoNetwork(seed, 'paul-vicol', {
      depth: 1,
      minJointPapers: 1,
      maxNodes: 1 + seed.graph.degree('paul-vicol'),
    });
    expect(ego.truncated).toBe(false);
  });

  it('does not count authors below minJointPapers as left out', () => {
    const ego = egoNetwork(seed, 'david-duvenaud', { depth: 1, minJointPapers: 2, maxNodes: 8 });
    expect(ego.nodes).toHaveLength(8);
    expect(ego.truncated).toBe(false);
  });

  it('keeps only the center when maxNodes is 1, truncated if it has co-authors', () => {
    expect(egoNetwork(handMade, 'a', { depth: 1, minJointPapers: 1, maxNodes: 1 })).toMatchObject({
      nodes: [{ authorId: 'a' }],
      truncated: true,
    });
    const solo = networkFromEdges([], ['solo']);
    expect(egoNetwork(solo, 'solo', { depth: 1, minJointPapers: 1, maxNodes: 1 }).truncated).toBe(false);
  });

  it('stays within its own component', () => {
    const ego = egoNetwork(handMade, 'h', { depth: 5, minJointPapers: 1, maxNodes: ALL });
    expect(distanceMap(ego)).toEqual({ g: 1, h: 0, i: 1 });
  });
});

describe('egoNetwork layout and communities', () => {
  const views: [string, string, number, number][] = [
    ['david-duvenaud', 'david-duvenaud', 1, 200],
    ['paul-vicol', 'paul-vicol', 2, 200],
    ['jens-behrmann', 'jens-behrmann', 2, 12],
    ['jonathan-lorraine', 'jonathan-lorraine', 1, 200],
  ];

  it.each(views)(
    'is deterministic: two freshly built networks give identical coordinates and communities (%s)',
    (_label, center, depth, maxNodes) => {
      const first = egoNetwork(loadSeedNetwork(), center, { depth, minJointPapers: 1, maxNodes });
      const second = egoNetwork(loadSeedNetwork(), center, { depth, minJointPapers: 1, maxNodes });
      expect(second).toEqual(first);
      // Also on the same network twice (the layout must not depend on state left by an earlier run).
      expect(egoNetwork(seed, center, { depth, minJointPapers: 1, maxNodes })).toEqual(first);
    },
  );

  it.each(views)(
    'puts the center at (0, 0), everyone in the unit disc, communities numbered from 0 by size (%s)',
    (_label, center, depth, maxNodes) => {
      checkDrawing(egoNetwork(seed, center, { depth, minJointPapers: 1, maxNodes }));
    },
  );

  it('draws every hand-made view the same way', () => {
    for (const center of handMadeReference.names) {
      for (const depth of [1, 2, 3]) {
        const ego = egoNetwork(handMade, center, { depth, minJointPapers: 1, maxNodes: ALL });
        checkDrawing(ego);
        checkOrder(ego);
        expect(
          egoNetwork(networkFromEdges(handMadeEdges), center, { depth, minJointPapers: 1, maxNodes: ALL }),
        ).toEqual(ego);
      }
    }
  });

  it('finds more than one community around David Duvenaud', () => {
    const ego = egoNetwork(seed, 'david-duvenaud', { depth: 1, minJointPapers: 1, maxNodes: ALL });
    expect(new Set(ego.nodes.map((node) => node.community)).size).toBeGreaterThan(1);
  });

  it('gives each author of a network without ties its own community, ordered by id', () => {
    const graph = new UndirectedGraph();
    for (const node of ['c', 'a', 'b']) graph.addNode(node);
    expect(Object.fromEntries(detectCommunities(graph))).toEqual({ a: 0, b: 1, c: 2 });
  });

  it('numbers two equal-size communities by their smallest id', () => {
    const graph = new UndirectedGraph();
    for (const [a, b] of [
      ['y', 'z'],
      ['z', 'x'],
      ['x', 'y'],
      ['c', 'b'],
      ['b', 'a'],
      ['a', 'c'],
    ] as const)
      graph.mergeEdge(a, b, { weight: 1 });
    expect(Object.fromEntries(detectCommunities(graph))).toEqual({ a: 0, b: 0, c: 0, x: 1, y: 1, z: 1 });
  });

  it('lays out an empty graph as nothing and a lone node at the origin', () => {
    expect(forceLayout(new UndirectedGraph(), { anchor: 'x' }).size).toBe(0);
    const lone = new UndirectedGraph();
    lone.addNode('x');
    expect(Object.fromEntries(forceLayout(lone, { anchor: 'x' }))).toEqual({ x: { x: 0, y: 0 } });
  });
});
