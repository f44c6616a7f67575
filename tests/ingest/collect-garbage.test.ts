/**
 * A load from raw files collects what it lets go of (collect-garbage.ts): a real collection, asked for
 * once the merge is done and once per network made, at a moment when nothing holds the records any more.
 */
import { getHeapStatistics } from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LARGE_HEAP_BYTES,
  collectGarbage,
  collectLargeGarbage,
  compactGarbage,
} from '../../src/ingest/collect-garbage.ts';
import { loadFiles, releaseAuthorLists } from '../../src/ingest/load.ts';
import type { PaperRecord } from '../../src/ingest/records.ts';
import { tempFiles } from '../helpers/files.ts';
import { syntheticPapersJsonl } from '../helpers/networks.ts';

const asked = vi.hoisted(() => ({ count: 0, then: (): void => {}, large: null as boolean | null }));

vi.mock('../../src/ingest/collect-garbage.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/ingest/collect-garbage.ts')>();
  return {
    ...original,
    collectLargeGarbage: (...args: Parameters<typeof original.collectLargeGarbage>) => {
      asked.count += 1;
      asked.then();
      return original.collectLargeGarbage(...args);
    },
    heapIsLarge: (...args: Parameters<typeof original.heapIsLarge>) => asked.large ?? original.heapIsLarge(...args),
  };
});

afterEach(() => {
  asked.count = 0;
  asked.then = () => {};
  asked.large = null;
});

/** A turn of the event loop: what a WeakRef made in this one keeps alive is let go at its end. */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('collecting garbage', () => {
  it('collects what nothing reaches any more', async () => {
    let held: object | null = { papers: new Array(1000).fill('a paper') };
    const weak = new WeakRef(held);
    held = null;
    await nextTurn();
    expect(collectGarbage()).toBe(true);
    expect(weak.deref()).toBeUndefined();
  });

  it('compacts the heap when asked: the pages that garbage left sparse are given back', () => {
    /** The heap V8 holds beyond its objects once a third of a million records survive a collection. */
    const sparseAfter = (collect: () => boolean): number => {
      let records: { id: number; title: string }[] | null = Array.from({ length: 1_200_000 }, (_, id) => ({
        id,
        title: `paper ${id}`,
      }));
      const kept = records.filter((_, id) => id % 3 === 0);
      records = null;
      expect(collect()).toBe(true);
      const { heapTotal, heapUsed } = process.memoryUsage();
      expect(kept.length).toBe(400_000);
      return heapTotal - heapUsed;
    };
    const plain = sparseAfter(collectGarbage);
    expect(sparseAfter(compactGarbage)).toBeLessThan(plain / 2);
    expect(sparseAfter(() => collectLargeGarbage(0, { compact: true }))).toBeLessThan(plain / 2);
  });

  it('collects only from a heap of the size given: by default, not on a small one', () => {
    expect(collectLargeGarbage(Number.POSITIVE_INFINITY)).toBe(false);
    expect(collectLargeGarbage(0)).toBe(true);
    expect(getHeapStatistics().used_heap_size).toBeLessThan(LARGE_HEAP_BYTES);
    expect(collectLargeGarbage()).toBe(false);
  });

  it('is asked for once the merge is done, and once per network made from the files, when nothing holds their records any more', async () => {
    const { 'papers.jsonl': file } = tempFiles({ 'papers.jsonl': syntheticPapersJsonl(3, 300) });
    const load = loadFiles({ files: [file as string] });
    expect(asked.count).toBe(1); // after the merge
    asked.count = 0;
    const record = new WeakRef(load.records[0] as object);
    await nextTurn();
    let recordCollected: boolean | null = null;
    asked.then = () => {
      collectGarbage();
      recordCollected = record.deref() === undefined;
    };
    const columns = load.networkColumns();
    expect(asked.count).toBe(1);
    expect(recordCollected).toBe(true);
    expect(columns.authorId.offsets.length).toBeGreaterThan(1);
  });

  it("lets the records' author lists go before a large load's rows are made, and collects then; never a caller's records", () => {
    const papers = syntheticPapersJsonl(3, 300);
    const { 'given.jsonl': given, 'kept.jsonl': kept } = tempFiles({ 'given.jsonl': papers, 'kept.jsonl': papers });
    // The same papers, their records given to a caller before the network is made: they stay whole.
    asked.large = true; // as a load of a million papers measures (LARGE_RECORDS_BYTES)
    const whole = loadFiles({ files: [given as string] });
    const records = whole.records;
    const wholeColumns = whole.networkColumns();
    expect(records.length).toBe(300);
    expect(records.every((record) => record.authors.length > 0)).toBe(true);

    const load = loadFiles({ files: [kept as string] });
    asked.count = 0;
    const columns = load.networkColumns();
    // Asked twice, from any heap: for the lists before the rows, for the records after them.
    expect(asked.count).toBe(2);
    // The network is the one made from records read whole.
    for (const key of ['offsets', 'neighbors', 'weights', 'byline', 'authorPapers'] as const)
      expect(Array.from(columns[key])).toEqual(Array.from(wholeColumns[key]));
    for (const key of ['authorId', 'authorName', 'spelling', 'title'] as const)
      expect(Buffer.from(columns[key].bytes).equals(Buffer.from(wholeColumns[key].bytes))).toBe(true);
  });

  it('releases the author lists and their external ids', () => {
    const records = [
      { authors: ['Ada Lovelace', 'Alan Turing'], authorIdentities: [[], [{ scheme: 'orcid', value: '0000' }]] },
      { authors: ['Grace Hopper'] },
    ] as unknown as PaperRecord[];
    releaseAuthorLists(records);
    expect(records.map((record) => [record.authors.length, record.authorIdentities?.length])).toEqual([
      [0, 0],
      [0, undefined],
    ]);
  });
});
