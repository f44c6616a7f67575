import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { allPairsStale, servingPreviousAllPairs } from '../../src/analysis/stale-centrality.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { applyIdentityDecisions } from '../../src/ingest/identity-decisions.ts';
import { curationRecord } from '../helpers/networks.ts';

const record = curationRecord;

describe('all-pairs values of the previous version, served stale until the new pass is in', () => {
  it('carries betweenness over by author id while local metrics are new; then the new values, no longer stale', async () => {
    // A path a - b - c - d; merging c into b makes a - b - d.
    const catalog = buildCatalog([
      record('p1', ['A', 'B'], 1),
      record('p2', ['B', 'C'], 2),
      record('p3', ['C', 'D'], 3),
    ]);
    const previous = analyzeNetwork(buildNetwork(catalog), { mode: 'in-thread' });
    const merged = applyIdentityDecisions(catalog, [
      { id: 1, action: { kind: 'merge', authorIds: ['b', 'c'], name: null } },
    ]);
    const next = analyzeNetwork(buildNetwork(merged.catalog), { mode: 'background', threads: 1 });
    const served = servingPreviousAllPairs(next, previous);
    try {
      expect(allPairsStale(served)).toBe(true);
      const stale = await served.centralityFor('betweenness');
      // NetworkX, path graph a-b-c-d, normalized: betweenness(b) = 2/3; after the merge (a-b-d) it is 1.
      expect(stale.scoresOf('b')?.betweenness).toBeCloseTo(2 / 3, 12);
      expect(stale.scoresOf('b')?.degree).toBeCloseTo(1, 12); // new: b has a and d, of 2 others
      await next.whenExact();
      expect(allPairsStale(served)).toBe(false);
      expect((await served.centralityFor('betweenness')).scoresOf('b')?.betweenness).toBeCloseTo(1, 12);
    } finally {
      served.dispose();
      previous.dispose();
    }
  });
});
