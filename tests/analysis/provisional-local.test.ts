/**
 * After a replica's curation step, the patched network is served at once: degrees exact, the local
 * metrics that need the whole network carried over from the previous version and marked stale, then
 * this version's own, equal to a computation from scratch.
 */
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { computeLocalCentrality, localMetrics } from '../../src/analysis/centrality.ts';
import { globalLocalMetrics, provisionalLocal } from '../../src/analysis/provisional-local.ts';
import { servingPreviousAllPairs } from '../../src/analysis/stale-centrality.ts';
import { localMetricsOffThread } from '../../src/db/curation-step.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { type IdentityDecision, applyIdentityDecisions } from '../../src/ingest/identity-decisions.ts';
import { curationRecord } from '../helpers/networks.ts';

const record = curationRecord;

// A triangle a-b-e with a tail b-c-d; c and d both wrote with b.
const catalog = buildCatalog([
  record('p1', ['A', 'B'], 1),
  record('p2', ['B', 'C'], 2),
  record('p3', ['C', 'D'], 3),
  record('p4', ['A', 'B', 'E'], 4),
  record('p5', ['B', 'D'], 5),
]);
const merge: IdentityDecision = { id: 1, action: { kind: 'merge', authorIds: ['c', 'e'], name: null } };

function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('local metrics served at once after a curation step, stale until computed', () => {
  it('degrees are exact at once, the rest carried over by id; then equal to a computation from scratch, no longer stale', async () => {
    const previous = analyzeNetwork(buildNetwork(catalog), { mode: 'in-thread' });
    const before = await previous.centralityFor('pagerank');
    const merged = buildNetwork(applyIdentityDecisions(catalog, [merge]).catalog);
    const scratch = computeLocalCentrality(buildNetwork(applyIdentityDecisions(catalog, [merge]).catalog));
    const local = provisionalLocal(merged, {
      network: previous.network,
      columns: before.columns(),
      figures: previous.stats,
    });
    const computing = gate();
    const next = analyzeNetwork(merged, {
      mode: 'in-thread',
      local,
      freshLocal: computing.opened.then(() => localMetricsOffThread(merged.compact)),
    });
    try {
      expect(next.localStale()).toBe(true);
      const stale = await next.centralityFor('pagerank');
      for (const id of merged.authorIds) {
        const row = merged.authorIndex.get(id)!;
        expect(stale.scoresOf(id)?.degree).toBe(scratch.degree[row]);
        expect(stale.scoresOf(id)?.weightedDegree).toBe(scratch.weightedDegree[row]);
        for (const metric of globalLocalMetrics)
          expect(stale.scoresOf(id)?.[metric]).toBe(before.scoresOf(id)?.[metric]);
      }
      // The merge changed the network: the carried PageRank of c is not this version's.
      expect(stale.scoresOf('c')?.pagerank).not.toBeCloseTo(scratch.pagerank[merged.authorIndex.get('c')!]!, 6);
      expect(next.stats.transitivity).toBe(previous.stats.transitivity);

      computing.open();
      await next.whenLocalFresh();
      expect(next.localStale()).toBe(false);
      for (const table of [await next.centralityFor('pagerank'), await next.centrality(), await next.whenExact()])
        for (const id of merged.authorIds)
          for (const metric of localMetrics)
            expect(table.scoresOf(id)?.[metric], `${metric} of ${id}`).toBe(
              scratch[metric][merged.authorIndex.get(id)!],
            );
      expect(next.stats.transitivity).toBe(scratch.figures.transitivity);
      expect(next.stats.averageClustering).toBe(scratch.figures.averageClustering);
      expect(next.stats.degeneracy).toBe(scratch.figures.degeneracy);
    } finally {
      next.dispose();
      previous.dispose();
    }
  });

  it('an author new after a split scores 0 while stale; the stale all-pairs table takes the fresh local metrics when they come', async () => {
    const previous = analyzeNetwork(buildNetwork(applyIdentityDecisions(catalog, [merge]).catalog), {
      mode: 'in-thread',
    });
    const split: IdentityDecision = { id: 2, action: { kind: 'revert', decisionId: 1 } };
    const revertedCatalog = applyIdentityDecisions(catalog, [merge, split]).catalog;
    const reverted = buildNetwork(revertedCatalog);
    const scratch = computeLocalCentrality(buildNetwork(revertedCatalog));
    const computing = gate();
    const next = analyzeNetwork(reverted, {
      mode: 'background',
      threads: 1,
      local: provisionalLocal(reverted, {
        network: previous.network,
        columns: (await previous.centrality()).columns(),
        figures: previous.stats,
      }),
      freshLocal: computing.opened.then(() => localMetricsOffThread(reverted.compact)),
    });
    const served = servingPreviousAllPairs(next, previous);
    try {
      expect(previous.network.authorIndex.has('e')).toBe(false);
      const stale = await served.centralityFor('betweenness');
      expect(stale.scoresOf('e')?.pagerank).toBe(0);
      expect(stale.scoresOf('e')?.degree).toBe(scratch.degree[reverted.authorIndex.get('e')!]);
      expect(served.localStale()).toBe(true);
      computing.open();
      await served.whenLocalFresh();
      expect(served.localStale()).toBe(false);
      const fresh = await served.centralityFor('betweenness');
      for (const id of reverted.authorIds)
        expect(fresh.scoresOf(id)?.pagerank).toBe(scratch.pagerank[reverted.authorIndex.get(id)!]);
    } finally {
      served.dispose();
      previous.dispose();
    }
  });
});
