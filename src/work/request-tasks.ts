/**
 * The heavy work of requests, as plain functions of a loaded network: what a request worker runs
 * (`request-worker.ts`), and what runs in the server's own thread when there are no workers. Arguments
 * and results are plain data that cross a thread boundary: authors travel as ids.
 */
import {
  type CentralityColumns,
  type StructureScores,
  type WeightedScores,
  computeWeightedScores,
  computeWeightedStructure,
  tableOfColumns,
} from '../analysis/centrality.ts';
import { duplicateCandidates } from '../analysis/duplicate-candidates.ts';
import { type EgoNetwork, type EgoNetworkOptions, egoNetwork } from '../analysis/ego-network.ts';
import type { ExportFile, RenderedExport } from '../export/export-formats.ts';
import { type ExportSelection, exportNetwork } from '../export/select-network.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import type { DuplicateCandidateRecord } from './duplicate-records.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import LRUMap from 'mnemonist/lru-map.js';
import {
  type WindowParts,
  type WindowedNetwork,
  type YearRange,
  isWholeRange,
  rangeKey,
  windowNetwork,
} from '../graph/year-window.ts';
import { type WindowAnalysis, analyzeWindow } from '../analysis/windowed-analysis.ts';
import { type CumulativeRanks, cumulativeRanks } from '../analysis/timeline.ts';

export interface RequestTasks {
  /** The drawn network around `centerId`, in the window `range` (null: the whole network). */
  egoNetwork(centerId: string, options: EgoNetworkOptions, range?: YearRange | null): EgoNetwork;
  /** An export file; `centrality` is the table of the window `range` when there is one. */
  exportNetwork(
    centrality: CentralityColumns,
    file: ExportFile,
    selection: ExportSelection | null,
    weighting?: TieWeighting,
    range?: YearRange | null,
  ): RenderedExport;
  /** What the network of the window `range` is made of (graph/year-window.ts), built here from the columns. */
  windowParts(range: YearRange): WindowParts;
  duplicateCandidates(): DuplicateCandidateRecord[];
  /** Weighted degree, eigenvector and PageRank under another tie weighting; of the window `range` when given. */
  weightedScores(weighting: TieWeighting, range?: YearRange | null): WeightedScores;
  /** Constraint and effective size with a tie weighting's strengths; of the window `range` when given. */
  weightedStructure(weighting: TieWeighting, range?: YearRange | null): StructureScores;
  /** A time window's metrics and statistics (analysis/windowed-analysis.ts). */
  windowAnalysis(range: YearRange): WindowAnalysis;
  /** Degree and PageRank ranks in a cumulative network (analysis/timeline.ts). */
  cumulativeRanks(range: YearRange): CumulativeRanks;
}

/** Window networks a worker keeps (a request for a window is usually followed by others for it). */
const WINDOWS_KEPT = 4;

export function requestTasks(network: CoauthorNetwork): RequestTasks {
  const windows = new LRUMap<string, WindowedNetwork>(WINDOWS_KEPT);
  const networkOf = (range: YearRange | null | undefined): CoauthorNetwork => {
    if (range === null || range === undefined || isWholeRange(range)) return network;
    const key = rangeKey(range);
    let window = windows.get(key);
    if (window === undefined) windows.set(key, (window = windowNetwork(network, range)));
    return window;
  };
  const drawnIn = (range: YearRange | null | undefined) => (centerId: string, options: EgoNetworkOptions) =>
    egoNetwork(networkOf(range), centerId, options);
  return {
    egoNetwork: (centerId, options, range) => drawnIn(range)(centerId, options),
    exportNetwork: (centrality, file, selection, weighting, range) => {
      const source = networkOf(range);
      return exportNetwork(
        { network: source, egoNetwork: drawnIn(range) },
        tableOfColumns(source, centrality),
        file,
        selection,
        weighting,
      );
    },
    windowParts: (range) => {
      const window = networkOf(range) as WindowedNetwork;
      return {
        range,
        toWhole: window.toWhole,
        windowPapers: window.windowPapers,
        compact: window.compact,
        papersOverAuthorLimit: window.papersOverAuthorLimit,
      };
    },
    weightedScores: (weighting, range) => computeWeightedScores(networkOf(range), weighting),
    weightedStructure: (weighting, range) => computeWeightedStructure(networkOf(range), weighting),
    windowAnalysis: (range) => analyzeWindow(networkOf(range)),
    cumulativeRanks: (range) => cumulativeRanks(network, range),
    duplicateCandidates: () =>
      duplicateCandidates(network).map(({ authors, ...rest }) => ({
        ...rest,
        authorIds: [authors[0].id, authors[1].id],
      })),
  };
}
