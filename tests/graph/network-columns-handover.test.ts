/**
 * When the compact graph is handed over while the network's columns are made (network-columns.ts,
 * `onCompactGraph`): before the search indexes and the rest of the columns on a network of up to
 * `EARLY_HANDOVER_LIMIT` authors plus adjacency entries, so the first estimates run beside them; after
 * them on a larger one, after the load's memory peak. Loading files, it is made from the merged
 * records' bylines before the ids and the rest of the rows (`prepareGraph`).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  EARLY_HANDOVER_LIMIT,
  handsGraphOverFirst,
  handsGraphOverFirstSurely,
} from '../../src/graph/network-columns.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';

const events = vi.hoisted(() => [] as string[]);
/** Makes `loadFiles` take every network as one whose graph might not go first. */
const notSurely = vi.hoisted(() => ({ on: false }));

vi.mock('../../src/graph/network-columns.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/graph/network-columns.ts')>();
  return {
    ...original,
    handsGraphOverFirstSurely: (...args: Parameters<typeof original.handsGraphOverFirstSurely>) =>
      !notSurely.on && original.handsGraphOverFirstSurely(...args),
  };
});

/** `work`, saying `event` each time it is called. */
const recorded = vi.hoisted(
  () =>
    <A extends unknown[], R>(event: string, work: (...args: A) => R) =>
    (...args: A): R => {
      events.push(event);
      return work(...args);
    },
);

vi.mock('../../src/graph/search-index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/graph/search-index.ts')>();
  return {
    ...original,
    buildSearchIndex: recorded('search index', original.buildSearchIndex),
    searchIndexOfColumn: recorded('search index', original.searchIndexOfColumn),
  };
});

vi.mock('../../src/graph/compact-graph.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/graph/compact-graph.ts')>();
  return { ...original, tiePapersOf: recorded('tie papers', original.tiePapersOf) };
});

vi.mock('../../src/ingest/catalog-ids.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/ingest/catalog-ids.ts')>();
  return { ...original, assignIds: recorded('ids', original.assignIds) };
});

describe('the compact graph handed over while the columns are made', () => {
  it('goes, loading files the size of the ACL 2016 slice, as soon as the records are merged: before ids and the search indexes', () => {
    events.length = 0;
    const load = loadFiles({ files: [ACL_SLICE_FILE] });
    const columns = load.networkColumns({
      maxAuthorsPerPaper: 50,
      onCompactGraph: (graph) => events.push(`graph of ${graph.order}`),
    });
    // The ties' papers last: not held while the indexes were made.
    expect(events).toEqual([
      `graph of ${columns.authorId.offsets.length - 1}`,
      'ids',
      'search index',
      'search index',
      'tie papers',
    ]);
  });

  it('goes after them beyond EARLY_HANDOVER_LIMIT authors plus adjacency entries', () => {
    const sized = (order: number, entries: number) => ({ order, neighbors: new Int32Array(entries) });
    expect(handsGraphOverFirst(sized(101_380, 984_712))).toBe(true); // the whole ACL Anthology
    expect(handsGraphOverFirst(sized(1_000_000, EARLY_HANDOVER_LIMIT - 1_000_000))).toBe(true);
    expect(handsGraphOverFirst(sized(1_000_000, EARLY_HANDOVER_LIMIT - 1_000_000 + 1))).toBe(false);
  });

  it('is known to go first, before the graph is made, when k(k − 1) entries per paper of k authors would fit', () => {
    const offsets = Int32Array.of(0, 3, 5, 6); // papers of 3, 2 and 1 authors: at most 6 + 2 entries
    expect(handsGraphOverFirstSurely(EARLY_HANDOVER_LIMIT - 8, offsets, null)).toBe(true);
    expect(handsGraphOverFirstSurely(EARLY_HANDOVER_LIMIT - 7, offsets, null)).toBe(false);
    // Papers over the author limit add no ties.
    expect(handsGraphOverFirstSurely(EARLY_HANDOVER_LIMIT - 2, offsets, 2)).toBe(true);
  });

  it('is made after the ids, loading files, when it might not go first (the records are dropped first)', () => {
    events.length = 0;
    notSurely.on = true;
    try {
      const load = loadFiles({ files: [ACL_SLICE_FILE] });
      const columns = load.networkColumns({
        maxAuthorsPerPaper: 50,
        onCompactGraph: (graph) => events.push(`graph of ${graph.order}`),
      });
      // Handed over first all the same (its real size is small), but made by columnsFromRows.
      expect(events).toEqual([
        'ids',
        `graph of ${columns.authorId.offsets.length - 1}`,
        'search index',
        'search index',
        'tie papers',
      ]);
    } finally {
      notSurely.on = false;
    }
  });
});
