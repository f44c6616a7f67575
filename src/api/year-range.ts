/**
 * Time windows over the API: the `YearRange` input and the window a request asks for.
 *
 * A window's network is built on first request from the shared columns in a request worker
 * (graph/year-window.ts: the event loop only assembles it) and its metrics in a request worker too
 * (analysis/windowed-analysis.ts); both are kept per served network in a
 * small least-recently-used cache, bounded by the number of windows and by their total adjacency
 * entries (what a window costs in memory), so a client cycling through windows cannot grow memory.
 */
import type { AnalyzedNetwork, ExactWindow } from '../analysis/analyzed-network.ts';
import { type CentralityTable, tableOfColumns } from '../analysis/centrality.ts';
import type { GraphStats } from '../analysis/graph-stats.ts';
import {
  type WindowedNetwork,
  type YearRange,
  YearRangeError,
  checkYearRange,
  isWholeRange,
  rangeKey,
  windowFromParts,
} from '../graph/year-window.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import type { Context } from './builder.ts';
import { builder } from './builder.ts';
import { badUserInput } from './errors.ts';
import { offloaded } from './offload.ts';

export const YearRangeRef = builder.inputType('YearRange', {
  description:
    'A time window: the papers whose year is from `from` to `to`, both included; either end may be left out (open). Papers without a year are outside every window with at least one end. The network of a window is made of its papers only: its authors are their authors, a tie exists when a joint paper falls inside, weights count those papers, and paths cite only them.',
  fields: (t) => ({
    from: t.int({ description: 'First year included; leave out for no lower bound.' }),
    to: t.int({ description: 'Last year included; leave out for no upper bound.' }),
  }),
});

export const yearsDescription =
  'Only the papers of these years (YearRange; papers without a year are outside every bounded window). Leave out for the whole network.';

/** Windows kept per served network, and their total adjacency entries at most (on top of the newest one). */
const MAX_WINDOWS = 16;
const MAX_WINDOW_ENTRIES = 20_000_000;

export interface Window {
  readonly range: YearRange;
  readonly network: WindowedNetwork;
  /** The window's centrality table (local metrics exact; all-pairs exact when small, else estimated). */
  table(context: Context): Promise<CentralityTable>;
  stats(context: Context): Promise<GraphStats>;
}

/** Window tables whose betweenness, closeness and harmonic are a previous network version's (see `allPairsStaleIn`). */
const staleTables = new WeakSet<CentralityTable>();

/** Whether a window's table serves a previous version's all-pairs values (a listed window after a curation change). */
export function allPairsStaleIn(table: CentralityTable): boolean {
  return staleTables.has(table);
}

const caches = new WeakMap<AnalyzedNetwork, Map<string, Promise<Window>>>();
/** Adjacency entries of the windows built so far (what each costs in memory), by key. */
const sizes = new WeakMap<AnalyzedNetwork, Map<string, number>>();

function makeWindow(data: AnalyzedNetwork, network: WindowedNetwork): Window {
  const { range } = network;
  let analysis: Promise<{ table: CentralityTable; stats: GraphStats }> | null = null;
  // A window listed at start (serve --windows): its exact all-pairs values replace the estimates once
  // in; after a curation change, the previous version's (stale) until this version's are in.
  let withValues: { readonly exact: ExactWindow; readonly table: CentralityTable } | null = null;
  const withExact = (table: CentralityTable): CentralityTable => {
    const exact = data.exactWindow(range);
    // A small window is exact on request: this version's values rather than a previous version's.
    if (exact === null || (exact.stale === true && table.originOf('betweenness').exact)) return table;
    if (withValues?.exact === exact) return withValues.table;
    const columns = table.columns();
    const { betweenness, closeness, harmonic } = exact.scores;
    const made = tableOfColumns(network, {
      ...columns,
      scores: { ...columns.scores, betweenness, closeness, harmonic },
      allPairsOrigin: { exact: true, sampleSize: null, computedAt: exact.computedAt, fromCache: false },
    });
    if (exact.stale === true) staleTables.add(made);
    withValues = { exact, table: made };
    return made;
  };
  const analyzed = (context: Context) => {
    if (analysis === null) {
      analysis = offloaded(context.work.windowAnalysis(range, context.signal)).then((result) => ({
        table: tableOfColumns(network, result.columns),
        stats: result.stats,
      }));
      // A request that gave up must not leave its failure to the next one.
      analysis.catch(() => {
        analysis = null;
      });
    }
    return analysis;
  };
  return {
    range,
    network,
    table: async (context) => withExact((await analyzed(context)).table),
    stats: async (context) => (await analyzed(context)).stats,
  };
}

/** Drops the least recently used windows past `MAX_WINDOWS` or `MAX_WINDOW_ENTRIES` (never `keep`). */
function evict(cache: Map<string, Promise<Window>>, size: Map<string, number>, keep: string): void {
  let entries = 0;
  for (const key of cache.keys()) entries += size.get(key) ?? 0;
  for (const oldest of cache.keys()) {
    if ((cache.size <= MAX_WINDOWS && entries <= MAX_WINDOW_ENTRIES) || oldest === keep) break;
    cache.delete(oldest);
    entries -= size.get(oldest) ?? 0;
    size.delete(oldest);
  }
}

type YearsArgument = { from?: number | null; to?: number | null } | null | undefined;

/** The range `years` asks for (both ends open when not given); `from` after `to` is BAD_USER_INPUT. */
export function rangeOf(years: YearsArgument): YearRange {
  try {
    return checkYearRange({ from: years?.from ?? null, to: years?.to ?? null });
  } catch (error) {
    if (error instanceof YearRangeError) throw badUserInput(`"years": ${error.message}.`, 'years');
    throw error;
  }
}

/**
 * The window `years` asks for, or null for the whole network (no years, or both ends open). An unseen
 * window's network is built off the event loop (`work.windowParts`: a request worker reads the shared
 * columns) and assembled here in time linear in its papers; requests for it meanwhile wait for the same build.
 */
export async function windowOf(context: Context, years: YearsArgument): Promise<Window | null> {
  const range = rangeOf(years);
  if (isWholeRange(range)) return null;
  const { data } = context;
  let cache = caches.get(data);
  if (cache === undefined) caches.set(data, (cache = new Map<string, Promise<Window>>()));
  let size = sizes.get(data);
  if (size === undefined) sizes.set(data, (size = new Map<string, number>()));
  const key = rangeKey(range);
  let window = cache.get(key);
  if (window !== undefined) {
    cache.delete(key);
    cache.set(key, window);
    return window;
  }
  // A window listed at start (serve --windows) is being built on a pass thread; any other is built for whoever asks
  // (no single request's time budget stops it: a few seconds at most).
  // (Should its build fail, the window is built as any other.)
  const listed = data.listedWindowBuilt(range)?.catch(() => null) ?? Promise.resolve(null);
  const built = listed.then((window) =>
    window !== null
      ? makeWindow(data, window)
      : offloaded(context.work.windowParts(range)).then((parts) =>
          makeWindow(data, windowFromParts(data.network, parts)),
        ),
  );
  window = built;
  cache.set(key, built);
  const kept = { cache, size };
  built.then(
    (made) => {
      if (kept.cache.get(key) !== built) return;
      kept.size.set(key, made.network.compact.neighbors.length);
      evict(kept.cache, kept.size, key);
    },
    // A request that gave up must not leave its failure to the next one.
    () => {
      if (kept.cache.get(key) === built) kept.cache.delete(key);
    },
  );
  evict(cache, size, key);
  return window;
}

/** The network `years` asks for: the window's, or the whole network. */
export async function networkOf(context: Context, years: YearsArgument): Promise<CoauthorNetwork> {
  return (await windowOf(context, years))?.network ?? context.data.network;
}

/** `authorId`, when the window (if any) holds it; else BAD_USER_INPUT on `years`. */
export function requireInWindow(window: Window | null, authorId: string): string {
  if (window !== null && !window.network.authorIndex.has(authorId))
    throw badUserInput(
      `The author "${authorId}" has no paper in the window ${rangeKey(window.range)}, so no network there.`,
      'years',
    );
  return authorId;
}
