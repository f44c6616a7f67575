/**
 * The first estimates of betweenness, closeness and harmonic centrality, started on the pass threads
 * the moment the compact graph exists (on a network too large for that, once its columns are made:
 * `handsGraphOverFirst` in graph/network-columns.ts), while this thread goes on making the rest of
 * the network (the search indexes, the listing orders) and its local metrics. Loading from data files, those take
 * seconds of this thread's time on the ACL Anthology, and the estimates' searches seconds of the pass
 * threads': one after the other before, at the same time now (on a machine with two cores or more).
 *
 * `analyzeNetwork` takes the run over (`AnalysisOptions.startedEstimates`): its pass threads become the
 * network's pool and its signal the network's, so the values, their origin (`sampleSize`) and what
 * `dispose()` stops are what they are when `analyzeNetwork` starts the estimates itself. The step
 * between sampling and refining (`refinePlan`) runs on this thread when it is next free.
 */
import { availableParallelism } from 'node:os';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { type PassThreads, openPassThreads } from '../work/pass-threads.ts';
import { type EstimateRun, DEFAULT_SAMPLE_SIZE, estimateAllPairsCentrality } from './all-pairs-centrality.ts';

export interface EstimateStartOptions {
  /** As `AnalysisOptions.mode`: `auto` starts nothing for a network whose values are computed in-thread. */
  readonly mode?: 'auto' | 'background';
  /** As `AnalysisOptions`: threads of the background passes, of the exact pass, sources sampled. */
  readonly threads?: number;
  readonly exactThreads?: number;
  readonly sampleSize?: number;
  /** The first estimate's sources (default `firstSampleSize`): see `AnalysisOptions.firstSampleSize`. */
  readonly firstSampleSize?: number;
}

export interface StartedEstimates {
  /** The graph searched (the network's `compact` must hold these arrays). */
  readonly graph: CompactGraph;
  /** The first estimate's sources (`firstSampleSize`). */
  readonly sampleSize: number;
  readonly threads: number | undefined;
  /** The pass threads, sized as `analyzeNetwork` sizes its own (the exact pass runs on them later). */
  readonly pool: PassThreads;
  /** Stops the run and every later pass on the pool. */
  readonly controller: AbortController;
  readonly run: EstimateRun;
  /** Stops the run and closes the pool (the network was not served after all). */
  cancel(): void;
}

/**
 * What the first estimate may cost, in authors and adjacency entries searched (a search from one source
 * visits about `order + 2·edgeCount`): 64 searches of the ACL Anthology (1.09·10⁶ each), about as much
 * as the pass threads get done while the main thread makes the rest of the network. A network is
 * served once its first estimate is in, so the first estimate searches fewer sources than the whole
 * sample on all but small networks (64 on the ACL Anthology, where the whole sample's 256 held the
 * start up by 0.4 s; `MIN_FIRST_SAMPLE` at 1 M synthetic papers), and the estimate from the whole
 * sample replaces it in the background (`AnalyzedNetwork.whenSampled`, about a second later on the
 * ACL Anthology); each table says how many sources its values came from.
 */
export const FIRST_ESTIMATE_WORK = 70_000_000;

/** The fewest sources a first estimate searches (per large component), whatever the network's size. */
export const MIN_FIRST_SAMPLE = 16;

/**
 * Sources of the first estimate of `graph`: `chosen` (`--first-sample-size`), else `sampleSize` or fewer
 * where that would cost more than `FIRST_ESTIMATE_WORK`; never more than `sampleSize`. The one sizing
 * for the estimates started early and those `analyzeNetwork` starts (they must agree to be taken over).
 */
export function firstSampleSize(
  graph: Pick<CompactGraph, 'order' | 'edgeCount'>,
  sampleSize: number,
  chosen?: number,
): number {
  if (chosen !== undefined) return Math.min(sampleSize, chosen);
  const perSearch = Math.max(1, graph.order + 2 * graph.edgeCount);
  return Math.min(sampleSize, Math.max(MIN_FIRST_SAMPLE, Math.floor(FIRST_ESTIMATE_WORK / perSearch)));
}

/** n·(n + E) below which the all-pairs values are exact and computed in the analyzing thread (no estimates). */
export const IN_THREAD_LIMIT = 50_000_000;

/** Whether `analyzeNetwork` (mode `auto`) computes `graph`'s all-pairs values exactly in its own thread. */
export function allPairsInThread(graph: Pick<CompactGraph, 'order' | 'edgeCount'>): boolean {
  return graph.order * (graph.order + graph.edgeCount) <= IN_THREAD_LIMIT;
}

/**
 * The pass threads of a network's background passes: one per core (or `threads`), or as many as the
 * exact pass is given when that is more. One sizing for `analyzeNetwork`'s pool and the early one.
 */
export function openAnalysisPassThreads(options: Pick<EstimateStartOptions, 'threads' | 'exactThreads'>): PassThreads {
  const everyCore = options.threads ?? availableParallelism();
  return openPassThreads(Math.max(everyCore, options.exactThreads ?? everyCore));
}

/** The estimates of `graph` started on new pass threads; null (mode `auto`) for a network small enough to be done exactly in-thread. */
export function startEstimates(graph: CompactGraph, options: EstimateStartOptions = {}): StartedEstimates | null {
  if ((options.mode ?? 'auto') === 'auto' && allPairsInThread(graph)) return null;
  const pool = openAnalysisPassThreads(options);
  const controller = new AbortController();
  const sampleSize = firstSampleSize(graph, options.sampleSize ?? DEFAULT_SAMPLE_SIZE, options.firstSampleSize);
  const run = estimateAllPairsCentrality(graph, {
    sampleSize,
    signal: controller.signal,
    pool,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  run.result.catch(() => {}); // awaited by whoever takes the run over
  return {
    graph,
    sampleSize,
    threads: options.threads,
    pool,
    controller,
    run,
    cancel: () => {
      controller.abort();
      void pool.close();
    },
  };
}
