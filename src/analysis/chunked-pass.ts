/**
 * The exact all-pairs pass (all-pairs-centrality.ts) cut into chunks of sources, so that several
 * processes, on several machines, can share it (src/db/shared-pass.ts coordinates them).
 *
 * - The partition is deterministic for a given network: the network is renumbered in locality order
 *   and planned as in a one-process pass (`exactPlan`: leaves and closed twins skipped), and chunk k is
 *   the plan's sources [k·size, (k+1)·size). Every process holding the same network computes the same
 *   plan, checked by a fingerprint of the renumbered graph and the plan (`prepareChunkedPass`).
 * - A chunk runs its sources in one thread, in plan order, into accumulators of its own, so its partial
 *   sums are the same bits whichever process or thread computes it: the betweenness dependencies of
 *   every author, and the per-source totals of its own sources (distance sum, authors reached, harmonic
 *   sum, a leaf's harmonic sum, eccentricity). The path figures (average shortest path length and
 *   diameter of the largest component) are sums and maxima of those per-source totals.
 * - Combining adds the chunks' dependencies in chunk order and places their totals, then finishes as a
 *   one-process pass does (`finishPass`): the same sums, in another order, so equal to it within
 *   rounding (1e-12), and bit-for-bit the same whichever processes computed which chunks.
 */
import { createHash } from 'node:crypto';
import {
  type AllPairsScores,
  type PassOutput,
  type PassPlan,
  type RunnablePlan,
  emptyOutput,
  exactPlan,
  finishPass,
  profileLength,
  runPlanRange,
} from './all-pairs-centrality.ts';
import { connectedComponents } from '../graph/compact-graph.ts';
import { localityOrder, toOriginalOrder } from './locality-order.ts';
import { BATCH_LANES, type PassGraph, type PassScratch, flushSearches, passScratch } from './shortest-path-pass.ts';
import { littleEndianBytes, readLittleEndian } from './little-endian.ts';

/** A chunk: sources `from..to` (exclusive) of the plan. */
export interface PassChunk {
  readonly index: number;
  readonly from: number;
  readonly to: number;
}

export interface ChunkedPass {
  /** The network renumbered in locality order: what the chunks' searches run on. */
  readonly graph: PassGraph;
  /** Renumbered author → the network's own author index. */
  readonly toOld: Int32Array;
  readonly plan: PassPlan;
  /** SHA-256 of the renumbered graph and the plan's sources: equal fingerprints, equal partitions. */
  readonly fingerprint: string;
  /** Searches in all (the plan's sources). */
  readonly sources: number;
}

/** The partial sums of one chunk. */
export interface ChunkPartial {
  readonly chunk: PassChunk;
  /** Raw dependency sums of every author (renumbered order), from this chunk's sources. */
  readonly betweenness: Float64Array;
  /** Per source of the chunk (plan order, `from..to`): */
  readonly distanceSum: Float64Array;
  readonly reached: Int32Array;
  readonly harmonic: Float64Array;
  readonly leafHarmonic: Float64Array;
  readonly eccentricity: Int32Array;
  /** The profiles of the chunk's sources that have hanging parts, in plan order (see `Behind.profileStart`). */
  readonly profile: Float64Array;
}

/** Renumbers and plans the network, once per process. */
export function prepareChunkedPass(network: PassGraph): ChunkedPass {
  const { graph, toOld } = localityOrder(network);
  const plan = exactPlan(graph);
  return { graph, toOld, plan, fingerprint: passFingerprint(graph, plan), sources: plan.sources.length };
}

/**
 * The planner's format: changed whenever planning (or what a plan holds) changes, so that a plan made
 * elsewhere (src/db/shared-pass-plan.ts) is used only by processes that would have made the same one.
 * Version 3: the searches run on the core, hanging parts searched when the pass finishes.
 */
export const PASS_FORMAT = 'chunked-pass 3';

/** The fingerprint of a renumbered network and its plan (`ChunkedPass.fingerprint`). */
export function passFingerprint(graph: PassGraph, plan: PassPlan): string {
  const hash = createHash('sha256');
  const bytes = (array: Int32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  hash.update(`${PASS_FORMAT} ${graph.order} ${graph.neighbors.length} ${plan.sources.length}\n`);
  hash.update(bytes(graph.offsets)).update(bytes(graph.neighbors)).update(bytes(plan.sources));
  hash.update(bytes(plan.multiplicity)).update(bytes(plan.leaves)).update(bytes(plan.nodeOf));
  const { searchGraph, behind } = plan;
  hash.update(bytes(searchGraph.offsets)).update(bytes(searchGraph.neighbors));
  if (behind !== null) {
    hash.update(new Uint8Array(behind.extra.buffer, behind.extra.byteOffset, behind.extra.byteLength));
    hash.update(new Uint8Array(behind.counts.buffer, behind.counts.byteOffset, behind.counts.byteLength));
    hash.update(bytes(behind.start)).update(bytes(behind.profileStart));
  }
  return hash.digest('hex');
}

/**
 * Work in one chunk, by default: about this many adjacency entries visited (sources × the authors and
 * ties of their component), some seconds of one core: claiming and writing a chunk is noise next to it.
 */
export const DEFAULT_CHUNK_WORK = 4e9;
/**
 * Chunks by default: at least 64, so that any number of processes up to a few dozen share a pass evenly;
 * at most 1024, since each chunk stores one float per author until the pass is combined.
 */
export const MIN_DEFAULT_CHUNKS = 64;
export const MAX_DEFAULT_CHUNKS = 1024;
/**
 * The least work in a default chunk (a few hundredths of a second of one core): a short pass is cut into
 * fewer chunks than `MIN_DEFAULT_CHUNKS` rather than into chunks whose claim, write and combination
 * cost as much as their searches (the ACL papers of 2016–2019, a pass of about 2.5 core-seconds: 24
 * chunks rather than 64).
 */
export const MIN_CHUNK_WORK = 4e7;

/**
 * Each batch of the plan's sources (`BATCH_LANES` consecutive ones, as `runPlanRange` runs them) with
 * its estimated work: every search visits its source's component of the search graph, so a source
 * costs that component's nodes and adjacency entries.
 */
export function batchWork(pass: Pick<ChunkedPass, 'plan'>): Float64Array {
  const { plan } = pass;
  const graph = plan.searchGraph;
  const { component, sizes } = connectedComponents(graph);
  const work = Float64Array.from(sizes);
  for (let v = 0; v < graph.order; v += 1)
    work[component[v] as number] =
      (work[component[v] as number] as number) + (graph.offsets[v + 1] as number) - (graph.offsets[v] as number);
  const batches = new Float64Array(Math.ceil(plan.sources.length / BATCH_LANES));
  for (let i = 0; i < plan.sources.length; i += 1) {
    const node = plan.nodeOf[plan.sources[i] as number] as number;
    const b = Math.floor(i / BATCH_LANES);
    batches[b] = (batches[b] as number) + (work[component[node] as number] as number);
  }
  return batches;
}

/**
 * The share of a pass's work in chunk `k` of `count`, by default, relative to an equal share: from
 * `FIRST_CHUNK_SHARE` for the first chunk down to `LAST_CHUNK_SHARE` for the last, in a straight line
 * (the shares add up to `count`). Chunks are claimed in order, so the processes sharing a pass take the
 * large chunks first and finish on small ones: they end within a small chunk of each other rather than
 * within an average one (guided scheduling).
 */
export const FIRST_CHUNK_SHARE = 1.6;
export const LAST_CHUNK_SHARE = 0.4;

export function chunkShare(k: number, count: number): number {
  return count === 1 ? 1 : FIRST_CHUNK_SHARE + ((LAST_CHUNK_SHARE - FIRST_CHUNK_SHARE) * k) / (count - 1);
}

/**
 * The default partition of a pass: chunks of decreasing estimated work (`batchWork`, `chunkShare`), cut
 * on the search kernel's batches, as many as the work asks (`DEFAULT_CHUNK_WORK`) within 64–1024, fewer
 * for a short pass (`MIN_CHUNK_WORK`). Work rather than sources: the largest component's sources come
 * first in the locality order and cost its whole size each, the small components' almost nothing.
 */
export function defaultPartition(pass: Pick<ChunkedPass, 'plan' | 'sources'>): PassChunk[] {
  const batches = batchWork(pass);
  let total = 0;
  for (const work of batches) total += work;
  const byWork = Math.ceil(total / DEFAULT_CHUNK_WORK);
  const wanted = Math.min(MAX_DEFAULT_CHUNKS, Math.max(MIN_DEFAULT_CHUNKS, byWork));
  const count = Math.max(1, Math.min(wanted, Math.floor(total / MIN_CHUNK_WORK), batches.length));
  const chunks: PassChunk[] = [];
  let from = 0;
  let done = 0;
  let cut = (total * chunkShare(0, count)) / count;
  for (let b = 0; b < batches.length; b += 1) {
    done += batches[b] as number;
    // Cut where the work done reaches the chunks so far's shares of the total (the last batch ends the last).
    if (b === batches.length - 1 || (chunks.length < count - 1 && done >= cut)) {
      const to = Math.min(pass.sources, (b + 1) * BATCH_LANES);
      chunks.push({ index: chunks.length, from, to });
      from = to;
      cut += (total * chunkShare(chunks.length, count)) / count;
    }
  }
  return chunks.length === 0 ? [{ index: 0, from: 0, to: 0 }] : chunks;
}

/** The partition: consecutive runs of `chunkSources` plan sources (at least one chunk, even when empty). */
export function partition(sources: number, chunkSources: number): PassChunk[] {
  if (!Number.isInteger(chunkSources) || chunkSources < 1)
    throw new RangeError(`chunked-pass: chunkSources must be a positive whole number, got ${chunkSources}`);
  const chunks: PassChunk[] = [];
  for (let from = 0, index = 0; from < sources || index === 0; from += chunkSources, index += 1)
    chunks.push({ index, from, to: Math.min(sources, from + chunkSources) });
  return chunks;
}

/** Scratch for computing chunks in one thread, reused between them. */
export interface ChunkScratch {
  readonly search: PassScratch;
  readonly output: PassOutput;
}

/** What computing a chunk needs: the number of authors, and the plan. */
export interface ChunkRunner {
  readonly graph: { readonly order: number };
  readonly plan: RunnablePlan;
}

/** Scratch for computing chunks of a pass. */
export function chunkScratch(pass: ChunkRunner): ChunkScratch {
  const { searchGraph } = pass.plan;
  return {
    search: passScratch(),
    output: emptyOutput(pass.graph.order, searchGraph.order, 'exact', undefined, profileLength(pass.plan)),
  };
}

/** Runs one chunk's sources in this thread. */
export function computeChunk(
  pass: ChunkRunner,
  chunk: PassChunk,
  scratch: ChunkScratch = chunkScratch(pass),
  beforeSource?: () => void,
): ChunkPartial {
  const { plan } = pass;
  if (chunk.from < 0 || chunk.to > plan.sources.length || chunk.from > chunk.to)
    throw new RangeError(`chunked-pass: chunk ${chunk.index} (${chunk.from}..${chunk.to}) is outside the plan`);
  const { output } = scratch;
  output.accumulators.betweenness.fill(0);
  // `beforeSource` (a pass thread yielding to requests) runs before each batch of searches (runPlanRange's,
  // aligned to BATCH_LANES): the same sums as without it, flushed from the search kernel once at the end.
  if (beforeSource === undefined) runPlanRange(plan, chunk.from, chunk.to, output, scratch.search);
  else {
    for (let source = chunk.from; source < chunk.to;) {
      const end = Math.min(chunk.to, (Math.floor(source / BATCH_LANES) + 1) * BATCH_LANES);
      beforeSource();
      runPlanRange(plan, source, end, output, scratch.search, false);
      source = end;
    }
    flushSearches(scratch.search);
  }
  const count = chunk.to - chunk.from;
  const profiles: number[] = [];
  const profileStart = plan.behind?.profileStart;
  if (profileStart !== undefined)
    for (let i = chunk.from; i < chunk.to; i += 1) {
      const source = plan.sources[i] as number;
      for (let k = profileStart[source] as number; k < (profileStart[source + 1] as number); k += 1)
        profiles.push(output.totals.profile[k] as number);
    }
  const partial = {
    chunk,
    betweenness: output.accumulators.betweenness.slice(),
    distanceSum: new Float64Array(count),
    reached: new Int32Array(count),
    harmonic: new Float64Array(count),
    leafHarmonic: new Float64Array(count),
    eccentricity: new Int32Array(count),
    profile: Float64Array.from(profiles),
  };
  const { totals } = output;
  for (let i = 0; i < count; i += 1) {
    const source = plan.sources[chunk.from + i] as number;
    partial.distanceSum[i] = totals.distanceSum[source] as number;
    partial.reached[i] = totals.reached[source] as number;
    partial.harmonic[i] = totals.harmonic[source] as number;
    partial.leafHarmonic[i] = totals.leafHarmonic[source] as number;
    partial.eccentricity[i] = totals.eccentricity[source] as number;
  }
  return partial;
}

/**
 * The exact scores from every chunk's partial sums, in the network's own author order: dependencies
 * added in chunk order (whatever order the partials come in), totals placed by source.
 */
export function combineChunks(pass: CombinedPass, partials: readonly ChunkPartial[]): AllPairsScores {
  const { graph, plan, toOld } = pass;
  const sorted = [...partials].sort((a, b) => a.chunk.index - b.chunk.index);
  let next = 0;
  for (const partial of sorted) {
    if (partial.chunk.from !== next)
      throw new Error(
        `chunked-pass: the chunks do not cover the plan (expected one from source ${next}, got chunk ${partial.chunk.index} from ${partial.chunk.from})`,
      );
    if (partial.betweenness.length !== plan.searchGraph.order)
      throw new Error(
        `chunked-pass: chunk ${partial.chunk.index} holds ${partial.betweenness.length} search nodes, not ${plan.searchGraph.order}`,
      );
    next = partial.chunk.to;
  }
  if (next !== plan.sources.length)
    throw new Error(`chunked-pass: the chunks cover ${next} of ${plan.sources.length} sources`);
  const output = emptyOutput(graph.order, plan.searchGraph.order, 'exact', undefined, profileLength(plan));
  const { betweenness } = output.accumulators;
  const profileStart = plan.behind?.profileStart;
  const { totals } = output;
  for (const partial of sorted) {
    const b = partial.betweenness;
    for (let v = 0; v < betweenness.length; v += 1) betweenness[v] = (betweenness[v] as number) + (b[v] as number);
    for (let i = 0; i < partial.chunk.to - partial.chunk.from; i += 1) {
      const source = plan.sources[partial.chunk.from + i] as number;
      totals.distanceSum[source] = partial.distanceSum[i] as number;
      totals.reached[source] = partial.reached[i] as number;
      totals.harmonic[source] = partial.harmonic[i] as number;
      totals.leafHarmonic[source] = partial.leafHarmonic[i] as number;
      totals.eccentricity[source] = partial.eccentricity[i] as number;
    }
    if (profileStart !== undefined) {
      let at = 0;
      for (let i = partial.chunk.from; i < partial.chunk.to; i += 1) {
        const source = plan.sources[i] as number;
        for (let k = profileStart[source] as number; k < (profileStart[source + 1] as number); k += 1)
          totals.profile[k] = partial.profile[at++] as number;
      }
      if (at !== partial.profile.length)
        throw new Error(`chunked-pass: chunk ${partial.chunk.index} holds profiles of another plan`);
    }
  }
  const scores = finishPass(graph, plan, output, new Int32Array(0), toOld);
  return {
    betweenness: toOriginalOrder(scores.betweenness, toOld),
    closeness: toOriginalOrder(scores.closeness, toOld),
    harmonic: toOriginalOrder(scores.harmonic, toOld),
    ...(scores.figures === undefined ? {} : { figures: scores.figures }),
  };
}

/** What combining needs of a pass (posted to a pass thread: `combineChunksOnPassThread`). */
export type CombinedPass = Pick<ChunkedPass, 'graph' | 'plan' | 'toOld'>;

/** `combineChunks` of partials in their stored form (`encodePartial`). */
export function combineEncodedChunks(pass: CombinedPass, encoded: readonly Uint8Array[]): AllPairsScores {
  return combineChunks(
    pass,
    encoded.map((bytes) => decodePartial(bytes)),
  );
}

// The stored form of a partial (bytea): a header, then the arrays, little-endian.
const MAGIC = 0x43475032; // "CGP2"
const HEADER_BYTES = 24;
export function encodePartial(partial: ChunkPartial): Buffer {
  const n = partial.betweenness.length;
  const count = partial.chunk.to - partial.chunk.from;
  const profiles = partial.profile.length;
  const buffer = Buffer.alloc(HEADER_BYTES + 8 * n + count * (8 * 3 + 4 * 2) + 8 * profiles);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  view.setUint32(0, MAGIC, true);
  view.setInt32(4, partial.chunk.index, true);
  view.setInt32(8, partial.chunk.from, true);
  view.setInt32(12, partial.chunk.to, true);
  view.setInt32(16, n, true);
  view.setInt32(20, profiles, true);
  let at = HEADER_BYTES;
  const put = (array: Float64Array | Int32Array) => {
    buffer.set(littleEndianBytes(array), at);
    at += array.byteLength;
  };
  put(partial.betweenness);
  put(partial.distanceSum);
  put(partial.harmonic);
  put(partial.leafHarmonic);
  put(partial.reached);
  put(partial.eccentricity);
  put(partial.profile);
  return buffer;
}

export function decodePartial(bytes: Uint8Array): ChunkPartial {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES || view.getUint32(0, true) !== MAGIC)
    throw new Error('chunked-pass: not a stored chunk partial');
  const chunk = { index: view.getInt32(4, true), from: view.getInt32(8, true), to: view.getInt32(12, true) };
  const n = view.getInt32(16, true);
  const count = chunk.to - chunk.from;
  const profiles = view.getInt32(20, true);
  if (n < 0 || count < 0 || profiles < 0 || bytes.byteLength !== HEADER_BYTES + 8 * n + count * 32 + 8 * profiles)
    throw new Error(`chunked-pass: stored partial of chunk ${chunk.index} has the wrong length`);
  let at = HEADER_BYTES;
  // Copied (the stored bytes need not be aligned for a typed array over them).
  const take = <T extends Float64Array | Int32Array>(array: T): T => {
    readLittleEndian(bytes.subarray(at, at + array.byteLength), array);
    at += array.byteLength;
    return array;
  };
  const betweenness = take(new Float64Array(n));
  const distanceSum = take(new Float64Array(count));
  const harmonic = take(new Float64Array(count));
  const leafHarmonic = take(new Float64Array(count));
  const reached = take(new Int32Array(count));
  const eccentricity = take(new Int32Array(count));
  const profile = take(new Float64Array(profiles));
  return { chunk, betweenness, distanceSum, reached, harmonic, leafHarmonic, eccentricity, profile };
}
