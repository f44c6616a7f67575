/**
 * The per-source search of the fused all-pairs pass (shortest-path-pass.ts), in AssemblyScript, compiled
 * to WebAssembly when the project is installed (src/bin/build-kernel.js). The forward part (breadth first,
 * a level at a time, counting shortest paths σ) and the backward part (Brandes' dependencies, pulled from
 * the successors the forward part listed) run here; shortest-path-pass.ts reads the level counts back for
 * the per-source sums. In `run` every operation is the one the TypeScript kernel did, in the same order,
 * so the values are bit-identical to it (tests/analysis/search-kernel.test.ts); `runBatch` (below) runs
 * eight sources in one sweep, for the exact pass's core.
 *
 * The arrays are in this module's linear memory, placed by `setLayout` (search-kernel.ts): raw loads and
 * stores, with no bounds checks (the layout is sized for the bound graph). Documented in
 * shortest-path-pass.ts (`PassScratch`, `Behind`) by the same names.
 */
let offsetsAt: usize = 0;
let neighborsAt: usize = 0;
let weightAt: usize = 0;
let placeAt: usize = 0;
let settledAt: usize = 0;
let queueAt: usize = 0;
let sigmaAt: usize = 0;
let deltaAt: usize = 0;
let levelStartAt: usize = 0;
let levelMembersAt: usize = 0;
let successorsAt: usize = 0;
let successorStartAt: usize = 0;
let successorLimit: i32 = 0;
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
/** Bit `i` of a bitmap (32 nodes a word). */
function hasBit(at: usize, i: i32): bool {
  return ((load<u32>(at + ((<usize>(i >>> 5)) << 2)) >>> ((<u32>i) & 31)) & 1) != 0;
}
function setBit(at: usize, i: i32): void {
  const word = at + ((<usize>(i >>> 5)) << 2);
  store<u32>(word, load<u32>(word) | ((<u32>1) << ((<u32>i) & 31)));
}
/** Clears the word holding bit `i` (every bit set in it belongs to the search being cleared). */
function clearWord(at: usize, i: i32): void {
  store<u32>(at + ((<usize>(i >>> 5)) << 2), 0);
}

/** Where each array starts (byte addresses); `behind` false when no authors hang behind the nodes. */
export function setLayout(
  offsets: usize,
  neighbors: usize,
  weight: usize,
  place: usize,
  settled: usize,
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
  successorRoom: i32,
): void {
  offsetsAt = offsets;
  neighborsAt = neighbors;
  weightAt = weight;
  placeAt = place;
  settledAt = settled;
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
  successorLimit = successorRoom;
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
 * A search that found more successors than there is room for: a tie joins two levels once, so a
 * search of a symmetric graph lists at most one successor per tie (the room search-kernel.ts gives);
 * more means the graph's adjacency is not symmetric. Clears the places set so far; returns −1.
 */
function overflowed(tail: i32): i32 {
  for (let i = 0; i < tail; i++) {
    const v = getI(queueAt, i);
    setI(placeAt, v, -1);
    clearWord(settledAt, v);
  }
  return -1;
}

/**
 * One search from node `source` (see `runSource`). Adds its dependencies × `multiplicity` to the
 * betweenness array when `accumulate`. Leaves the queue, `levelStart` and the level counts
 * `levelMembers[1 .. deepest]` for the caller, who clears the counts; clears the places and the marks.
 * Returns `deepest`: the farthest level with authors (authors behind a node included), or −1 when the
 * successors overflowed their room (`overflowed`).
 *
 * The marks (`settled`, a bit per node) are the nodes of the levels expanded so far, the current one
 * included: most of a level's ties lead back to those, and a bit tells so where the node's place (a
 * word of an array 32 times larger, read at random) would. On the 7.5 M DBLP-shaped corpus (3.7 M
 * authors) that made a sampled search about a fifth faster (1.81 → 1.45 s, medians of six); on the
 * ACL Anthology, whose places fit the caches, it changed nothing measurable.
 */
export function run(source: i32, multiplicity: f64, leaves: i32, linearScaling: bool, accumulate: bool): i32 {
  const offsets = offsetsAt;
  const neighbors = neighborsAt;
  const weight = weightAt;
  const place = placeAt;
  const settled = settledAt;
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
  setBit(settled, source);
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
        // An author of this level or an earlier one: nothing to do (a bit read, where its place is
        // a word of a far larger array).
        if (hasBit(settled, w)) continue;
        const at = getI(place, w);
        if (at == -1) {
          if (found >= successorLimit) return overflowed(tail);
          setI(place, w, tail);
          setI(queue, tail, w);
          setF(sigma, tail, sigmaV);
          setI(successors, found, tail);
          found++;
          tail++;
        } else {
          if (found >= successorLimit) return overflowed(tail);
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
    for (let i = from; i < levelEnd; i++) setBit(settled, getI(queue, i));
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
  for (let i = 0; i < tail; i++) {
    const v = getI(queue, i);
    setI(place, v, -1);
    clearWord(settled, v);
  }
  lastReached = reachedHere;
  return deepest;
}

// ------------------------------------------------------------------------------------------------
// Batched searches: up to LANES sources in one sweep over the adjacency (multi-source breadth-first
// search, Then et al., VLDB 2014). A node's lanes are the batch's sources; a byte per node says which
// lanes have seen it (`seen`) and which reach it at the next level (`next`); the level entries are
// (node, lanes that have it at that level), and each entry's successors are listed with the lanes for
// which they are one level further (the backward part pulls along those). σ and the dependencies are
// eight float64 per node (one cache line), updated two lanes at a time with WebAssembly SIMD under a
// lane mask (`expand`: byte → eight all-ones or all-zero float64 masks), so one scan of a node's ties
// serves every lane that has the node at the level being expanded. Path counts are whole numbers, so
// σ and the level counts are the single search's exactly; only the order in which the dependencies
// are summed differs (values within a few units in the last place of the single search's).

const LANES: i32 = 8;

let seenAt: usize = 0;
let nextAt: usize = 0;
let succNodeAt: usize = 0;
let succMaskAt: usize = 0;
let succStartAt: usize = 0;
let sigma8At: usize = 0;
let delta8At: usize = 0;
let entryNodeAt: usize = 0;
let entryMaskAt: usize = 0;
let entryStartAt: usize = 0;
let newListAt: usize = 0;
let expandAt: usize = 0;
let laneAt: usize = 0;
let membersAt: usize = 0;
let laneLevels: i32 = 0;

/**
 * Where the batch arrays start: `seen`, `next` (a byte per node), the successors of the level entries
 * (node, lane mask: at most LANES per tie) and where each entry's start, σ and δ (8 float64 per node),
 * the level entries (node, lane mask; at most LANES per node) and where each level starts,
 * the nodes a level reaches first, the expand table (256 × 64 bytes), the lanes' parameters (`laneAt`:
 * sources i32[8], multiplicities f64[8], leaves i32[8]; results: reached f64[8], deepest i32[8]) and
 * the lanes' level counts (`levels` float64 each).
 */
export function setBatchLayout(
  seen: usize,
  next: usize,
  succNode: usize,
  succMask: usize,
  succStart: usize,
  sigma8: usize,
  delta8: usize,
  entryNode: usize,
  entryMask: usize,
  entryStart: usize,
  newList: usize,
  expand: usize,
  lane: usize,
  members: usize,
  levels: i32,
): void {
  seenAt = seen;
  nextAt = next;
  succNodeAt = succNode;
  succMaskAt = succMask;
  succStartAt = succStart;
  sigma8At = sigma8;
  delta8At = delta8;
  entryNodeAt = entryNode;
  entryMaskAt = entryMask;
  entryStartAt = entryStart;
  newListAt = newList;
  expandAt = expand;
  laneAt = lane;
  membersAt = members;
  laneLevels = levels;
  for (let m = 0; m < 256; m++)
    for (let s = 0; s < LANES; s++) store<i64>(expand + ((<usize>m) << 6) + ((<usize>s) << 3), (m >> s) & 1 ? -1 : 0);
}

function laneMembers(s: i32, level: i32): usize {
  return membersAt + ((<usize>(s * laneLevels + level)) << 3);
}

/**
 * Searches from the `count` (≤ 8) distinct nodes in the lanes' sources, with their multiplicities and
 * leaves, adding their dependencies to the betweenness array (exact mode: no linear scaling). Leaves
 * per lane the authors reached and the deepest level (lane results), and the level counts at
 * `laneMembers(s, 1 ..)`, which the caller clears. Clears its own marks. Returns the deepest level.
 */
export function runBatch(count: i32): i32 {
  const offsets = offsetsAt;
  const neighbors = neighborsAt;
  const weight = weightAt;
  const seen = seenAt;
  const next = nextAt;
  const sigma8 = sigma8At;
  const entryNode = entryNodeAt;
  const entryMask = entryMaskAt;
  const entryStart = entryStartAt;
  const newList = newListAt;
  const expand = expandAt;
  const behind = withBehind;
  const reachedAt = laneAt + 128;
  const deepestAt = laneAt + 192;

  const succNode = succNodeAt;
  const succMask = succMaskAt;
  const succStart = succStartAt;
  let successors = 0;
  let entries = 0;
  setI(entryStart, 0, 0);
  for (let s = 0; s < count; s++) {
    const source = getI(laneAt, s);
    const bit: u32 = (<u32>1) << (<u32>s);
    store<u8>(seen + <usize>source, <u8>bit);
    setF(sigma8, (source << 3) + s, 1);
    setI(entryNode, entries, source);
    store<u8>(entryMask + <usize>entries, <u8>bit);
    entries++;
    const twins = getI(weight, source) - 1;
    setF(reachedAt, s, <f64>(1 + twins));
    setI(deepestAt, s, twins > 0 ? 1 : 0);
    store<f64>(laneMembers(s, 1), load<f64>(laneMembers(s, 1)) + <f64>twins);
  }
  setI(entryStart, 1, entries);
  let depth = 0;
  let from = 0;
  let levelEnd = entries;
  while (true) {
    let found = 0;
    for (let e = from; e < levelEnd; e++) {
      const v = getI(entryNode, e);
      const mask = <u32>load<u8>(entryMask + <usize>e);
      const multiplier = f64x2.splat(depth == 0 ? 1 : <f64>getI(weight, v));
      const ex = expand + ((<usize>mask) << 6);
      const sv = sigma8 + ((<usize>v) << 6);
      const p0 = f64x2.mul(v128.and(v128.load(sv), v128.load(ex)), multiplier);
      const p1 = f64x2.mul(v128.and(v128.load(sv, 16), v128.load(ex, 16)), multiplier);
      const p2 = f64x2.mul(v128.and(v128.load(sv, 32), v128.load(ex, 32)), multiplier);
      const p3 = f64x2.mul(v128.and(v128.load(sv, 48), v128.load(ex, 48)), multiplier);
      setI(succStart, e, successors);
      const end = getI(offsets, v + 1);
      for (let j = getI(offsets, v); j < end; j++) {
        const w = getI(neighbors, j);
        const d = mask & ~(<u32>load<u8>(seen + <usize>w)) & 0xff;
        const nw = <u32>load<u8>(next + <usize>w);
        setI(succNode, successors, w);
        store<u8>(succMask + <usize>successors, <u8>d);
        successors += <i32>(d != 0);
        setI(newList, found, w);
        found += (<i32>(nw == 0)) & (<i32>(d != 0));
        store<u8>(next + <usize>w, <u8>(nw | d));
        const ew = expand + ((<usize>d) << 6);
        const sw = sigma8 + ((<usize>w) << 6);
        v128.store(sw, f64x2.add(v128.load(sw), v128.and(p0, v128.load(ew))));
        v128.store(sw, f64x2.add(v128.load(sw, 16), v128.and(p1, v128.load(ew, 16))), 16);
        v128.store(sw, f64x2.add(v128.load(sw, 32), v128.and(p2, v128.load(ew, 32))), 32);
        v128.store(sw, f64x2.add(v128.load(sw, 48), v128.and(p3, v128.load(ew, 48))), 48);
      }
      if (behind) {
        const first = getI(behindStartAt, v);
        const last = getI(behindStartAt, v + 1);
        if (last > first) {
          let lanes = mask;
          while (lanes != 0) {
            const s = <i32>ctz(lanes);
            lanes &= lanes - 1;
            let added: f64 = 0;
            for (let k = first; k < last; k++) {
              const at = laneMembers(s, depth + 1 + k - first);
              const authors = getF(behindCountsAt, k);
              store<f64>(at, load<f64>(at) + authors);
              added += authors;
            }
            setF(reachedAt, s, getF(reachedAt, s) + added);
            if (last - first + depth > getI(deepestAt, s)) setI(deepestAt, s, last - first + depth);
          }
        }
      }
    }
    if (found == 0) break;
    depth++;
    for (let i = 0; i < found; i++) {
      const w = getI(newList, i);
      const m = <u32>load<u8>(next + <usize>w);
      store<u8>(next + <usize>w, 0);
      store<u8>(seen + <usize>w, load<u8>(seen + <usize>w) | (<u8>m));
      setI(entryNode, entries, w);
      store<u8>(entryMask + <usize>entries, <u8>m);
      entries++;
      const authors = <f64>getI(weight, w);
      let lanes = m;
      while (lanes != 0) {
        const s = <i32>ctz(lanes);
        lanes &= lanes - 1;
        const at = laneMembers(s, depth);
        store<f64>(at, load<f64>(at) + authors);
        setF(reachedAt, s, getF(reachedAt, s) + authors);
        if (depth > getI(deepestAt, s)) setI(deepestAt, s, depth);
      }
    }
    setI(entryStart, depth + 1, entries);
    from = levelEnd;
    levelEnd = entries;
  }
  setI(entryStart, depth + 2, entries);
  setI(succStart, entries, successors);

  // Dependencies, farthest level first: δ'(w) = weight(w)·(1 + dep(w))/σ(w) per lane, pulled by the
  // nodes one level nearer along their successors, under the lanes each successor was found for.
  const delta8 = delta8At;
  const betweenness = betweennessAt;
  const m0 = v128.load(laneAt, 32);
  const m1 = v128.load(laneAt, 48);
  const m2 = v128.load(laneAt, 64);
  const m3 = v128.load(laneAt, 80);
  const one = f64x2.splat(1);
  for (let d = depth; d >= 1; d--) {
    const levelFirst = getI(entryStart, d);
    const levelLast = getI(entryStart, d + 1);
    for (let e = levelFirst; e < levelLast; e++) {
      const v = getI(entryNode, e);
      let q0 = f64x2.splat(0);
      let q1 = f64x2.splat(0);
      let q2 = f64x2.splat(0);
      let q3 = f64x2.splat(0);
      const last = getI(succStart, e + 1);
      for (let k = getI(succStart, e); k < last; k++) {
        const ew = expand + ((<usize>load<u8>(succMask + <usize>k)) << 6);
        const dw = delta8 + ((<usize>getI(succNode, k)) << 6);
        q0 = f64x2.add(q0, v128.and(v128.load(dw), v128.load(ew)));
        q1 = f64x2.add(q1, v128.and(v128.load(dw, 16), v128.load(ew, 16)));
        q2 = f64x2.add(q2, v128.and(v128.load(dw, 32), v128.load(ew, 32)));
        q3 = f64x2.add(q3, v128.and(v128.load(dw, 48), v128.load(ew, 48)));
      }
      const ex = expand + ((<usize>load<u8>(entryMask + <usize>e)) << 6);
      const sv = sigma8 + ((<usize>v) << 6);
      const s0 = v128.load(sv);
      const s1 = v128.load(sv, 16);
      const s2 = v128.load(sv, 32);
      const s3 = v128.load(sv, 48);
      let d0 = f64x2.mul(s0, q0);
      let d1 = f64x2.mul(s1, q1);
      let d2 = f64x2.mul(s2, q2);
      let d3 = f64x2.mul(s3, q3);
      if (behind) {
        const extra = f64x2.splat(getF(extraAt, v));
        d0 = f64x2.add(d0, extra);
        d1 = f64x2.add(d1, extra);
        d2 = f64x2.add(d2, extra);
        d3 = f64x2.add(d3, extra);
      }
      const e0 = v128.load(ex);
      const e1 = v128.load(ex, 16);
      const e2 = v128.load(ex, 32);
      const e3 = v128.load(ex, 48);
      const added = f64x2.add(
        f64x2.add(v128.and(f64x2.mul(m0, d0), e0), v128.and(f64x2.mul(m1, d1), e1)),
        f64x2.add(v128.and(f64x2.mul(m2, d2), e2), v128.and(f64x2.mul(m3, d3), e3)),
      );
      setF(betweenness, v, getF(betweenness, v) + (f64x2.extract_lane(added, 0) + f64x2.extract_lane(added, 1)));
      const wv = f64x2.splat(<f64>getI(weight, v));
      const dv = delta8 + ((<usize>v) << 6);
      v128.store(dv, v128.bitselect(f64x2.div(f64x2.mul(wv, f64x2.add(one, d0)), s0), v128.load(dv), e0));
      v128.store(dv, v128.bitselect(f64x2.div(f64x2.mul(wv, f64x2.add(one, d1)), s1), v128.load(dv, 16), e1), 16);
      v128.store(dv, v128.bitselect(f64x2.div(f64x2.mul(wv, f64x2.add(one, d2)), s2), v128.load(dv, 32), e2), 32);
      v128.store(dv, v128.bitselect(f64x2.div(f64x2.mul(wv, f64x2.add(one, d3)), s3), v128.load(dv, 48), e3), 48);
    }
  }
  for (let s = 0; s < count; s++) {
    const leaves = getI(laneAt + 96, s);
    if (leaves > 0) {
      const source = getI(laneAt, s);
      setF(betweenness, source, getF(betweenness, source) + <f64>leaves * (getF(reachedAt, s) - 2));
    }
  }
  const zero = f64x2.splat(0);
  for (let e = 0; e < entries; e++) {
    const v = <usize>getI(entryNode, e);
    store<u8>(seen + v, 0);
    const sv = sigma8 + (v << 6);
    v128.store(sv, zero);
    v128.store(sv, zero, 16);
    v128.store(sv, zero, 32);
    v128.store(sv, zero, 48);
  }
  return depth;
}

/**
 * Products with a graph's weighted adjacency for the power iterations (power-iteration.ts, through
 * product-kernel.ts), on arrays placed by the caller (byte addresses; an instance of this module of
 * their own, none of the search's layout used). Each sum has the terms of the TypeScript loops, in
 * their order, so the products are bit for bit theirs: `out[v]` = Σ over entries j of row v of
 * `weights[j]·x[neighbors[j]]`, from 0. The weights are doubles (joint papers, or a tie weighting's
 * fractions: graph/tie-weighting.ts), or, in the `…U16` variants, joint papers as 16-bit integers
 * (a quarter of the bytes to read, converted exactly: the same products).
 */
function tieWeight<W>(weights: usize, j: i32): f64 {
  return sizeof<W>() == 8 ? load<f64>(weights + ((<usize>j) << 3)) : <f64>load<u16>(weights + ((<usize>j) << 1));
}

function adjacencyProductOf<W>(n: i32, offsets: usize, neighbors: usize, weights: usize, x: usize, out: usize): void {
  let j = getI(offsets, 0);
  for (let v: i32 = 0; v < n; v++) {
    const end = getI(offsets, v + 1);
    let sum: f64 = 0;
    for (; j < end; j++) sum += tieWeight<W>(weights, j) * getF(x, getI(neighbors, j));
    setF(out, v, sum);
  }
}

export function adjacencyProduct(n: i32, offsets: usize, neighbors: usize, weights: usize, x: usize, out: usize): void {
  adjacencyProductOf<f64>(n, offsets, neighbors, weights, x, out);
}

export function adjacencyProductU16(
  n: i32,
  offsets: usize,
  neighbors: usize,
  weights: usize,
  x: usize,
  out: usize,
): void {
  adjacencyProductOf<u16>(n, offsets, neighbors, weights, x, out);
}

/**
 * Two products at once, of the vectors interleaved in `pair` (x₁(v), x₂(v) side by side): one SIMD
 * lane each, so each lane's sum is `adjacencyProduct`'s, term for term.
 */
function pairedProductOf<W>(
  n: i32,
  offsets: usize,
  neighbors: usize,
  weights: usize,
  pair: usize,
  out1: usize,
  out2: usize,
): void {
  let j = getI(offsets, 0);
  for (let v: i32 = 0; v < n; v++) {
    const end = getI(offsets, v + 1);
    let sums = f64x2.splat(0);
    for (; j < end; j++) {
      const weight = f64x2.splat(tieWeight<W>(weights, j));
      sums = f64x2.add(sums, f64x2.mul(weight, v128.load(pair + ((<usize>getI(neighbors, j)) << 4))));
    }
    setF(out1, v, f64x2.extract_lane(sums, 0));
    setF(out2, v, f64x2.extract_lane(sums, 1));
  }
}

export function pairedProduct(
  n: i32,
  offsets: usize,
  neighbors: usize,
  weights: usize,
  pair: usize,
  out1: usize,
  out2: usize,
): void {
  pairedProductOf<f64>(n, offsets, neighbors, weights, pair, out1, out2);
}

export function pairedProductU16(
  n: i32,
  offsets: usize,
  neighbors: usize,
  weights: usize,
  pair: usize,
  out1: usize,
  out2: usize,
): void {
  pairedProductOf<u16>(n, offsets, neighbors, weights, pair, out1, out2);
}
