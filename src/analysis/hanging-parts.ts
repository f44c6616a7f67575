/**
 * Hanging parts of the search graph: small pieces of the network that hang off the rest at one
 * articulation point (Puzis, Elovici, Zilberman, Dolev & Brandes 2012; Sariyüce et al. 2013). A
 * hanging part H at author a is a side of a cut at a (every path from H to the rest of its component
 * goes through a) that does not hold its component's first node (in locality order, its
 * best-connected author, so the big block stays on the other side).
 *
 * The pass then searches only the core (the network without its hanging parts): a's node stands for
 * the authors behind it (as targets: its dependency counts them, its search counts them as sources;
 * their distances are a's plus their distance from a, `behind`), and each hanging part is searched on
 * its own, small, with a standing for everything outside it (all-pairs-centrality.ts `finishPass`).
 *
 * Only authors of one node cut (closed twins merged into one node never are, nor pruned leaves, which
 * the plan handles already), and only parts of at most `maxPartNodes` search nodes hang: a part is
 * searched from each of its nodes in one thread when the pass finishes, so it must stay small.
 */
import { MAX_BEHIND_HEIGHT, type PassGraph } from './shortest-path-pass.ts';

export const DEFAULT_MAX_PART_NODES = MAX_BEHIND_HEIGHT;

export interface HangingParts {
  /** Per search node: the part it belongs to (−1: the core). */
  readonly partOf: Int32Array;
  /** Per part: the node it hangs at (in the core). */
  readonly attachment: Int32Array;
  /** Per part: its nodes, `nodes[partStart[p] .. partStart[p + 1])`, in increasing order. */
  readonly partStart: Int32Array;
  readonly nodes: Int32Array;
}

/**
 * Finds the hanging parts. `weight` is authors per node; `cuttable[v]` says whether node v may be the
 * attachment of a part; `skip[v]` marks nodes left out of the search for cuts (pruned leaves' nodes:
 * they follow their one neighbour into its part, or stay in the core with it).
 */
export function hangingParts(
  graph: PassGraph,
  cuttable: Uint8Array,
  skip: Uint8Array,
  maxPartNodes = DEFAULT_MAX_PART_NODES,
): HangingParts {
  const n = graph.order;
  const { offsets, neighbors } = graph;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const next = new Int32Array(n);
  const size = new Int32Array(n); // DFS subtree size in nodes (skipped nodes count with their neighbour)
  // partRoot[v]: v is the top of a hanging DFS subtree (hanging at parent[v]).
  const partRoot = new Uint8Array(n);
  const stack = new Int32Array(n);
  let time = 0;
  for (let root = 0; root < n; root += 1) {
    if (disc[root] !== -1 || skip[root] === 1) continue;
    let top = 0;
    stack[top++] = root;
    disc[root] = time;
    low[root] = time;
    time += 1;
    next[root] = offsets[root] as number;
    size[root] = 1;
    while (top > 0) {
      const v = stack[top - 1] as number;
      if ((next[v] as number) < (offsets[v + 1] as number)) {
        const w = neighbors[next[v] as number] as number;
        next[v] = (next[v] as number) + 1;
        if (skip[w] === 1) {
          size[v] = (size[v] as number) + 1;
          continue;
        }
        if (disc[w] === -1) {
          parent[w] = v;
          disc[w] = time;
          low[w] = time;
          time += 1;
          next[w] = offsets[w] as number;
          size[w] = 1;
          stack[top++] = w;
        } else if (w !== parent[v] && (disc[w] as number) < (low[v] as number)) low[v] = disc[w] as number;
      } else {
        top -= 1;
        const p = parent[v] as number;
        if (p === -1) continue;
        if ((low[v] as number) < (low[p] as number)) low[p] = low[v] as number;
        size[p] = (size[p] as number) + (size[v] as number);
        // v's subtree is a side of a cut at p: everything in it reaches the root only through p.
        if ((low[v] as number) >= (disc[p] as number) && cuttable[p] === 1 && (size[v] as number) <= maxPartNodes)
          partRoot[v] = 1;
      }
    }
  }
  // The highest hanging subtrees are the parts: walk nodes in discovery order (parents first).
  const byDiscovery = new Int32Array(time);
  for (let v = 0; v < n; v += 1) if ((disc[v] as number) >= 0) byDiscovery[disc[v] as number] = v;
  const partOf = new Int32Array(n).fill(-1);
  const attachments: number[] = [];
  for (const v of byDiscovery) {
    const p = parent[v] as number;
    if (p !== -1 && partOf[p] !== -1) partOf[v] = partOf[p] as number;
    else if (partRoot[v] === 1) {
      partOf[v] = attachments.length;
      attachments.push(p);
    }
  }
  // Skipped nodes (pruned leaves) go where their one neighbour is.
  for (let v = 0; v < n; v += 1)
    if (skip[v] === 1 && (offsets[v + 1] as number) > (offsets[v] as number))
      partOf[v] = partOf[neighbors[offsets[v] as number] as number] as number;
  const partStart = new Int32Array(attachments.length + 1);
  for (let v = 0; v < n; v += 1)
    if (partOf[v] !== -1) partStart[(partOf[v] as number) + 1] = (partStart[(partOf[v] as number) + 1] as number) + 1;
  for (let p = 0; p < attachments.length; p += 1)
    partStart[p + 1] = (partStart[p + 1] as number) + (partStart[p] as number);
  const fill = partStart.slice(0, attachments.length);
  const nodes = new Int32Array(partStart[attachments.length] as number);
  for (let v = 0; v < n; v += 1) {
    const p = partOf[v] as number;
    if (p === -1) continue;
    nodes[fill[p] as number] = v;
    fill[p] = (fill[p] as number) + 1;
  }
  return { partOf, attachment: Int32Array.from(attachments), partStart, nodes };
}
