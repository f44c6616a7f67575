/**
 * An author's collaboration timeline: one entry per year in which the author has a paper (within a
 * window, when one is given), in year order. For year Y:
 * - `paperCount`: the author's papers of Y;
 * - `coauthorCount`: distinct co-authors on those papers (papers over the author limit add none, as
 *   they add no ties);
 * - `newCoauthors`: co-authors whose first joint paper (in the window) is in Y;
 * - `lastJointYearCoauthors`: co-authors whose latest joint paper so far (in the window, up to the last
 *   year the data holds) is in Y: the collaborations that end in Y;
 * - `cumulativeCoauthorCount`: distinct co-authors with a joint paper in the window up to Y;
 * - `degreeRank`, `pagerankRank`: the author's 1-based competition rank by degree and by PageRank in
 *   the cumulative network of the window's papers up to Y (`{ from: window.from, to: Y }`), among the
 *   authors of that network (ties share a rank; degree counts co-authors, PageRank as everywhere).
 * Papers without a year have no place on a timeline.
 */
import type { CoauthorNetwork } from '../graph/network.ts';
import { NO_YEAR } from '../graph/network-columns.ts';
import { type YearRange, windowNetwork, yearInRange } from '../graph/year-window.ts';
import { rank } from './centrality.ts';
import { pagerankScores } from './power-iteration.ts';

/** An author's ranks in one cumulative network (1-based, ties sharing a rank). */
export interface YearRanks {
  readonly degreeRank: number;
  readonly pagerankRank: number;
}

export interface AuthorYear extends AuthorYearCounts {
  /**
   * The author's ranks in the cumulative network up to this year: computed on the first call (one
   * network and one PageRank per year and window start, which the caller may keep), the same promise
   * after, so a timeline that does not ask for ranks builds no network.
   */
  ranks(): Promise<YearRanks>;
}

/** Ranks by whole-network author row in a cumulative network (0: not in it). */
export interface CumulativeRanks {
  readonly degreeRank: Int32Array;
  readonly pagerankRank: Int32Array;
}

/** Everything but the ranks, which need the cumulative networks (`cumulativeRanks`). */
export interface AuthorYearCounts {
  readonly year: number;
  readonly paperCount: number;
  readonly coauthorCount: number;
  readonly newCoauthors: number;
  readonly lastJointYearCoauthors: number;
  readonly cumulativeCoauthorCount: number;
}

export function authorYearCounts(network: CoauthorNetwork, authorId: string, range: YearRange): AuthorYearCounts[] {
  const { columns } = network;
  const author = network.authorIndex.get(authorId);
  if (author === undefined) return [];
  const limit = columns.maxAuthorsPerPaper ?? Number.POSITIVE_INFINITY;
  const papersByYear = new Map<number, number>();
  const coauthorsByYear = new Map<number, Set<number>>();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  for (
    let k = columns.authorPaperOffsets[author] as number;
    k < (columns.authorPaperOffsets[author + 1] as number);
    k += 1
  ) {
    const paper = columns.authorPapers[k] as number;
    const year = columns.year[paper] as number;
    if (year === NO_YEAR || !yearInRange(year, range)) continue;
    papersByYear.set(year, (papersByYear.get(year) ?? 0) + 1);
    let coauthors = coauthorsByYear.get(year);
    if (coauthors === undefined) coauthorsByYear.set(year, (coauthors = new Set()));
    const start = columns.bylineOffsets[paper] as number;
    const end = columns.bylineOffsets[paper + 1] as number;
    if (end - start > limit) continue;
    for (let b = start; b < end; b += 1) {
      const other = columns.byline[b] as number;
      if (other === author) continue;
      coauthors.add(other);
      if (year < (first.get(other) ?? Number.POSITIVE_INFINITY)) first.set(other, year);
      if (year > (last.get(other) ?? Number.NEGATIVE_INFINITY)) last.set(other, year);
    }
  }
  const countBy = (years: Map<number, number>) => {
    const counts = new Map<number, number>();
    for (const year of years.values()) counts.set(year, (counts.get(year) ?? 0) + 1);
    return counts;
  };
  const newByYear = countBy(first);
  const endingByYear = countBy(last);
  let cumulative = 0;
  return [...papersByYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      cumulative += newByYear.get(year) ?? 0;
      return {
        year,
        paperCount: papersByYear.get(year) as number,
        coauthorCount: coauthorsByYear.get(year)?.size ?? 0,
        newCoauthors: newByYear.get(year) ?? 0,
        lastJointYearCoauthors: endingByYear.get(year) ?? 0,
        cumulativeCoauthorCount: cumulative,
      };
    });
}

/** Degree and PageRank ranks of every author of the cumulative network `range` (by whole-network row; 0 outside it). */
export function cumulativeRanks(network: CoauthorNetwork, range: YearRange): CumulativeRanks {
  const window = windowNetwork(network, range);
  const { compact } = window;
  const degree = new Float64Array(compact.order);
  for (let v = 0; v < compact.order; v += 1)
    degree[v] = (compact.offsets[v + 1] as number) - (compact.offsets[v] as number);
  const byWholeRow = (scores: Float64Array) => {
    const ranks = new Int32Array(network.compact.order);
    for (const entry of rank(scores, window.authorIds, false))
      ranks[window.toWhole[window.authorIndex.get(entry.authorId) as number] as number] = entry.rank;
    return ranks;
  };
  return { degreeRank: byWholeRow(degree), pagerankRank: byWholeRow(pagerankScores(compact)) };
}

/** The timeline of `authorId` in `range`; each year's ranks come from `ranksUpTo` when first asked for. */
export function authorTimeline(
  network: CoauthorNetwork,
  authorId: string,
  range: YearRange,
  ranksUpTo: (year: number) => Promise<CumulativeRanks>,
): AuthorYear[] {
  const row = network.authorIndex.get(authorId);
  if (row === undefined) return [];
  return authorYearCounts(network, authorId, range).map((entry) => {
    let ranks: Promise<YearRanks> | undefined;
    return {
      ...entry,
      ranks: () =>
        (ranks ??= ranksUpTo(entry.year).then((all) => ({
          degreeRank: all.degreeRank[row] as number,
          pagerankRank: all.pagerankRank[row] as number,
        }))),
    };
  });
}
