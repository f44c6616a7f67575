/**
 * Typed views of the generated NetworkX reference (tests/reference/networkx-expected.ts), whose literal
 * `as const` types are too narrow to index by a name held in a variable.
 */
import { expect } from 'vitest';
import type { CentralityMetric } from '../../src/analysis/centrality.ts';
import { handMadeEdges, handMadeExpected, seedExpected } from '../reference/networkx-expected.ts';
import { yearWindowExpected } from '../reference/year-window-expected.ts';

export interface ReferencePath {
  readonly from: string;
  readonly to: string;
  readonly length: number | null;
  readonly allShortestPaths: readonly (readonly string[])[];
  readonly allShortestPathIds: readonly (readonly string[])[];
  readonly weightiestShortestPath: {
    readonly ids: readonly string[];
    readonly authors: readonly string[];
    readonly hopWeights: readonly number[];
    readonly totalJointPapers: number;
  } | null;
}

/** NetworkX's values per metric and author name (`constraint` / `effectiveSize`: null where NetworkX gives NaN, none here). */
export type MetricTable = Readonly<Record<CentralityMetric, Readonly<Record<string, number>>>>;

/** Whole-network figures (`structure` in the generated file; see networkx_reference.structure). */
export interface StructureFiguresReference {
  readonly degeneracy: number;
  readonly transitivity: number;
  readonly averageClustering: number;
  readonly degreeAssortativity: number | null;
  readonly largestComponentShare: number;
  readonly averageShortestPathLength: number;
  readonly diameter: number;
}
export type TightMetricTable = Readonly<Record<'eigenvector' | 'pagerank', Readonly<Record<string, number>>>>;
export type ReferenceEdge = readonly [string, string, number];

export interface ReferenceGraph {
  /** Author names, in the order of the reference's `authorIds` (seed) or alphabetical (hand-made). */
  readonly names: readonly string[];
  readonly idOf: (name: string) => string;
  readonly edges: readonly ReferenceEdge[];
  readonly metrics: MetricTable;
  readonly metricsTight: TightMetricTable;
  readonly maxDefaultVsTight: Readonly<Record<'eigenvector' | 'pagerank', number>>;
  readonly structure: StructureFiguresReference;
}

const seedIds = seedExpected.authorIds as Readonly<Record<string, string>>;

export const seedReference: ReferenceGraph = {
  names: Object.keys(seedIds),
  idOf: (name) => {
    const id = seedIds[name];
    if (id === undefined) throw new Error(`reference: no id for "${name}"`);
    return id;
  },
  edges: seedExpected.edges as readonly ReferenceEdge[],
  metrics: seedExpected.metrics as unknown as MetricTable,
  metricsTight: seedExpected.metricsTight as TightMetricTable,
  maxDefaultVsTight: {
    eigenvector: seedExpected.convergence.eigenvector.maxAbsDiffDefaultVsTight,
    pagerank: seedExpected.convergence.pagerank.maxAbsDiffDefaultVsTight,
  },
  structure: seedExpected.structure,
};

export const handMadeReference: ReferenceGraph = {
  names: [...new Set(handMadeEdges.flatMap(([a, b]) => [a, b]))].sort(),
  idOf: (name) => name,
  edges: handMadeEdges as readonly ReferenceEdge[],
  metrics: handMadeExpected.metrics as unknown as MetricTable,
  metricsTight: handMadeExpected.metricsTight as TightMetricTable,
  maxDefaultVsTight: {
    eigenvector: handMadeExpected.convergence.eigenvector.maxAbsDiffDefaultVsTight,
    pagerank: handMadeExpected.convergence.pagerank.maxAbsDiffDefaultVsTight,
  },
  structure: handMadeExpected.structure,
};

export const seedPaths = [...seedExpected.paths, ...seedExpected.extraPaths] as readonly ReferencePath[];
export const handMadePaths = handMadeExpected.paths as readonly ReferencePath[];
export const handMadeDistances = handMadeExpected.shortestPathLength as Readonly<
  Record<string, Readonly<Record<string, number>>>
>;

/** Hop distances from `source` by breadth-first search over an edge list, leaving out `avoid`. */
export function referenceDistances(
  edges: readonly ReferenceEdge[],
  source: string,
  avoid: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const neighbors = new Map<string, string[]>();
  for (const [a, b] of edges) {
    if (avoid.has(a) || avoid.has(b)) continue;
    neighbors.set(a, [...(neighbors.get(a) ?? []), b]);
    neighbors.set(b, [...(neighbors.get(b) ?? []), a]);
  }
  const distance = new Map([[source, 0]]);
  const queue = [source];
  for (let head = 0; head < queue.length; head += 1) {
    const current = queue[head] as string;
    for (const next of neighbors.get(current) ?? []) {
      if (!distance.has(next)) {
        distance.set(next, (distance.get(current) as number) + 1);
        queue.push(next);
      }
    }
  }
  return distance;
}

export type YearWindowFigure = keyof typeof yearWindowExpected.stats;

/**
 * The figures of the window {from: 2017} of ACL 2016 + 2017 against NetworkX's on the 2017 papers
 * (year-window-expected.ts): the counts exactly; density, transitivity and average clustering within
 * `tolerance` (relative, absolute below 1).
 */
export function expectYearWindowStats(figure: (key: YearWindowFigure) => number, tolerance: number): void {
  const counts = [
    'paperCount',
    'authorCount',
    'collaborationCount',
    'componentCount',
    'largestComponentSize',
    'degeneracy',
  ] as const;
  for (const key of counts) expect(figure(key), key).toBe(yearWindowExpected.stats[key]);
  for (const key of ['density', 'transitivity', 'averageClustering'] as const) {
    const [actual, wanted] = [figure(key), yearWindowExpected.stats[key]];
    expect(Math.abs(actual - wanted), `${key}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(wanted)),
    );
  }
}
