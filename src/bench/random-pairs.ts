/** Seeded random author pairs inside the largest connected component of a compact graph. */
import seedrandom from 'seedrandom';

/** The subset of a CompactGraph these helpers read (offsets/neighbors in CSR form). */
export interface Adjacency {
  readonly order: number;
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
}

/** Node indices of the largest connected component (the one found first on a tie), ascending. */
export function largestComponent(graph: Adjacency): number[] {
  const component = new Int32Array(graph.order).fill(-1);
  const queue = new Int32Array(graph.order);
  let best: number[] = [];
  let label = 0;
  for (let start = 0; start < graph.order; start += 1) {
    if (component[start] !== -1) continue;
    component[start] = label;
    queue[0] = start;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const node = queue[head] as number;
      head += 1;
      for (let k = graph.offsets[node] as number; k < (graph.offsets[node + 1] as number); k += 1) {
        const next = graph.neighbors[k] as number;
        if (component[next] === -1) {
          component[next] = label;
          queue[tail] = next;
          tail += 1;
        }
      }
    }
    if (tail > best.length) best = Array.from(queue.subarray(0, tail));
    label += 1;
  }
  return best.sort((a, b) => a - b);
}

/** `count` pairs of distinct members, drawn uniformly with a seeded generator (the same seed, the same pairs). */
export function randomPairs(members: readonly number[], count: number, seed: string): [number, number][] {
  if (members.length < 2) throw new Error('randomPairs: need at least two members');
  const random = seedrandom(seed);
  const pick = (): number => members[Math.floor(random() * members.length)] as number;
  const pairs: [number, number][] = [];
  while (pairs.length < count) {
    const a = pick();
    const b = pick();
    if (a !== b) pairs.push([a, b]);
  }
  return pairs;
}
