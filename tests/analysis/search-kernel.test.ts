import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  type PassOutput,
  type RunnablePlan,
  emptyOutput,
  exactPlan,
  profileLength,
  runPlanRange,
  samplePlan,
} from '../../src/analysis/all-pairs-centrality.ts';
import { localityOrder } from '../../src/analysis/locality-order.ts';
import {
  BATCH_LANES,
  type PassGraph,
  flushSearches,
  passScratch,
  runSource,
  runSourceBatch,
} from '../../src/analysis/shortest-path-pass.ts';
import { syntheticNetwork } from '../helpers/networks.ts';
import { typescriptRunSource, typescriptScratch } from '../helpers/typescript-search.ts';

/** runPlanRange's loop over the TypeScript kernel the WebAssembly one replaced. */
function referenceRange(plan: RunnablePlan, output: PassOutput): void {
  const scratch = typescriptScratch(plan.searchGraph);
  for (const source of plan.sources) {
    const leaves = plan.mode === 'exact' ? (plan.leaves[source] as number) : 0;
    const twins = plan.mode === 'exact' ? (plan.multiplicity[source] as number) : 1;
    const node = plan.nodeOf[source] as number;
    const hanging = plan.behind === null ? 0 : (plan.behind.extra[node] as number);
    typescriptRunSource(
      plan.searchGraph,
      plan.weight,
      node,
      source,
      twins + leaves + hanging,
      leaves,
      scratch,
      output.totals,
      plan.mode === 'refine' ? null : output.accumulators,
      plan.linearScaling,
      plan.behind,
    );
  }
}

/** Places where two arrays differ in any bit (NaN and −0 included). */
function differing(a: ArrayLike<number> | null, b: ArrayLike<number> | null): number[] {
  if (a === null || b === null) return a === b ? [] : [-1];
  const places: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) if (!Object.is(a[i], b[i])) places.push(i);
  return places;
}

/** The largest relative difference between two arrays of the same length. */
function largestRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
  }
  return worst;
}

/**
 * Bit for bit, except the exact pass's dependencies: its batched searches (kernel.as.ts `runBatch`) sum
 * them in another order, so they agree to rounding (the totals are sums of whole numbers: identical).
 */
function expectIdentical(actual: PassOutput, expected: PassOutput, batched = false): void {
  const { accumulators: a, totals: t } = actual;
  const { accumulators: ea, totals: et } = expected;
  if (batched) expect(largestRelative(a.betweenness, ea.betweenness)).toBeLessThan(1e-13);
  else expect(differing(a.betweenness, ea.betweenness)).toEqual([]);
  expect(differing(a.distanceToSources, ea.distanceToSources)).toEqual([]);
  expect(differing(a.inverseDistanceToSources, ea.inverseDistanceToSources)).toEqual([]);
  for (const key of ['distanceSum', 'reached', 'harmonic', 'leafHarmonic', 'eccentricity', 'profile'] as const)
    expect(differing(t[key], et[key]), key).toEqual([]);
}

const outputFor = (graph: PassGraph, plan: RunnablePlan): PassOutput =>
  emptyOutput(graph.order, plan.searchGraph.order, plan.mode, undefined, profileLength(plan));

const dense = localityOrder(syntheticNetwork(11, 500, { newAuthorShare: 0.3 }).compact).graph;
const sparse = localityOrder(syntheticNetwork(3, 300, { newAuthorShare: 0.7 }).compact).graph;

describe('the WebAssembly search kernel', () => {
  it('is built from the current AssemblyScript source (npm install / npm run build:kernel)', () => {
    // Fails when kernel.as.ts changed and the generated module was not rebuilt.
    expect(() =>
      execFileSync(process.execPath, ['src/bin/build-kernel.js', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  }, 120_000);

  const plans: [string, PassGraph, () => RunnablePlan][] = [
    ['exact, decomposed (authors behind nodes, twins, leaves)', dense, () => exactPlan(dense)],
    ['exact, not decomposed', dense, () => exactPlan(dense, { decompose: false })],
    ['exact, many small components', sparse, () => exactPlan(sparse)],
    ['sampled (linear scaling, distances to the sources)', dense, () => samplePlan(dense, 40, 'kernel')],
    ['refinement (no accumulators)', dense, () => ({ ...samplePlan(dense, 40, 'kernel'), mode: 'refine' as const })],
  ];
  it.each(plans)(
    'gives what the TypeScript kernel gave (bit for bit but batched dependencies): %s',
    (label, graph, makePlan) => {
      const plan = makePlan();
      // The decomposed plan has authors behind its nodes: the kernel's second array set is exercised.
      if (label.startsWith('exact, decomposed')) expect(plan.behind).not.toBeNull();
      const expected = outputFor(graph, plan);
      referenceRange(plan, expected);
      const actual = outputFor(graph, plan);
      runPlanRange(plan, 0, plan.sources.length, actual);
      expectIdentical(actual, expected, plan.mode === 'exact');
      expect(actual.accumulators.betweenness.some((value) => value > 0)).toBe(plan.mode !== 'refine');
    },
  );

  it('runs batches of 1 to 8 sources as the single searches, in any order, leaving nothing behind', () => {
    for (const [graph, plan] of [
      [dense, exactPlan(dense)],
      [sparse, exactPlan(sparse)],
    ] as const) {
      expect(plan.sources.length).toBeGreaterThan(36);
      expect(new Set(Array.from(plan.sources, (_, i) => (i * 7) % plan.sources.length).slice(0, 36)).size).toBe(36);
      // Sources out of the plan's order (far apart and close), in batches of every size from 1 to 8.
      const order = Array.from(plan.sources, (_, i) => plan.sources[(i * 7) % plan.sources.length] as number);
      const batches: number[][] = [];
      for (let size = 1, at = 0; size <= BATCH_LANES; at += size, size += 1) batches.push(order.slice(at, at + size));
      const lanes = (sources: readonly number[]) => ({
        nodes: sources.map((s) => plan.nodeOf[s] as number),
        multiplicity: sources.map(
          (s) =>
            (plan.multiplicity[s] as number) +
            (plan.leaves[s] as number) +
            (plan.behind === null ? 0 : (plan.behind.extra[plan.nodeOf[s] as number] as number)),
        ),
        leaves: sources.map((s) => plan.leaves[s] as number),
      });
      const single = outputFor(graph, plan);
      const singleScratch = passScratch();
      for (const sources of batches) {
        const { nodes, multiplicity, leaves } = lanes(sources);
        sources.forEach((source, s) =>
          runSource(
            plan.searchGraph,
            plan.weight,
            nodes[s] as number,
            source,
            multiplicity[s] as number,
            leaves[s] as number,
            singleScratch,
            single.totals,
            single.accumulators,
            false,
            plan.behind,
          ),
        );
      }
      flushSearches(singleScratch);
      expect(single.accumulators.betweenness.some((value) => value > 0)).toBe(true);
      // Twice on one scratch: the second round starts from the marks the first cleared.
      const scratch = passScratch();
      const rounds = [outputFor(graph, plan), outputFor(graph, plan)];
      for (const output of rounds) {
        for (const sources of batches) {
          const { nodes, multiplicity, leaves } = lanes(sources);
          const { searchGraph, weight, behind } = plan;
          const { totals, accumulators } = output;
          runSourceBatch(
            searchGraph,
            weight,
            nodes,
            sources,
            multiplicity,
            leaves,
            sources.length,
            scratch,
            totals,
            accumulators,
            behind,
          );
        }
        flushSearches(scratch);
        expectIdentical(output, single, true);
      }
      expectIdentical(rounds[1] as PassOutput, rounds[0] as PassOutput);
    }
  });

  it('runs a single search after a batch on the same kernel (whose memory the batch arrays grew)', () => {
    const plan = exactPlan(dense, { decompose: false });
    const run = (scratch: ReturnType<typeof passScratch>, into: PassOutput, i: number) => {
      const source = plan.sources[i] as number;
      const node = plan.nodeOf[source] as number;
      const leaves = plan.leaves[source] as number;
      const multiplicity = (plan.multiplicity[source] as number) + leaves;
      runSource(
        plan.searchGraph,
        plan.weight,
        node,
        source,
        multiplicity,
        leaves,
        scratch,
        into.totals,
        into.accumulators,
      );
    };
    const expected = outputFor(dense, plan);
    const alone = passScratch();
    for (let i = 0; i < 9; i += 1) run(alone, expected, i);
    flushSearches(alone);
    const actual = outputFor(dense, plan);
    const scratch = passScratch();
    run(scratch, actual, 0); // the single search's layout first
    runPlanRange(plan, 1, 8, actual, scratch, false); // a batch of 7: the batch arrays after it
    run(scratch, actual, 8); // and a single search again
    flushSearches(scratch);
    expectIdentical(actual, expected, true);
  });

  it('keeps the dependencies until a flush, and flushes the old target when the target or graph changes', () => {
    const plan = exactPlan(dense, { decompose: false });
    const small = exactPlan(sparse, { decompose: false });
    const run = (p: RunnablePlan, i: number, into: PassOutput, scratch: ReturnType<typeof passScratch>) => {
      const source = p.sources[i] as number;
      const multiplicity = (p.multiplicity[source] as number) + (p.leaves[source] as number);
      const node = p.nodeOf[source] as number;
      const leaves = p.leaves[source] as number;
      runSource(p.searchGraph, p.weight, node, source, multiplicity, leaves, scratch, null, into.accumulators);
    };
    const expectedFirst = outputFor(dense, plan);
    referenceRange({ ...plan, sources: plan.sources.subarray(0, 2) }, expectedFirst);
    const expectedSmall = outputFor(sparse, small);
    referenceRange({ ...small, sources: small.sources.subarray(0, 1) }, expectedSmall);

    // Small graph first, then the larger one: its arrays need more of the kernel's memory.
    const scratch = passScratch();
    const intoSmall = outputFor(sparse, small);
    run(small, 0, intoSmall, scratch);
    expect(intoSmall.accumulators.betweenness.every((value) => value === 0)).toBe(true);
    const first = outputFor(dense, plan);
    run(plan, 0, first, scratch); // another graph: the small graph's sums are flushed
    expect(differing(intoSmall.accumulators.betweenness, expectedSmall.accumulators.betweenness)).toEqual([]);
    run(plan, 1, first, scratch);
    expect(first.accumulators.betweenness.every((value) => value === 0)).toBe(true);
    const second = outputFor(dense, plan);
    run(plan, 2, second, scratch); // another target: the first two searches' sums are flushed
    expect(differing(first.accumulators.betweenness, expectedFirst.accumulators.betweenness)).toEqual([]);
    expect(second.accumulators.betweenness.every((value) => value === 0)).toBe(true);
    flushSearches(scratch);
    expect(second.accumulators.betweenness.some((value) => value > 0)).toBe(true);
    // Flushed once: a second flush adds nothing.
    const once = second.accumulators.betweenness.slice();
    flushSearches(scratch);
    expect(differing(second.accumulators.betweenness, once)).toEqual([]);
  });
  it('lays out the arrays of the authors behind the nodes only for a graph that has some', () => {
    // A path of 100,000 nodes, bound once without authors behind (an estimate's plan) and once with
    // (an exact plan's, here with no part hanging anywhere): the second takes a double and an offset
    // more per node, 12 bytes, which the first does without.
    const n = 100_000;
    const offsets = new Int32Array(n + 1);
    const neighbors = new Int32Array(2 * (n - 1));
    let at = 0;
    for (let v = 0; v < n; v += 1) {
      if (v > 0) neighbors[at++] = v - 1;
      if (v < n - 1) neighbors[at++] = v + 1;
      offsets[v + 1] = at;
    }
    const path: PassGraph = { order: n, offsets, neighbors };
    const weight = new Int32Array(n).fill(1);
    const behind = {
      extra: new Float64Array(n),
      start: new Int32Array(n + 1),
      counts: new Float64Array(0),
      height: 0,
      profileStart: new Int32Array(n + 1),
    };
    const without = passScratch().kernel;
    without.bind(path, weight, null, 0);
    const withBehind = passScratch().kernel;
    withBehind.bind(path, weight, behind, 0);
    // Memory grows by pages of 64 KiB.
    expect(withBehind.memoryBytes() - without.memoryBytes()).toBeGreaterThanOrEqual(12 * n - 65_536);
    // Both search the path alike: from one end, every other node is on the way to the ones past it.
    const sums = (kernel: typeof without) => {
      const into = new Float64Array(n);
      kernel.run(0, 1, 0, false, into);
      kernel.flush();
      return into;
    };
    expect(differing(sums(without), sums(withBehind))).toEqual([]);
  });

  it('has room for a successor per tie: a path lists every tie; an adjacency that is not symmetric is refused', () => {
    const accumulators = () => ({
      betweenness: new Float64Array(4),
      distanceToSources: null,
      inverseDistanceToSources: null,
    });
    const weight = new Int32Array([1, 1, 1, 1]);
    // The path 0 – 1 – 2 – 3: every search from an end lists all three ties as successors, the room
    // for them exactly (half the six adjacency entries).
    const path: PassGraph = {
      order: 4,
      offsets: new Int32Array([0, 1, 3, 5, 6]),
      neighbors: new Int32Array([1, 0, 2, 1, 3, 2]),
    };
    // Node 0's three entries with nobody pointing back: a search from 0 finds three successors, for
    // room of two.
    const oneWay: PassGraph = {
      order: 4,
      offsets: new Int32Array([0, 3, 3, 3, 3]),
      neighbors: new Int32Array([1, 2, 3]),
    };
    // Node 0 stands for two authors: the search counts the second at level 1 before it is refused.
    const twins = new Int32Array([2, 1, 1, 1]);
    const scratch = passScratch();
    const refused = accumulators();
    expect(() => runSource(oneWay, twins, 0, 0, 1, 0, scratch, null, refused)).toThrow(
      'search-kernel: the search from node 0 found more successors than the graph has ties: its adjacency is not symmetric',
    );
    // The same kernel searches on afterwards: the refused search left no place set and no level count.
    expect(() => runSource(oneWay, twins, 0, 0, 1, 0, scratch, null, refused)).toThrow(/not symmetric/u);
    const levels = scratch.kernel.levelMembers;
    expect([...levels].every((count) => count === 0)).toBe(true);
    // Refused two levels deep (1's one-way entries overflow the room of five), after the search had
    // marked 0, 1 and 2 as settled: a search from 2 on the same bound graph reaches 0 and then 1's
    // entries again, so it is refused too, which it would not be if 0 were still marked (skipped).
    const star: PassGraph = {
      order: 9,
      offsets: new Int32Array([0, 2, 9, 10, 10, 10, 10, 10, 10, 10]),
      neighbors: new Int32Array([1, 2, 0, 3, 4, 5, 6, 7, 8, 0]),
    };
    const nine = new Int32Array(9).fill(1);
    expect(() => runSource(star, nine, 0, 0, 1, 0, scratch, null, refused)).toThrow(
      /search from node 0 .* not symmetric/u,
    );
    expect(() => runSource(star, nine, 2, 2, 1, 0, scratch, null, refused)).toThrow(
      /search from node 2 .* not symmetric/u,
    );
    const into = accumulators();
    for (let source = 0; source < 4; source += 1) runSource(path, weight, source, source, 1, 0, scratch, null, into);
    flushSearches(scratch);
    // Ordered pairs through each node (NetworkX betweenness_centrality(path_graph(4), normalized=False)
    // gives 2 for nodes 1 and 2, each unordered pair once): 4, counted from both ends.
    expect([...into.betweenness]).toEqual([0, 4, 4, 0]);
  });
});
