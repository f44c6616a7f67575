/**
 * The network's growth year by year, as the report draws it (`coauthor-graph report --html`).
 *
 * For each year Y with at least one paper:
 * - `papers`, `authors`, `ties`: the network of Y's papers alone (the window {from: Y, to: Y},
 *   graph/year-window.ts): its papers, the authors of those papers, and the pairs with a joint paper
 *   in Y that adds ties (papers over the author limit add none);
 * - `cumulativePapers`, `cumulativeAuthors`, `cumulativeTies`: the same for the network of every paper
 *   up to Y (the window {to: Y}), within the network given (a report over 2016–2019 starts in 2016).
 *
 * Papers without a year have no place in time: they are counted apart (`papersWithoutYear`) and in
 * no year. Computed in one sweep over the papers and one over the ties.
 */
import { NO_YEAR } from '../graph/network-columns.ts';
import type { CoauthorNetwork } from '../graph/network.ts';

export interface GrowthYear {
  readonly year: number;
  readonly papers: number;
  readonly authors: number;
  readonly ties: number;
  readonly cumulativePapers: number;
  readonly cumulativeAuthors: number;
  readonly cumulativeTies: number;
}

export interface NetworkGrowth {
  /** Every year with a paper, in order. */
  readonly years: readonly GrowthYear[];
  readonly papersWithoutYear: number;
}

interface YearCounts {
  papers: number;
  authors: number;
  ties: number;
  newAuthors: number;
  newTies: number;
}

export function networkGrowth(
  network: Pick<CoauthorNetwork, 'papers' | 'authorIndex' | 'compact' | 'columns'>,
): NetworkGrowth {
  const counts = new Map<number, YearCounts>();
  const countsOf = (year: number) => {
    let entry = counts.get(year);
    if (entry === undefined) counts.set(year, (entry = { papers: 0, authors: 0, ties: 0, newAuthors: 0, newTies: 0 }));
    return entry;
  };
  // Each author's years with a paper, gathered as sorted distinct lists.
  const { compact } = network;
  const authorYears: number[][] = Array.from({ length: compact.order }, () => []);
  let papersWithoutYear = 0;
  for (const paper of network.papers.values()) {
    if (paper.year === null) {
      papersWithoutYear += 1;
      continue;
    }
    countsOf(paper.year).papers += 1;
    for (const id of paper.authorIds) {
      const row = network.authorIndex.get(id);
      if (row !== undefined && row >= 0) authorYears[row]?.push(paper.year);
    }
  }
  const tally = (years: number[], field: 'authors' | 'ties', first: 'newAuthors' | 'newTies') => {
    if (years.length === 0) return;
    years.sort((a, b) => a - b);
    countsOf(years[0] as number)[first] += 1;
    let previous = Number.NaN;
    for (const year of years) {
      if (year !== previous) countsOf(year)[field] += 1;
      previous = year;
    }
  };
  for (const years of authorYears) tally(years, 'authors', 'newAuthors');
  // Each tie once (from its lower end), with the years of its joint papers.
  const yearOf = network.columns.year;
  for (let u = 0; u < compact.order; u += 1) {
    for (let j = compact.offsets[u] as number; j < (compact.offsets[u + 1] as number); j += 1) {
      if ((compact.neighbors[j] as number) < u) continue;
      const years: number[] = [];
      for (let k = compact.paperOffsets[j] as number; k < (compact.paperOffsets[j + 1] as number); k += 1) {
        const year = yearOf[compact.papers[k] as number] as number;
        if (year !== NO_YEAR) years.push(year);
      }
      tally(years, 'ties', 'newTies');
    }
  }
  let cumulativePapers = 0;
  let cumulativeAuthors = 0;
  let cumulativeTies = 0;
  const years = [...counts.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const entry = counts.get(year) as YearCounts;
      cumulativePapers += entry.papers;
      cumulativeAuthors += entry.newAuthors;
      cumulativeTies += entry.newTies;
      return {
        year,
        papers: entry.papers,
        authors: entry.authors,
        ties: entry.ties,
        cumulativePapers,
        cumulativeAuthors,
        cumulativeTies,
      };
    });
  return { years, papersWithoutYear };
}
