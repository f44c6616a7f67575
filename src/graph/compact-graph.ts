/**
 * The co-authorship network as typed arrays (compressed sparse rows): what every whole-graph algorithm
 * and every path search runs on. Authors are numbered 0..order−1 in input order; author `i`'s
 * co-authors are `neighbors[offsets[i] .. offsets[i+1])`, each listed once, in order of their first
 * joint paper. For adjacency entry `j`, `weights[j]` is the number of joint papers and
 * `papers[paperOffsets[j] .. paperOffsets[j+1])` are their indices, in input order. Every tie appears
 * twice (once from each end), so `neighbors.length` = 2 × the number of ties.
 *
 * Why not graphology's own structure for this: it keeps an object per node keyed by neighbour, which
 * costs about ten times the time and memory to build on a network of half a million ties, and its
 * traversal goes through string keys. The graphology graph is still there (built on first use) for
 * everything that wants its API on a small scale.
 */
import { sharedArray } from './columns.ts';

/**
 * A weight per adjacency entry: joint papers, whole numbers (`Uint32Array`), in a network's own
 * graph; a tie weighting's strengths (`Float64Array`, tie-weighting.ts) in a graph weighted otherwise.
 */
export type TieWeights = Uint32Array | Float64Array;

/** `W`: the weights' array (a network's own graph holds its joint papers: `Uint32Array`). */
export interface CompactGraph<W extends TieWeights = TieWeights> {
  readonly order: number;
  /** Ties (undirected edges). */
  readonly edgeCount: number;
  readonly offsets: Int32Array;
  readonly neighbors: Int32Array;
  readonly weights: W;
  readonly paperOffsets: Int32Array;
  readonly papers: Int32Array;
}

/**
 * For each paper, the indices of its authors (each at most once): paper p's are
 * `values[offsets[p] .. offsets[p + 1])` (`listColumn` in columns.ts makes one of per-paper lists).
 */
export interface BylineList {
  readonly offsets: Int32Array;
  readonly values: Int32Array;
}

export interface CompactGraphInput {
  readonly order: number;
  /** One list, not an array per paper: a million small arrays cost about 80 MB more. */
  readonly bylines: BylineList;
  /** Papers with more authors than this add no ties (null: no limit). */
  readonly maxAuthorsPerPaper: number | null;
}

/** The compact graph without its ties' papers: all that the whole-graph algorithms read. */
export type CompactTies = Omit<CompactGraph<Uint32Array>, 'paperOffsets' | 'papers'>;

/** Each adjacency entry's joint papers: `papers[paperOffsets[j] .. paperOffsets[j + 1])`, in input order. */
export interface TiePapers {
  readonly paperOffsets: Int32Array;
  readonly papers: Int32Array;
}

/** The compact graph of the bylines: the ties (`buildTieGraph`) and their papers (`tiePapersOf`). */
export function buildCompactGraph(input: CompactGraphInput): CompactGraph<Uint32Array> {
  const ties = buildTieGraph(input);
  return { ...ties, ...tiePapersOf(ties, input, bylineTranspose(input.bylines, input.order)) };
}

/**
 * Builds the ties in O(authorships + co-author pairs) time: a counting sort of (author, co-author)
 * pairs by author, then two sweeps per author (one to count, one to fill) that merge repeated
 * co-authors with a last-seen marker instead of a hash table. Their papers are made apart
 * (`tiePapersOf`), from the bylines again: a network's are made last, once its search indexes and
 * listing orders are (network-columns.ts), so that they are not held through all of that (150 MB at
 * 1 M synthetic papers).
 */
export function buildTieGraph({ order, bylines, maxAuthorsPerPaper }: CompactGraphInput): CompactTies {
  const limit = maxAuthorsPerPaper ?? Number.POSITIVE_INFINITY;
  const { offsets: bylineOffsets, values: authorsOf } = bylines;
  const paperCount = bylineOffsets.length - 1;
  const tripleCount = new Int32Array(order + 1);
  for (let paper = 0; paper < paperCount; paper += 1) {
    const first = bylineOffsets[paper] as number;
    const k = (bylineOffsets[paper + 1] as number) - first;
    if (k < 2 || k > limit) continue;
    for (let i = first; i < first + k; i += 1) {
      const slot = (authorsOf[i] as number) + 1;
      tripleCount[slot] = (tripleCount[slot] as number) + k - 1;
    }
  }
  for (let i = 0; i < order; i += 1) tripleCount[i + 1] = (tripleCount[i + 1] as number) + (tripleCount[i] as number);
  const total = tripleCount[order] as number;
  const tripleNeighbor = new Int32Array(total);
  const fill = tripleCount.slice(0, order);
  for (let paper = 0; paper < paperCount; paper += 1) {
    const first = bylineOffsets[paper] as number;
    const end = bylineOffsets[paper + 1] as number;
    const k = end - first;
    if (k < 2 || k > limit) continue;
    for (let i = first; i < end; i += 1) {
      const a = authorsOf[i] as number;
      for (let j = first; j < end; j += 1) {
        if (i === j) continue;
        const at = fill[a] as number;
        tripleNeighbor[at] = authorsOf[j] as number;
        fill[a] = at + 1;
      }
    }
  }

  // Per author: distinct co-authors in order of first joint paper, counted first (a last-seen marker)
  // so that the adjacency is allocated at its size, on shared memory (the columns share it with worker
  // threads without a copy), with no scratch the size of every pair beside the pairs. Then each pair
  // counts one joint paper for its entry.
  const offsets = sharedArray(Int32Array, order + 1);
  const lastSeenBy = new Int32Array(order).fill(-1);
  let entries = 0;
  for (let a = 0; a < order; a += 1) {
    offsets[a] = entries;
    for (let t = tripleCount[a] as number; t < (tripleCount[a + 1] as number); t += 1) {
      const b = tripleNeighbor[t] as number;
      if (lastSeenBy[b] !== a) {
        lastSeenBy[b] = a;
        entries += 1;
      }
    }
  }
  offsets[order] = entries;
  const neighbors = sharedArray(Int32Array, entries);
  const weights = sharedArray(Uint32Array, entries);
  const slotOf = new Int32Array(order);
  lastSeenBy.fill(-1);
  for (let a = 0; a < order; a += 1) {
    let next = offsets[a] as number;
    for (let t = tripleCount[a] as number; t < (tripleCount[a + 1] as number); t += 1) {
      const b = tripleNeighbor[t] as number;
      if (lastSeenBy[b] !== a) {
        lastSeenBy[b] = a;
        slotOf[b] = next;
        neighbors[next] = b;
        next += 1;
      }
      const entry = slotOf[b] as number;
      weights[entry] = (weights[entry] as number) + 1;
    }
  }
  return { order, edgeCount: entries / 2, offsets, neighbors, weights };
}

/**
 * Each adjacency entry's joint papers, in input order, from the bylines and each author's papers in
 * ascending order (`byAuthor`: the bylines' transpose): author `a`'s papers are read in order, and each
 * co-author on them adds the paper to `a`'s entry for them. The weights are the counts, so the lists
 * are laid out before they are filled, on shared memory.
 */
export function tiePapersOf(
  ties: Pick<CompactTies, 'order' | 'offsets' | 'neighbors' | 'weights'>,
  input: Pick<CompactGraphInput, 'bylines' | 'maxAuthorsPerPaper'>,
  byAuthor: BylineList,
): TiePapers {
  const { order, offsets, neighbors, weights } = ties;
  const { offsets: bylineOffsets, values: authorsOf } = input.bylines;
  const limit = input.maxAuthorsPerPaper ?? Number.POSITIVE_INFINITY;
  const entries = neighbors.length;
  const paperOffsets = sharedArray(Int32Array, entries + 1);
  for (let j = 0; j < entries; j += 1) paperOffsets[j + 1] = (paperOffsets[j] as number) + (weights[j] as number);
  const papers = sharedArray(Int32Array, paperOffsets[entries] as number);
  // Where the next paper of the current author's entry for each co-author goes.
  const cursor = new Int32Array(order);
  for (let a = 0; a < order; a += 1) {
    for (let j = offsets[a] as number; j < (offsets[a + 1] as number); j += 1)
      cursor[neighbors[j] as number] = paperOffsets[j] as number;
    for (let k = byAuthor.offsets[a] as number; k < (byAuthor.offsets[a + 1] as number); k += 1) {
      const paper = byAuthor.values[k] as number;
      const first = bylineOffsets[paper] as number;
      const end = bylineOffsets[paper + 1] as number;
      if (end - first < 2 || end - first > limit) continue;
      for (let i = first; i < end; i += 1) {
        const b = authorsOf[i] as number;
        if (b === a) continue;
        const at = cursor[b] as number;
        papers[at] = paper;
        cursor[b] = at + 1;
      }
    }
  }
  return { paperOffsets, papers };
}

/** Each author's papers, ascending, from the bylines (author `a`'s are `values[offsets[a] .. offsets[a + 1])`), on shared memory. */
export function bylineTranspose(bylines: BylineList, order: number): BylineList {
  const offsets = sharedArray(Int32Array, order + 1);
  for (const author of bylines.values) offsets[author + 1] = (offsets[author + 1] as number) + 1;
  for (let a = 0; a < order; a += 1) offsets[a + 1] = (offsets[a + 1] as number) + (offsets[a] as number);
  const values = sharedArray(Int32Array, bylines.values.length);
  const cursor = offsets.slice(0, order);
  const paperCount = bylines.offsets.length - 1;
  for (let row = 0; row < paperCount; row += 1) {
    for (let k = bylines.offsets[row] as number; k < (bylines.offsets[row + 1] as number); k += 1) {
      const author = bylines.values[k] as number;
      values[cursor[author] as number] = row;
      cursor[author] = (cursor[author] as number) + 1;
    }
  }
  return { offsets, values };
}

/** The adjacency entry of `b` in `a`'s row, or −1 when they never wrote together. */
export function entryOf(graph: CompactGraph, a: number, b: number): number {
  const end = graph.offsets[a + 1] as number;
  for (let j = graph.offsets[a] as number; j < end; j += 1) if (graph.neighbors[j] === b) return j;
  return -1;
}

/** A graph's components, as `connectedComponents` gives them (never changed by those who read them). */
export interface Components {
  readonly component: Int32Array;
  readonly sizes: readonly number[];
}

/**
 * The components found for each adjacency (by its `neighbors` array, with the `offsets` they were found
 * with): a graph's arrays are written once, when it is made, so its components stay what they were.
 * Loading, the network's statistics and the estimates' plans each ask for them (three to four
 * searches of the whole graph, 0.2 s each at 1 M synthetic papers); the first finds them. Kept as
 * long as the graph's arrays are.
 */
const componentsFound = new WeakMap<object, { readonly offsets: object; readonly components: Components }>();

/** Connected components: `component[i]` numbers them in order of their smallest member; `sizes` by number. */
export function connectedComponents(graph: Pick<CompactGraph, 'order' | 'offsets' | 'neighbors'>): Components {
  const found = componentsFound.get(graph.neighbors);
  if (found !== undefined && found.offsets === graph.offsets && found.components.component.length === graph.order)
    return found.components;
  const components = findComponents(graph);
  componentsFound.set(graph.neighbors, { offsets: graph.offsets, components });
  return components;
}

function findComponents(graph: Pick<CompactGraph, 'order' | 'offsets' | 'neighbors'>): Components {
  const { order, offsets, neighbors } = graph;
  const component = new Int32Array(order).fill(-1);
  const queue = new Int32Array(order);
  const sizes: number[] = [];
  for (let start = 0; start < order; start += 1) {
    if (component[start] !== -1) continue;
    const label = sizes.length;
    component[start] = label;
    queue[0] = start;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++] as number;
      for (let j = offsets[v] as number; j < (offsets[v + 1] as number); j += 1) {
        const w = neighbors[j] as number;
        if (component[w] === -1) {
          component[w] = label;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  return { component, sizes };
}
