/**
 * The order of a centrality ranking: authors by score, highest first (lowest first for the metrics
 * ranked ascending), equal scores by id, in time linear in the number of authors.
 *
 * A comparator sort of every author (score, then id strings for ties) took 80–150 ms of the event loop
 * on the ACL Anthology and 7.7 s on a DBLP-shaped network of 3.7 million authors, most of them in ties
 * (every leaf's betweenness is 0) ordered by comparing id strings. Here the scores' bits, made to sort
 * as unsigned integers, go through a stable radix sort (four passes of 16 bits) whose input is the
 * authors in id order: exact ties come out in id order with no comparison at all.
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

const DIGITS = 1 << 16;

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
  // Each score as two 32-bit halves that compare as unsigned integers in the order wanted.
  const bits = new Uint32Array(Float64Array.from(scores).buffer);
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const [lowAt, highAt] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
  for (let row = 0; row < n; row += 1) {
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
    high[row] = h;
    low[row] = l;
  }
  let order = idOrder === null ? Int32Array.from({ length: n }, (_, row) => row) : Int32Array.from(idOrder);
  let spare = new Int32Array(n);
  const counts = new Int32Array(DIGITS);
  for (const [key, shift] of [
    [low, 0],
    [low, 16],
    [high, 0],
    [high, 16],
  ] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i += 1) {
      const digit = ((key[order[i] as number] as number) >>> shift) & 0xffff;
      counts[digit] = (counts[digit] as number) + 1;
    }
    // A pass whose digit is the same for every score moves nothing.
    if (n > 0 && counts[((key[order[0] as number] as number) >>> shift) & 0xffff] === n) continue;
    for (let digit = 0, sum = 0; digit < DIGITS; digit += 1) {
      const count = counts[digit] as number;
      counts[digit] = sum;
      sum += count;
    }
    for (let i = 0; i < n; i += 1) {
      const row = order[i] as number;
      const digit = ((key[row] as number) >>> shift) & 0xffff;
      const at = counts[digit] as number;
      spare[at] = row;
      counts[digit] = at + 1;
    }
    [order, spare] = [spare, order];
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
    ranks.fill(start + 1, start, end);
    if (compare !== null) {
      if (end - start > 1) order.subarray(start, end).sort(compare);
    } else if (idOrder !== null && !identical) {
      if (idRank === null) {
        idRank = new Int32Array(n);
        for (let i = 0; i < n; i += 1) idRank[idOrder[i] as number] = i;
      }
      const ranked = idRank;
      order.subarray(start, end).sort((a, b) => (ranked[a] as number) - (ranked[b] as number));
    }
    start = end;
  }
  return { order, ranks };
}
