import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import closenessCentrality from 'graphology-metrics/centrality/closeness.js';
import { describe, expect, it } from 'vitest';
import {
  type AllPairsScores,
  computeAllPairsCentrality,
  computeAllPairsCentralitySync,
  computeInThread,
  exactPlan,
} from '../../src/analysis/all-pairs-centrality.ts';
import { combineChunks, computeChunk, partition, prepareChunkedPass } from '../../src/analysis/chunked-pass.ts';
import { hangingParts } from '../../src/analysis/hanging-parts.ts';
import { localityOrder, toOriginalOrder } from '../../src/analysis/locality-order.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { bruteDistances, networkFromEdges } from '../helpers/networks.ts';

type Edge = [string, string, number];

/** Every kind of piece that hangs off a network at one author, attached at `at` (names prefixed). */
function gadgets(at: string, prefix: string): Edge[] {
  const p = (name: string) => `${prefix}${name}`;
  return [
    // A pendant tree: a path, a branch, and two leaves of one co-author (one node of the search graph).
    [at, p('t1'), 1],
    [p('t1'), p('t2'), 1],
    [p('t2'), p('t3'), 1],
    [p('t2'), p('t4'), 1],
    [p('t1'), p('t5'), 1],
    [p('t5'), p('t6'), 1],
    // A bridge to a triangle.
    [at, p('b1'), 1],
    [p('b1'), p('b2'), 1],
    [p('b2'), p('b3'), 1],
    [p('b3'), p('b1'), 1],
    // A 4-cycle through the attachment: shortest paths inside the part that go through it.
    [at, p('q1'), 1],
    [p('q1'), p('q2'), 1],
    [p('q2'), p('q3'), 1],
    [p('q3'), at, 1],
    // Closed twins inside a part (x1, x2 wrote together and with w1 only): one node of weight 2.
    [at, p('w1'), 1],
    [p('w1'), p('x1'), 1],
    [p('w1'), p('x2'), 1],
    [p('x1'), p('x2'), 1],
  ];
}

/** A ring of authors with chords: one block. */
function ring(prefix: string, size: number): Edge[] {
  const r = (i: number) => `${prefix}${i % size}`;
  const edges: Edge[] = [];
  for (let i = 0; i < size; i += 1) {
    edges.push([r(i), r(i + 1), 1]);
    if (i % 3 === 0) edges.push([r(i), r(i + 7), 1]);
  }
  return edges;
}

/**
 * Two rings (one block each, larger than a part may be) with gadgets hanging at several of their
 * authors (two sets at one of them) and a chain at another; a pair of closed twins on the ring (one
 * node of weight 2) that is the only way to z: twins are never cut, so z stays in the core; small
 * components and an author alone.
 */
function decomposable(): CoauthorNetwork {
  const edges: Edge[] = [...ring('r', 300), ...ring('c', 80)];
  edges.push(...gadgets('r0', 'g0-'), ...gadgets('r0', 'h0-'), ...gadgets('r40', 'g40-'), ...gadgets('r77', 'g77-'));
  edges.push(['r5', 'y1', 1], ['r5', 'y2', 1], ['r6', 'y1', 1], ['r6', 'y2', 1], ['y1', 'y2', 1]);
  edges.push(['y1', 'z', 1], ['y2', 'z', 1], ['z', 'z1', 1]);
  edges.push(...gadgets('c0', 'k0-'), ['c20', 'd1', 1], ['d1', 'd2', 1], ['d2', 'd3', 1]);
  edges.push(['e1', 'e2', 1], ['f1', 'f2', 1], ['f2', 'f3', 1], ['f3', 'f1', 1], ['f3', 'f4', 1]);
  return networkFromEdges(edges, ['alone']);
}

/** Independent values: graphology-metrics' Brandes and closeness, harmonic and path figures by plain searches. */
function reference(network: CoauthorNetwork) {
  const b = betweennessCentrality(network.graph, { getEdgeWeight: null, normalized: true });
  const c = closenessCentrality(network.graph, { wassermanFaust: true });
  const n = network.compact.order;
  const distances = Array.from({ length: n }, (_, s) => bruteDistances(network, s));
  const harmonic = distances.map((row) => [...row.values()].reduce((sum, d) => (d > 0 ? sum + 1 / d : sum), 0));
  const largest = distances.reduce((best, row) => (row.size > best.size ? row : best));
  let total = 0;
  let diameter = 0;
  for (const s of largest.keys())
    for (const d of (distances[s] as Map<number, number>).values()) {
      total += d;
      diameter = Math.max(diameter, d);
    }
  return {
    betweenness: network.authorIds.map((id) => b[id] as number),
    closeness: network.authorIds.map((id) => c[id] as number),
    harmonic,
    average: total / (largest.size * (largest.size - 1)),
    diameter,
  };
}

function expectExact(actual: AllPairsScores, expected: ReturnType<typeof reference>): void {
  for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
    expected[metric].forEach((value, i) => {
      expect(Math.abs((actual[metric][i] as number) - value), `${metric} of author ${i}`).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(value)),
      );
    });
  }
  expect(actual.figures?.exact).toBe(true);
  expect(actual.figures?.diameter).toBe(expected.diameter);
  expect(Math.abs((actual.figures?.averageShortestPathLength ?? NaN) - expected.average)).toBeLessThanOrEqual(1e-12);
}

describe('hanging parts', () => {
  const network = decomposable();
  const expected = reference(network);

  it('are found at cut authors of one node only, small, and each hangs off the core', () => {
    const { graph, toOld } = localityOrder(network.compact);
    const plan = exactPlan(graph);
    const hanging = plan.hanging;
    expect(hanging).not.toBeNull();
    const parts = hanging?.parts;
    if (hanging === null || parts === undefined) return;
    // Five gadget sets of four parts each, the chain d1–d3, and the twins f1, f2 (one node) behind f3;
    // nothing at the twins y1, y2 (one node of weight 2), so z and z1 stay in the core; e1, e2 are twins
    // (one node, nothing to cut).
    expect(parts.attachment.length).toBe(5 * 4 + 1 + 1);
    const authorOf = (node: number) => network.authorIds[toOld[hanging.firstOf[node] as number] as number];
    const attachments = new Set([...parts.attachment].map(authorOf));
    expect(attachments).toEqual(new Set(['r0', 'r40', 'r77', 'c0', 'c20', 'f3']));
    const partOfAuthor = (id: string) => {
      const renumbered = [...toOld].indexOf(network.authorIndex.get(id) as number);
      return parts.partOf[plan.nodeOf[renumbered] as number];
    };
    for (const id of ['z', 'z1', 'y1', 'r5', 'r0', 'c0']) expect(partOfAuthor(id), id).toBe(-1);
    // The two leaves of one co-author follow it into its part.
    expect(partOfAuthor('g0-t3')).toBe(partOfAuthor('g0-t1'));
    expect(partOfAuthor('g0-t3')).not.toBe(-1);
    // The core's searches do not enter the parts.
    for (let x = 0; x < plan.searchGraph.order; x += 1)
      if (parts.partOf[x] !== -1) expect(plan.searchGraph.offsets[x + 1]).toBe(plan.searchGraph.offsets[x]);
  });

  it('leave every author its exact betweenness, closeness, harmonic and the path figures (1e-12)', () => {
    expectExact(computeAllPairsCentralitySync(network.compact), expected);
  });

  it('give the same values as the pass without them', () => {
    const { graph, toOld } = localityOrder(network.compact);
    const plain = computeInThread(graph, exactPlan(graph, { decompose: false }), toOld);
    const split = computeInThread(graph, exactPlan(graph, { decompose: true }), toOld);
    for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
      const a = toOriginalOrder(plain[metric], toOld);
      const b = toOriginalOrder(split[metric], toOld);
      a.forEach((value, i) =>
        expect(Math.abs((b[i] as number) - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, value)),
      );
    }
    expect(split.figures).toEqual({
      ...plain.figures,
      averageShortestPathLength: split.figures?.averageShortestPathLength,
    });
  });

  it('are searched when chunks are combined, whatever the chunks and their order', () => {
    const pass = prepareChunkedPass(network.compact);
    expect(pass.plan.hanging).not.toBeNull();
    for (const size of [1, 17, pass.sources]) {
      const partials = partition(pass.sources, size).map((chunk) => computeChunk(pass, chunk));
      expectExact(combineChunks(pass, partials.reverse()), expected);
    }
  });

  it('give the same values from worker threads', async () => {
    expectExact(await computeAllPairsCentrality(network.compact, { threads: 2 }).result, expected);
  });

  it('are exact on small hand-built networks too, when asked for', () => {
    // A path of blocks: a triangle, a bridge, a square with a tail, a star; and a second component.
    const small = networkFromEdges([
      ['a', 'b', 1],
      ['b', 'c', 1],
      ['c', 'a', 1],
      ['c', 'd', 1],
      ['d', 'e', 1],
      ['e', 'f', 1],
      ['f', 'g', 1],
      ['g', 'd', 1],
      ['g', 'h', 1],
      ['h', 'i', 1],
      ['h', 'j', 1],
      ['h', 'k', 1],
      ['m', 'n', 1],
      ['n', 'o', 1],
    ]);
    const { graph, toOld } = localityOrder(small.compact);
    const plan = exactPlan(graph, { decompose: true });
    expect(plan.hanging?.parts.attachment.length ?? 0).toBeGreaterThan(0);
    const scores = computeInThread(graph, plan, toOld);
    const expectedSmall = reference(small);
    expectExact(
      {
        betweenness: toOriginalOrder(scores.betweenness, toOld),
        closeness: toOriginalOrder(scores.closeness, toOld),
        harmonic: toOriginalOrder(scores.harmonic, toOld),
        ...(scores.figures === undefined ? {} : { figures: scores.figures }),
      },
      expectedSmall,
    );
  });

  it('are only parts of at most the given size', () => {
    const { graph } = localityOrder(network.compact);
    const plan = exactPlan(graph, { decompose: false });
    const skip = new Uint8Array(plan.searchGraph.order);
    const cuttable = new Uint8Array(plan.searchGraph.order).fill(1);
    const parts = hangingParts(plan.searchGraph, cuttable, skip, 3);
    for (let p = 0; p < parts.attachment.length; p += 1)
      expect((parts.partStart[p + 1] as number) - (parts.partStart[p] as number)).toBeLessThanOrEqual(3);
    expect(parts.attachment.length).toBeGreaterThan(0);
  });
});
