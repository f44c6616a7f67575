/** Loading for every command: files → catalog → network, with the problems to show. */
import { type AnalysisOptions, type AnalyzedNetwork, analyzeNetwork } from '../analysis/analyzed-network.ts';
import { centralityCache } from '../analysis/centrality-cache.ts';
import type { AnalysisConfig, DataConfig } from '../config.ts';
import { type CoauthorNetwork, buildNetwork } from '../graph/network.ts';
import { type LoadResult, hasErrors, loadFiles } from '../ingest/load.ts';
import { formatProblem } from '../ingest/records.ts';
import { inputKey } from './input-key.ts';
import { type ProgressBar, progressBar } from './progress-bar.ts';

export interface LoadedData {
  readonly load: LoadResult;
  readonly network: CoauthorNetwork;
  readonly hasErrors: boolean;
}

/** Loads; a progress bar goes to the terminal's stderr for large inputs (nothing when not a terminal). */
export function loadData(config: DataConfig, progress: ProgressBar = progressBar(process.stderr)): LoadedData {
  let load;
  try {
    load = loadFiles({ files: config.files, aliasFile: config.aliasFile, format: config.inputFormat, onProgress: (event) => progress.update(event) });
  } finally {
    progress.done();
  }
  return { load, network: buildNetwork(load.catalog, { maxAuthorsPerPaper: config.maxAuthorsPerPaper }), hasErrors: hasErrors(load.problems) };
}

/** Loads and analyzes, or explains why the data cannot be served (any unreadable record, or no paper). */
export function loadServableData(
  config: DataConfig & Partial<AnalysisConfig>, options: Pick<AnalysisOptions, 'onSettled'> = {},
): { data: AnalyzedNetwork; loaded: LoadedData } | { failure: string } {
  const loaded = loadData(config);
  if (loaded.hasErrors) {
    const errors = loaded.load.problems.filter((problem) => problem.severity === 'error');
    return { failure: `refusing to serve: ${errors.length} record(s) could not be read (run "coauthor-graph check" for details):\n${errors.map(formatProblem).join('\n')}` };
  }
  if (loaded.network.papers.size === 0) {
    return { failure: `refusing to serve: no papers were loaded from ${config.files.length === 0 ? 'no data files' : config.files.join(', ')}` };
  }
  const { cacheDirectory, threads, sampleSize } = config;
  const data = analyzeNetwork(loaded.network, {
    ...options,
    ...(threads == null ? {} : { threads }),
    ...(sampleSize == null ? {} : { sampleSize }),
    cache: cacheDirectory == null ? null : centralityCache(cacheDirectory, () => inputKey(config), loaded.network.authorIds),
  });
  return { data, loaded };
}

export function describeLoad(loaded: LoadedData, config: DataConfig): string {
  const { network, load } = loaded;
  const files = config.files.length === 1 ? '1 file' : `${config.files.length} files`;
  const aliases = config.aliasFile === null ? '' : `, aliases from ${config.aliasFile}`;
  return `${network.papers.size} papers, ${network.authors.size} authors, ${network.compact.edgeCount} collaborations from ${files} (${config.files.join(', ')})${aliases}`
    + (load.catalog.duplicatesMerged > 0 ? `; ${load.catalog.duplicatesMerged} duplicate records merged` : '')
    + (network.maxAuthorsPerPaper === null ? '' : `; ${network.papersOverAuthorLimit} paper(s) with more than ${network.maxAuthorsPerPaper} authors add no collaborations`);
}
