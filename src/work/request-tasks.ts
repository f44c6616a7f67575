/**
 * The heavy work of requests, as plain functions of a loaded network: what a request worker runs
 * (`request-worker.ts`), and what runs in the server's own thread when there are no workers. Arguments
 * and results are plain data that cross a thread boundary: authors travel as ids.
 */
import {
  type CentralityColumns,
  type WeightedScores,
  computeWeightedScores,
  tableOfColumns,
} from '../analysis/centrality.ts';
import { type DuplicateCandidate, duplicateCandidates } from '../analysis/duplicate-candidates.ts';
import { type EgoNetwork, type EgoNetworkOptions, egoNetwork } from '../analysis/ego-network.ts';
import type { ExportFile, RenderedExport } from '../export/export-formats.ts';
import { type ExportSelection, exportNetwork } from '../export/select-network.ts';
import type { Author, CoauthorNetwork } from '../graph/network.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import { type YearRange, windowNetwork } from '../graph/year-window.ts';
import { type WindowAnalysis, analyzeWindow } from '../analysis/windowed-analysis.ts';
import { type CumulativeRanks, cumulativeRanks } from '../analysis/timeline.ts';

/** A duplicate candidate with its two authors as ids. */
export type DuplicateCandidateRecord = Omit<DuplicateCandidate, 'authors'> & {
  readonly authorIds: readonly [string, string];
};

export interface RequestTasks {
  egoNetwork(centerId: string, options: EgoNetworkOptions): EgoNetwork;
  exportNetwork(
    centrality: CentralityColumns,
    file: ExportFile,
    selection: ExportSelection | null,
    weighting?: TieWeighting,
  ): RenderedExport;
  duplicateCandidates(): DuplicateCandidateRecord[];
  /** Weighted degree, eigenvector and PageRank under another tie weighting. */
  weightedScores(weighting: TieWeighting): WeightedScores;
  /** A time window's metrics and statistics (analysis/windowed-analysis.ts). */
  windowAnalysis(range: YearRange): WindowAnalysis;
  /** Degree and PageRank ranks in a cumulative network (analysis/timeline.ts). */
  cumulativeRanks(range: YearRange): CumulativeRanks;
}

export function requestTasks(network: CoauthorNetwork): RequestTasks {
  const drawn = (centerId: string, options: EgoNetworkOptions) => egoNetwork(network, centerId, options);
  return {
    egoNetwork: drawn,
    exportNetwork: (centrality, file, selection, weighting) =>
      exportNetwork({ network, egoNetwork: drawn }, tableOfColumns(network, centrality), file, selection, weighting),
    weightedScores: (weighting) => computeWeightedScores(network, weighting),
    windowAnalysis: (range) => analyzeWindow(windowNetwork(network, range)),
    cumulativeRanks: (range) => cumulativeRanks(network, range),
    duplicateCandidates: () =>
      duplicateCandidates(network).map(({ authors, ...rest }) => ({
        ...rest,
        authorIds: [authors[0].id, authors[1].id],
      })),
  };
}

/** The candidates again with the serving network's authors. */
export function withAuthors(
  network: CoauthorNetwork,
  records: readonly DuplicateCandidateRecord[],
): DuplicateCandidate[] {
  return records.map(({ authorIds, ...rest }) => ({
    ...rest,
    authors: [network.authors.get(authorIds[0]) as Author, network.authors.get(authorIds[1]) as Author],
  }));
}
