/**
 * Harmonic centrality: for each author, the sum of 1/d over every other author they can reach, d in
 * hops. Not normalized, as NetworkX's `harmonic_centrality(G)`. graphology-metrics has no harmonic
 * centrality, hence this one breadth-first search per node over a compact adjacency array.
 */
import type { CoauthorGraph } from '../graph/network.ts';

export function harmonicCentrality(graph: CoauthorGraph): Map<string, number> {
  const nodes = graph.nodes();
  const indexOf = new Map(nodes.map((node, i) => [node, i]));
  const starts = new Int32Array(nodes.length + 1);
  nodes.forEach((node, i) => { starts[i + 1] = (starts[i] as number) + graph.degree(node); });
  const adjacency = new Int32Array(starts[nodes.length] as number);
  nodes.forEach((node, i) => {
    let at = starts[i] as number;
    graph.forEachNeighbor(node, (neighbor) => { adjacency[at++] = indexOf.get(neighbor) as number; });
  });

  const distance = new Int32Array(nodes.length).fill(-1);
  const queue = new Int32Array(nodes.length);
  const result = new Map<string, number>();
  nodes.forEach((node, source) => {
    distance.fill(-1);
    distance[source] = 0;
    queue[0] = source;
    let head = 0;
    let tail = 1;
    let sum = 0;
    while (head < tail) {
      const current = queue[head++] as number;
      const next = (distance[current] as number) + 1;
      for (let j = starts[current] as number; j < (starts[current + 1] as number); j += 1) {
        const neighbor = adjacency[j] as number;
        if (distance[neighbor] === -1) {
          distance[neighbor] = next;
          sum += 1 / next;
          queue[tail++] = neighbor;
        }
      }
    }
    result.set(node, sum);
  });
  return result;
}
