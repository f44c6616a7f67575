/**
 * The power iterations' products with a graph's weighted adjacency (power-iteration.ts) in the
 * WebAssembly kernel (search-kernel/kernel.as.ts `adjacencyProduct`, `pairedProduct`): an instance
 * of its own, holding a copy of the graph's arrays and the vectors. Each sum has the terms of the
 * TypeScript loops, in their order, so the products, and the scores, are bit for bit theirs
 * (tests/analysis/product-kernel.test.ts); the two products of a paired round go side by side in one
 * SIMD register. Twice as fast as the TypeScript loops on the ACL Anthology (2.0 against 4.1 ms a
 * paired product), whose bounds checks and conversions it does without.
 *
 * The copy costs 12 bytes an adjacency entry and 36 an author, so graphs past `PRODUCT_KERNEL_ENTRIES`
 * keep the TypeScript loops (at 1 M synthetic papers the copy would be 260 MB more in the local
 * metrics' worker).
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { kernelModule } from './search-kernel.ts';

/** Adjacency entries up to which the products run in the kernel: 8 M (the ACL Anthology has 1 M). */
export const PRODUCT_KERNEL_ENTRIES = 8_000_000;

type WeightedGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors' | 'weights'>;

interface ProductExports {
  readonly memory: WebAssembly.Memory;
  freeFrom(): number;
  adjacencyProduct(n: number, offsets: number, neighbors: number, weights: number, x: number, out: number): void;
  pairedProduct(
    n: number,
    offsets: number,
    neighbors: number,
    weights: number,
    pair: number,
    out1: number,
    out2: number,
  ): void;
}

const PAGE = 65536;

export class ProductKernel {
  private readonly n: number;
  private readonly exports: ProductExports;
  private readonly at: {
    offsets: number;
    neighbors: number;
    weights: number;
    pair: number;
    out1: number;
    out2: number;
  };
  private readonly pair: Float64Array;
  private readonly x: Float64Array;
  private readonly out1: Float64Array;
  private readonly out2: Float64Array;

  /** The kernel for `graph`, or null when its copy would be too large (`limit` adjacency entries). */
  static for(graph: WeightedGraph, limit = PRODUCT_KERNEL_ENTRIES): ProductKernel | null {
    return graph.neighbors.length > limit ? null : new ProductKernel(graph);
  }

  private constructor(graph: WeightedGraph) {
    const n = graph.order;
    const m = graph.neighbors.length;
    this.n = n;
    this.exports = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as ProductExports;
    let end = Math.ceil(this.exports.freeFrom() / 16) * 16;
    const take = (bytes: number): number => {
      const at = end;
      end += Math.ceil(bytes / 16) * 16;
      return at;
    };
    // `pair` doubles as the single product's x (its first n values).
    this.at = {
      offsets: take(4 * (n + 1)),
      neighbors: take(4 * m),
      weights: take(8 * m),
      pair: take(16 * n),
      out1: take(8 * n),
      out2: take(8 * n),
    };
    const { memory } = this.exports;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const buffer = memory.buffer;
    new Int32Array(buffer, this.at.offsets, n + 1).set(graph.offsets.subarray(0, n + 1));
    new Int32Array(buffer, this.at.neighbors, m).set(graph.neighbors);
    // As doubles: joint papers convert exactly, and a tie weighting's fractions are doubles already.
    new Float64Array(buffer, this.at.weights, m).set(graph.weights);
    this.pair = new Float64Array(buffer, this.at.pair, 2 * n);
    this.x = new Float64Array(buffer, this.at.pair, n);
    this.out1 = new Float64Array(buffer, this.at.out1, n);
    this.out2 = new Float64Array(buffer, this.at.out2, n);
  }

  /** `out` = A·`x`. */
  product(x: Float64Array, out: Float64Array): void {
    const { at } = this;
    this.x.set(x.subarray(0, this.n));
    this.exports.adjacencyProduct(this.n, at.offsets, at.neighbors, at.weights, at.pair, at.out1);
    out.set(this.out1);
  }

  /** `out1` = A·`x1` and `out2` = A·`x2`, in one sweep. */
  paired(x1: Float64Array, x2: Float64Array, out1: Float64Array, out2: Float64Array): void {
    const { at, pair, n } = this;
    for (let v = 0; v < n; v += 1) {
      pair[2 * v] = x1[v] as number;
      pair[2 * v + 1] = x2[v] as number;
    }
    this.exports.pairedProduct(n, at.offsets, at.neighbors, at.weights, at.pair, at.out1, at.out2);
    out1.set(this.out1);
    out2.set(this.out2);
  }
}
