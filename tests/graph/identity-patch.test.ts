/**
 * A decision applied to the network's columns (graph/identity-patch.ts) gives the network a build from
 * scratch gives: every column equal, byte for byte (authors, ids, spellings, provenance, paper lists,
 * bylines, ties with their papers, id and name indexes, listing orders, the name search index), after
 * each decision of a sequence of every kind (merge, split by papers and by spelling, the split-off part
 * keeping the id, rename, accept, reject, and reverts of the newest and of older decisions), on the
 * bundled data set and on the ACL Anthology 2016 slice.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogAuthor } from '../../src/ingest/catalog.ts';
import {
  type DecisionAction,
  type IdentityDecision,
  applyIdentityDecisions,
} from '../../src/ingest/identity-decisions.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import type { Utf8Column } from '../../src/graph/columns.ts';
import { type UndoRecords, curationStep } from '../../src/graph/identity-patch.ts';
import { type NetworkColumns, columnsFromCatalog, compactOf } from '../../src/graph/network-columns.ts';
import { type CoauthorNetwork, networkOf } from '../../src/graph/network.ts';
import type { SearchIndex } from '../../src/graph/search-index.ts';
import { computeLocalCentrality } from '../../src/analysis/centrality.ts';
import { previousRowsById } from '../../src/analysis/provisional-local.ts';
import { curatedColumns, curatedColumnsOffThread, localMetricsOffThread } from '../../src/db/curation-step.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';
import { SEED_ALIAS_FILE, SEED_DATA_FILE } from '../helpers/networks.ts';

const bytesOf = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

/** The names of the columns that differ (empty: the same network). */
function differences(a: NetworkColumns, b: NetworkColumns): string[] {
  const differ: string[] = [];
  const same = (x: ArrayBufferView | null, y: ArrayBufferView | null) =>
    x === null || y === null ? x === y : x.constructor === y.constructor && bytesOf(x).equals(bytesOf(y));
  for (const key of Object.keys(a) as (keyof NetworkColumns)[]) {
    const x = a[key] as unknown;
    const y = b[key] as unknown;
    if (ArrayBuffer.isView(x)) {
      if (!same(x, y as ArrayBufferView)) differ.push(key);
    } else if (x !== null && typeof x === 'object' && 'validity' in x) {
      const [u, v] = [x as Utf8Column, y as Utf8Column];
      if (!same(u.offsets, v.offsets) || !same(u.bytes, v.bytes) || !same(u.validity, v.validity)) differ.push(key);
    } else if (x !== null && typeof x === 'object') {
      const [u, v] = [x as SearchIndex, y as SearchIndex];
      for (const field of Object.keys(u) as (keyof SearchIndex)[]) {
        const [p, q] = [u[field], v[field]];
        if (typeof p === 'number' ? p !== q : !same(p, q as ArrayBufferView)) differ.push(`${key}.${field}`);
      }
    } else if (x !== y) differ.push(key);
  }
  return differ;
}

const byPapers = (catalog: Catalog) =>
  [...catalog.authors].sort((a, b) => b.paperIds.length - a.paperIds.length || (a.id < b.id ? -1 : 1));

/** Decisions of every kind over the catalog's most prolific authors (found, not hard-coded: the same script for both data sets). */
function decisionsFor(catalog: Catalog): DecisionAction[] {
  const [a, b, c, d, e, f] = byPapers(catalog) as [CatalogAuthor, ...CatalogAuthor[]];
  const coauthorOfA = catalog.papers
    .filter((paper) => paper.authorIds.includes(a.id))
    .flatMap((paper) => paper.authorIds)
    .find((id) => id !== a.id && id !== b!.id) as string;
  const spelled = catalog.authors.find((author) => author.nameVariants.length > 1 && author.paperIds.length > 1);
  const actions: DecisionAction[] = [
    { kind: 'merge', authorIds: [a.id, b!.id], name: null },
    { kind: 'rename', authorId: c!.id, name: 'Renamed Person' },
    { kind: 'split', authorId: a.id, spellings: null, paperIds: b!.paperIds.slice(0, 2), name: 'Split Off Person' },
    { kind: 'accept', authorIds: [c!.id, d!.id] },
    { kind: 'reject', authorIds: [e!.id, f!.id] },
    // The part split off takes the canonical name: it keeps the id, the rest gets a new one.
    { kind: 'split', authorId: a.id, spellings: null, paperIds: a.paperIds.slice(0, 1), name: a.name },
    { kind: 'revert', decisionId: 6 }, // the newest
    { kind: 'revert', decisionId: 4 }, // an older one: later decisions are undone and applied again
    { kind: 'merge', authorIds: [a.id, coauthorOfA], name: 'Merged With A Co-author' },
  ];
  if (spelled !== undefined)
    actions.push({
      kind: 'split',
      authorId: spelled.id,
      spellings: [spelled.nameVariants[1]!.name],
      paperIds: null,
      name: `${spelled.nameVariants[1]!.name} (other)`,
    });
  actions.push({ kind: 'revert', decisionId: 1 }); // the first: nearly everything undone and applied again
  actions.push({ kind: 'revert', decisionId: 11 }); // a revert reverted restores the merge
  return actions;
}

function checkSequence(catalog: Catalog, maxAuthorsPerPaper: number | null) {
  const options = { maxAuthorsPerPaper };
  let network: CoauthorNetwork = networkOf(columnsFromCatalog(catalog, options));
  let decisions: IdentityDecision[] = [];
  let undo: UndoRecords = new Map();
  const kinds: string[] = [];
  for (const action of decisionsFor(catalog)) {
    const next = [...decisions, { id: decisions.length + 1, action }];
    const step = curationStep(network, decisions, next, undo);
    expect(step, `decision ${next.length} (${action.kind}) could not be applied incrementally`).not.toBeNull();
    const scratch = columnsFromCatalog(applyIdentityDecisions(catalog, next).catalog, options);
    expect(differences(step!.columns, scratch), `after decision ${next.length} (${action.kind})`).toEqual([]);
    network = networkOf(step!.columns);
    decisions = next;
    undo = step!.undo;
    kinds.push(action.kind);
  }
  return { kinds, network };
}

describe('identity decisions applied to the columns (incremental) equal a build from scratch', () => {
  it('on the bundled data set, after each decision of every kind', () => {
    const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
    const { kinds } = checkSequence(catalog, null);
    expect(new Set(kinds)).toEqual(new Set(['merge', 'rename', 'split', 'accept', 'reject', 'revert']));
  });

  it('on the ACL Anthology 2016 slice (papers over 50 authors add no ties), after each decision of every kind', () => {
    const { catalog } = loadFiles({ files: [ACL_SLICE_FILE] });
    const { kinds, network } = checkSequence(catalog, 50);
    expect(kinds).toContain('split');
    expect(network.authors.get('split-off-person')?.name).toBe('Split Off Person');
  });

  it('a revert without the undo record of the decision it reverts is left to a full build', () => {
    const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
    const [a, b] = byPapers(catalog) as [CatalogAuthor, CatalogAuthor];
    const merge: IdentityDecision = { id: 1, action: { kind: 'merge', authorIds: [a.id, b.id], name: null } };
    const merged = networkOf(columnsFromCatalog(applyIdentityDecisions(catalog, [merge]).catalog));
    const revert: IdentityDecision = { id: 2, action: { kind: 'revert', decisionId: 1 } };
    expect(curationStep(merged, [merge], [merge, revert], new Map())).toBeNull();
  });

  describe('a revert of a decision no newer decision touches is one patch (its undo record), equal to a build', () => {
    /** Applies `actions` one by one; returns the number of patches each step took, checking each against a build. */
    function patchesPerStep(catalog: Catalog, actions: readonly DecisionAction[]): number[] {
      let network = networkOf(columnsFromCatalog(catalog));
      let decisions: IdentityDecision[] = [];
      let undo: UndoRecords = new Map();
      const patches: number[] = [];
      for (const action of actions) {
        const next = [...decisions, { id: decisions.length + 1, action }];
        const step = curationStep(network, decisions, next, undo);
        expect(step, `decision ${next.length} (${action.kind})`).not.toBeNull();
        const scratch = columnsFromCatalog(applyIdentityDecisions(catalog, next).catalog);
        expect(differences(step!.columns, scratch), `after decision ${next.length} (${action.kind})`).toEqual([]);
        network = networkOf(step!.columns);
        decisions = next;
        undo = step!.undo;
        patches.push(step!.patches);
      }
      return patches;
    }
    const catalog = () => loadFiles({ files: [ACL_SLICE_FILE] }).catalog;
    /** Authors with no paper in common with each other (so that only what a test names is shared). */
    function apart(data: Catalog, count: number): CatalogAuthor[] {
      const chosen: CatalogAuthor[] = [];
      const papers = new Set<string>();
      for (const author of byPapers(data)) {
        if (author.paperIds.some((id) => papers.has(id))) continue;
        chosen.push(author);
        for (const id of author.paperIds) papers.add(id);
        if (chosen.length === count) break;
      }
      return chosen;
    }

    it('newer decisions about other authors and papers: the revert of the merge is one patch', () => {
      const data = catalog();
      const [a, b, c, d, e] = apart(data, 5) as [CatalogAuthor, ...CatalogAuthor[]];
      const patches = patchesPerStep(data, [
        { kind: 'merge', authorIds: [a.id, b!.id], name: 'Merged Person' },
        { kind: 'rename', authorId: c!.id, name: 'Renamed Person' },
        {
          kind: 'split',
          authorId: d!.id,
          spellings: null,
          paperIds: d!.paperIds.slice(0, 1),
          name: 'Split Off Person',
        },
        { kind: 'reject', authorIds: [a.id, e!.id] },
        { kind: 'revert', decisionId: 1 },
        // and the revert of a rename, then of a split, each with newer decisions elsewhere
        { kind: 'merge', authorIds: [e!.id, b!.id], name: null },
        { kind: 'revert', decisionId: 2 },
        { kind: 'revert', decisionId: 3 },
      ]);
      expect(patches).toEqual([1, 1, 1, 0, 1, 1, 1, 1]);
    }, 120_000); // eight builds of the slice to compare with: about 10 s on a quiet machine

    it('a newer decision about the same author: undone and applied again, equal to a build', () => {
      const data = catalog();
      const [a, b, c] = apart(data, 3) as [CatalogAuthor, ...CatalogAuthor[]];
      const patches = patchesPerStep(data, [
        { kind: 'merge', authorIds: [a.id, b!.id], name: null },
        { kind: 'rename', authorId: c!.id, name: 'Renamed Person' },
        { kind: 'rename', authorId: b!.id, name: 'Renamed Through An Old Id' }, // b is a now
        { kind: 'revert', decisionId: 1 },
      ]);
      // The newer decisions undone (both renames), the merge undone, the newer ones applied again.
      expect(patches).toEqual([1, 1, 1, 5]);
    });

    it('a newer decision about a co-author on the same papers: undone and applied again, equal to a build', () => {
      const data = catalog();
      const [a, b, c] = apart(data, 3) as [CatalogAuthor, ...CatalogAuthor[]];
      const coauthorOfB = data.papers
        .filter((paper) => paper.authorIds.includes(b!.id))
        .flatMap((paper) => paper.authorIds)
        .find((id) => id !== b!.id) as string;
      const patches = patchesPerStep(data, [
        { kind: 'merge', authorIds: [a.id, b!.id], name: null },
        { kind: 'merge', authorIds: [c!.id, coauthorOfB], name: null }, // changes bylines the first merge changed
        { kind: 'revert', decisionId: 1 },
      ]);
      expect(patches).toEqual([1, 1, 3]);
    });

    it("a newer split whose new id depends on the reverted split's: undone and applied again, equal to a build", () => {
      const data = catalog();
      const [a, b] = apart(data, 2) as [CatalogAuthor, ...CatalogAuthor[]];
      const patches = patchesPerStep(data, [
        { kind: 'split', authorId: a.id, spellings: null, paperIds: a.paperIds.slice(0, 1), name: 'Same New Name' },
        { kind: 'split', authorId: b!.id, spellings: null, paperIds: b!.paperIds.slice(0, 1), name: 'Same New Name' },
        { kind: 'revert', decisionId: 1 }, // built from scratch, the second split's person is same-new-name
      ]);
      expect(patches).toEqual([1, 1, 3]);
    });
  });

  it("a replica's curation step (db/curation-step.ts): the local metrics computed off the event loop for its columns equal those of the network built from scratch", async () => {
    const { catalog } = loadFiles({ files: [ACL_SLICE_FILE] });
    const [a, b] = byPapers(catalog) as [CatalogAuthor, CatalogAuthor];
    const decisions: IdentityDecision[] = [{ id: 1, action: { kind: 'merge', authorIds: [a.id, b.id], name: null } }];
    const step = curatedColumns({
      columns: columnsFromCatalog(catalog, { maxAuthorsPerPaper: 50 }),
      previous: [],
      next: decisions,
      undo: new Map(),
    });
    const scratch = computeLocalCentrality(
      networkOf(columnsFromCatalog(applyIdentityDecisions(catalog, decisions).catalog, { maxAuthorsPerPaper: 50 })),
    );
    const { computedAt: _at, ...local } = await localMetricsOffThread(compactOf(step!.columns));
    const { computedAt: _scratchAt, ...expected } = scratch;
    expect(local).toEqual(expected);
  });

  it("a step's previous rows (what a replica carries the served metrics over by) are the rows of the same ids before, −1 for new ids, after each decision of every kind", () => {
    const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
    let columns = columnsFromCatalog(catalog);
    let decisions: IdentityDecision[] = [];
    let undo: UndoRecords = new Map();
    let newIds = 0;
    for (const action of decisionsFor(catalog)) {
      const next = [...decisions, { id: decisions.length + 1, action }];
      const step = curatedColumns({ columns, previous: decisions, next, undo })!;
      const [before, after] = [networkOf(columns), networkOf(step.columns)];
      const byId = after.authorIds.map((id) => before.authorIndex.get(id) ?? -1);
      expect([...step.previousRows], `after decision ${next.length} (${action.kind})`).toEqual(byId);
      expect([...step.previousRows]).toEqual([...previousRowsById(after, before)]);
      newIds += byId.filter((row) => row < 0).length;
      [columns, decisions, undo] = [step.columns, next, step.undo];
    }
    expect(newIds).toBeGreaterThan(0); // the splits made authors the network before did not have
  });

  it('a step that changes no column (a rejected pair) gives back the same columns (the replica keeps the local metrics it has)', () => {
    const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
    const [a, b] = byPapers(catalog) as [CatalogAuthor, CatalogAuthor];
    const columns = columnsFromCatalog(catalog);
    const reject: IdentityDecision = { id: 1, action: { kind: 'reject', authorIds: [a.id, b.id] } };
    const step = curatedColumns({ columns, previous: [], next: [reject], undo: new Map() });
    expect(step?.columns).toBe(columns);
  });
});

describe("a replica's warm curation worker (db/curation-step.ts)", () => {
  it('takes one step after another, each giving the columns the step in this thread gives', async () => {
    const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
    const [a, b, c] = byPapers(catalog) as [CatalogAuthor, CatalogAuthor, CatalogAuthor];
    const columns = columnsFromCatalog(catalog);
    const merge: IdentityDecision = { id: 1, action: { kind: 'merge', authorIds: [a.id, b.id], name: null } };
    const rename: IdentityDecision = { id: 2, action: { kind: 'rename', authorId: c.id, name: 'Renamed In A Test' } };
    const first = { columns, previous: [], next: [merge], undo: new Map() };
    const viaWorker = await curatedColumnsOffThread(first, { inWorker: true });
    const inThread = curatedColumns(first);
    expect(viaWorker?.columns).toEqual(inThread?.columns);
    const second = { columns: inThread!.columns, previous: [merge], next: [merge, rename], undo: inThread!.undo };
    const again = await curatedColumnsOffThread(second, { inWorker: true });
    expect(again?.columns).toEqual(curatedColumns(second)?.columns);
    expect(networkOf(again!.columns).authors.get(c.id)?.name).toBe('Renamed In A Test');
  });
});
