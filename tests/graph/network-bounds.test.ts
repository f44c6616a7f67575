/**
 * The query-cost bounds of a network (src/graph/network-bounds.ts), on the ACL 2016 slice: what they
 * keep of the degrees (the largest ones only, what the bound on a drawn network's ties reads), and
 * that bound against the same computed from every degree.
 */
import { describe, expect, it } from 'vitest';
import { networkBounds, tiesAmong } from '../../src/graph/network-bounds.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';

describe('network bounds', () => {
  const network = loadAclSliceNetwork();
  const { compact } = network;
  const every = Int32Array.from({ length: compact.order }, (_, a) => compact.offsets[a + 1]! - compact.offsets[a]!)
    .sort()
    .reverse();

  it('keep the largest degrees up to the largest drawn network, and bound its ties as every degree would', () => {
    const bounds = networkBounds(network, 1000);
    expect(compact.order).toBeGreaterThan(1000);
    expect(bounds.degrees).toEqual(every.slice(0, 1000));
    expect(bounds.largestDegree).toBe(every[0]);
    for (const k of [2, 10, 100, 999, 1000])
      expect(tiesAmong(bounds, k)).toBe(tiesAmong({ degrees: every, tieCount: compact.edgeCount }, k));
  });
});
