/**
 * Coreness (k-core number) of every author: the largest k such that the author belongs to a subgraph in
 * which everyone has at least k co-authors. NetworkX: `core_number(G)`; the network's degeneracy is the
 * largest coreness (`max(core_number(G).values())`).
 *
 * Batagelj & Zaversnik's O(n + E) algorithm ("An O(m) algorithm for cores decomposition of networks",
 * 2003): authors bucketed by degree, repeatedly take an author of least remaining degree, fix its core
 * number and lower its unprocessed neighbours' degrees, moving each one bucket down in O(1).
 */
import type { CompactGraph } from '../graph/compact-graph.ts';

type AdjacencyGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors'>;

/** Core numbers by author index (an author with no co-author has coreness 0). */
export function coreNumbers(graph: AdjacencyGraph): Int32Array {
  const { order: n, offsets, neighbors } = graph;
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let v = 0; v < n; v += 1) {
    const d = (offsets[v + 1] as number) - (offsets[v] as number);
    degree[v] = d;
    if (d > maxDegree) maxDegree = d;
  }
  // Counting sort by degree: `sorted` holds authors by current degree, `start[d]` where degree d begins.
  const start = new Int32Array(maxDegree + 2);
  for (let v = 0; v < n; v += 1) start[(degree[v] as number) + 1] = (start[(degree[v] as number) + 1] as number) + 1;
  for (let d = 0; d <= maxDegree; d += 1) start[d + 1] = (start[d + 1] as number) + (start[d] as number);
  const sorted = new Int32Array(n);
  const position = new Int32Array(n);
  const fill = start.slice(0, maxDegree + 1);
  for (let v = 0; v < n; v += 1) {
    const at = fill[degree[v] as number] as number;
    sorted[at] = v;
    position[v] = at;
    fill[degree[v] as number] = at + 1;
  }
  for (let i = 0; i < n; i += 1) {
    const v = sorted[i] as number;
    const dv = degree[v] as number;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1) {
      const u = neighbors[j] as number;
      const du = degree[u] as number;
      if (du <= dv) continue;
      // Swap u with the first author of its degree bucket, then shrink that bucket by one.
      const first = start[du] as number;
      const w = sorted[first] as number;
      if (w !== u) {
        const pu = position[u] as number;
        sorted[first] = u;
        position[u] = first;
        sorted[pu] = w;
        position[w] = pu;
      }
      start[du] = first + 1;
      degree[u] = du - 1;
    }
  }
  return degree;
}

/** The largest core number (0 for a network without ties). */
export function degeneracy(coreness: Int32Array): number {
  let largest = 0;
  for (const k of coreness) if (k > largest) largest = k;
  return largest;
}
