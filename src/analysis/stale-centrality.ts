/**
 * After a curation change the network is rebuilt, and its exact all-pairs pass (betweenness,
 * closeness, harmonic) can take minutes on a large network. Until it finishes, the previous
 * version's all-pairs values are served, carried over by author id (an author new in this version,
 * the part split off, scores 0), and marked `stale`; the local metrics (degree, PageRank, ...) and
 * paths are the new network's at once. When the new pass is in, its values replace them.
 *
 * The windows listed at start (serve --windows) likewise: until the new version's pass over a listed
 * window is in, the previous version's exact values of that window are served, carried over by
 * author id onto the new window's rows and marked `stale`.
 */
import { type YearRange, rangeKey } from '../graph/year-window.ts';
import type { AnalyzedNetwork, CentralityProgress, ExactWindow } from './analyzed-network.ts';
import {
  type CentralityColumns,
  type CentralityTable,
  allPairsMetrics,
  isAllPairsMetric,
  tableOfColumns,
} from './centrality.ts';

export interface StaleProgress extends CentralityProgress {
  /** True while the all-pairs values served are the previous version's. */
  readonly stale: boolean;
}

/** Whether the all-pairs values `data` serves are a previous version's. */
export function allPairsStale(data: AnalyzedNetwork): boolean {
  return (data.progress() as Partial<StaleProgress>).stale === true;
}

export function servingPreviousAllPairs(next: AnalyzedNetwork, previous: AnalyzedNetwork): AnalyzedNetwork {
  if (next.progress().phase === 'exact') return next;
  let fresh = false;
  next.whenExact().then(
    () => {
      fresh = true;
    },
    () => {},
  );
  let carried: Promise<CentralityTable> | null = null;
  // Made again once, when the new version's own local metrics replace the stale ones (provisional-local.ts).
  let carriedWithStaleLocal = false;
  const staleTable = (): Promise<CentralityTable> => {
    if (carried === null || (carriedWithStaleLocal && !next.localStale())) {
      carriedWithStaleLocal = next.localStale();
      carried = Promise.all([previous.centrality(), next.centralityFor('degree')]).then(
        ([old, now]) => carryOver(next, previous, old.columns(), now.columns()),
        // The previous version has no values to give (disposed before its first): the new ones, as they come.
        () => next.centrality(),
      );
    }
    return carried;
  };
  // One carried copy per listed window and per previous value (a newer previous value is carried again).
  const carriedWindows = new Map<string, { readonly from: ExactWindow; readonly carried: ExactWindow }>();
  const exactWindow = (range: YearRange): ExactWindow | null => {
    const own = next.exactWindow(range);
    if (own !== null) return own;
    const window = next.listedWindow(range);
    const before = previous.exactWindow(range);
    const previousWindow = previous.listedWindow(range);
    if (window === null || before === null || previousWindow === null) return null;
    const key = rangeKey(range);
    const known = carriedWindows.get(key);
    if (known !== undefined && known.from === before) return known.carried;
    const carried = carryWindowOver(window, previousWindow, before);
    carriedWindows.set(key, { from: before, carried });
    return carried;
  };
  return {
    ...next,
    get stats() {
      return next.stats;
    },
    centrality: () => (fresh ? next.centrality() : staleTable()),
    centralityFor: (metric) => (fresh || !isAllPairsMetric(metric) ? next.centralityFor(metric) : staleTable()),
    progress: (): StaleProgress => ({ ...next.progress(), stale: !fresh }),
    exactWindow,
    windowProgress: (range): StaleProgress | null => {
      const own = next.windowProgress(range);
      return own === null ? null : { ...own, stale: exactWindow(range)?.stale === true };
    },
  };
}

/** A listed window's previous exact values on the new window's rows (an author new to the window scores 0), stale. */
function carryWindowOver(
  window: AnalyzedNetwork['network'],
  previousWindow: AnalyzedNetwork['network'],
  before: ExactWindow,
): ExactWindow {
  const size = window.compact.order;
  const carry = (values: Float64Array) => {
    const carried = new Float64Array(size);
    for (let row = 0; row < size; row += 1) {
      const at = previousWindow.authorIndex.get(window.authorIdAt(row));
      carried[row] = at === undefined ? 0 : (values[at] as number);
    }
    return carried;
  };
  const { betweenness, closeness, harmonic } = before.scores;
  return {
    scores: { betweenness: carry(betweenness), closeness: carry(closeness), harmonic: carry(harmonic) },
    computedAt: before.computedAt,
    stale: true,
  };
}

function carryOver(
  next: AnalyzedNetwork,
  previous: AnalyzedNetwork,
  old: CentralityColumns,
  now: CentralityColumns,
): CentralityTable {
  const { network } = next;
  const size = network.compact.order;
  const scores = { ...now.scores };
  for (const metric of allPairsMetrics) {
    const values = new Float64Array(size);
    const before = old.scores[metric];
    for (let row = 0; row < size; row += 1) {
      const at = previous.network.authorIndex.get(network.authorIdAt(row));
      values[row] = at === undefined ? 0 : (before[at] as number);
    }
    scores[metric] = values;
  }
  return tableOfColumns(network, {
    scores,
    localOrigin: now.localOrigin,
    allPairsOrigin: old.allPairsOrigin,
    pathFigures: null,
  });
}
