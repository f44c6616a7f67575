/**
 * What curation leaves beside a network: the ids merged away (they still find the person they are now)
 * and the candidate pairs rejected, with the last decision the network applies. Kept per network, as
 * the network's listings are (lookup.ts).
 */
import { createHash } from 'node:crypto';
import type { Catalog } from '../ingest/catalog.ts';
import {
  type IdentityDecision,
  type IdentityOutcome,
  identityFromDecisions,
  pairKey,
} from '../ingest/identity-decisions.ts';
import { type NetworkColumns, columnsFromCatalog, networkVersionOf } from './network-columns.ts';
import { type Author, type CoauthorNetwork, type NetworkOptions, networkOf } from './network.ts';

export interface CuratedIdentity extends Pick<IdentityOutcome, 'redirects' | 'rejectedPairs'> {
  /** The last identity decision applied (0: none). */
  readonly curationThrough: number;
}

const none: CuratedIdentity = { redirects: new Map(), rejectedPairs: new Set(), curationThrough: 0 };
const identities = new WeakMap<CoauthorNetwork, CuratedIdentity>();

export function setCuratedIdentity(network: CoauthorNetwork, identity: CuratedIdentity): void {
  identities.set(network, identity);
}

export function curatedIdentity(network: CoauthorNetwork): CuratedIdentity {
  return identities.get(network) ?? none;
}

/** The author with this id, or the person a merged-away id now belongs to. */
export function findAuthorById(network: CoauthorNetwork, id: string): Author | undefined {
  const direct = network.authors.get(id);
  if (direct !== undefined) return direct;
  const to = curatedIdentity(network).redirects.get(id);
  return to === undefined ? undefined : network.authors.get(to);
}

/** Whether curators said these two are not one person. */
export function isRejectedPair(network: CoauthorNetwork, a: string, b: string): boolean {
  const { rejectedPairs } = curatedIdentity(network);
  return rejectedPairs.size > 0 && rejectedPairs.has(pairKey(a, b));
}

/**
 * The network of a curated catalog, with its identity beside it. Its version covers what the columns
 * do not: the rejected pairs (they change `duplicateAuthorCandidates`), so no cached answer outlives them.
 */
export function curatedNetworkOf(
  catalog: Pick<Catalog, 'authors' | 'papers'>,
  options: NetworkOptions,
  decisions: readonly IdentityDecision[],
): CoauthorNetwork {
  return curatedNetworkFrom(columnsFromCatalog(catalog, options), decisions);
}

/** The network of columns the decisions curated (built or patched: graph/identity-patch.ts), with its identity beside it. */
export function curatedNetworkFrom(columns: NetworkColumns, decisions: readonly IdentityDecision[]): CoauthorNetwork {
  const identity: CuratedIdentity = {
    ...identityFromDecisions(decisions),
    curationThrough: decisions.reduce((max, decision) => Math.max(max, decision.id), 0),
  };
  const version =
    identity.rejectedPairs.size === 0
      ? undefined
      : createHash('sha256')
          .update(networkVersionOf(columns))
          .update(JSON.stringify([...identity.rejectedPairs].sort()))
          .digest('hex')
          .slice(0, 16);
  const network = networkOf(columns, version === undefined ? {} : { version });
  setCuratedIdentity(network, identity);
  return network;
}
