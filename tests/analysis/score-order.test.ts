/**
 * The order of a ranking by radix sort (src/analysis/score-order.ts) against the comparator sort it
 * replaced: score first (either direction), ids for equal scores, scores within 1e-12 one score.
 */
import { describe, expect, it } from 'vitest';
import { rank } from '../../src/analysis/centrality.ts';
import { sameScore, scoreOrder } from '../../src/analysis/score-order.ts';
import { compareIds } from '../../src/graph/network.ts';

/** The comparator sort `rank` used before: by score, ties (within 1e-12) by id, ranks shared by equal neighbours. */
function referenceRank(scores: Float64Array, ids: readonly string[], ascending: boolean) {
  const direction = ascending ? -1 : 1;
  const order = Array.from({ length: ids.length }, (_, i) => i).sort((a, b) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sameScore(sa, sb) ? compareIds(ids[a] as string, ids[b] as string) : direction * (sb - sa);
  });
  const ranked: { rank: number; authorId: string; score: number }[] = [];
  order.forEach((row, i) => {
    const previous = ranked[i - 1];
    const score = scores[row] as number;
    ranked.push({
      rank: previous !== undefined && sameScore(previous.score, score) ? previous.rank : i + 1,
      authorId: ids[row] as string,
      score,
    });
  });
  return ranked;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Ids not in row order (so id order is not row order), scores with many exact ties, both signs, zeros of both signs, tiny and huge values, and pairs 1e-14 apart. */
function sample(n: number, seed: number): { scores: Float64Array; ids: string[] } {
  const random = seeded(seed);
  const ids = Array.from({ length: n }, (_, i) => `author-${((i * 7919) % n).toString(36)}-${i % 3}`);
  const scores = Float64Array.from({ length: n }, () => {
    const pick = random();
    if (pick < 0.3) return 0;
    if (pick < 0.35) return -0;
    if (pick < 0.6) return Math.floor(random() * 5); // exact ties
    if (pick < 0.7) return -Math.floor(random() * 5) - random();
    if (pick < 0.75) return random() * 1e-300;
    if (pick < 0.8) return random() * 1e300;
    return random();
  });
  for (let i = 0; i + 1 < n; i += 17) scores[i + 1] = (scores[i] as number) * (1 + 1e-14); // one score, not identical
  return { scores, ids };
}

describe('a ranking’s order', () => {
  it.each([
    [1000, 1, false],
    [1000, 2, true],
    [5000, 3, false],
    [1, 4, false],
    [0, 5, true],
  ])('equals the comparator sort: %i authors (seed %i, ascending %s)', (n, seed, ascending) => {
    const { scores, ids } = sample(n, seed);
    const idOrder = Int32Array.from(ids.keys()).sort((a, b) => compareIds(ids[a] as string, ids[b] as string));
    const expected = referenceRank(scores, ids, ascending);
    expect(rank(scores, ids, ascending, idOrder), 'with the id order').toEqual(expected);
    expect(rank(scores, ids, ascending), 'comparing ids').toEqual(expected);
  });

  it.each([
    [3000, 6, 5],
    [3000, 7, 120],
  ])(
    'equals the comparator sort where runs of near scores are not identical: %i authors (seed %i), runs of about %i',
    (n, seed, run) => {
      const random = seeded(seed);
      const ids = Array.from({ length: n }, (_, i) => `author-${((i * 7919) % n).toString(36)}`);
      // Each group's scores within 1e-13 of each other: one run, in id order, of about `run` authors.
      const groups = Math.ceil(n / run);
      const scores = Float64Array.from({ length: n }, () => Math.floor(random() * groups) / 7 + random() * 1e-13);
      const idOrder = Int32Array.from(ids.keys()).sort((a, b) => compareIds(ids[a] as string, ids[b] as string));
      for (const ascending of [false, true])
        expect(rank(scores, ids, ascending, idOrder), `ascending ${ascending}`).toEqual(
          referenceRank(scores, ids, ascending),
        );
    },
  );

  it('puts equal scores in the given id order and gives them the first one’s rank', () => {
    const scores = Float64Array.from([2, 5, 2, 5, 7]);
    // Rows by id: 3, 1, 4, 2, 0.
    const { order, ranks } = scoreOrder(scores, { idOrder: Int32Array.from([3, 1, 4, 2, 0]) }, false);
    expect([...order]).toEqual([4, 3, 1, 2, 0]);
    expect([...ranks]).toEqual([1, 2, 2, 4, 4]);
    const lowest = scoreOrder(scores, { idOrder: Int32Array.from([3, 1, 4, 2, 0]) }, true);
    expect([...lowest.order]).toEqual([2, 0, 3, 1, 4]);
    expect([...lowest.ranks]).toEqual([1, 1, 3, 3, 5]);
  });

  it('refuses an id order of another length', () => {
    expect(() => scoreOrder(new Float64Array(3), { idOrder: new Int32Array(2) }, false)).toThrow(
      /2 rows in id order for 3 scores/u,
    );
  });
});
