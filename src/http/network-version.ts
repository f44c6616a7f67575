/**
 * The version of a served network: what HTTP caching (ETags, the response cache) keys answers on,
 * so that answers of an older network are never taken for a newer one's. It is the network's own
 * version id (`networkVersionOf` in src/graph/network-columns.ts: equal networks have equal ids, a
 * snapshot stores it; a version of the shared store goes by the store's id, src/db/version-network.ts),
 * read here in one place.
 */
import type { Plugin } from 'graphql-yoga';
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';

const versions = new WeakMap<AnalyzedNetwork, string>();

export function networkVersion(data: AnalyzedNetwork): string {
  let version = versions.get(data);
  if (version === undefined) {
    version = data.network.version;
    versions.set(data, version);
  }
  return version;
}

/**
 * True when the network's answers are final: every centrality value is exact and this version's.
 * Until then, answers may hold estimates that the exact pass will replace, or local metrics carried
 * over from the previous version that this version's will replace (for the same version id), and
 * must not be cached.
 */
const finalNetworks = new WeakSet<AnalyzedNetwork>();

export function answersAreFinal(data: AnalyzedNetwork): boolean {
  if (finalNetworks.has(data)) return true;
  if (!allPairsFinal(data) || data.localStale()) return false;
  finalNetworks.add(data); // exact, fresh values stay so for this network
  return true;
}

/**
 * True once the all-pairs values (betweenness, closeness, harmonic) are exact and this version's: the
 * whole network's, and those of every window listed at start (serve --windows), which come later.
 */
export function allPairsFinal(data: AnalyzedNetwork): boolean {
  return data.progress().phase === 'exact' && data.windowsExact();
}

/** Every answer of the GraphQL endpoint says which network answered (`x-network-version`). */
export function useNetworkVersionHeader(currentData: () => AnalyzedNetwork): Plugin {
  return {
    onResponse({ request, response }) {
      if (new URL(request.url).pathname === '/graphql')
        response.headers.set('x-network-version', networkVersion(currentData()));
    },
  };
}
