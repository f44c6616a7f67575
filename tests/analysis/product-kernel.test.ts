/**
 * The power iterations' products in the WebAssembly kernel (product-kernel.ts) are the TypeScript
 * loops' bit for bit: each product against the sums written out here in row order, and PageRank and
 * eigenvector centrality through the kernel against the same iterations without it, on the ACL 2016
 * slice and on graphs with weights (whole, as 16-bit integers or, past 65,535, as doubles; and
 * fractional), loners and an author alone.
 */
import { describe, expect, it } from 'vitest';
import { ProductKernel } from '../../src/analysis/product-kernel.ts';
import { eigenvectorAndPagerank, eigenvectorScores, pagerankScores } from '../../src/analysis/power-iteration.ts';
import type { CompactGraph } from '../../src/graph/compact-graph.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { networkFromEdges } from '../helpers/networks.ts';

/** Σ over row v's entries of weight·x[neighbour], from 0, in row order: what both the loops and the kernel add. */
function rowSums(graph: CompactGraph, x: Float64Array): Float64Array {
  const out = new Float64Array(graph.order);
  for (let v = 0; v < graph.order; v += 1) {
    let sum = 0;
    for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1)
      sum += (graph.weights[j] as number) * (x[graph.neighbors[j] as number] as number);
    out[v] = sum;
  }
  return out;
}

/** Whether two arrays hold the same doubles, bit for bit (−0 and 0 told apart). */
function sameBits(actual: Float64Array, expected: Float64Array): boolean {
  return actual.length === expected.length && actual.every((value, k) => Object.is(value, expected[k]));
}

const slice = loadAclSliceNetwork();
const weighted = networkFromEdges(
  [
    ['a', 'b', 3],
    ['b', 'c', 1],
    ['c', 'a', 2],
    ['c', 'd', 7],
    ['x', 'y', 1],
  ],
  ['loner'],
);

/** The same graph with a tie past 16 bits of joint papers (its weights go to the kernel as doubles). */
const heavy: CompactGraph = {
  ...weighted.compact,
  weights: Uint32Array.from(weighted.compact.weights, (weight) => (weight === 7 ? 70_001 : weight)),
} as unknown as CompactGraph;

/** The same graph under fractional tie strengths (doubles, as a tie weighting gives: graph/tie-weighting.ts). */
const fractional: CompactGraph = {
  ...weighted.compact,
  weights: Float64Array.from(weighted.compact.weights, (weight) => weight / 3 + 0.1),
} as unknown as CompactGraph;

describe('the products in the WebAssembly kernel', () => {
  it('are the sums in row order, bit for bit, one vector or two side by side', () => {
    for (const graph of [slice.compact, weighted.compact, heavy, fractional]) {
      const kernel = ProductKernel.for(graph);
      if (kernel === null) throw new Error('the kernel should take a graph this small');
      const n = graph.order;
      // Values of every magnitude and sign, so that the order of the additions shows in the last bits.
      const x1 = Float64Array.from({ length: n }, (_, v) => Math.sin(v * 12.9898) * 10 ** ((v % 7) - 3));
      const x2 = Float64Array.from({ length: n }, (_, v) => 1 / (v + 1) - (v % 3 === 0 ? 0.5 : 0));
      const out = new Float64Array(n);
      kernel.product(x1, out);
      expect(sameBits(out, rowSums(graph, x1))).toBe(true);
      const out1 = new Float64Array(n);
      const out2 = new Float64Array(n);
      kernel.paired(x1, x2, out1, out2);
      expect(sameBits(out1, rowSums(graph, x1))).toBe(true);
      expect(sameBits(out2, rowSums(graph, x2))).toBe(true);
    }
  });

  it('give PageRank and eigenvector centrality bit for bit as the TypeScript loops do', () => {
    for (const graph of [slice.compact, weighted.compact, fractional, networkFromEdges([['a', 'b', 3]]).compact]) {
      const plain = { kernel: false };
      const together = eigenvectorAndPagerank(graph);
      const togetherPlain = eigenvectorAndPagerank(graph, 0.85, plain);
      expect(sameBits(together.eigenvector, togetherPlain.eigenvector)).toBe(true);
      expect(sameBits(together.pagerank, togetherPlain.pagerank)).toBe(true);
      expect(sameBits(pagerankScores(graph), pagerankScores(graph, 0.85, plain))).toBe(true);
      expect(sameBits(eigenvectorScores(graph), eigenvectorScores(graph, plain))).toBe(true);
    }
    // PageRank only on the graph with a tie of 70,001 joint papers: its adjacency has eigenvalues near
    // ±70,001, so power iteration on A + I, which NetworkX's eigenvector centrality is, shrinks the
    // error by about 1 − 3·10⁻⁵ a round and does not converge (nor does NetworkX's, in its 100 rounds).
    expect(sameBits(pagerankScores(heavy), pagerankScores(heavy, 0.85, { kernel: false }))).toBe(true);
    // The slice's scores are those its NetworkX tests check (acl-slice-centrality.test.ts): not all equal.
    expect(new Set(pagerankScores(slice.compact)).size).toBeGreaterThan(100);
  });

  it('are left to the TypeScript loops for a graph whose copy would pass the limit in bytes', () => {
    const { order, neighbors } = slice.compact;
    // 4 bytes an offset, 4 a neighbour and 2 a 16-bit weight, 32 an author for the vectors.
    const bytes = 4 * (order + 1) + 6 * neighbors.length + 32 * order;
    expect(ProductKernel.for(slice.compact, bytes - 1)).toBeNull();
    expect(ProductKernel.for(slice.compact, bytes)).not.toBeNull();
    // Weights past 16 bits go as doubles: 8 bytes each.
    const heavySlice = {
      ...slice.compact,
      weights: Uint32Array.from(slice.compact.weights, (w, j) => (j === 0 ? 65_536 : w)),
    };
    expect(ProductKernel.for(heavySlice, bytes + 6 * neighbors.length - 1)).toBeNull();
    expect(ProductKernel.for(heavySlice, bytes + 6 * neighbors.length)).not.toBeNull();
  });
});
