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
  readonly perAuthor: Int32Array;
  /**
   * Per author: Σ over the author's ties of (1 + s)², where s is the tie's Σ of 1/degree(q) over the
   * common co-authors q of both ends. The sum Burt's constraint is made of (`structural-holes.ts`).
   * Empty when counted without `tieSums`.
   */
  readonly constraintSums: Float64Array;
  /** Triangles in the whole network. */
  readonly total: number;
}

export interface TriangleOptions {
  /** Also sum 1/degree of the common co-authors per tie, into `constraintSums` (for Burt's constraint). */
  readonly tieSums?: boolean;
}

export function countTriangles(graph: AdjacencyGraph, options: TriangleOptions = {}): Triangles {
  const { order: n, offsets, neighbors } = graph;
  const tieSums = options.tieSums ?? true;
  // Rank by degree, ties by index: a counting sort by degree, stable in index.
  let maxDegree = 0;
  for (let v = 0; v < n; v += 1) maxDegree = Math.max(maxDegree, (offsets[v + 1] as number) - (offsets[v] as number));
  const bucket = new Int32Array(maxDegree + 2);
  for (let v = 0; v < n; v += 1) {
    const slot = (offsets[v + 1] as number) - (offsets[v] as number) + 1;
    bucket[slot] = (bucket[slot] as number) + 1;
  }
  for (let d = 0; d <= maxDegree; d += 1) bucket[d + 1] = (bucket[d + 1] as number) + (bucket[d] as number);
  const rank = new Int32Array(n);
  for (let v = 0; v < n; v += 1) {
    const d = (offsets[v + 1] as number) - (offsets[v] as number);
    rank[v] = bucket[d] as number;
    bucket[d] = (bucket[d] as number) + 1;
  }
  // Out-lists: each tie once, from the lower to the higher rank (at most √(2E) per author). A tie is
  // one out-entry of one of its ends, so the lists hold half the adjacency entries and are written in
  // one pass, each author's after the last.
  const outOffsets = new Int32Array(n + 1);
  const outNeighbors = new Int32Array((offsets[n] as number) >>> 1);
  let at = 0;
  for (let u = 0; u < n; u += 1) {
    const ru = rank[u] as number;
    for (let j = offsets[u] as number; j < (offsets[u + 1] as number); j += 1) {
      const w = neighbors[j] as number;
      if ((rank[w] as number) > ru) {
        outNeighbors[at] = w;
        at += 1;
      }
    }
    outOffsets[u + 1] = at;
  }
  if (at > outNeighbors.length) throw new RangeError('triangles: the adjacency lists are not symmetric');

  const counts = new Int32Array(n);
  const inverseDegree = new Float64Array(tieSums ? n : 0);
  for (let v = 0; v < inverseDegree.length; v += 1) {
    const d = (offsets[v + 1] as number) - (offsets[v] as number);
    inverseDegree[v] = d > 0 ? 1 / d : 0;
  }
  // Per out-list position (a tie, once): its running sum, so that the three ties of a triangle are
  // summed where the enumeration is reading anyway (u's and v's out-lists) rather than at both of each
  // tie's adjacency entries, anywhere in an array of every entry.
  const tieSum = new Float64Array(tieSums ? outNeighbors.length : 0);
  // marker[w] = 1 + the out-list position of u → w while u's out-list is marked (0: not marked).
  const marker = new Int32Array(n);
  let total = 0;
  for (let u = 0; u < n; u += 1) {
    const uStart = outOffsets[u] as number;
    const uEnd = outOffsets[u + 1] as number;
    if (uEnd - uStart < 2) continue;
    for (let a = uStart; a < uEnd; a += 1) marker[outNeighbors[a] as number] = a + 1;
    let found = 0;
    for (let a = uStart; a < uEnd; a += 1) {
      const v = outNeighbors[a] as number;
      let atV = 0;
      for (let b = outOffsets[v] as number; b < (outOffsets[v + 1] as number); b += 1) {
        const w = outNeighbors[b] as number;
        const mark = marker[w] as number;
        if (mark === 0) continue;
        // Triangle u, v, w (rank increasing): ties u→v (a), v→w (b), u→w (mark − 1).
        atV += 1;
        counts[w] = (counts[w] as number) + 1;
        if (tieSums) {
          tieSum[a] = (tieSum[a] as number) + (inverseDegree[w] as number);
          tieSum[b] = (tieSum[b] as number) + (inverseDegree[u] as number);
          tieSum[mark - 1] = (tieSum[mark - 1] as number) + (inverseDegree[v] as number);
        }
      }
      counts[v] = (counts[v] as number) + atV;
      found += atV;
    }
    counts[u] = (counts[u] as number) + found;
    total += found;
    for (let a = uStart; a < uEnd; a += 1) marker[outNeighbors[a] as number] = 0;
  }
  // Each tie's (1 + s)² to both its authors, the ties taken once each in out-list order: a sum per
  // author, where a value per adjacency entry (and the entry of each tie's other end to put it at)
  // would take three arrays of every entry, the largest memory of the local metrics on a large network.
  const constraintSums = new Float64Array(tieSums ? n : 0);
  if (tieSums) {
    for (let u = 0; u < n; u += 1) {
      for (let p = outOffsets[u] as number; p < (outOffsets[u + 1] as number); p += 1) {
        const v = outNeighbors[p] as number;
        const share = 1 + (tieSum[p] as number);
        const squared = share * share;
        constraintSums[u] = (constraintSums[u] as number) + squared;
        constraintSums[v] = (constraintSums[v] as number) + squared;
      }
    }
  }
  return { perAuthor: counts, constraintSums, total };
}
