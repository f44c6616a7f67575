import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { windowParts } from '../../src/graph/year-window.ts';
import { workerThreadWork } from '../../src/work/request-work.ts';
import { expectSameColumns } from '../helpers/network-contents.ts';
import { syntheticCorpusNetwork } from '../helpers/networks.ts';
import { bundledApp, graphql, query, threadCpuMs, trivialQueriesDuring } from '../helpers/app.ts';

/**
 * An unseen window's network is built off the event loop (work.windowParts in a request worker, from
 * the shared columns): the event loop's thread spends a fraction of the build's CPU time, and trivial
 * queries keep answering while it is built. On a synthetic corpus shaped
 * like the ACL Anthology (src/bench/synthetic-corpus.ts), large enough that building a window in this
 * thread would block the loop for a measurable time (measured first, below).
 */
const data = analyzeNetwork(syntheticCorpusNetwork(60_000, 'window-off-loop'), {
  mode: 'background',
  threads: 1,
});
const app = bundledApp({ data, work: (served) => workerThreadWork(served, { threads: 1 }) });
afterAll(async () => {
  await app.dispose();
  data.dispose();
});

describe('building an unseen window', () => {
  it('takes no more than a fraction of its cost from the event loop, which keeps answering trivial queries meanwhile', async () => {
    await query(app, '{ __typename }');
    const [from, to] = [data.network.authorIdAt(0), data.network.authorIdAt(1)];
    const pathQuery = `
      query ($from: ID!, $to: ID!, $since: Int!) {
        collaborationPath(from: $from, to: $to, years: { from: $since }) {
          length
        }
      }
    `;
    // What building a window costs this thread's CPU when built here (what the event loop would be held for).
    // CPU time, not wall-clock time: a busy machine stretches the one and not the other.
    const before = threadCpuMs();
    windowParts(data.network, { from: 2016, to: null });
    const inThread = threadCpuMs() - before;
    // (60–210 ms seen with 40,000 papers; this thread's share below, 10–20 ms, counts in ticks of 10 ms.)
    expect(inThread, 'the window must take a while to build for this test to say anything').toBeGreaterThan(50);

    // A first windowed query (a small window) compiles the code on this path: not what is measured.
    expect((await graphql(app, pathQuery, { from, to, since: 2025 })).errors).toBeUndefined();
    // A window not built yet (another range), asked for through the API: this thread's share of the work.
    const started = threadCpuMs();
    expect((await graphql(app, pathQuery, { from, to, since: 2017 })).errors).toBeUndefined();
    const onThisThread = threadCpuMs() - started;
    expect(onThisThread, `built in this thread with ${inThread} ms of CPU`).toBeLessThan(inThread / 2);

    // Another one, with trivial queries meanwhile: several are answered while it is built (one built on the
    // event loop would let one through at most, after the build).
    const windowed = graphql(app, pathQuery, { from, to, since: 2016 });
    const { latencies } = await trivialQueriesDuring(app, windowed);
    expect((await windowed).errors).toBeUndefined();
    expect(latencies.length).toBeGreaterThan(3);
  }, 120_000);
});

describe("a request worker's window", () => {
  it('reaches the event loop on shared memory: nothing of it is copied there', async () => {
    const work = workerThreadWork(data, { threads: 1 });
    try {
      const parts = await work.windowParts({ from: 2019, to: null });
      const { toWhole, windowPapers, compact } = parts;
      for (const array of [toWhole, windowPapers, compact.offsets, compact.neighbors, compact.weights])
        expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
      for (const array of [compact.paperOffsets, compact.papers])
        expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
      // The same parts as built here.
      const here = windowParts(data.network, { from: 2019, to: null });
      expectSameColumns(
        { toWhole, neighbors: compact.neighbors },
        { toWhole: here.toWhole, neighbors: here.compact.neighbors },
        'window',
      );
    } finally {
      await work.close();
    }
  }, 60_000);
});

describe('a listed window (serve --windows) of a network analysed in the background', () => {
  it('is built on a pass thread, not while analyzeNetwork runs on the event loop, and equals one built here', async () => {
    const range = { from: 2018, to: null };
    const listing = analyzeNetwork(data.network, {
      mode: 'background',
      threads: 1,
      sampleSize: 16,
      exactWindows: [range],
    });
    try {
      // Nothing was built before analyzeNetwork returned: a replica swapping versions keeps serving.
      expect(listing.listedWindow(range)).toBeNull();
      const started = performance.now();
      while (listing.listedWindow(range) === null) {
        expect(performance.now() - started, 'the listed window is built within 120 s').toBeLessThan(120_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const built = listing.listedWindow(range);
      const here = windowParts(data.network, range);
      // Compared by bytes: vitest's deep equality takes seconds per array of this size.
      const partsOf = (parts: Pick<NonNullable<typeof built>, 'toWhole' | 'windowPapers' | 'compact'>) => ({
        toWhole: parts.toWhole,
        windowPapers: parts.windowPapers,
        offsets: parts.compact.offsets,
        neighbors: parts.compact.neighbors,
        weights: parts.compact.weights,
        papers: parts.compact.papers,
      });
      expect(built).not.toBeNull();
      expectSameColumns(partsOf(built as NonNullable<typeof built>), partsOf(here), 'listed window');
    } finally {
      listing.dispose();
    }
  }, 180_000);
});
