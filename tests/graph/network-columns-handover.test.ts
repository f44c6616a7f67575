/**
 * When the compact graph is handed over while the network's columns are made (network-columns.ts,
 * `onCompactGraph`): before the search indexes and the rest of the columns on a network of up to
 * `EARLY_HANDOVER_LIMIT` authors plus adjacency entries, so the first estimates run beside them; after
 * them on a larger one, after the load's memory peak.
 */
import { describe, expect, it, vi } from 'vitest';
import { EARLY_HANDOVER_LIMIT, handsGraphOverFirst } from '../../src/graph/network-columns.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { ACL_SLICE_FILE } from '../helpers/acl-slice.ts';

const events = vi.hoisted(() => [] as string[]);

vi.mock('../../src/graph/search-index.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/graph/search-index.ts')>();
  return {
    ...original,
    buildSearchIndex: (...args: Parameters<typeof original.buildSearchIndex>) => {
      events.push('search index');
      return original.buildSearchIndex(...args);
    },
  };
});

describe('the compact graph handed over while the columns are made', () => {
  it('goes before the search indexes on a network the size of the ACL 2016 slice', () => {
    events.length = 0;
    const load = loadFiles({ files: [ACL_SLICE_FILE] });
    const columns = load.networkColumns({
      maxAuthorsPerPaper: 50,
      onCompactGraph: (graph) => events.push(`graph of ${graph.order}`),
    });
    expect(events).toEqual([`graph of ${columns.authorId.offsets.length - 1}`, 'search index', 'search index']);
  });

  it('goes after them beyond EARLY_HANDOVER_LIMIT authors plus adjacency entries', () => {
    const sized = (order: number, entries: number) => ({ order, neighbors: new Int32Array(entries) });
    expect(handsGraphOverFirst(sized(101_380, 984_712))).toBe(true); // the whole ACL Anthology
    expect(handsGraphOverFirst(sized(1_000_000, EARLY_HANDOVER_LIMIT - 1_000_000))).toBe(true);
    expect(handsGraphOverFirst(sized(1_000_000, EARLY_HANDOVER_LIMIT - 1_000_000 + 1))).toBe(false);
  });
});
