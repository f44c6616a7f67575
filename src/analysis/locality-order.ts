/**
 * Renumbers authors in breadth-first order (each component from its best-connected author), so that
 * co-authors get nearby numbers. A search then touches memory in runs instead of at random: on the
 * full ACL network (100k authors) this is what keeps the per-source arrays in cache.
 */
import { sharedArray } from '../graph/columns.ts';
import type { PassGraph } from './shortest-path-pass.ts';

/** Rows up to this long are sorted in place by insertion (a typed array's own sort costs more to call than that). */
const INSERTION_SORT_ROW = 48;

export interface Renumbered {
  readonly graph: PassGraph;
  /** New number → old number. */
  readonly toOld: Int32Array;
}

export function localityOrder(graph: PassGraph): Renumbered {
  const n = graph.order;
  const { offsets, neighbors } = graph;
  const byDegree = byDegreeDescending(offsets, n);
  const toNew = new Int32Array(n).fill(-1);
  const toOld = new Int32Array(n);
  let next = 0;
  for (const start of byDegree) {
    if (toNew[start] !== -1) continue;
    toNew[start] = next;
    toOld[next] = start;
    let head = next;
    next += 1;
    while (head < next) {
      const v = toOld[head++] as number;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1) {
        const w = neighbors[j] as number;
        if (toNew[w] === -1) {
          toNew[w] = next;
          toOld[next] = w;
          next += 1;
        }
      }
    }
  }
  // On shared memory from the start: the pass threads read them as they are, where a copy made to
  // share them stayed beside these for the whole pass (0.12 GB of the peak at 1 M synthetic papers).
  const newOffsets = sharedArray(Int32Array, n + 1);
  const newNeighbors = sharedArray(Int32Array, neighbors.length);
  for (let i = 0; i < n; i += 1) {
    const v = toOld[i] as number;
    const rowStart = newOffsets[i] as number;
    let at = rowStart;
    for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1)
      newNeighbors[at++] = toNew[neighbors[j] as number] as number;
    // Each row in increasing order: a search then reads its arrays front to back.
    sortRow(newNeighbors, rowStart, at);
    newOffsets[i + 1] = at;
  }
  return { graph: { order: n, offsets: newOffsets, neighbors: newNeighbors }, toOld };
}

/** Sorts `values[from … to)` ascending, in place. */
function sortRow(values: Int32Array, from: number, to: number): void {
  if (to - from > INSERTION_SORT_ROW) {
    values.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i += 1) {
    const value = values[i] as number;
    let j = i - 1;
    while (j >= from && (values[j] as number) > value) {
      values[j + 1] = values[j] as number;
      j -= 1;
    }
    values[j + 1] = value;
  }
}

/** Authors by degree, highest first, ties by number: a counting sort (stable in number). */
export function byDegreeDescending(offsets: Int32Array, n: number): Int32Array {
  let maxDegree = 0;
  for (let v = 0; v < n; v += 1) maxDegree = Math.max(maxDegree, (offsets[v + 1] as number) - (offsets[v] as number));
  // start[maxDegree − d]: where the authors of degree d begin.
  const start = new Int32Array(maxDegree + 2);
  for (let v = 0; v < n; v += 1) {
    const slot = maxDegree - ((offsets[v + 1] as number) - (offsets[v] as number)) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let k = 0; k <= maxDegree; k += 1) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const order = new Int32Array(n);
  for (let v = 0; v < n; v += 1) {
    const slot = maxDegree - ((offsets[v + 1] as number) - (offsets[v] as number));
    order[start[slot] as number] = v;
    start[slot] = (start[slot] as number) + 1;
  }
  return order;
}

/** Puts values computed on the renumbered graph back in the original numbering. */
export function toOriginalOrder(values: Float64Array, toOld: Int32Array): Float64Array {
  const result = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) result[toOld[i] as number] = values[i] as number;
  return result;
}
