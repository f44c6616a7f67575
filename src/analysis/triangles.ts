/**
 * Triangles of the co-authorship network (three authors who all wrote with each other), enumerated once
 * each: what local clustering, transitivity and Burt's constraint and effective size are built on.
 *
 * The "forward" algorithm (Schank & Wagner 2005; Latapy 2008): rank authors by degree (ties by index),
 * orient every tie from the lower to the higher rank, and for each tie u → v intersect the out-lists of u
 * and v with a marker array. Every triangle is found exactly once, and out-lists hold at most √(2E)
 * authors, so the work is O(E·√E) in the worst case and close to linear on co-authorship networks,
 * where the authors of one large paper form the densest part.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';

type AdjacencyGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors'>;

export interface Triangles {
  /** Triangles each author belongs to. */
  readonly perAuthor: Float64Array;
  /**
   * Per adjacency entry j (the tie a → neighbors[j]): Σ of 1/degree(q) over the common co-authors q of
   * both ends. The sum Burt's constraint needs (`structural-holes.ts`); the same for both entries of a tie.
   */
  readonly commonInverseDegree: Float64Array;
  /** Triangles in the whole network. */
  readonly total: number;
}

/** For adjacency entry j (a → b), the entry of the same tie seen from b (b → a). O(n + E). */
export function mirrorEntries(graph: AdjacencyGraph): Int32Array {
  const { order: n, offsets, neighbors } = graph;
  const entries = neighbors.length;
  // Entries bucketed by their target (counting sort), in order of their source within a bucket.
  const start = new Int32Array(n + 1);
  for (let j = 0; j < entries; j += 1) start[(neighbors[j] as number) + 1] = (start[(neighbors[j] as number) + 1] as number) + 1;
  for (let v = 0; v < n; v += 1) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  const byTarget = new Int32Array(entries);
  const sourceOf = new Int32Array(entries);
  const fill = start.slice(0, n);
  for (let a = 0; a < n; a += 1) {
    for (let j = offsets[a] as number; j < (offsets[a + 1] as number); j += 1) {
      const b = neighbors[j] as number;
      const at = fill[b] as number;
      byTarget[at] = j;
      sourceOf[at] = a;
      fill[b] = at + 1;
    }
  }
  const mirror = new Int32Array(entries);
  const slotOf = new Int32Array(n);
  for (let b = 0; b < n; b += 1) {
    for (let k = offsets[b] as number; k < (offsets[b + 1] as number); k += 1) slotOf[neighbors[k] as number] = k;
    for (let at = start[b] as number; at < (start[b + 1] as number); at += 1) mirror[byTarget[at] as number] = slotOf[sourceOf[at] as number] as number;
  }
  return mirror;
}

export function countTriangles(graph: AdjacencyGraph): Triangles {
  const { order: n, offsets, neighbors } = graph;
  const degree = (v: number) => (offsets[v + 1] as number) - (offsets[v] as number);
  const rank = new Int32Array(n);
  const byDegree = Array.from({ length: n }, (_, v) => v).sort((a, b) => degree(a) - degree(b) || a - b);
  byDegree.forEach((v, i) => { rank[v] = i; });
  const mirror = mirrorEntries(graph);

  const perAuthor = new Float64Array(n);
  const commonInverseDegree = new Float64Array(neighbors.length);
  // marker[w] = 1 + the entry of u → w while u's out-list is marked (0: not marked).
  const marker = new Int32Array(n);
  let total = 0;
  for (let u = 0; u < n; u += 1) {
    const ru = rank[u] as number;
    const uStart = offsets[u] as number;
    const uEnd = offsets[u + 1] as number;
    for (let j = uStart; j < uEnd; j += 1) {
      const w = neighbors[j] as number;
      if ((rank[w] as number) > ru) marker[w] = j + 1;
    }
    for (let j = uStart; j < uEnd; j += 1) {
      const v = neighbors[j] as number;
      const rv = rank[v] as number;
      if (rv <= ru) continue;
      for (let k = offsets[v] as number; k < (offsets[v + 1] as number); k += 1) {
        const w = neighbors[k] as number;
        if ((rank[w] as number) <= rv) continue;
        const uw = (marker[w] as number) - 1;
        if (uw < 0) continue;
        // Triangle u < v < w (by rank): entries u→v = j, v→w = k, u→w = uw.
        total += 1;
        perAuthor[u] = (perAuthor[u] as number) + 1;
        perAuthor[v] = (perAuthor[v] as number) + 1;
        perAuthor[w] = (perAuthor[w] as number) + 1;
        const inverseU = 1 / degree(u);
        const inverseV = 1 / degree(v);
        const inverseW = 1 / degree(w);
        addToTie(commonInverseDegree, mirror, j, inverseW);
        addToTie(commonInverseDegree, mirror, k, inverseU);
        addToTie(commonInverseDegree, mirror, uw, inverseV);
      }
    }
    for (let j = uStart; j < uEnd; j += 1) marker[neighbors[j] as number] = 0;
  }
  return { perAuthor, commonInverseDegree, total };
}

function addToTie(sums: Float64Array, mirror: Int32Array, entry: number, value: number): void {
  sums[entry] = (sums[entry] as number) + value;
  const other = mirror[entry] as number;
  sums[other] = (sums[other] as number) + value;
}
