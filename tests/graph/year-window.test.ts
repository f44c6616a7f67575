import { describe, expect, it } from 'vitest';
import { computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import { computeLocalCentrality } from '../../src/analysis/centrality.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import { bestCollaborationPath, collaborationDistance } from '../../src/analysis/paths.ts';
import { listCoauthors } from '../../src/graph/lookup.ts';
import { checkYearRange, parseYearRange, windowNetwork, YearRangeError } from '../../src/graph/year-window.ts';
import { networkFromRecords, paperRecord } from '../helpers/networks.ts';
import { expectYearWindowStats } from '../helpers/reference.ts';
import { yearWindowExpected } from '../reference/year-window-expected.ts';
import { loadAcl2016And2017Network } from '../helpers/acl-slice.ts';

/**
 * Windowed networks against NetworkX: the ACL 2016 slice followed by the ACL 2017 main venues in one
 * file, and the window {from: 2017}, whose graph tests/reference/year_window_reference.py builds from
 * the 2017 papers alone (no project code) and measures with NetworkX 2.8 (PageRank and eigenvector to
 * the fixed point).
 */
const whole = loadAcl2016And2017Network();
const window = windowNetwork(whole, { from: 2017, to: null });
const expected = yearWindowExpected;

function expectClose(actual: number, wanted: number, tolerance: number, label: string): void {
  expect(Math.abs(actual - wanted), `${label}: ${actual} vs ${wanted}`).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(wanted)),
  );
}

describe('the window {from: 2017} of ACL 2016 + 2017, against NetworkX on the 2017 papers', () => {
  it('has the papers, authors, ties and components of the 2017 papers alone', () => {
    expect(whole.authors.size).toBe(expected.wholeAuthorCount);
    const stats = computeGraphStats(window);
    expectYearWindowStats((key) => stats[key], 1e-12);
  });

  it('gives the reference degree, weighted degree, PageRank, eigenvector, coreness and betweenness (top 10)', () => {
    const local = computeLocalCentrality(window);
    const allPairs = computeAllPairsCentralitySync(window.compact);
    const columns = { ...local, betweenness: allPairs.betweenness } as unknown as Record<string, Float64Array>;
    for (const metric of ['degree', 'weightedDegree', 'pagerank', 'eigenvector', 'coreness', 'betweenness'] as const) {
      for (const [id, value] of expected[metric] as readonly (readonly [string, number])[]) {
        const row = window.authorIndex.get(id);
        expect(row, `${id} is in the window`).toBeDefined();
        expectClose(columns[metric]![row as number] as number, value, 1e-9, `${metric} of ${id}`);
      }
    }
    expectClose(
      local.pagerank.reduce((sum, x) => sum + x, 0),
      1,
      1e-12,
      'PageRank sums to 1 over the window',
    );
  });

  it('measures paths in the window only', () => {
    for (const [pair, length] of Object.entries(expected.paths)) {
      const [from, to] = pair.split('|') as [string, string];
      expect(collaborationDistance(window, from, to), pair).toBe(length);
    }
    // The whole network connects a pair the window does not.
    expect(collaborationDistance(whole, 'noah-a-smith', 'dan-klein')).not.toBeNull();
  });

  it('cites only papers of the window on every hop', () => {
    const path = bestCollaborationPath(window, 'graham-neubig', 'mirella-lapata');
    expect(path?.hops).toHaveLength(3);
    for (const hop of path?.hops ?? [])
      for (const id of hop.paperIds) expect(whole.papers.get(id)?.year, `${id}`).toBe(2017);
  });
});

describe('windows on a small network', () => {
  // a–b in 2015 and 2018, b–c in 2018, c–d without a year, e alone in 2016.
  const network = networkFromRecords([
    paperRecord('AB 2015', ['A A', 'B B'], { year: 2015 }),
    paperRecord('AB 2018', ['A A', 'B B'], { year: 2018 }),
    paperRecord('BC 2018', ['B B', 'C C'], { year: 2018 }),
    paperRecord('CD undated', ['C C', 'D D']),
    paperRecord('E 2016', ['E E'], { year: 2016 }),
  ]);

  it('includes both ends, and counts only the joint papers inside', () => {
    const w = windowNetwork(network, { from: 2016, to: 2018 });
    expect(w.authorIds).toEqual(['a-a', 'b-b', 'c-c', 'e-e']);
    expect(listCoauthors(w, 'b-b').map((c) => [c.authorId, c.jointPaperIds.length])).toEqual([
      ['a-a', 1],
      ['c-c', 1],
    ]);
    expect(listCoauthors(network, 'a-a')[0]?.jointPaperIds).toHaveLength(2);
  });

  it('leaves papers without a year out of every bounded window, in the whole network', () => {
    expect(windowNetwork(network, { from: null, to: 2100 }).authorIndex.has('d-d')).toBe(false);
    expect(windowNetwork(network, { from: 1900, to: null }).authorIndex.has('d-d')).toBe(false);
    expect(windowNetwork(network, { from: null, to: null }).authorIndex.has('d-d')).toBe(true);
    expect(collaborationDistance(windowNetwork(network, { from: null, to: 2015 }), 'a-a', 'b-b')).toBe(1);
    expect(collaborationDistance(windowNetwork(network, { from: null, to: 2015 }), 'a-a', 'c-c')).toBeNull();
  });

  it('refuses a window whose from is after its to', () => {
    expect(() => checkYearRange({ from: 2020, to: 2019 })).toThrow(YearRangeError);
  });
});

describe('parseYearRange', () => {
  it('reads FROM-TO with either end open, one year, or "-" for every paper', () => {
    expect(parseYearRange('2016-2019')).toEqual({ from: 2016, to: 2019 });
    expect(parseYearRange('2016-')).toEqual({ from: 2016, to: null });
    expect(parseYearRange('-2019')).toEqual({ from: null, to: 2019 });
    expect(parseYearRange(' 2016 - 2019 ')).toEqual({ from: 2016, to: 2019 });
    expect(parseYearRange('2017')).toEqual({ from: 2017, to: 2017 });
    expect(parseYearRange('-')).toEqual({ from: null, to: null });
    expect(() => parseYearRange('2019-2016')).toThrow(YearRangeError);
    expect(() => parseYearRange('2019/2020')).toThrow(YearRangeError);
  });
});
