/**
 * The searches of hanging parts (hanging-parts.ts), run when the pass finishes, after the core's.
 *
 * A part H hangs at author a; N authors share its component. Inside H ∪ {a}, a stands for the
 * N − |H| authors outside H (a and all the rest): every shortest path between H and the rest goes
 * through a, so
 * - betweenness: a search from a inside H ∪ {a}, counted N − |H| times, gives the dependencies of H's
 *   nodes on pairs (outside, H); a search from each source x of H, with the N − |H| − 1 authors
 *   behind a as targets reached through a, gives those of pairs (x, anything): a's share of pairs
 *   (x, outside) included. Dependencies on the core's nodes of pairs (H, core) were counted by a's
 *   core search (its multiplicity counts H's authors), and of pairs (core, H) by every core search
 *   (a's dependency counts the authors behind it).
 * - distances: d(x, t) = d(x, a) + d(a, t) for t outside H, so x's sums are its sums inside H ∪ {a}
 *   plus those of a's search less H's part of them: count, distance sum, Σ 1/(j + d(a, t)) (the
 *   profile of a's search, Φ(j) for j ≤ the part's height + 1) and the farthest distance.
 */
import type { HangingPlan, PassOutput, PassPlan } from './all-pairs-centrality.ts';
import { type Behind, type PassGraph, flushSearches, passScratch, runSource } from './shortest-path-pass.ts';

export function searchHangingParts(plan: PassPlan, hanging: HangingPlan, output: PassOutput): void {
  const { parts, graph: full, firstOf } = hanging;
  const { totals } = output;
  const partCount = parts.attachment.length;
  const local = new Int32Array(full.order).fill(-1);
  const noProfiles = new Int32Array(totals.reached.length + 1);
  // One kernel for every part (each binds its own small graph).
  const scratch = passScratch();
  for (let p = 0; p < partCount; p += 1) {
    const a = parts.attachment[p] as number;
    const aAuthor = firstOf[a] as number;
    const members = parts.nodes.subarray(parts.partStart[p] as number, parts.partStart[p + 1] as number);
    // Local numbering: a first, then the part's nodes.
    const nodes = [a, ...members];
    nodes.forEach((x, i) => {
      local[x] = i;
    });
    const offsets = new Int32Array(nodes.length + 1);
    const neighbors: number[] = [];
    nodes.forEach((x, i) => {
      for (let j = full.offsets[x] as number; j < (full.offsets[x + 1] as number); j += 1) {
        const y = local[full.neighbors[j] as number] as number;
        if (y !== -1) neighbors.push(y);
      }
      offsets[i + 1] = neighbors.length;
    });
    const graph: PassGraph = { order: nodes.length, offsets, neighbors: Int32Array.from(neighbors) };
    const weight = Int32Array.from(nodes, (x, i) => (i === 0 ? 1 : (plan.weight[x] as number)));
    let partAuthors = 0;
    for (let i = 1; i < nodes.length; i += 1) partAuthors += weight[i] as number;
    const componentAuthors = totals.reached[aAuthor] as number;
    const outside = componentAuthors - partAuthors - 1;
    const extra = new Float64Array(nodes.length);
    extra[0] = outside;
    const behind: Behind = {
      extra,
      start: Int32Array.from({ length: nodes.length + 1 }, (_, i) => (i === 0 ? 0 : 1)),
      counts: Float64Array.of(outside),
      height: 1,
      profileStart: noProfiles,
    };
    const betweenness = new Float64Array(nodes.length);
    const accumulators = { betweenness, distanceToSources: null, inverseDistanceToSources: null };
    runSource(graph, weight, 0, aAuthor, componentAuthors - partAuthors, 0, scratch, null, accumulators, false, behind);
    const down = hanging.down.subarray(hanging.downStart[p] as number, hanging.downStart[p + 1] as number);
    const beyond = outsideOf(plan, totals, aAuthor, down);
    for (let k = hanging.sourceStart[p] as number; k < (hanging.sourceStart[p + 1] as number); k += 1) {
      const source = hanging.sources[k] as number;
      const x = local[plan.nodeOf[source] as number] as number;
      const leaves = plan.leaves[source] as number;
      runSource(
        graph,
        weight,
        x,
        source,
        (plan.multiplicity[source] as number) + leaves,
        leaves,
        scratch,
        null,
        accumulators,
        false,
        behind,
      );
      writeTotals(graph, weight, x, source, componentAuthors, outside, beyond, totals);
    }
    flushSearches(scratch);
    nodes.forEach((node, i) => {
      output.accumulators.betweenness[node] =
        (output.accumulators.betweenness[node] as number) + (betweenness[i] as number);
      local[node] = -1;
    });
  }
}

/** What lies outside a part, seen from its attachment a. */
interface Outside {
  readonly distanceSum: number;
  /** Σ over outside authors t of 1/(j + d(a, t)), j = 1 .. h + 1 (index j − 1). */
  readonly phi: Float64Array;
  readonly height: number;
}

function outsideOf(plan: PassPlan, totals: PassOutput['totals'], aAuthor: number, down: Float64Array): Outside {
  const from = plan.behind?.profileStart[aAuthor] as number;
  const width = (plan.behind?.profileStart[aAuthor + 1] as number) - from;
  const h = (width - 1) / 2;
  const profile = totals.profile.subarray(from, from + width);
  let distanceSum = totals.distanceSum[aAuthor] as number;
  for (let k = 1; k <= down.length; k += 1) distanceSum -= k * (down[k - 1] as number);
  const phi = new Float64Array(h + 1);
  for (let j = 1; j <= h + 1; j += 1) {
    let value = profile[h + j - 1] as number;
    for (let k = 1; k <= down.length; k += 1) value -= (down[k - 1] as number) / (j + k);
    phi[j - 1] = value;
  }
  const depth = totals.eccentricity[aAuthor] as number;
  let height = 0;
  if (depth > h) height = depth;
  else
    for (let k = depth; k >= 1; k -= 1)
      if ((profile[k - 1] as number) - ((down[k - 1] as number | undefined) ?? 0) > 0) {
        height = k;
        break;
      }
  return { distanceSum, phi, height };
}

/** A part source's sums: inside the part (a plain search), plus everything outside through a (local node 0). */
function writeTotals(
  graph: PassGraph,
  weight: Int32Array,
  x: number,
  source: number,
  componentAuthors: number,
  outside: number,
  beyond: Outside,
  totals: PassOutput['totals'],
): void {
  const distance = new Int32Array(graph.order).fill(-1);
  const queue = [x];
  distance[x] = 0;
  let distanceSum = 0;
  let harmonic = 0;
  let shifted = 1; // the source itself, one hop from its leaf
  let deepest = 0;
  const twins = (weight[x] as number) - 1;
  if (twins > 0) {
    distanceSum += twins;
    harmonic += twins;
    shifted += twins / 2;
    deepest = 1;
  }
  for (let head = 0; head < queue.length; head += 1) {
    const v = queue[head] as number;
    const d = distance[v] as number;
    if (d > 0) {
      const count = weight[v] as number;
      distanceSum += d * count;
      harmonic += count / d;
      shifted += count / (d + 1);
      if (d > deepest) deepest = d;
    }
    for (let j = graph.offsets[v] as number; j < (graph.offsets[v + 1] as number); j += 1) {
      const w = graph.neighbors[j] as number;
      if (distance[w] === -1) {
        distance[w] = d + 1;
        queue.push(w);
      }
    }
  }
  const toA = distance[0] as number;
  if (outside > 0) {
    distanceSum += outside * toA + beyond.distanceSum;
    harmonic += beyond.phi[toA - 1] as number;
    shifted += beyond.phi[toA] as number;
    deepest = Math.max(deepest, toA + beyond.height);
  }
  totals.distanceSum[source] = distanceSum;
  totals.reached[source] = componentAuthors;
  totals.harmonic[source] = harmonic;
  totals.leafHarmonic[source] = shifted - 0.5;
  totals.eccentricity[source] = deepest;
}
