/**
 * What the loaded network can hold at most: the figures a query is priced by, so that a list is priced
 * by what it can really hold in this data, not by an assumption (a byline of 10 authors when the data
 * has a paper of 300).
 *
 * The ties among `k` authors (`tiesAmong`) are at most ½ Σ min(dᵢ, k − 1) over the `k` largest
 * degrees dᵢ (each author has at most `k − 1` co-authors among them, and at most its degree), and at
 * most every tie there is. This is below both k × (largest degree) / 2 and k (k − 1) / 2.
 * `tiesPerAuthor` is the largest value of that bound divided by `k`, over every `k` up to the largest
 * network drawn, so `maxNodes × tiesPerAuthor` bounds the ties of any drawn network of at most
 * `maxNodes` authors, whatever `maxNodes` is.
 *
 * Computed once per network (a sort of the degrees and O(largest network²) additions) and cached.
 */
import { NO_YEAR } from './network-columns.ts';
import type { CoauthorNetwork } from './network.ts';

export interface NetworkBounds {
  readonly authorCount: number;
  readonly tieCount: number;
  /** Most co-authors of one author. */
  readonly largestDegree: number;
  /** Most distinct authors on one paper. */
  readonly largestByline: number;
  /** Most joint papers behind one tie. */
  readonly mostJointPapers: number;
  /** Most ties per author in any set of at most `largestNetwork` authors (see the module comment). */
  readonly tiesPerAuthor: number;
  /** The largest set of authors `tiesPerAuthor` covers. */
  readonly largestNetwork: number;
  /** The `largestNetwork` largest numbers of co-authors of one author, largest first. */
  readonly degrees: Int32Array;
  /** The distinct years of the papers (papers without a year left out), ascending. */
  readonly years: Int32Array;
}

const cache = new WeakMap<CoauthorNetwork, NetworkBounds>();

export function networkBounds(network: CoauthorNetwork, largestNetwork: number): NetworkBounds {
  const cached = cache.get(network);
  if (cached !== undefined && cached.largestNetwork === largestNetwork) return cached;
  const { compact } = network;
  const degrees = new Int32Array(compact.order);
  for (let a = 0; a < compact.order; a += 1)
    degrees[a] = (compact.offsets[a + 1] as number) - (compact.offsets[a] as number);
  degrees.sort().reverse();
  let mostJointPapers = 0;
  // Indexed loops: a typed array's iterator costs several times as much on a cold start (34 ms against
  // 2 ms for the ACL Anthology's million adjacency entries), and this runs before the server is ready.
  const { weights } = compact;
  for (let e = 0; e < weights.length; e += 1)
    if ((weights[e] as number) > mostJointPapers) mostJointPapers = weights[e] as number;
  let largestByline = 0;
  const { bylineOffsets } = network.columns;
  for (let p = 0; p + 1 < bylineOffsets.length; p += 1)
    largestByline = Math.max(largestByline, (bylineOffsets[p + 1] as number) - (bylineOffsets[p] as number));
  const years = new Set<number>();
  const { year } = network.columns;
  for (let p = 0; p < year.length; p += 1) if (year[p] !== NO_YEAR) years.add(year[p] as number);
  const bounds: NetworkBounds = {
    authorCount: compact.order,
    tieCount: compact.edgeCount,
    largestDegree: degrees[0] ?? 0,
    largestByline,
    mostJointPapers,
    tiesPerAuthor: 0,
    largestNetwork,
    // The largest `largestNetwork` only: what `tiesAmong` reads (a copy, so the whole array is not kept).
    degrees: degrees.slice(0, largestNetwork),
    years: Int32Array.from(years).sort(),
  };
  let most = 0;
  for (let k = 2; k <= Math.min(largestNetwork, degrees.length); k += 1)
    most = Math.max(most, tiesAmong(bounds, k) / k);
  (bounds as { tiesPerAuthor: number }).tiesPerAuthor = most;
  cache.set(network, bounds);
  return bounds;
}

/** At most how many ties `k` authors of this network can have among themselves. */
export function tiesAmong(bounds: Pick<NetworkBounds, 'degrees' | 'tieCount'>, k: number): number {
  const { degrees } = bounds;
  let twice = 0;
  for (let i = 0; i < Math.min(k, degrees.length); i += 1) twice += Math.min(degrees[i] as number, k - 1);
  return Math.min(bounds.tieCount, Math.floor(twice / 2));
}
