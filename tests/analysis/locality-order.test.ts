import { describe, expect, it } from 'vitest';
import { byDegreeDescending, localityOrder } from '../../src/analysis/locality-order.ts';
import { syntheticNetwork } from '../helpers/networks.ts';

describe('localityOrder', () => {
  const { compact } = syntheticNetwork(7, 400);
  const degree = (v: number) => (compact.offsets[v + 1] as number) - (compact.offsets[v] as number);

  it('starts its searches from the authors by degree, highest first, ties by number', () => {
    const sorted = Array.from({ length: compact.order }, (_, v) => v).sort((a, b) => degree(b) - degree(a) || a - b);
    const order = byDegreeDescending(compact.offsets, compact.order);
    expect(Array.from(order)).toEqual(sorted);
    // The network has ties of degree, leaves and authors alone (degree 0).
    expect(new Set(sorted.map(degree)).size).toBeGreaterThan(5);
    expect(sorted.some((v) => degree(v) === 0)).toBe(true);
  });

  it('renumbers every author once, each row in increasing order, the same ties', () => {
    const { graph, toOld } = localityOrder(compact);
    expect(new Set(toOld).size).toBe(compact.order);
    // The first author searched from has the highest degree.
    expect(degree(toOld[0] as number)).toBe(Math.max(...Array.from({ length: compact.order }, (_, v) => degree(v))));
    const toNew = new Int32Array(compact.order);
    toOld.forEach((old, now) => (toNew[old] = now));
    for (let now = 0; now < graph.order; now += 1) {
      const row = Array.from(graph.neighbors.subarray(graph.offsets[now] as number, graph.offsets[now + 1] as number));
      expect(row).toEqual([...row].sort((a, b) => a - b));
      const old = toOld[now] as number;
      const expected = Array.from(
        compact.neighbors.subarray(compact.offsets[old] as number, compact.offsets[old + 1] as number),
        (w) => toNew[w] as number,
      ).sort((a, b) => a - b);
      expect(row).toEqual(expected);
    }
  });

  it('sorts long rows and short ones alike, on shared memory the pass threads read as it is', () => {
    // A hub with 120 co-authors (a row sorted by the typed array's sort), each of them with a few
    // co-authors among the others (rows sorted in place), numbered out of order.
    const n = 121;
    const rows: number[][] = Array.from({ length: n }, () => []);
    const tie = (a: number, b: number) => {
      rows[a]?.push(b);
      rows[b]?.push(a);
    };
    for (let k = 1; k < n; k += 1) tie(0, ((k * 37) % 120) + 1);
    for (let k = 1; k + 7 < n; k += 3) tie(k, k + 7);
    const offsets = new Int32Array(n + 1);
    rows.forEach((row, v) => (offsets[v + 1] = (offsets[v] as number) + row.length));
    const neighbors = Int32Array.from(rows.flat());
    const { graph, toOld } = localityOrder({ order: n, offsets, neighbors });
    expect(graph.offsets.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(graph.neighbors.buffer).toBeInstanceOf(SharedArrayBuffer);
    const toNew = new Int32Array(n);
    toOld.forEach((old, now) => (toNew[old] = now));
    expect((graph.offsets[1] as number) - (graph.offsets[0] as number)).toBe(120);
    for (let now = 0; now < n; now += 1) {
      const row = Array.from(graph.neighbors.subarray(graph.offsets[now] as number, graph.offsets[now + 1] as number));
      const expected = (rows[toOld[now] as number] as number[]).map((w) => toNew[w] as number).sort((a, b) => a - b);
      expect(row).toEqual(expected);
    }
  });
});
