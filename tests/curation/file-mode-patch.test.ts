/**
 * Without a database, a curation mutation is applied to the network served, as replicas of the shared
 * store apply one (graph/identity-patch.ts), rather than rebuilt from the catalog: after each
 * mutation, the served network equals, column for column and by version, the network a new server
 * builds from the data file and the curation file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CurationOutcome } from '../../src/curation/curator.ts';
import type { CatalogAuthor } from '../../src/ingest/catalog.ts';
import type { DecisionAction } from '../../src/ingest/identity-decisions.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { expectBuilt, fileModeServer } from '../helpers/file-curation.ts';
import { SEED_DATA_FILE } from '../helpers/networks.ts';

describe('curation without a database: the decision patched into the network served', () => {
  it('after each kind of mutation and each revert, the served network equals one built from the files and the curation file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-file-patch-'));
    const { catalog } = loadFiles({ files: [SEED_DATA_FILE] });
    // The most prolific authors (found, not hard-coded).
    const top: CatalogAuthor[] = [];
    for (const author of [...catalog.authors].sort(
      (a, b) => b.paperIds.length - a.paperIds.length || (a.id < b.id ? -1 : 1),
    )) {
      top.push(author);
      if (top.length === 6) break;
    }
    const [a, b, c, d, e, f] = top as [CatalogAuthor, ...CatalogAuthor[]];
    const server = await fileModeServer(directory, SEED_DATA_FILE);
    const { curator } = server;
    const ids: string[] = [];
    const hows: string[] = [];
    const mutate = async (action: DecisionAction): Promise<CurationOutcome> => {
      const outcome = await curator.mutate(action, null, 'test');
      ids.push(outcome.logId);
      hows.push(outcome.how ?? 'none');
      await expectBuilt(server);
      return outcome;
    };
    const decisionOf = (k: number) => k + 1; // the k-th mutation's decision (all apply)
    await mutate({ kind: 'merge', authorIds: [a.id, b!.id], name: 'Merged In A Test' });
    await mutate({ kind: 'rename', authorId: c!.id, name: 'Renamed In A Test' });
    const split = await mutate({
      kind: 'split',
      authorId: d!.id,
      spellings: null,
      paperIds: d!.paperIds.slice(0, 1),
      name: 'Split In A Test',
    });
    expect(split.authorIds).toEqual([d!.id, 'split-in-a-test']);
    await mutate({ kind: 'reject', authorIds: [e!.id, f!.id] });
    await mutate({ kind: 'accept', authorIds: [e!.id, c!.id] });
    await mutate({ kind: 'revert', decisionId: decisionOf(0) }); // the merge, with newer decisions about others
    await mutate({ kind: 'rename', authorId: d!.id, name: 'Renamed After A Split' });
    await mutate({ kind: 'revert', decisionId: decisionOf(2) }); // the split, a newer rename of the same author
    await mutate({ kind: 'revert', decisionId: decisionOf(5) }); // the revert of the merge: the merge again
    expect(hows).toEqual(Array.from(ids, () => 'patch'));
    expect(curator.current().network.authors.get(a.id)?.name).toBe('Merged In A Test');
    curator.current().dispose(); // its exact pass stopped

    // A new server on the same files has no undo record of those decisions: a revert is a rebuild, equal too.
    const restarted = await fileModeServer(directory, SEED_DATA_FILE);
    const outcome = await restarted.curator.mutate({ kind: 'revert', decisionId: decisionOf(1) }, null, 'test');
    expect(outcome.how).toBe('build');
    await expectBuilt(restarted);
    // ... and the next mutation is patched again.
    const rename = await restarted.curator.mutate(
      { kind: 'rename', authorId: f!.id, name: 'Renamed Last' },
      null,
      'test',
    );
    expect(rename.how).toBe('patch');
    await expectBuilt(restarted);
    restarted.curator.current().dispose();
  });
});
