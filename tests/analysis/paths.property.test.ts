/**
 * Property: on random small networks, with and without avoided authors and papers, the collaboration
 * paths equal what enumerating every shortest path by brute force gives: the same paths, best first
 * (most joint papers, then author ids), the same count, and the same distance. The searches record the
 * hops between layers as they go and walk back along those records, so this checks that no hop is
 * lost or invented where the two searches meet, at hubs, or when a tie is cut by an avoided paper.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bestCollaborationPath,
  collaborationDistance,
  rankedCollaborationPathsInSlices,
  shortestCollaborationPaths,
} from '../../src/analysis/paths.ts';
import { compareIds } from '../../src/graph/network.ts';
import { networkFromEdges } from '../helpers/networks.ts';
import type { WeightedEdge } from '../helpers/networks.ts';
import { PROPERTY_TIMEOUT, SEED, check, runs } from '../helpers/properties.ts';

const NAMES = 'abcdefghijkl'.split('');

const edgeList = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: NAMES.length - 1 }), fc.integer({ min: 0, max: NAMES.length - 1 })), {
    maxLength: 30,
    selector: ([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`,
  })
  .chain((pairs) => {
    const kept = pairs.filter(([a, b]) => a !== b);
    return fc.tuple(
      fc.constant(kept),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: kept.length, maxLength: kept.length }),
    );
  })
  .map(([pairs, weights]): WeightedEdge[] =>
    pairs.map(([a, b], i) => [NAMES[Math.min(a, b)] as string, NAMES[Math.max(a, b)] as string, weights[i] as number]),
  );

interface Case {
  readonly edges: WeightedEdge[];
  readonly from: string;
  readonly to: string;
  readonly avoidAuthors: string[];
  readonly avoidPapers: string[];
}

const cases: fc.Arbitrary<Case> = edgeList
  .filter((edges) => edges.length > 0)
  .chain((edges) => {
    const authors = [...new Set(edges.flatMap(([a, b]) => [a, b]))];
    const papers = edges.flatMap(([a, b, w]) => Array.from({ length: w }, (_, k) => `${a}~${b}~${k + 1}`));
    return fc.record({
      edges: fc.constant(edges),
      from: fc.constantFrom(...authors),
      to: fc.constantFrom(...authors),
      avoidAuthors: fc.subarray(authors, { maxLength: Math.min(2, authors.length) }),
      avoidPapers: fc.oneof(fc.constant<string[]>([]), fc.subarray(papers, { maxLength: Math.min(4, papers.length) })),
    });
  });

/** Every shortest path from `from` to `to` with the papers left on each hop, by brute force. */
function bruteForce({ edges, from, to, avoidAuthors, avoidPapers }: Case): { ids: string[]; weight: number }[] {
  const avoided = new Set(avoidAuthors);
  if (avoided.has(from) || avoided.has(to)) return [];
  const left = new Map<string, number>();
  for (const [a, b, w] of edges) {
    if (avoided.has(a) || avoided.has(b)) continue;
    let kept = 0;
    for (let k = 1; k <= w; k += 1) if (!avoidPapers.includes(`${a}~${b}~${k}`)) kept += 1;
    if (kept > 0) left.set(`${a} ${b}`, kept).set(`${b} ${a}`, kept);
  }
  const neighbours = (v: string) => NAMES.filter((w) => left.has(`${v} ${w}`));
  const distance = new Map<string, number>([[to, 0]]);
  for (let front = [to]; front.length > 0;) {
    const next: string[] = [];
    for (const v of front)
      for (const w of neighbours(v))
        if (!distance.has(w)) {
          distance.set(w, (distance.get(v) as number) + 1);
          next.push(w);
        }
    front = next;
  }
  if (!distance.has(from)) return [];
  const paths: { ids: string[]; weight: number }[] = [];
  const walk = (ids: string[], weight: number) => {
    const last = ids[ids.length - 1] as string;
    if (last === to) {
      paths.push({ ids, weight });
      return;
    }
    for (const w of neighbours(last))
      if (distance.get(w) === (distance.get(last) as number) - 1)
        walk([...ids, w], weight + (left.get(`${last} ${w}`) as number));
  };
  walk([from], 0);
  return paths.sort((a, b) => b.weight - a.weight || compareIdLists(a.ids, b.ids));
}

function compareIdLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = compareIds(a[i] as string, b[i] as string);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

describe('collaboration paths against brute force', () => {
  it(
    'list every shortest path, best first, with its papers, and count them',
    async () => {
      await fc.assert(
        fc.asyncProperty(cases, async (example) => {
          const network = networkFromEdges(example.edges);
          const constraints = { avoidAuthors: example.avoidAuthors, avoidPapers: example.avoidPapers };
          const expected = bruteForce(example);
          const listed = shortestCollaborationPaths(network, example.from, example.to, 1_000, constraints);
          expect(listed.map((path) => path.authorIds)).toEqual(expected.map((path) => path.ids));
          expect(listed.map((path) => path.weight)).toEqual(expected.map((path) => path.weight));
          for (const path of listed)
            for (const hop of path.hops)
              for (const paper of hop.paperIds) {
                expect(example.avoidPapers).not.toContain(paper);
                expect([`${hop.from}~${hop.to}`, `${hop.to}~${hop.from}`]).toContain(paper.replace(/~\d+$/, ''));
              }
          const best = bestCollaborationPath(network, example.from, example.to, constraints);
          expect(best?.authorIds ?? null).toEqual(expected[0]?.ids ?? null);
          const ranked = await rankedCollaborationPathsInSlices(network, example.from, example.to, constraints);
          expect(ranked.count).toBe(expected.length);
          expect(ranked.first(3).map((path) => path.authorIds)).toEqual(expected.slice(0, 3).map((path) => path.ids));
        }),
        { seed: SEED, numRuns: runs(150) },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('measure the same distance as the paths', () => {
    check(
      fc.property(cases, (example) => {
        const network = networkFromEdges(example.edges);
        const expected = bruteForce({ ...example, avoidAuthors: [], avoidPapers: [] });
        expect(collaborationDistance(network, example.from, example.to)).toBe(
          expected.length === 0 ? null : (expected[0]?.ids.length as number) - 1,
        );
      }),
      100,
    );
  });
});
