import { describe, expect, it } from 'vitest';
import { buildCompactGraph, connectedComponents, entryOf } from '../../src/graph/compact-graph.ts';
import { listColumn } from '../../src/graph/columns.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { buildNetwork, jointPaperIds } from '../../src/graph/network.ts';
import { paperRecord, syntheticNetwork } from '../helpers/networks.ts';

/** Author i's row as [neighbour, weight, papers]. */
function rows(graph: ReturnType<typeof buildCompactGraph>) {
  return Array.from({ length: graph.order }, (_, a) => {
    const row: [number, number, number[]][] = [];
    for (let j = graph.offsets[a] as number; j < (graph.offsets[a + 1] as number); j += 1) {
      row.push([
        graph.neighbors[j] as number,
        graph.weights[j] as number,
        [...graph.papers.subarray(graph.paperOffsets[j], graph.paperOffsets[j + 1])],
      ]);
    }
    return row;
  });
}

describe('buildCompactGraph', () => {
  it('makes every array it keeps on shared memory (the columns share them with threads without a copy)', () => {
    const graph = buildCompactGraph({
      order: 3,
      bylines: listColumn([Int32Array.of(0, 1, 2), Int32Array.of(1, 0)]),
      maxAuthorsPerPaper: null,
    });
    for (const array of [graph.offsets, graph.neighbors, graph.weights, graph.paperOffsets, graph.papers])
      expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...graph.weights]).toEqual([2, 1, 2, 1, 1, 1]);
  });

  it('lists each co-author once, in order of the first joint paper, with the joint papers in input order', () => {
    const graph = buildCompactGraph({
      order: 4,
      bylines: listColumn([Int32Array.of(0, 1, 2), Int32Array.of(3), Int32Array.of(2, 0), Int32Array.of(1, 0)]),
      maxAuthorsPerPaper: null,
    });
    expect(graph.edgeCount).toBe(3);
    expect(rows(graph)).toEqual([
      [
        [1, 2, [0, 3]],
        [2, 2, [0, 2]],
      ],
      [
        [0, 2, [0, 3]],
        [2, 1, [0]],
      ],
      [
        [0, 2, [0, 2]],
        [1, 1, [0]],
      ],
      [],
    ]);
  });

  it('adds no ties for papers with more authors than the limit', () => {
    const graph = buildCompactGraph({
      order: 4,
      bylines: listColumn([Int32Array.of(0, 1, 2, 3), Int32Array.of(0, 1)]),
      maxAuthorsPerPaper: 3,
    });
    expect(graph.edgeCount).toBe(1);
    expect(rows(graph)).toEqual([[[1, 1, [1]]], [[0, 1, [1]]], [], []]);
  });

  it('finds entries and components', () => {
    const graph = buildCompactGraph({
      order: 5,
      bylines: listColumn([Int32Array.of(0, 1), Int32Array.of(1, 2), Int32Array.of(3, 4)]),
      maxAuthorsPerPaper: null,
    });
    expect(entryOf(graph, 1, 2)).toBeGreaterThanOrEqual(0);
    expect(graph.neighbors[entryOf(graph, 1, 2)]).toBe(2);
    expect(entryOf(graph, 0, 2)).toBe(-1);
    const { component, sizes } = connectedComponents(graph);
    expect([...component]).toEqual([0, 0, 0, 1, 1]);
    expect(sizes).toEqual([3, 2]);
  });

  it('finds the components of an adjacency once: asked again, the same; another adjacency, its own', () => {
    const bylines = listColumn([Int32Array.of(0, 1), Int32Array.of(2, 3)]);
    const graph = buildCompactGraph({ order: 4, bylines, maxAuthorsPerPaper: null });
    const first = connectedComponents(graph);
    expect(connectedComponents({ ...graph })).toBe(first);
    // The same authors tied otherwise (new arrays): found for them.
    const joined = buildCompactGraph({
      order: 4,
      bylines: listColumn([Int32Array.of(0, 1, 2, 3)]),
      maxAuthorsPerPaper: null,
    });
    expect(connectedComponents(joined).sizes).toEqual([4]);
    // The same neighbors under other offsets, or another order, are another graph.
    const offsets = Int32Array.from(graph.offsets);
    expect(connectedComponents({ ...graph, offsets })).not.toBe(first);
    expect(connectedComponents({ ...graph, offsets })).toEqual(first);
    const isolated = {
      order: 5,
      offsets: Int32Array.of(...graph.offsets, graph.offsets[4] as number),
      neighbors: graph.neighbors,
    };
    expect(connectedComponents(isolated).sizes).toEqual([2, 2, 1]);
  });
});

describe("the network's two views", () => {
  it("agree: the graphology graph built on demand has exactly the compact graph's ties, weights and papers", () => {
    const network = syntheticNetwork(7, 400);
    const { graph, compact, authorIds } = network;
    expect(graph.order).toBe(compact.order);
    expect(graph.size).toBe(compact.edgeCount);
    for (let a = 0; a < compact.order; a += 1) {
      for (let j = compact.offsets[a] as number; j < (compact.offsets[a + 1] as number); j += 1) {
        const [x, y] = [authorIds[a] as string, authorIds[compact.neighbors[j] as number] as string];
        expect(graph.getEdgeAttribute(x, y, 'weight')).toBe(compact.weights[j]);
        expect(graph.getEdgeAttribute(x, y, 'jointPapers')).toEqual(jointPaperIds(network, x, y));
      }
    }
  });

  it('keeps a paper over the author limit as a paper of every author, without ties, and counts it', () => {
    const crowd = Array.from({ length: 6 }, (_, i) => `Member ${i + 1}`);
    const catalog = buildCatalog([
      paperRecord('Big Collaboration', crowd, { id: 'big' }),
      paperRecord('Small', ['Member 1', 'Member 2'], { id: 'small' }),
    ]);
    const unlimited = buildNetwork(catalog);
    expect(unlimited.compact.edgeCount).toBe(15);
    expect(unlimited.papersOverAuthorLimit).toBe(0);
    const limited = buildNetwork(catalog, { maxAuthorsPerPaper: 5 });
    expect(limited.compact.edgeCount).toBe(1);
    expect(jointPaperIds(limited, 'member-1', 'member-2')).toEqual(['small']);
    expect(limited.papersOverAuthorLimit).toBe(1);
    expect(limited.maxAuthorsPerPaper).toBe(5);
    expect(limited.papers.get('big')?.authorIds).toHaveLength(6);
    expect(limited.authors.get('member-6')?.paperIds).toEqual(['big']);
    expect(buildNetwork(catalog, { maxAuthorsPerPaper: 6 }).compact.edgeCount).toBe(15);
  });

  it('rejects a limit below 2', () => {
    expect(() => buildNetwork(buildCatalog([]), { maxAuthorsPerPaper: 1 })).toThrow(/maxAuthorsPerPaper/u);
  });
});
