/**
 * The local metrics a replica serves the moment a curation step has patched its network, before
 * the metrics that need a computation over the whole network are in (PageRank and eigenvector are
 * power iterations over every tie; coreness peels the whole graph; clustering, constraint and
 * effective size come from a triangle count): about 12 s on the ACL Anthology, against the 2 s in
 * which a change must show on every replica.
 *
 * - degree and weighted degree are this network's, exact (one pass over the adjacency arrays);
 * - `globalLocalMetrics` are the previous version's, carried over by author id, and marked stale
 *   (`AnalyzedNetwork.localStale()`) until this network's own values replace them. An author new in
 *   this version (the part a split makes) has no previous value and scores 0 until then, as the
 *   all-pairs metrics do (stale-centrality.ts); the structure figures (degeneracy, transitivity,
 *   average clustering) are the previous version's too.
 */
import type { CoauthorNetwork } from '../graph/network.ts';
import type { AnalyzedNetwork } from './analyzed-network.ts';
import type { CentralityColumns, CentralityMetric, LocalScores, StructureFigures } from './centrality.ts';

/** The local metrics that need a computation over the whole network: stale for a few seconds after a curation step. */
export const globalLocalMetrics = [
  'eigenvector',
  'pagerank',
  'coreness',
  'clustering',
  'constraint',
  'effectiveSize',
] as const satisfies readonly CentralityMetric[];

/** Degree centrality and weighted degree (joint papers) of every author: exact, from the adjacency arrays. */
export function degreeScores(network: Pick<CoauthorNetwork, 'compact'>): {
  readonly degree: Float64Array;
  readonly weightedDegree: Float64Array;
} {
  const { order: n, offsets, weights } = network.compact;
  const degree = new Float64Array(n);
  const weightedDegree = new Float64Array(n);
  for (let v = 0; v < n; v += 1) {
    const start = offsets[v] as number;
    const end = offsets[v + 1] as number;
    // NetworkX gives the single author of a one-node network a degree centrality of 1.
    degree[v] = n > 1 ? (end - start) / (n - 1) : 1;
    let sum = 0;
    for (let j = start; j < end; j += 1) sum += weights[j] as number;
    weightedDegree[v] = sum;
  }
  return { degree, weightedDegree };
}

/**
 * Each author row of `network` → the row of the author with the same id in `previous`, or −1: what a
 * curation step knows already (`CuratedColumns.previousRows`), else found by id.
 */
export function previousRowsById(
  network: Pick<CoauthorNetwork, 'compact' | 'authorIdAt'>,
  previous: Pick<CoauthorNetwork, 'authorIndex'>,
): Int32Array {
  const size = network.compact.order;
  const rows = new Int32Array(size);
  for (let row = 0; row < size; row += 1) rows[row] = previous.authorIndex.get(network.authorIdAt(row)) ?? -1;
  return rows;
}

/** `network`'s degrees with the previous version's other local metrics, by author id (0 for an author it did not have). */
export function provisionalLocal(
  network: Pick<CoauthorNetwork, 'compact' | 'authorIdAt'>,
  previous: {
    readonly network: Pick<CoauthorNetwork, 'authorIndex'>;
    readonly columns: CentralityColumns;
    readonly figures: StructureFigures;
    /** `previousRowsById(network, previous.network)`, when known already (a curation step's `previousRows`). */
    readonly rows?: Int32Array;
  },
): LocalScores {
  const size = network.compact.order;
  const rows = previous.rows ?? previousRowsById(network, previous.network);
  if (rows.length !== size) throw new RangeError(`provisional-local: ${rows.length} previous rows for ${size} authors`);
  const carry = (metric: (typeof globalLocalMetrics)[number]): Float64Array => {
    const before = previous.columns.scores[metric];
    const values = new Float64Array(size);
    for (let row = 0; row < size; row += 1) {
      const at = rows[row] as number;
      values[row] = at < 0 ? 0 : (before[at] as number);
    }
    return values;
  };
  const carried = {
    eigenvector: carry('eigenvector'),
    pagerank: carry('pagerank'),
    coreness: carry('coreness'),
    clustering: carry('clustering'),
    constraint: carry('constraint'),
    effectiveSize: carry('effectiveSize'),
  };
  return {
    ...degreeScores(network),
    ...carried,
    figures: previous.figures,
    computedAt: previous.columns.localOrigin.computedAt,
  };
}

/** `provisionalLocal` of `network`, a curation step away from the network `served` serves (its values, as served now). */
export async function provisionalLocalFrom(
  network: Pick<CoauthorNetwork, 'compact' | 'authorIdAt'>,
  served: AnalyzedNetwork,
  rows?: Int32Array,
): Promise<LocalScores> {
  const table = await served.centralityFor('degree');
  const { degeneracy, transitivity, averageClustering } = served.stats;
  return provisionalLocal(network, {
    network: served.network,
    columns: table.columns(),
    figures: { degeneracy, transitivity, averageClustering },
    ...(rows === undefined ? {} : { rows }),
  });
}
