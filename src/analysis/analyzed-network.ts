/**
 * A loaded network with everything that is computed once for it: the centrality table and the graph
 * statistics, up front; drawable ego networks, on demand and kept in a small cache (their layout is
 * the costly part and front ends ask for the same view again and again).
 */
import LRUMap from 'mnemonist/lru-map.js';
import type { CoauthorNetwork } from '../graph/network.ts';
import { type CentralityTable, computeCentrality } from './centrality.ts';
import { type EgoNetwork, type EgoNetworkOptions, egoNetwork } from './ego-network.ts';
import { type GraphStats, computeGraphStats } from './graph-stats.ts';

export interface AnalyzedNetwork {
  readonly network: CoauthorNetwork;
  readonly centrality: CentralityTable;
  readonly stats: GraphStats;
  egoNetwork(centerId: string, options: EgoNetworkOptions): EgoNetwork;
}

const EGO_NETWORK_CACHE_SIZE = 256;

export function analyzeNetwork(network: CoauthorNetwork): AnalyzedNetwork {
  const egoNetworks = new LRUMap<string, EgoNetwork>(EGO_NETWORK_CACHE_SIZE);
  return {
    network,
    centrality: computeCentrality(network),
    stats: computeGraphStats(network),
    egoNetwork(centerId, options) {
      const key = JSON.stringify([centerId, options.depth, options.minJointPapers, options.maxNodes]);
      let result = egoNetworks.get(key);
      if (result === undefined) {
        result = egoNetwork(network, centerId, options);
        egoNetworks.set(key, result);
      }
      return result;
    },
  };
}
