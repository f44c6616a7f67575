/**
 * The shared pass's plan made on a pass thread (work/pass-threads.ts `prepareChunkedPassOnPassThread`)
 * rather than on the event loop, where it held a replica for seconds at every new version on a busy
 * machine: the same plan as in this thread, and the event loop turns meanwhile. Its partials are
 * combined there too (`combineChunksOnPassThread`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  combineChunks,
  computeChunk,
  encodePartial,
  partition,
  prepareChunkedPass,
} from '../../src/analysis/chunked-pass.ts';
import {
  combineChunksOnPassThread,
  openPassThreads,
  plansInThread,
  prepareChunkedPassOnPassThread,
} from '../../src/work/pass-threads.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';

const pool = openPassThreads(1);
afterAll(() => pool.close());

describe('the shared pass planned on a pass thread', () => {
  it('gives the plan made in this thread (fingerprint, order, sources and every array), while the event loop keeps turning', async () => {
    const graph = loadAclSliceNetwork().compact;
    const here = prepareChunkedPass(graph);
    let turns = 0;
    const ticking = setInterval(() => {
      turns += 1;
    }, 1);
    let there;
    try {
      there = await prepareChunkedPassOnPassThread(pool, graph);
    } finally {
      clearInterval(ticking);
    }
    expect(there.fingerprint).toBe(here.fingerprint);
    expect(there.sources).toBe(here.sources);
    expect(there.toOld).toEqual(here.toOld);
    expect(there.graph).toEqual(here.graph);
    expect(there.plan).toEqual(here.plan);
    expect(turns).toBeGreaterThan(0);
  });

  it('is used for networks past the in-thread limit (a large one), not for small ones', () => {
    expect(plansInThread({ order: 10, offsets: new Int32Array(11), neighbors: new Int32Array(40) })).toBe(true);
    expect(
      plansInThread({ order: 101_380, offsets: new Int32Array(101_381), neighbors: new Int32Array(984_712) }),
    ).toBe(false);
  });

  it('stops when its signal fires', async () => {
    const controller = new AbortController();
    const planned = prepareChunkedPassOnPassThread(pool, loadAclSliceNetwork().compact, { signal: controller.signal });
    controller.abort('stopped by the test');
    await expect(planned).rejects.toThrow();
  });

  it('combines the partials there into the bits combined in this thread, and says why when one is damaged', async () => {
    const graph = loadAclSliceNetwork().compact;
    const pass = prepareChunkedPass(graph);
    const partials = partition(pass.sources, 500).map((chunk) => computeChunk(pass, chunk));
    const here = combineChunks(pass, partials);
    const stored = partials.map((partial) => new Uint8Array(encodePartial(partial))).reverse();
    const there = await combineChunksOnPassThread(pool, pass, stored);
    for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
      expect(Buffer.from(there[metric].buffer).equals(Buffer.from(here[metric].buffer)), metric).toBe(true);
    expect(there.figures).toEqual(here.figures);
    await expect(combineChunksOnPassThread(pool, pass, stored.slice(1))).rejects.toThrow(/cover/u);
  });
});
