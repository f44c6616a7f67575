/** The network's growth year by year (the HTML report's growth charts), against NetworkX and the windows' own figures. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { networkGrowth } from '../../src/analysis/growth.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import { windowNetwork } from '../../src/graph/year-window.ts';
import { networkFromRecords, paperRecord } from '../helpers/networks.ts';
import { loadAcl2016And2017Network } from '../helpers/acl-slice.ts';

describe('networkGrowth', () => {
  it('equals NetworkX on ACL 2016 + 2017: each year alone and every paper up to it', () => {
    const whole = loadAcl2016And2017Network();
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
