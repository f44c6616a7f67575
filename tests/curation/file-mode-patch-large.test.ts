/**
 * File mode (no database) on a network past the in-thread step limit: each curation step runs in the
 * warm curation worker (db/curation-step.ts) and the local metrics are carried over, stale, until
 * computed in a worker. After each mutation the served network equals, column for column and by
 * version, the one a new server builds from the data file and the curation file; once fresh, its local
 * metrics equal that network's, to the bit. The small-network counterpart is file-mode-patch.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeLocalCentrality, localMetrics } from '../../src/analysis/centrality.ts';
import { stepsInThread } from '../../src/db/curation-step.ts';
import type { DecisionAction } from '../../src/ingest/identity-decisions.ts';
import { type FileModeServer, expectBuilt, fileModeServer } from '../helpers/file-curation.ts';
import { expectSameColumns } from '../helpers/network-contents.ts';
import { syntheticCorpusFile } from '../helpers/networks.ts';

// 2,500 papers shaped like the ACL Anthology (src/bench/synthetic-corpus.ts): past 100,000 offsets and adjacency entries.
const dataFile = syntheticCorpusFile(2_500, 'file-mode-large');

async function mutateAndCompare(server: FileModeServer, action: DecisionAction): Promise<void> {
  const outcome = await server.curator.mutate(action, null, 'test');
  expect(outcome.how).toBe('patch');
  const scratch = await expectBuilt(server);
  const served = server.curator.current();
  await served.whenLocalFresh();
  expect(served.localStale()).toBe(false);
  const scores = (await served.centralityFor('pagerank')).columns().scores;
  const expected = computeLocalCentrality(scratch);
  const pick = (from: Record<string, Float64Array>) => Object.fromEntries(localMetrics.map((m) => [m, from[m]]));
  expectSameColumns(pick(scores), pick(expected as unknown as Record<string, Float64Array>), 'local metrics');
}

describe('curation without a database on a large network', () => {
  it('patches in the worker: the network equals one built from the files, and so do its local metrics once fresh', async () => {
    const server = await fileModeServer(mkdtempSync(join(tmpdir(), 'coauthor-graph-file-patch-large-')), dataFile);
    const { network } = server.curator.current();
    expect(stepsInThread(network.columns), 'the network must be past the in-thread step limit').toBe(false);
    // The two most prolific authors, and a third with several papers (found, not hard-coded).
    const byPapers = [...network.authors.values()].sort(
      (a, b) => b.paperIds.length - a.paperIds.length || (a.id < b.id ? -1 : 1),
    );
    const [a, b, c] = byPapers as [(typeof byPapers)[0], (typeof byPapers)[0], (typeof byPapers)[0]];
    await mutateAndCompare(server, { kind: 'merge', authorIds: [a.id, b.id], name: 'Merged In A Large Test' });
    await mutateAndCompare(server, {
      kind: 'split',
      authorId: c.id,
      spellings: null,
      paperIds: c.paperIds.slice(0, 2),
      name: 'Split In A Large Test',
    });
    await mutateAndCompare(server, { kind: 'revert', decisionId: 1 });
    server.curator.current().dispose();
  }, 240_000);
});
