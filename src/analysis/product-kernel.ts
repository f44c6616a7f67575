/**
 * The power iterations' products with a graph's weighted adjacency (power-iteration.ts) in the
 * WebAssembly kernel (search-kernel/kernel.as.ts `adjacencyProduct`, `pairedProduct`): an instance
 * of its own, holding a copy of the graph's arrays and the vectors. Each sum has the terms of the
 * TypeScript loops, in their order, so the products, and the scores, are bit for bit theirs
 * (tests/analysis/product-kernel.test.ts); the two products of a paired round go side by side in one
 * SIMD register. Twice as fast as the TypeScript loops on the ACL Anthology (2.0 against 4.1 ms a
 * paired product), whose bounds checks and conversions it does without; at 1 M synthetic papers
 * (18 M adjacency entries, where the gathers from the vectors miss the cache) 125 against 335 ms,
 * 25 s of the local metrics' 33 s.
 *
 * Joint papers up to 65,535 a tie are copied as 16-bit integers (the `…U16` kernels, which convert
 * them exactly), other weights (a tie weighting's fractions) as doubles: 6 or 12 bytes an adjacency
 * entry and 36 an author, 160 MB at 1 M synthetic papers. Graphs whose copy would pass
 * `PRODUCT_KERNEL_BYTES` keep the TypeScript loops. The local metrics run in a worker of their own
 * that exits when they are done (db/curation-step.ts), which gives the copy back.
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { kernelModule } from './search-kernel.ts';

/** The largest copy of a graph the products make in the kernel: 1 GiB (the ACL Anthology's is 13 MB). */
export const PRODUCT_KERNEL_BYTES = 1 << 30;

/** The largest joint-paper count copied as a 16-bit weight. */
const U16_WEIGHT = 0xffff;

type WeightedGraph = Pick<CompactGraph, 'order' | 'offsets' | 'neighbors' | 'weights'>;

interface ProductExports {
  readonly memory: WebAssembly.Memory;
  freeFrom(): number;
  adjacencyProduct: Product;
  adjacencyProductU16: Product;
  pairedProduct: PairedProduct;
  pairedProductU16: PairedProduct;
}

type Product = (n: number, offsets: number, neighbors: number, weights: number, x: number, out: number) => void;
type PairedProduct = (
  n: number,
  offsets: number,
  neighbors: number,
  weights: number,
  pair: number,
  out1: number,
  out2: number,
) => void;

const PAGE = 65536;

export class ProductKernel {
  private readonly n: number;
  private readonly exports: ProductExports;
  private readonly adjacencyProduct: Product;
  private readonly pairedProduct: PairedProduct;
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

  /** The kernel for `graph`, or null when its copy would take more than `limit` bytes. */
  static for(graph: WeightedGraph, limit = PRODUCT_KERNEL_BYTES): ProductKernel | null {
    const narrow = narrowWeights(graph.weights);
    return copyBytes(graph, narrow) > limit ? null : new ProductKernel(graph, narrow);
  }

  /** Whether `ProductKernel.for(graph, limit)` makes a kernel (else the products run in the TypeScript loops). */
  static fits(graph: WeightedGraph, limit = PRODUCT_KERNEL_BYTES): boolean {
    return copyBytes(graph, narrowWeights(graph.weights)) <= limit;
  }

  private constructor(graph: WeightedGraph, narrow: boolean) {
    const n = graph.order;
    const m = graph.neighbors.length;
    this.n = n;
    this.exports = new WebAssembly.Instance(kernelModule(), {}).exports as unknown as ProductExports;
    this.adjacencyProduct = narrow ? this.exports.adjacencyProductU16 : this.exports.adjacencyProduct;
    this.pairedProduct = narrow ? this.exports.pairedProductU16 : this.exports.pairedProduct;
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
      weights: take((narrow ? 2 : 8) * m),
      pair: take(16 * n),
      out1: take(8 * n),
      out2: take(8 * n),
    };
    const { memory } = this.exports;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const buffer = memory.buffer;
    new Int32Array(buffer, this.at.offsets, n + 1).set(graph.offsets.subarray(0, n + 1));
    new Int32Array(buffer, this.at.neighbors, m).set(graph.neighbors);
    // Joint papers as 16-bit integers, else as doubles (a tie weighting's fractions are doubles already).
    if (narrow) new Uint16Array(buffer, this.at.weights, m).set(graph.weights);
    else new Float64Array(buffer, this.at.weights, m).set(graph.weights);
    this.pair = new Float64Array(buffer, this.at.pair, 2 * n);
    this.x = new Float64Array(buffer, this.at.pair, n);
    this.out1 = new Float64Array(buffer, this.at.out1, n);
    this.out2 = new Float64Array(buffer, this.at.out2, n);
  }

  /** `out` = A·`x`. */
  product(x: Float64Array, out: Float64Array): void {
    const { at } = this;
    this.x.set(x.subarray(0, this.n));
    this.adjacencyProduct(this.n, at.offsets, at.neighbors, at.weights, at.pair, at.out1);
    out.set(this.out1);
  }

  /** `out1` = A·`x1` and `out2` = A·`x2`, in one sweep. */
  paired(x1: Float64Array, x2: Float64Array, out1: Float64Array, out2: Float64Array): void {
    const { at, pair, n } = this;
    for (let v = 0; v < n; v += 1) {
      pair[2 * v] = x1[v] as number;
      pair[2 * v + 1] = x2[v] as number;
    }
    this.pairedProduct(n, at.offsets, at.neighbors, at.weights, at.pair, at.out1, at.out2);
    out1.set(this.out1);
    out2.set(this.out2);
  }
}

/** Whether every weight is a whole number of joint papers that fits 16 bits. */
function narrowWeights(weights: WeightedGraph['weights']): boolean {
  if (!(weights instanceof Uint32Array)) return false;
  for (let j = 0; j < weights.length; j += 1) if ((weights[j] as number) > U16_WEIGHT) return false;
  return true;
}

/** The bytes of the kernel's copy of `graph` (its arrays and the vectors). */
function copyBytes(graph: WeightedGraph, narrow: boolean): number {
  return 4 * (graph.order + 1) + (4 + (narrow ? 2 : 8)) * graph.neighbors.length + 32 * graph.order;
}
