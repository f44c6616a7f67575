/**
 * The order of a centrality ranking: authors by score, highest first (lowest first for the metrics
 * ranked ascending), equal scores by id, in time linear in the number of authors.
 *
 * A comparator sort of every author (score, then id strings for ties) took 80–150 ms of the event loop
 * on the ACL Anthology and 7.7 s on a DBLP-shaped network of 3.7 million authors, most of them in ties
 * (every leaf's betweenness is 0) ordered by comparing id strings. Here the scores' bits, made to sort
 * as unsigned integers, go through a stable radix sort (eight passes of 8 bits, a pass skipped where
 * every score has the same digit) whose input is the authors in id order: exact ties come out in id
 * order with no comparison at all.
 *
 * Scores closer than `SAME_SCORE` (relative) to the one before them are one score (float noise must not
 * order equal authors): such a run takes the rank of its first place, and when its scores are not all
 * identical it is put in id order afterwards, the only comparator sort left (runs of a few authors).
 * Without the network's id order (a window's network), the rows go in as they are and each run of
 * equal scores is sorted by comparing ids.
 */

/** Scores closer than this (relative) are one score. */
export const SAME_SCORE = 1e-12;

export function sameScore(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_SCORE * Math.max(1, Math.abs(a), Math.abs(b));
}

export interface ScoreOrder {
  /** Author rows, best first. */
  readonly order: Int32Array;
  /** The rank of each place of `order` (1-based; equal scores share the rank of the first). */
  readonly ranks: Int32Array;
}

import { LITTLE_ENDIAN } from './little-endian.ts';

/** Bits per pass of the radix sort: 256 buckets, whose write positions stay in the caches. */
const DIGIT_BITS = 8;
const DIGITS = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGITS - 1;
/** Passes over a 64-bit key. */
const PASSES = 64 / DIGIT_BITS;

/**
 * How equal scores are ordered: `idOrder`, every row once sorted by id (a network's
 * `columns.authorIdIndex`: nothing is compared), or `compare`, two rows' ids compared (each run of
 * equal scores is sorted with it).
 */
export type TieOrder = { readonly idOrder: Int32Array } | { readonly compare: (a: number, b: number) => number };

/** `scores` ordered best first (`ascending`: lowest first), equal scores as `ties` says. */
export function scoreOrder(scores: Float64Array, ties: TieOrder, ascending: boolean): ScoreOrder {
  const n = scores.length;
  const idOrder = 'idOrder' in ties ? ties.idOrder : null;
  const compare = 'compare' in ties ? ties.compare : null;
  if (idOrder !== null && idOrder.length !== n)
    throw new RangeError(`score-order: ${idOrder.length} rows in id order for ${n} scores`);
  // Each score as two 32-bit halves that compare as unsigned integers in the order wanted, written in
  // place order: the keys travel with the rows, so that every pass reads them in place order (reading
  // them by row was a cache miss each: 1.3 million authors took 1.5 s in four passes of 16 bits).
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
  let order = idOrder === null ? new Int32Array(n) : Int32Array.from(idOrder);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const [lowAt, highAt] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  for (let i = 0; i < n; i += 1) {
    const row = idOrder === null ? i : (order[i] as number);
    order[i] = row;
    let h = bits[2 * row + highAt] as number;
    let l = bits[2 * row + lowAt] as number;
    // Negative: all bits flipped (larger magnitude, smaller value); positive: the sign bit set.
    if (h >>> 31 === 1) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    // Best first: the highest score is the smallest key.
    if (!ascending) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
  }
  // Every pass's counts in one read of the keys.
  const counts = new Int32Array(PASSES * DIGITS);
  for (let i = 0; i < n; i += 1) {
    const l = lo[i] as number;
    const h = hi[i] as number;
    for (let pass = 0; pass < PASSES / 2; pass += 1) {
      const digitLow = pass * DIGITS + ((l >>> (pass * DIGIT_BITS)) & DIGIT_MASK);
      const digitHigh = (pass + PASSES / 2) * DIGITS + ((h >>> (pass * DIGIT_BITS)) & DIGIT_MASK);
      counts[digitLow] = (counts[digitLow] as number) + 1;
      counts[digitHigh] = (counts[digitHigh] as number) + 1;
    }
  }
  let spareOrder = new Int32Array(n);
  let spareLo = new Uint32Array(n);
  let spareHi = new Uint32Array(n);
  for (let pass = 0; pass < PASSES; pass += 1) {
    const key = pass < PASSES / 2 ? lo : hi;
    const shift = (pass % (PASSES / 2)) * DIGIT_BITS;
    const base = pass * DIGITS;
    // A pass whose digit is the same for every score moves nothing.
    if (n > 0 && counts[base + (((key[0] as number) >>> shift) & DIGIT_MASK)] === n) continue;
    for (let digit = 0, sum = 0; digit < DIGITS; digit += 1) {
      const count = counts[base + digit] as number;
      counts[base + digit] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i += 1) {
      const slot = base + (((key[i] as number) >>> shift) & DIGIT_MASK);
      const at = counts[slot] as number;
      counts[slot] = at + 1;
      spareOrder[at] = order[i] as number;
      spareLo[at] = lo[i] as number;
      spareHi[at] = hi[i] as number;
    }
    [order, spareOrder] = [spareOrder, order];
    [lo, spareLo] = [spareLo, lo];
    [hi, spareHi] = [spareHi, hi];
  }

  // Runs of scores each within SAME_SCORE of the one before: one rank, in id order.
  const ranks = new Int32Array(n);
  let idRank: Int32Array | null = null;
  for (let start = 0; start < n;) {
    let end = start + 1;
    let identical = true;
    while (end < n && sameScore(scores[order[end - 1] as number] as number, scores[order[end] as number] as number)) {
      if (!Object.is(scores[order[end] as number], scores[order[start] as number])) identical = false;
      end += 1;
    }
    // Most runs are one score (a call to fill, subarray or sort for each was most of the time).
    for (let i = start; i < end; i += 1) ranks[i] = start + 1;
    if (end - start === 1) {
      start = end;
      continue;
    }
    if (compare !== null) order.subarray(start, end).sort(compare);
    else if (idOrder !== null && !identical) {
      if (idRank === null) {
        idRank = new Int32Array(n);
        for (let i = 0; i < n; i += 1) idRank[idOrder[i] as number] = i;
      }
      sortByIdRank(order, start, end, idRank);
    }
    start = end;
  }
  return { order, ranks };
}

/** Runs up to this long are put in id order by insertion, longer ones by the built-in sort. */
const INSERTION_RUN = 32;

/** `order[start..end)` by `idRank` of each row. */
function sortByIdRank(order: Int32Array, start: number, end: number, idRank: Int32Array): void {
  if (end - start > INSERTION_RUN) {
    order.subarray(start, end).sort((a, b) => (idRank[a] as number) - (idRank[b] as number));
    return;
  }
  for (let i = start + 1; i < end; i += 1) {
    const row = order[i] as number;
    const key = idRank[row] as number;
    let j = i - 1;
    while (j >= start && (idRank[order[j] as number] as number) > key) {
      order[j + 1] = order[j] as number;
      j -= 1;
    }
    order[j + 1] = row;
  }
}
