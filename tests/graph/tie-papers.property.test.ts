/**
 * Property: the compact graph's ties and their papers (`buildTieGraph`, `tiePapersOf`) are exactly what
 * a direct count over every pair of co-authors of every paper gives: each author's co-authors in order
 * of their first joint paper, the joint papers in input order, papers over the author limit adding no
 * tie. And a network's columns make the ties' papers last, after their search indexes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listColumn } from '../../src/graph/columns.ts';
import { buildCompactGraph, buildTieGraph, bylineTranspose, tiePapersOf } from '../../src/graph/compact-graph.ts';
import { check } from '../helpers/properties.ts';

/** Bylines of up to 9 authors among `order`, each author at most once per paper. */
const bylinesArbitrary = fc.integer({ min: 1, max: 12 }).chain((order) =>
  fc.record({
    order: fc.constant(order),
    bylines: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: order - 1 }), { maxLength: 9 }), { maxLength: 40 }),
    limit: fc.option(fc.integer({ min: 2, max: 6 }), { nil: null }),
  }),
);

/** Each author's row as [co-author, joint papers], by a map per author. */
function direct(order: number, bylines: readonly (readonly number[])[], limit: number | null): [number, number[]][][] {
  const rows = Array.from({ length: order }, () => new Map<number, number[]>());
  bylines.forEach((byline, paper) => {
    if (byline.length < 2 || (limit !== null && byline.length > limit)) return;
    for (const a of byline)
      for (const b of byline) {
        if (a === b) continue;
        const row = rows[a] as Map<number, number[]>;
        const papers = row.get(b);
        if (papers === undefined) row.set(b, [paper]);
        else papers.push(paper);
      }
  });
  return rows.map((row) => [...row]);
}

describe('buildTieGraph and tiePapersOf', () => {
  it('give each author its co-authors in order of first joint paper, with the joint papers in input order', () => {
    check(
      fc.property(bylinesArbitrary, ({ order, bylines, limit }) => {
        const input = { order, bylines: listColumn(bylines), maxAuthorsPerPaper: limit };
        const ties = buildTieGraph(input);
        const { paperOffsets, papers } = tiePapersOf(ties, input, bylineTranspose(input.bylines, order));
        const ours = Array.from({ length: order }, (_, a) => {
          const row: [number, number[]][] = [];
          for (let j = ties.offsets[a] as number; j < (ties.offsets[a + 1] as number); j += 1) {
            expect(ties.weights[j]).toBe((paperOffsets[j + 1] as number) - (paperOffsets[j] as number));
            row.push([ties.neighbors[j] as number, [...papers.subarray(paperOffsets[j], paperOffsets[j + 1])]]);
          }
          return row;
        });
        expect(ours).toEqual(direct(order, bylines, limit));
        expect(ties.edgeCount * 2).toBe(ties.neighbors.length);
        const whole = buildCompactGraph(input);
        expect([...whole.papers]).toEqual([...papers]);
        expect([...whole.paperOffsets]).toEqual([...paperOffsets]);
      }),
      300,
    );
  });
});
