/**
 * A loaded network with everything that is computed once for it: graph statistics and the four local
 * centrality metrics up front; betweenness, closeness and harmonic centrality as soon as they can be
 * had; drawable ego networks on demand, kept in a small cache (their layout is the costly part and
 * front ends ask for the same view again and again).
 *
 * The all-pairs metrics:
 * - small networks (n·(n + E) up to `IN_THREAD_LIMIT`, well under a second): exact, in this thread,
 *   before the network is served;
 * - large networks: read from the cache when an earlier run saved exact values for the same inputs;
 *   otherwise estimated from a sample in worker threads (seconds), then computed exactly in worker
 *   threads in the background, while the server answers. Each table says which (`originOf`); a
 *   request that needs these metrics before the estimates exist waits for them.
 *
 * The background passes (estimates, exact pass, listed windows) run on one pool of pass threads
 * (src/work/pass-threads.ts), opened for the first and closed after the last, or on `dispose()`.
 */
import LRUMap from 'mnemonist/lru-map.js';
import type { CoauthorNetwork } from '../graph/network.ts';
import {
  type WindowedNetwork,
  type YearRange,
  isWholeRange,
  rangeKey,
  windowFromParts,
  windowNetwork,
  windowSource,
} from '../graph/year-window.ts';
import {
  type AllPairsScores,
  type EstimateRun,
  type PassRun,
  PassCancelled,
  computePlannedAllPairsCentrality,
  computeAllPairsCentralitySync,
  estimateAllPairsCentrality,
  DEFAULT_SAMPLE_SIZE,
} from './all-pairs-centrality.ts';
import {
  type CentralityColumns,
  type CentralityMetric,
  type CentralityTable,
  type LocalScores,
  centralityTable,
  computeLocalCentrality,
  isAllPairsMetric,
  tableOfColumns,
  withLocalScores,
} from './centrality.ts';
import { type CentralityProgress, type PhaseTracker, phaseTracker, progressAfter } from './centrality-phases.ts';
import { planExactPass } from '../work/pass-plan.ts';
import type { PassThreads } from '../work/pass-threads.ts';
import type { PassGraph } from './shortest-path-pass.ts';
import { type EgoNetwork, type EgoNetworkOptions, egoNetwork } from './ego-network.ts';
import { type GraphStats, computeGraphStats, structureFigures } from './graph-stats.ts';
import type { Renumbered } from './locality-order.ts';
import {
  type StartedEstimates,
  allPairsInThread,
  firstSampleSize,
  openAnalysisPassThreads,
} from './early-estimates.ts';

/** Where the all-pairs computation stands. */
export type { CentralityPhase, CentralityProgress } from './centrality-phases.ts';

export interface AnalyzedNetwork {
  readonly network: CoauthorNetwork;
  readonly stats: GraphStats;
  /** The best centrality table there is; waits only until estimates exist (the first estimate, on a large network). */
  centrality(): Promise<CentralityTable>;
  /**
   * The estimates from the whole sample (`sampleSize` sources per large component), or better values:
   * what a snapshot keeps. On a network whose first estimate searched fewer sources
   * (`firstSampleSize`), this waits for the estimate that replaces it; elsewhere it is `centrality()`.
   */
  whenSampled(): Promise<CentralityTable>;
  /** A table with `metric`: at once for the four local metrics, else as `centrality()`. */
  centralityFor(metric: CentralityMetric): Promise<CentralityTable>;
  /** Resolves when the exact values are in. */
  whenExact(): Promise<CentralityTable>;
  progress(): CentralityProgress;
  /**
   * True while the local metrics that need a computation over the whole network (`globalLocalMetrics`)
   * are the previous version's, carried over after a curation step (see provisional-local.ts).
   */
  localStale(): boolean;
  /** Resolves when this network's own local metrics are in (at once unless `freshLocal` was given). */
  whenLocalFresh(): Promise<void>;
  egoNetwork(centerId: string, options: EgoNetworkOptions): EgoNetwork;
  /**
   * A window listed at start (`exactWindows`, serve --windows): its exact betweenness, closeness and
   * harmonic once the background pass has computed them; null for any other window, or before that.
   */
  exactWindow(range: YearRange): ExactWindow | null;
  /** A listed window's network once built (on a pass thread, after load), or null (not listed, or not built yet). */
  listedWindow(range: YearRange): WindowedNetwork | null;
  /** A listed window's network as it is being built, or null for a window not listed. */
  listedWindowBuilt(range: YearRange): Promise<WindowedNetwork> | null;
  /** True once every listed window has this network's own exact values (at once when none is listed). */
  windowsExact(): boolean;
  /**
   * A listed window's own progress (its estimates are made on request; its exact pass runs after the
   * whole network's), or null for a window not listed.
   */
  windowProgress(range: YearRange): CentralityProgress | null;
  /** Settles when a listed window's exact values are in (rejects when its pass failed or was cancelled); null when not listed. */
  whenWindowExact(range: YearRange): Promise<ExactWindow> | null;
  /** Stops background work (worker threads); the network stays readable. */
  dispose(): void;
  /**
   * Settles once the exact pass has ended after `dispose()` (at once when it had ended before): a
   * shared pass gives back the chunks it held on its way out, so its store must stay open until then.
   */
  stopped(): Promise<void>;
  /** Runs `callback` on `dispose()` (at once when already disposed): for work others keep per network. */
  onDispose(callback: () => void): void;
}

export interface AnalysisOptions {
  /** `auto`: in this thread when the network is small, else in the background (the default). */
  readonly mode?: 'auto' | 'in-thread' | 'background';
  /** Worker threads for the background passes (default: one per core). */
  readonly threads?: number;
  /** Worker threads for the exact pass alone (default: `threads`); a server leaves its event loop a core. */
  readonly exactThreads?: number;
  /** Sources sampled per large component for the estimates. */
  readonly sampleSize?: number;
  /**
   * Sources of the first estimate, which the network is served with (default `firstSampleSize`: the
   * sample size, or fewer on a network where that would hold up the start; the estimate from the whole
   * sample then follows in the background, before the exact pass).
   */
  readonly firstSampleSize?: number;
  /** Called once when exact values are in (or the computation failed), for the log. */
  readonly onSettled?: (progress: CentralityProgress, seconds: number | null) => void;
  /**
   * Metrics that come with the network (from a snapshot): used as they are, so nothing is computed
   * at load. When its all-pairs values are estimates, the exact pass still runs in the background.
   */
  readonly stored?: StoredCentrality | null;
  /** Called with the exact table when a pass computed it (to save it: see snapshot-cache.ts). */
  readonly onExact?: (table: CentralityTable, seconds: number) => void;
  /** Graph statistics already known (from a snapshot). */
  readonly stats?: GraphStats;
  /**
   * Who runs the exact pass (default: this process, in its worker threads). A replica of the shared
   * store passes the deployment's shared pass (src/db/shared-pass.ts): it computes its share of the
   * chunks and resolves with the values every process combined.
   */
  readonly exactPass?: ExactPass;
  /** The local metrics, computed already; provisional ones (the previous version's) when `freshLocal` is given. */
  readonly local?: LocalScores;
  /**
   * This network's local metrics, being computed off the event loop (a replica's curation step): until
   * they resolve, `local` is served and `localStale()` is true; then every table is rebuilt with them.
   */
  readonly freshLocal?: Promise<LocalScores>;
  /**
   * Time windows whose betweenness, closeness and harmonic are computed exactly in the background
   * (serve --windows), one after another once the whole network's exact pass is done, at the same
   * low priority; other windows get estimates on request (windowed-analysis.ts).
   */
  readonly exactWindows?: readonly YearRange[];
  /**
   * The exact pass starts once this resolves (and the first values are in): a server passes its
   * readiness, so planning the pass (seconds of this thread's time on a large network) does not hold
   * up start-up.
   */
  readonly exactAfter?: Promise<unknown>;
  /**
   * False: no estimates from a sample ahead of the exact pass (the first all-pairs values are the
   * exact ones). A replica's curation step serves the previous version's exact values, marked stale,
   * meanwhile (stale-centrality.ts): estimates would never be served, and their planning held the
   * event loop for a second right after the swap, and their searches put the exact pass off.
   */
  readonly estimates?: boolean;
  /**
   * The estimates, started already on this network's compact graph (early-estimates.ts): taken over
   * (their pass threads, their signal) rather than started again. Cancelled when not needed (the
   * all-pairs values computed in this thread, stored, or no estimates asked for).
   */
  readonly startedEstimates?: StartedEstimates;
}

/**
 * The exact pass over `graph` in the pass threads, planned on one of them when the graph is large
 * (pass-plan.ts): planning it held the event loop for about 0.65 s on the ACL Anthology, right after a
 * start from a snapshot of estimates. The values are the same either way.
 */
async function plannedOnPassThread(
  graph: PassGraph,
  pool: PassThreads,
  signal: AbortSignal,
  threads: number | undefined,
): Promise<PassRun> {
  const runOptions = { signal, pool, ...(threads === undefined ? {} : { threads }) };
  const planned = await planExactPass(graph, () => pool, signal).catch((error: unknown) => {
    throw signal.aborted ? new PassCancelled('analyzed-network: disposed') : error;
  });
  return computePlannedAllPairsCentrality(planned, runOptions);
}

/** Where a listed window's exact pass stands (analyzeNetwork keeps one per listed window). */
interface ListedWindowPass {
  readonly phases: PhaseTracker;
  readonly exact: Promise<ExactWindow>;
  settle(exact: ExactWindow): void;
  /** The pass failed (or was cancelled, which leaves the phase as it was). */
  fail(error: unknown, cancelled: boolean): void;
}

function listedWindowPass(): ListedWindowPass {
  let settle!: (exact: ExactWindow) => void;
  let reject!: (error: unknown) => void;
  const exact = new Promise<ExactWindow>((resolve, fail) => {
    settle = resolve;
    reject = fail;
  });
  exact.catch(() => {});
  const phases = phaseTracker();
  const pass: ListedWindowPass = {
    phases,
    exact,
    settle: (values) => settle(values),
    fail: (error, cancelled) => {
      if (phases.progress.phase === 'exact' || phases.progress.phase === 'failed') return;
      if (!cancelled)
        phases.advance({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      reject(cancelled ? new PassCancelled('analyzed-network: disposed') : error);
    },
  };
  return pass;
}

/** A listed window's exact all-pairs values (window author rows), and when they were computed. */
export interface ExactWindow {
  readonly scores: AllPairsScores;
  readonly computedAt: Date;
  /** True when these are a previous network version's values, carried over until this version's are in (stale-centrality.ts). */
  readonly stale?: boolean;
}

/** An exact all-pairs pass under way: sources in all, sources done so far, and the values. */
export interface ExactRun {
  readonly total: number;
  done(): number;
  readonly result: Promise<AllPairsScores>;
}

/**
 * An exact pass run elsewhere than in this network's own pass (the shared pass of a replica of the store).
 * `pool`: the network's pass threads, open already (its estimates ran on them), to run on and leave open
 * rather than start threads of its own.
 */
export type ExactPass = (
  graph: PassGraph,
  options: { signal: AbortSignal; threads?: number; pool?: PassThreads },
) => ExactRun;

/** Every metric's scores by author index, with their origins, as a snapshot keeps them. */
export interface StoredCentrality {
  readonly columns: CentralityColumns;
}

const EGO_NETWORK_CACHE_SIZE = 256;
/** n·(n + E) below which the exact pass runs in this thread at load: a few hundred milliseconds at most. */
export { IN_THREAD_LIMIT } from './early-estimates.ts';

export function analyzeNetwork(network: CoauthorNetwork, given: AnalysisOptions = {}): AnalyzedNetwork {
  // The estimates started early are taken over below and not kept with the options, which the
  // network's closures hold for as long as it is served: their run holds a copy of the graph.
  const { startedEstimates, ...options } = given;
  const egoNetworks = new LRUMap<string, EgoNetwork>(EGO_NETWORK_CACHE_SIZE);
  const disposers: (() => void)[] = [];
  const graph = network.compact;
  const stored = options.stored ?? null;
  let local: LocalScores =
    options.local ??
    (stored === null ? computeLocalCentrality(network) : localOf(stored.columns, options.stats, network));
  let localFresh = options.freshLocal === undefined;
  // A failed off-thread computation is done again here: correct values late rather than stale ones for good.
  const localReady: Promise<LocalScores> =
    options.freshLocal === undefined
      ? Promise.resolve(local)
      : options.freshLocal.catch(() => computeLocalCentrality(network));
  const storedExact = stored !== null && stored.columns.allPairsOrigin.exact;
  const storedEstimate = stored !== null && !storedExact;
  const mode = options.mode ?? 'auto';
  const inThread = !storedExact && (mode === 'in-thread' || (mode === 'auto' && allPairsInThread(graph)));
  const sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const firstSize = firstSampleSize(graph, sampleSize, options.firstSampleSize);
  const started = takenOver(startedEstimates, {
    graph,
    wanted: !storedExact && !storedEstimate && !inThread && options.estimates !== false,
    sampleSize: firstSize,
    threads: options.threads,
  });

  const phases = phaseTracker();
  // One signal stops whatever pass runs when the network is disposed.
  const passes = started?.controller ?? new AbortController();
  // The pass threads of the background passes: opened for the first, closed after the last.
  let passThreads: PassThreads | null = started?.pool ?? null;
  const passPool = (): PassThreads => {
    if (passThreads === null) {
      passThreads = openAnalysisPassThreads(options);
    }
    return passThreads;
  };
  const closePassThreads = () => {
    const pool = passThreads;
    passThreads = null;
    void pool?.close();
  };
  let firstTable: Promise<CentralityTable>;
  // The estimates from the whole sample, when the first estimate searched fewer sources.
  let sampledTable: Promise<CentralityTable> | null = null;
  let exactTable: Promise<CentralityTable>;
  // The listed windows' networks, made on a pass thread (below); the exact pass waits for them.
  let listedBuilt: Promise<void> = Promise.resolve();

  if (storedExact) {
    const table = tableOfColumns(network, (stored as StoredCentrality).columns);
    const { computedAt, fromCache } = (stored as StoredCentrality).columns.allPairsOrigin;
    phases.advance({ type: 'stored-exact', fromCache, computedAt });
    firstTable = Promise.resolve(table);
    exactTable = firstTable;
  } else if (inThread) {
    const startedAt = new Date();
    const table = centralityTable(network, local, computeAllPairsCentralitySync(graph), {
      exact: true,
      sampleSize: null,
      computedAt: new Date(),
      fromCache: false,
    });
    phases.advance({
      type: 'computed-in-thread',
      sources: graph.order,
      startedAt,
      finishedAt: new Date(),
    });
    firstTable = Promise.resolve(table);
    exactTable = firstTable;
  } else {
    const threads = options.threads;
    const exactThreads = options.exactThreads ?? threads;
    // The first estimate's locality order, for the whole sample's (made once), and let go of once no
    // estimate will search it again (a copy of the graph: 77 MB at 1 M synthetic papers), as is the
    // run started early, which holds it too.
    let ordered: Renumbered | undefined;
    let startedRun = started?.run;
    /** An estimate from `size` sources per large component, on the pass threads (the one started early for the first). */
    const estimateOf = async (size: number, run: EstimateRun | undefined): Promise<CentralityTable> => {
      if (passes.signal.aborted) throw new PassCancelled('analyzed-network: disposed');
      const estimate =
        run ??
        estimateAllPairsCentrality(graph, {
          sampleSize: size,
          signal: passes.signal,
          pool: passPool(),
          ...(threads === undefined ? {} : { threads }),
          ...(ordered === undefined ? {} : { ordered }),
        });
      ordered = size < sampleSize ? estimate.ordered : undefined;
      phases.running(estimate);
      phases.advance({ type: 'estimate-started', sources: estimate.total });
      const scores = await estimate.result;
      return centralityTable(network, local, scores, {
        exact: false,
        sampleSize: size,
        computedAt: new Date(),
        fromCache: false,
      });
    };
    // Planned and started on the next turn of the event loop: the network is served meanwhile.
    const estimated: Promise<CentralityTable> | null = storedEstimate
      ? Promise.resolve(tableOfColumns(network, (stored as StoredCentrality).columns))
      : options.estimates === false
        ? null
        : new Promise<void>((resolve) => {
            setImmediate(resolve);
          }).then(() => {
            const run = startedRun;
            startedRun = undefined;
            return estimateOf(firstSize, run);
          });
    // The whole sample's estimate follows a smaller first one, ahead of the exact pass (a snapshot
    // stores it), once the network is served (`exactAfter`): planning it takes this thread's time.
    if (estimated !== null && !storedEstimate && firstSize < sampleSize)
      sampledTable = Promise.all([estimated, options.exactAfter]).then(() => estimateOf(sampleSize, undefined));
    const estimates = sampledTable ?? estimated;
    // Without estimates, on the next turn at the earliest: whoever analyzes the network serves it first.
    const nextTurn = new Promise<void>((resolve) => {
      setImmediate(resolve);
    });
    exactTable = Promise.all([estimates ?? nextTurn, options.exactAfter]).then(async () => {
      // The listed windows' networks first: a few seconds on a pass thread, then served from memory.
      await listedBuilt.catch(() => {});
      if (passes.signal.aborted) throw new PassCancelled('analyzed-network: disposed');
      const exact: ExactRun =
        options.exactPass === undefined
          ? await plannedOnPassThread(graph, passPool(), passes.signal, exactThreads)
          : options.exactPass(graph, {
              signal: passes.signal,
              pool: passPool(),
              ...(exactThreads === undefined ? {} : { threads: exactThreads }),
            });
      phases.running(exact);
      const startedAt = new Date();
      phases.advance({ type: 'exact-started', sources: exact.total, startedAt });
      const scores = await exact.result;
      // The table saved (onExact) and kept holds this network's own local metrics.
      await localDone;
      const finishedAt = new Date();
      const seconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;
      phases.advance({ type: 'exact-finished', finishedAt });
      const table = centralityTable(network, local, scores, {
        exact: true,
        sampleSize: null,
        computedAt: finishedAt,
        fromCache: false,
      });
      options.onExact?.(table, seconds);
      options.onSettled?.(phases.progress, seconds);
      return table;
    });
    exactTable.catch((error: unknown) => {
      if (error instanceof PassCancelled) return;
      phases.advance({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      options.onSettled?.(phases.progress, null);
    });
    firstTable = estimated ?? exactTable;
  }

  // The listed windows. In in-thread mode they are built now; in the background their networks are
  // made on a pass thread (never on the event loop, which serves meanwhile: a replica does this at every
  // new version), and their passes follow the main one. A request for a listed window waits for its
  // build (year-range.ts).
  const exactWindows = new Map<string, ExactWindow>();
  const listedRanges = (options.exactWindows ?? []).filter((range) => !isWholeRange(range));
  const listed = new Map<string, WindowedNetwork>();
  const listedBuilds = new Map<string, Promise<WindowedNetwork>>();
  if (inThread)
    for (const range of listedRanges) {
      const window = windowNetwork(network, range);
      listed.set(rangeKey(range), window);
      listedBuilds.set(rangeKey(range), Promise.resolve(window));
    }
  else if (listedRanges.length > 0) {
    // Queued now, ahead of the estimates (which start on the next turn) and of the exact pass.
    const source = windowSource(network);
    for (const range of listedRanges) {
      const build = passPool()
        .run('windowParts', [source, range], { signal: passes.signal })
        .then((parts) => {
          const window = windowFromParts(network, parts);
          listed.set(rangeKey(range), window);
          return window;
        });
      build.catch(() => {});
      listedBuilds.set(rangeKey(range), build);
    }
    listedBuilt = Promise.all(listedBuilds.values()).then(() => {});
  }
  // Without listed windows, the pass threads are done once the exact values are in (or failed).
  if (listedRanges.length === 0) void exactTable.catch(() => {}).finally(closePassThreads);
  // Each listed window's pass, as the whole network's: its phase, the run under way, and its end.
  const windowPasses = new Map(listedRanges.map((range) => [rangeKey(range), listedWindowPass()]));
  if (listedRanges.length > 0) {
    const passWindows = async () => {
      await listedBuilt;
      for (const range of listedRanges) {
        if (passes.signal.aborted) throw new PassCancelled('analyzed-network: disposed');
        const window = listed.get(rangeKey(range)) as WindowedNetwork;
        const pass = windowPasses.get(rangeKey(range)) as ListedWindowPass;
        const startedAt = new Date();
        let scores: AllPairsScores;
        if (inThread || allPairsInThread(window.compact)) {
          scores = computeAllPairsCentralitySync(window.compact);
          pass.phases.advance({
            type: 'computed-in-thread',
            sources: window.compact.order,
            startedAt,
            finishedAt: new Date(),
          });
        } else {
          const windowRun = await plannedOnPassThread(window.compact, passPool(), passes.signal, options.threads);
          pass.phases.running(windowRun);
          pass.phases.advance({ type: 'exact-started', sources: windowRun.total, startedAt });
          scores = await windowRun.result;
          pass.phases.advance({ type: 'exact-finished', finishedAt: new Date() });
        }
        const exact: ExactWindow = { scores, computedAt: pass.phases.progress.exactFinishedAt as Date };
        exactWindows.set(rangeKey(window.range), exact);
        pass.settle(exact);
      }
    };
    // After the whole network's exact values (whether that pass succeeded or not).
    void exactTable
      .catch(() => {})
      .then(passWindows)
      .finally(closePassThreads)
      .catch((error: unknown) => {
        const cancelled = error instanceof PassCancelled || passes.signal.aborted;
        for (const pass of windowPasses.values()) pass.fail(error, cancelled);
        if (!cancelled)
          options.onSettled?.(
            progressAfter(phases.progress, {
              type: 'failed',
              message: `listed windows: ${error instanceof Error ? error.message : String(error)}`,
            }),
            null,
          );
      });
  }

  let current: CentralityTable | null = null;
  // Until the first all-pairs values exist, the local metrics are served from a table of their own.
  const empty = new Float64Array(0);
  const localOnlyTable = () =>
    centralityTable(
      network,
      local,
      { betweenness: empty, closeness: empty, harmonic: empty },
      { exact: false, sampleSize: null, computedAt: local.computedAt, fromCache: false },
    );
  let localOnly = localOnlyTable();
  let stats = options.stats ?? computeGraphStats(network, local.figures);
  // Once this network's local metrics are in, every table served holds them (a table made before keeps its all-pairs values).
  const withCurrentLocal = (table: CentralityTable): CentralityTable =>
    localFresh && table.columns().scores.pagerank !== local.pagerank ? withLocalScores(network, table, local) : table;
  const localDone = localReady.then((fresh) => {
    if (localFresh) return;
    local = fresh;
    localFresh = true;
    localOnly = localOnlyTable();
    stats = { ...stats, ...fresh.figures };
    if (current !== null) current = withCurrentLocal(current);
  });
  if (options.freshLocal !== undefined && inThread)
    exactTable = exactTable.then(async (table) => {
      await localDone;
      return withCurrentLocal(table);
    });
  void firstTable.then(
    (table) => {
      current ??= withCurrentLocal(table);
    },
    () => {},
  );
  // The exact pass waits for the whole sample's estimate: this one comes before it.
  void sampledTable?.then(
    (table) => {
      current = withCurrentLocal(table);
    },
    () => {},
  );
  void exactTable.then(
    (table) => {
      current = withCurrentLocal(table);
    },
    () => {},
  );

  const centrality = () => (current === null ? firstTable.then(withCurrentLocal) : Promise.resolve(current));
  return {
    network,
    get stats() {
      return stats;
    },
    centrality,
    centralityFor: (metric) =>
      current !== null
        ? Promise.resolve(current)
        : isAllPairsMetric(metric)
          ? firstTable.then(withCurrentLocal)
          : Promise.resolve(localOnly),
    // Once the whole sample's estimate is in, `current` holds it (or the exact values after it).
    whenSampled: () => (sampledTable === null ? centrality() : sampledTable.then(centrality)),
    whenExact: () => exactTable,
    localStale: () => !localFresh,
    whenLocalFresh: () => localDone,
    progress: () => phases.current(),
    egoNetwork(centerId, egoOptions) {
      const key = JSON.stringify([centerId, egoOptions.depth, egoOptions.minJointPapers, egoOptions.maxNodes]);
      let result = egoNetworks.get(key);
      if (result === undefined) {
        result = egoNetwork(network, centerId, egoOptions);
        egoNetworks.set(key, result);
      }
      return result;
    },
    exactWindow: (range) => exactWindows.get(rangeKey(range)) ?? null,
    listedWindow: (range) => listed.get(rangeKey(range)) ?? null,
    listedWindowBuilt: (range) => listedBuilds.get(rangeKey(range)) ?? null,
    windowsExact: () => exactWindows.size >= listedRanges.length,
    windowProgress: (range) => windowPasses.get(rangeKey(range))?.phases.current() ?? null,
    whenWindowExact: (range) => windowPasses.get(rangeKey(range))?.exact ?? null,
    dispose() {
      passes.abort('the network was disposed');
      closePassThreads();
      for (const callback of disposers.splice(0)) callback();
    },
    stopped: () =>
      exactTable.then(
        () => undefined,
        () => undefined,
      ),
    onDispose(callback) {
      if (passes.signal.aborted) callback();
      else disposers.push(callback);
    },
  };
}

/** The local metrics out of stored columns (their origin is when they were computed), with the structure figures stored beside them. */
/**
 * `started` when it is what this network would start itself (the same graph, sample size and threads,
 * estimates wanted); otherwise it is cancelled and null.
 */
function takenOver(
  started: StartedEstimates | undefined,
  expected: {
    readonly graph: AnalyzedNetwork['network']['compact'];
    readonly wanted: boolean;
    readonly sampleSize: number;
    readonly threads: number | undefined;
  },
): StartedEstimates | null {
  if (started === undefined) return null;
  const same =
    expected.wanted &&
    started.graph.order === expected.graph.order &&
    started.graph.offsets === expected.graph.offsets &&
    started.graph.neighbors === expected.graph.neighbors &&
    started.sampleSize === expected.sampleSize &&
    started.threads === expected.threads;
  if (same) return started;
  started.cancel();
  return null;
}

function localOf(columns: CentralityColumns, stats: GraphStats | undefined, network: CoauthorNetwork): LocalScores {
  const { scores, localOrigin } = columns;
  const figures =
    stats === undefined
      ? structureFigures(network)
      : { degeneracy: stats.degeneracy, transitivity: stats.transitivity, averageClustering: stats.averageClustering };
  return {
    degree: scores.degree,
    weightedDegree: scores.weightedDegree,
    eigenvector: scores.eigenvector,
    pagerank: scores.pagerank,
    coreness: scores.coreness,
    clustering: scores.clustering,
    constraint: scores.constraint,
    effectiveSize: scores.effectiveSize,
    figures,
    computedAt: localOrigin.computedAt,
  };
}
