import { describe, expect, it } from 'vitest';
import type { AllPairsScores } from '../../src/analysis/all-pairs-centrality.ts';
import { computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import {
  type ChunkPartial,
  combineChunks,
  computeChunk,
  decodePartial,
  MIN_CHUNK_WORK,
  MIN_DEFAULT_CHUNKS,
  chunkShare,
  batchWork,
  defaultPartition,
  encodePartial,
  partition,
  prepareChunkedPass,
} from '../../src/analysis/chunked-pass.ts';
import { BATCH_LANES } from '../../src/analysis/shortest-path-pass.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { aclSliceExpected, loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { loadSeedNetwork, syntheticNetwork } from '../helpers/networks.ts';

function expectSameScores(actual: AllPairsScores, expected: AllPairsScores, tolerance = 1e-12): void {
  for (const metric of ['betweenness', 'closeness', 'harmonic'] as const) {
    expect(actual[metric].length).toBe(expected[metric].length);
    let worst = 0;
    expected[metric].forEach((value, i) => {
      const error = Math.abs((actual[metric][i] as number) - value) / Math.max(1, Math.abs(value));
      if (!(error <= worst)) worst = error;
    });
    expect(worst, `${metric}: largest error`).toBeLessThanOrEqual(tolerance);
  }
  expect(actual.figures?.diameter).toBe(expected.figures?.diameter);
  expect(actual.figures?.exact).toBe(true);
  expect(
    Math.abs((actual.figures?.averageShortestPathLength ?? NaN) - (expected.figures?.averageShortestPathLength ?? 0)),
  ).toBeLessThanOrEqual(tolerance);
}

function chunked(network: CoauthorNetwork, chunkSources: number, order: 'forward' | 'reverse' = 'forward') {
  const pass = prepareChunkedPass(network.compact);
  const chunks = partition(pass.sources, chunkSources);
  const partials = chunks.map((chunk) => computeChunk(pass, chunk));
  return combineChunks(pass, order === 'forward' ? partials : partials.reverse());
}

const networks = [
  { label: 'the seed data set', load: loadSeedNetwork },
  { label: 'the ACL Anthology 2016 slice', load: loadAclSliceNetwork },
  {
    label: 'a synthetic corpus of many small components',
    load: () => syntheticNetwork(3, 300, { newAuthorShare: 0.7 }),
  },
];

describe.each(networks)('the chunked exact pass on $label', ({ load }) => {
  const network = load();
  const single = computeAllPairsCentralitySync(network.compact);
  const sources = prepareChunkedPass(network.compact).sources;

  it.each([1, 7, 64, sources, sources + 5])(
    'combined from chunks of %i sources equals the one-process pass (1e-12), path figures included',
    (size) => {
      expectSameScores(chunked(network, size), single);
    },
  );

  it('combined from the default partition (chunks of equal work) equals the one-process pass (1e-12)', () => {
    const pass = prepareChunkedPass(network.compact);
    const partials = defaultPartition(pass).map((chunk) => computeChunk(pass, chunk));
    expectSameScores(combineChunks(pass, partials), single);
  });

  it('gives the same bits whatever order the chunks arrive in, and survives encoding', () => {
    const pass = prepareChunkedPass(network.compact);
    const partials = partition(pass.sources, 13).map((chunk) => computeChunk(pass, chunk));
    // Stored bytes come at any offset (a slice of a larger buffer): decoding copies them.
    const stored = partials
      .map((partial) => decodePartial(Buffer.concat([Buffer.alloc(3), encodePartial(partial)]).subarray(3)))
      .reverse();
    const a = combineChunks(pass, partials);
    const b = combineChunks(pass, stored);
    expect(Buffer.from(b.betweenness.buffer).equals(Buffer.from(a.betweenness.buffer))).toBe(true);
    expect(Buffer.from(b.closeness.buffer).equals(Buffer.from(a.closeness.buffer))).toBe(true);
    expect(Buffer.from(b.harmonic.buffer).equals(Buffer.from(a.harmonic.buffer))).toBe(true);
  });
});

describe('the chunked pass', () => {
  it('has one partition per network: the same plan and fingerprint each time, another for another network', () => {
    const seed = loadSeedNetwork();
    const a = prepareChunkedPass(seed.compact);
    const b = prepareChunkedPass(loadSeedNetwork().compact);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(Array.from(b.plan.sources)).toEqual(Array.from(a.plan.sources));
    expect(prepareChunkedPass(loadAclSliceNetwork().compact).fingerprint).not.toBe(a.fingerprint);
    expect(partition(10, 4)).toEqual([
      { index: 0, from: 0, to: 4 },
      { index: 1, from: 4, to: 8 },
      { index: 2, from: 8, to: 10 },
    ]);
    expect(partition(0, 4)).toEqual([{ index: 0, from: 0, to: 0 }]);
    expect(() => partition(10, 0)).toThrow(RangeError);
  });

  it('cuts the default partition on the search kernel’s batches into chunks of decreasing work, fewer for a short pass', () => {
    // 13 sources: one batch too few to share.
    const seed = prepareChunkedPass(loadSeedNetwork().compact);
    expect(defaultPartition(seed)).toEqual([{ index: 0, from: 0, to: seed.sources }]);
    for (const network of [loadAclSliceNetwork(), syntheticNetwork(3, 300, { newAuthorShare: 0.7 })]) {
      const pass = prepareChunkedPass(network.compact);
      const batches = batchWork(pass);
      const total = batches.reduce((sum, work) => sum + work, 0);
      const chunks = defaultPartition(pass);
      // Fewer than 64 only when the pass is short: no chunk holds less than MIN_CHUNK_WORK on average.
      expect(chunks.length).toBe(
        Math.max(1, Math.min(MIN_DEFAULT_CHUNKS, Math.floor(total / MIN_CHUNK_WORK), batches.length)),
      );
      let next = 0;
      const largestBatch = Math.max(...batches);
      chunks.forEach((chunk, index) => {
        expect(chunk).toMatchObject({ index, from: next });
        expect(chunk.from % BATCH_LANES).toBe(0);
        next = chunk.to;
        let work = 0;
        for (let b = chunk.from / BATCH_LANES; b < Math.ceil(chunk.to / BATCH_LANES); b += 1)
          work += batches[b] as number;
        // Large chunks first, small ones last: each within a batch of its share.
        const share = (total / chunks.length) * chunkShare(index, chunks.length);
        expect(work).toBeLessThanOrEqual(share + largestBatch);
        expect(work).toBeGreaterThanOrEqual(share - largestBatch);
      });
      expect(next).toBe(pass.sources);
    }
  });

  it('matches NetworkX on the ACL slice: betweenness, and the path figures of graphStats (average shortest path length, diameter)', () => {
    const network = loadAclSliceNetwork();
    const scores = chunked(network, 50, 'reverse');
    const expected = aclSliceExpected();
    const index = network.authorIndex;
    expected.ids.forEach((id, i) => {
      const value = expected.betweenness[i] as number;
      expect(Math.abs((scores.betweenness[index.get(id) as number] as number) - value)).toBeLessThanOrEqual(1e-9);
    });
    // NetworkX's average_shortest_path_length and diameter of the largest component (the fixture's `structure`).
    expect(scores.figures?.averageShortestPathLength).toBeCloseTo(expected.structure.averageShortestPathLength, 12);
    expect(scores.figures?.diameter).toBe(expected.structure.diameter);
  });

  it('refuses partials that do not cover the plan', () => {
    const pass = prepareChunkedPass(loadSeedNetwork().compact);
    const partials: ChunkPartial[] = partition(pass.sources, 4).map((chunk) => computeChunk(pass, chunk));
    expect(() => combineChunks(pass, partials.slice(1))).toThrow(/do not cover/u);
    expect(() => combineChunks(pass, partials.slice(0, -1))).toThrow(/cover/u);
    expect(() => decodePartial(new Uint8Array(8))).toThrow(/not a stored chunk partial/u);
  });
});
