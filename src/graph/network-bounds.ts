/**
 * What the loaded network can hold at most: the figures a query is priced by, so that a list is priced
 * by what it can really hold in this data, not by an assumption (a byline of 10 authors when the data
 * has a paper of 300).
 *
 * The ties among `k` authors are at most ½ Σ min(dᵢ, k − 1) over the `k` largest degrees dᵢ: each
 * author has at most `k − 1` co-authors among them, and at most its degree. This is below both
 * k × (largest degree) / 2 and k (k − 1) / 2. `tiesPerAuthor` is the largest value of that bound
 * divided by `k`, over every `k` up to the largest network drawn, so `maxNodes × tiesPerAuthor` bounds
 * the ties of any drawn network of at most `maxNodes` authors.
 *
 * Computed once per network (a sort of the degrees and O(largest network²) additions) and cached.
 */
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
}

const cache = new WeakMap<CoauthorNetwork, NetworkBounds>();

export function networkBounds(network: CoauthorNetwork, largestNetwork: number): NetworkBounds {
  const cached = cache.get(network);
  if (cached !== undefined && cached.largestNetwork === largestNetwork) return cached;
  const { compact } = network;
  const degrees = new Int32Array(compact.order);
  for (let a = 0; a < compact.order; a += 1) degrees[a] = (compact.offsets[a + 1] as number) - (compact.offsets[a] as number);
  degrees.sort().reverse();
  let mostJointPapers = 0;
  for (const weight of compact.weights) if (weight > mostJointPapers) mostJointPapers = weight;
  let largestByline = 0;
  for (const paper of network.papers.values()) if (paper.authorIds.length > largestByline) largestByline = paper.authorIds.length;
  const bounds: NetworkBounds = {
    authorCount: compact.order,
    tieCount: compact.edgeCount,
    largestDegree: degrees[0] ?? 0,
    largestByline,
    mostJointPapers,
    tiesPerAuthor: tiesPerAuthor(degrees, largestNetwork),
    largestNetwork,
  };
  cache.set(network, bounds);
  return bounds;
}

/** At most how many ties `k` authors can have among themselves, given the degrees (descending). */
export function tiesAmong(degrees: Int32Array, k: number): number {
  let twice = 0;
  for (let i = 0; i < Math.min(k, degrees.length); i += 1) twice += Math.min(degrees[i] as number, k - 1);
  return Math.floor(twice / 2);
}

function tiesPerAuthor(degrees: Int32Array, largestNetwork: number): number {
  let most = 0;
  for (let k = 2; k <= Math.min(largestNetwork, degrees.length); k += 1) most = Math.max(most, tiesAmong(degrees, k) / k);
  return most;
}
