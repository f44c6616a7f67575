/**
 * The per-source search of the fused all-pairs pass (shortest-path-pass.ts), in AssemblyScript, compiled
 * to WebAssembly when the project is installed (src/bin/build-kernel.js). The forward part (breadth first,
 * a level at a time, counting shortest paths σ) and the backward part (Brandes' dependencies, pulled from
 * the successors the forward part listed) run here; shortest-path-pass.ts reads the level counts back for
 * the per-source sums. Every operation is the one the TypeScript kernel did, in the same order, so the
 * values are bit-identical to it (tests/analysis/search-kernel.test.ts).
 *
 * The arrays are in this module's linear memory, placed by `setLayout` (search-kernel.ts): raw loads and
 * stores, with no bounds checks (the layout is sized for the bound graph). Documented in
 * shortest-path-pass.ts (`PassScratch`, `Behind`) by the same names.
 */
let offsetsAt: usize = 0;
let neighborsAt: usize = 0;
let weightAt: usize = 0;
let placeAt: usize = 0;
let queueAt: usize = 0;
let sigmaAt: usize = 0;
let deltaAt: usize = 0;
let levelStartAt: usize = 0;
let levelMembersAt: usize = 0;
let successorsAt: usize = 0;
let successorStartAt: usize = 0;
let betweennessAt: usize = 0;
let extraAt: usize = 0;
let behindStartAt: usize = 0;
let behindCountsAt: usize = 0;
let withBehind: bool = false;
let lastReached: f64 = 0;

function getI(at: usize, i: i32): i32 {
  return load<i32>(at + ((<usize>i) << 2));
}
function setI(at: usize, i: i32, value: i32): void {
  store<i32>(at + ((<usize>i) << 2), value);
}
function getF(at: usize, i: i32): f64 {
  return load<f64>(at + ((<usize>i) << 3));
}
function setF(at: usize, i: i32, value: f64): void {
  store<f64>(at + ((<usize>i) << 3), value);
}

/** Where each array starts (byte addresses); `behind` false when no authors hang behind the nodes. */
export function setLayout(
  offsets: usize,
  neighbors: usize,
  weight: usize,
  place: usize,
  queue: usize,
  sigma: usize,
  delta: usize,
  levelStart: usize,
  levelMembers: usize,
  successors: usize,
  successorStart: usize,
  betweenness: usize,
  extra: usize,
  behindStart: usize,
  behindCounts: usize,
  behind: bool,
): void {
  offsetsAt = offsets;
  neighborsAt = neighbors;
  weightAt = weight;
  placeAt = place;
  queueAt = queue;
  sigmaAt = sigma;
  deltaAt = delta;
  levelStartAt = levelStart;
  levelMembersAt = levelMembers;
  successorsAt = successors;
  successorStartAt = successorStart;
  betweennessAt = betweenness;
  extraAt = extra;
  behindStartAt = behindStart;
  behindCountsAt = behindCounts;
  withBehind = behind;
}

/** The first byte after the module's own static data: where the arrays may start. */
export function freeFrom(): usize {
  return __heap_base;
}

/** Authors reached by the last search, the source included. */
export function reached(): f64 {
  return lastReached;
}

/**
 * One search from node `source` (see `runSource`). Adds its dependencies × `multiplicity` to the
 * betweenness array when `accumulate`. Leaves the queue, `levelStart` and the level counts
 * `levelMembers[1 .. deepest]` for the caller, who clears the counts; clears the places. Returns
 * `deepest`: the farthest level with authors (authors behind a node included).
 */
export function run(source: i32, multiplicity: f64, leaves: i32, linearScaling: bool, accumulate: bool): i32 {
  const offsets = offsetsAt;
  const neighbors = neighborsAt;
  const weight = weightAt;
  const place = placeAt;
  const queue = queueAt;
  const sigma = sigmaAt;
  const delta = deltaAt;
  const levelStart = levelStartAt;
  const levelMembers = levelMembersAt;
  const successors = successorsAt;
  const successorStart = successorStartAt;
  const behind = withBehind;

  const twins = getI(weight, source) - 1;
  setI(place, source, 0);
  setI(queue, 0, source);
  setF(sigma, 0, 1);
  setI(levelStart, 0, 0);
  let tail = 1;
  let found = 0;
  let depth = 0;
  let reachedHere: f64 = <f64>(1 + twins);
  let deepest = twins > 0 ? 1 : 0;
  setF(levelMembers, 1, <f64>twins);
  let from = 0;
  let levelEnd = 1;
  while (true) {
    let members: f64 = 0;
    for (let head = from; head < levelEnd; head++) {
      const v = getI(queue, head);
      const count = getI(weight, v);
      members += <f64>count;
      const sigmaV: f64 = head == 0 ? 1 : getF(sigma, head) * <f64>count;
      setI(successorStart, head, found);
      const end = getI(offsets, v + 1);
      for (let j = getI(offsets, v); j < end; j++) {
        const w = getI(neighbors, j);
        const at = getI(place, w);
        if (at == -1) {
          setI(place, w, tail);
          setI(queue, tail, w);
          setF(sigma, tail, sigmaV);
          setI(successors, found, tail);
          found++;
          tail++;
        } else if (at >= levelEnd) {
          setF(sigma, at, getF(sigma, at) + sigmaV);
          setI(successors, found, at);
          found++;
        }
      }
      if (behind) {
        const first = getI(behindStartAt, v);
        const last = getI(behindStartAt, v + 1);
        for (let k = first; k < last; k++) {
          const at = depth + 1 + k - first;
          const authors = getF(behindCountsAt, k);
          setF(levelMembers, at, getF(levelMembers, at) + authors);
          reachedHere += authors;
        }
        if (last - first + depth > deepest) deepest = last - first + depth;
      }
    }
    if (depth > 0) {
      setF(levelMembers, depth, getF(levelMembers, depth) + members);
      reachedHere += members;
    }
    if (levelEnd == tail) break;
    depth++;
    setI(levelStart, depth, levelEnd);
    from = levelEnd;
    levelEnd = tail;
  }
  setI(successorStart, tail, found);
  setI(levelStart, depth + 1, tail);
  if (depth > deepest) deepest = depth;
  if (twins > 0 && depth == 0) setI(levelStart, 2, tail);

  if (accumulate) {
    const betweenness = betweennessAt;
    for (let d = depth; d >= 1; d--) {
      const counted: f64 = multiplicity * (linearScaling ? <f64>d : 1);
      const own: f64 = linearScaling ? 1 / <f64>d : 1;
      const first = getI(levelStart, d);
      let end = getI(successorStart, getI(levelStart, d + 1));
      for (let i = getI(levelStart, d + 1) - 1; i >= first; i--) {
        const begin = getI(successorStart, i);
        let pulled: f64 = 0;
        for (let k = begin; k < end; k++) pulled += getF(delta, getI(successors, k));
        end = begin;
        const v = getI(queue, i);
        const sigmaV = getF(sigma, i);
        let dependency = sigmaV * pulled;
        if (behind) dependency += getF(extraAt, v);
        setF(betweenness, v, getF(betweenness, v) + counted * dependency);
        setF(delta, i, (<f64>getI(weight, v) * (own + dependency)) / sigmaV);
      }
    }
    if (leaves > 0) setF(betweenness, source, getF(betweenness, source) + <f64>leaves * (reachedHere - 2));
  }
  for (let i = 0; i < tail; i++) setI(place, getI(queue, i), -1);
  lastReached = reachedHere;
  return deepest;
}
