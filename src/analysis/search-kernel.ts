/**
 * The WebAssembly search kernel (search-kernel/kernel.as.ts, built at install time by
 * src/bin/build-kernel.js) with the arrays of one search graph in its memory. One per scratch
 * (shortest-path-pass.ts `passScratch`), so one per thread: the module is compiled once per thread,
 * each kernel is an instance with a memory of its own.
 *
 * The kernel adds its dependencies into a betweenness array in its own memory; `flush` adds that into
 * the caller's array (the one the searches since the last flush were asked to add to) and clears it.
 * Binding another graph or another target array flushes first, so nothing is lost or mixed; a caller
 * reading its betweenness array flushes before (shortest-path-pass.ts `flushSearches`).
 */
import type { Behind, PassGraph } from './shortest-path-pass.ts';
import { SEARCH_KERNEL_WASM } from './search-kernel/binary.generated.ts';

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  setLayout(...addresses: number[]): void;
  freeFrom(): number;
  reached(): number;
  run(source: number, multiplicity: number, leaves: number, linearScaling: number, accumulate: number): number;
  setBatchLayout(...addresses: number[]): void;
  runBatch(count: number): number;
}

/** Sources searched together by `runBatch` (one bit of a byte each: see kernel.as.ts). */
export const BATCH_LANES = 8;

let compiled: WebAssembly.Module | null = null;

/** The compiled kernel (once per thread); its instances each have a memory of their own. */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(SEARCH_KERNEL_WASM, 'base64'));
  return compiled;
}

const PAGE = 65536;

export class SearchKernel {
  private readonly exports: KernelExports;
  private graph: PassGraph | null = null;
  private weight: Int32Array | null = null;
  private behind: Behind | null = null;
  private target: Float64Array | null = null;
  /** Byte address of the kernel's betweenness array, and its length (the bound graph's order). */
  private betweennessAt = 0;
  /** Byte addresses of the arrays behind `queue`, `levelStart` and `levelMembers`. */
  private viewsAt = { queue: 0, levelStart: 0, levelMembers: 0 };
  /** Where the bound layout ends (the batch arrays go there, when first asked for). */
  private layoutEnd = 0;
  private levels = 0;
  /** The batch arrays' lane parameters (byte address), or −1 while they are not laid out for the bound graph. */
  private laneAt = -1;
  /** Per lane: the level counts of the last batch (views into the kernel's memory). */
  laneMembers: Float64Array[] = [];
  /** Views of the bound layout (remade when the memory grows). */
  queue = new Int32Array(0);
  levelStart = new Int32Array(0);
  levelMembers = new Float64Array(0);

  constructor() {
    this.exports = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as KernelExports;
  }

  /** Puts a search graph's arrays into the kernel's memory (nothing to do when they are there already). */
  bind(graph: PassGraph, weight: Int32Array, behind: Behind | null, height: number): void {
    if (this.graph === graph && this.weight === weight && this.behind === behind) return;
    this.flush();
    const n = graph.order;
    const m = graph.neighbors.length;
    const counts = behind === null ? 0 : behind.counts.length;
    let end = Math.ceil(this.exports.freeFrom() / 8) * 8;
    const take = (bytes: number): number => {
      const at = end;
      end += Math.ceil(bytes / 8) * 8;
      return at;
    };
    const levels = n + Math.max(height, behind?.height ?? 0) + 2;
    // A search lists a tie as a successor at most once (from the nearer end; a tie within a level not
    // at all), so half the adjacency entries is room for every successor of a symmetric graph (37 MB
    // less per pass thread at 1 M synthetic papers than room for every entry). The kernel checks.
    const successorRoom = Math.ceil(m / 2);
    const at = {
      offsets: take(4 * (n + 1)),
      neighbors: take(4 * m),
      weight: take(4 * n),
      place: take(4 * n),
      settled: take(4 * Math.ceil(n / 32)),
      queue: take(4 * n),
      sigma: take(8 * n),
      delta: take(8 * n),
      levelStart: take(4 * (n + 2)),
      levelMembers: take(8 * levels),
      successors: take(4 * successorRoom),
      successorStart: take(4 * (n + 1)),
      betweenness: take(8 * n),
      // Read only when authors hang behind the nodes (the exact pass's plans): an estimate's kernel goes
      // without them, 12 bytes a node (16 MB a pass thread at 1 M synthetic papers).
      extra: take(behind === null ? 0 : 8 * n),
      behindStart: take(behind === null ? 0 : 4 * (n + 1)),
      behindCounts: take(8 * counts),
    };
    const { memory } = this.exports;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const buffer = memory.buffer;
    new Int32Array(buffer, at.offsets, n + 1).set(graph.offsets.subarray(0, n + 1));
    new Int32Array(buffer, at.neighbors, m).set(graph.neighbors);
    new Int32Array(buffer, at.weight, n).set(weight.subarray(0, n));
    new Int32Array(buffer, at.place, n).fill(-1);
    new Int32Array(buffer, at.settled, Math.ceil(n / 32)).fill(0);
    new Float64Array(buffer, at.levelMembers, levels).fill(0);
    new Float64Array(buffer, at.betweenness, n).fill(0);
    if (behind !== null) {
      new Float64Array(buffer, at.extra, n).set(behind.extra.subarray(0, n));
      new Int32Array(buffer, at.behindStart, n + 1).set(behind.start.subarray(0, n + 1));
      new Float64Array(buffer, at.behindCounts, counts).set(behind.counts);
    }
    this.exports.setLayout(
      at.offsets,
      at.neighbors,
      at.weight,
      at.place,
      at.settled,
      at.queue,
      at.sigma,
      at.delta,
      at.levelStart,
      at.levelMembers,
      at.successors,
      at.successorStart,
      at.betweenness,
      at.extra,
      at.behindStart,
      at.behindCounts,
      behind === null ? 0 : 1,
      successorRoom,
    );
    this.levels = levels;
    this.viewsAt = { queue: at.queue, levelStart: at.levelStart, levelMembers: at.levelMembers };
    this.singleViews(buffer, n);
    this.betweennessAt = at.betweenness;
    this.layoutEnd = end;
    this.laneAt = -1;
    this.laneMembers = [];
    this.graph = graph;
    this.weight = weight;
    this.behind = behind;
  }

  /**
   * One search from `source` of the bound graph (see `runSource`); its dependencies go to `into` (at
   * the next flush), none when null. Returns the deepest level with authors.
   */
  run(source: number, multiplicity: number, leaves: number, linearScaling: boolean, into: Float64Array | null): number {
    if (into !== null && into !== this.target) {
      this.flush();
      this.target = into;
    }
    const deepest = this.exports.run(source, multiplicity, leaves, linearScaling ? 1 : 0, into === null ? 0 : 1);
    if (deepest < 0) {
      // The level counts the refused search made so far, cleared as a finished search's are.
      this.levelMembers.fill(0);
      throw new Error(
        `search-kernel: the search from node ${source} found more successors than the graph has ties: its adjacency is not symmetric`,
      );
    }
    return deepest;
  }

  private singleViews(buffer: ArrayBuffer, n: number): void {
    this.queue = new Int32Array(buffer, this.viewsAt.queue, n);
    this.levelStart = new Int32Array(buffer, this.viewsAt.levelStart, n + 2);
    this.levelMembers = new Float64Array(buffer, this.viewsAt.levelMembers, this.levels);
  }

  /**
   * Lays out the batched searches' arrays after the bound graph's, about 280 bytes per node and 40 per
   * adjacency entry (46 MB for the whole ACL Anthology's core), so only for the passes that batch: the
   * exact pass.
   */
  private bindBatch(): void {
    const graph = this.graph;
    if (graph === null) throw new Error('search-kernel: no graph bound');
    const n = graph.order;
    const m = graph.neighbors.length;
    let end = this.layoutEnd;
    const take = (bytes: number, align = 8): number => {
      end = Math.ceil(end / align) * align;
      const at = end;
      end += bytes;
      return at;
    };
    const lanes = BATCH_LANES;
    const at = {
      seen: take(n),
      next: take(n),
      successorNode: take(4 * (lanes * m + 1)),
      successorMask: take(lanes * m + 1),
      successorStart: take(4 * (lanes * n + lanes + 1)),
      sigma: take(8 * lanes * n, 64),
      delta: take(8 * lanes * n, 64),
      entryNode: take(4 * (lanes * n + lanes)),
      entryMask: take(lanes * n + lanes),
      entryStart: take(4 * (n + 3)),
      newList: take(4 * (n + 1)),
      expand: take(256 * 64, 64),
      lane: take(224, 16),
      members: take(8 * lanes * this.levels),
    };
    const { memory } = this.exports;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const buffer = memory.buffer;
    new Uint8Array(buffer, at.seen, 2 * n).fill(0);
    new Float64Array(buffer, at.sigma, lanes * n).fill(0);
    new Float64Array(buffer, at.members, lanes * this.levels).fill(0);
    this.exports.setBatchLayout(
      at.seen,
      at.next,
      at.successorNode,
      at.successorMask,
      at.successorStart,
      at.sigma,
      at.delta,
      at.entryNode,
      at.entryMask,
      at.entryStart,
      at.newList,
      at.expand,
      at.lane,
      at.members,
      this.levels,
    );
    this.laneAt = at.lane;
    this.laneMembers = Array.from(
      { length: lanes },
      (_, s) => new Float64Array(buffer, at.members + 8 * s * this.levels, this.levels),
    );
    // The single search's views were made on the buffer before it grew (detached now, they are empty).
    this.singleViews(buffer, n);
  }

  /**
   * Searches from up to BATCH_LANES distinct nodes of the bound graph at once, exact mode (no linear
   * scaling), their dependencies × `multiplicity[s]` going to `into` (at the next flush). Lane s then
   * has its reached authors in `reached[s]`, its deepest level in `deepest[s]` and its level counts in
   * `laneMembers[s]` (the caller clears them, as after `run`).
   */
  runBatch(
    sources: ArrayLike<number>,
    multiplicity: ArrayLike<number>,
    leaves: ArrayLike<number>,
    count: number,
    into: Float64Array,
    reached: Float64Array,
    deepest: Int32Array,
  ): void {
    if (count < 1 || count > BATCH_LANES)
      throw new RangeError(`search-kernel: a batch holds 1..${BATCH_LANES} sources`);
    if (into !== this.target) {
      this.flush();
      this.target = into;
    }
    if (this.laneAt === -1) this.bindBatch();
    const buffer = this.exports.memory.buffer;
    const laneSources = new Int32Array(buffer, this.laneAt, BATCH_LANES);
    const laneMultiplicity = new Float64Array(buffer, this.laneAt + 32, BATCH_LANES);
    const laneLeaves = new Int32Array(buffer, this.laneAt + 96, BATCH_LANES);
    for (let s = 0; s < BATCH_LANES; s += 1) {
      laneSources[s] = s < count ? (sources[s] as number) : 0;
      laneMultiplicity[s] = s < count ? (multiplicity[s] as number) : 0;
      laneLeaves[s] = s < count ? (leaves[s] as number) : 0;
    }
    this.exports.runBatch(count);
    reached.set(new Float64Array(buffer, this.laneAt + 128, count));
    deepest.set(new Int32Array(buffer, this.laneAt + 192, count));
  }

  /** Authors reached by the last search. */
  reached(): number {
    return this.exports.reached();
  }

  /** Bytes of the kernel's memory (grown for the largest graph bound so far; WebAssembly memory never shrinks). */
  memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** Adds the dependencies summed since the last flush into their target, and clears them here. */
  flush(): void {
    const target = this.target;
    if (target === null || this.graph === null) return;
    const sums = new Float64Array(this.exports.memory.buffer, this.betweennessAt, this.graph.order);
    for (let v = 0; v < sums.length; v += 1) target[v] = (target[v] as number) + (sums[v] as number);
    sums.fill(0);
    this.target = null;
  }
}
