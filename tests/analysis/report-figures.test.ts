/**
 * What the HTML report draws besides the metrics: the network's growth year by year, the degree and
 * component-size distributions, and a metric's complementary cumulative distribution.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { componentSizeDistribution, degreeDistribution, tailDistribution } from '../../src/analysis/distributions.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { networkGrowth } from '../../src/analysis/growth.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { windowNetwork } from '../../src/graph/year-window.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { tempFiles } from '../helpers/files.ts';
import { networkFromRecords, paperRecord } from '../helpers/networks.ts';

const fixtures = new URL('../fixtures/', import.meta.url);
const combined = tempFiles({
  'acl-2016-2017.jsonl': ['acl-anthology-2016.jsonl', 'acl-2017-main-venues.jsonl']
    .map((name) => readFileSync(new URL(name, fixtures), 'utf8'))
    .join(''),
});

describe('networkGrowth', () => {
  it('equals NetworkX on ACL 2016 + 2017: each year alone and every paper up to it', () => {
    const whole = buildNetwork(loadFiles({ files: [combined['acl-2016-2017.jsonl']!], aliasFile: null }).catalog);
    // tests/reference/report_growth_reference.py ("growth": year, papers, authors, ties, and the same up to that year);
    // 2016 alone is the ACL 2016 slice (4,112 papers, 7,728 authors, 19,750 ties), 2017 alone the window
    // of year-window-expected.ts (1,070, 2,546, 6,762).
    expect(networkGrowth(whole)).toEqual({
      years: [
        {
          year: 2016,
          papers: 4112,
          authors: 7728,
          ties: 19750,
          cumulativePapers: 4112,
          cumulativeAuthors: 7728,
          cumulativeTies: 19750,
        },
        {
          year: 2017,
          papers: 1070,
          authors: 2546,
          ties: 6762,
          cumulativePapers: 5182,
          cumulativeAuthors: 8883,
          cumulativeTies: 25011,
        },
      ],
      papersWithoutYear: 0,
    });
    // In a window, the growth of that window's papers only.
    expect(networkGrowth(windowNetwork(whole, { from: 2017, to: null })).years).toEqual([
      {
        year: 2017,
        papers: 1070,
        authors: 2546,
        ties: 6762,
        cumulativePapers: 1070,
        cumulativeAuthors: 2546,
        cumulativeTies: 6762,
      },
    ]);
  }, 60_000);

  it("agrees with the windows' own figures on random networks (papers without a year, papers over the author limit)", () => {
    const names = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal'];
    const paper = fc.record({
      authors: fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 5 }),
      year: fc.option(fc.integer({ min: 2000, max: 2005 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(paper, { minLength: 1, maxLength: 14 }), fc.constantFrom(null, 3), (papers, limit) => {
        const catalog = buildCatalog(
          papers.map((p, i) =>
            paperRecord(
              `Paper ${i}`,
              p.authors.map((a) => `${a} Lee`),
              { year: p.year },
            ),
          ),
        );
        const network = buildNetwork(catalog, { maxAuthorsPerPaper: limit });
        const growth = networkGrowth(network);
        const years = [...new Set(papers.flatMap((p) => (p.year === null ? [] : [p.year])))].sort();
        expect(growth.years.map((entry) => entry.year)).toEqual(years);
        expect(growth.papersWithoutYear).toBe(papers.filter((p) => p.year === null).length);
        for (const entry of growth.years) {
          const alone = computeGraphStats(windowNetwork(network, { from: entry.year, to: entry.year }));
          const upTo = computeGraphStats(windowNetwork(network, { from: null, to: entry.year }));
          expect([entry.papers, entry.authors, entry.ties]).toEqual([
            alone.paperCount,
            alone.authorCount,
            alone.collaborationCount,
          ]);
          expect([entry.cumulativePapers, entry.cumulativeAuthors, entry.cumulativeTies]).toEqual([
            upTo.paperCount,
            upTo.authorCount,
            upTo.collaborationCount,
          ]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('has no years when no paper has one', () => {
    const network = networkFromRecords([paperRecord('A', ['Ann Lee', 'Bo Chen']), paperRecord('B', ['Ann Lee'])]);
    expect(networkGrowth(network)).toEqual({ years: [], papersWithoutYear: 2 });
  });
});

describe('degree and component-size distributions', () => {
  it('equal NetworkX on ACL 2016 + 2017 (degree_histogram, connected component sizes)', () => {
    const whole = buildNetwork(loadFiles({ files: [combined['acl-2016-2017.jsonl']!], aliasFile: null }).catalog);
    const degrees = new Map(degreeDistribution(whole.compact).map((entry) => [entry.value, entry.count]));
    // tests/reference/report_growth_reference.py ("degreeHistogram": nx.degree_histogram(G), non-zero entries).
    expect(degrees.size).toBe(67);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 77, 87, 105].map((k) => degrees.get(k))).toEqual([
      203, 887, 1534, 1363, 1196, 904, 617, 477, 1, 1, 1,
    ]);
    expect([...degrees.values()].reduce((a, b) => a + b, 0)).toBe(8883);
    // "componentSizes": the sizes of nx.connected_components(G), {size: components}.
    expect(componentSizeDistribution(whole.compact).map((entry) => [entry.value, entry.count])).toEqual([
      [1, 203],
      [2, 216],
      [3, 190],
      [4, 92],
      [5, 69],
      [6, 48],
      [7, 25],
      [8, 18],
      [9, 12],
      [10, 12],
      [11, 7],
      [12, 3],
      [13, 1],
      [14, 5],
      [16, 1],
      [17, 3],
      [18, 2],
      [19, 4],
      [20, 1],
      [21, 1],
      [28, 1],
      [29, 1],
      [34, 1],
      [41, 1],
      [5582, 1],
    ]);
  }, 60_000);
});

describe('tailDistribution', () => {
  it('gives P(X ≥ x) at each distinct positive value, zeros counted in the shares but not drawn', () => {
    expect(tailDistribution([0, 1, 2, 2, 4])).toEqual({
      points: [
        { value: 1, share: 4 / 5 },
        { value: 2, share: 3 / 5 },
        { value: 4, share: 1 / 5 },
      ],
      nonPositive: 1,
      total: 5,
    });
    expect(tailDistribution([0, 0])).toEqual({ points: [], nonPositive: 2, total: 2 });
  });

  it('thins many values to at most the points asked for, spread on a log scale, keeping the first and the largest', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => 1.001 ** i);
    const { points } = tailDistribution(values, 50);
    expect(points.length).toBeLessThanOrEqual(51);
    expect(points.length).toBeGreaterThan(40);
    expect(points[0]).toEqual({ value: 1, share: 1 });
    expect(points[points.length - 1]).toEqual({ value: 1.001 ** 9999, share: 1 / 10_000 });
    // Every point is on the exact curve: share = (values ≥ x) / total.
    for (const point of points)
      expect(point.share).toBeCloseTo(values.filter((value) => value >= point.value).length / values.length, 12);
  });
});
