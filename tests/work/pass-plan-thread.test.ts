/**
 * The shared pass's plan made on a pass thread (work/pass-threads.ts `prepareChunkedPassOnPassThread`)
 * rather than on the event loop, where it held a replica for seconds at every new version on a busy
 * machine: the same plan as in this thread, and the event loop turns meanwhile.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { prepareChunkedPass } from '../../src/analysis/chunked-pass.ts';
import { openPassThreads, plansInThread, prepareChunkedPassOnPassThread } from '../../src/work/pass-threads.ts';
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
});
