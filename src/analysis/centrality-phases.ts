/**
 * The phases of a network's centrality values as one reducer: what happened (`PhaseEvent`) moves the
 * progress from one phase to the next, and nothing else changes it.
 *
 *   estimating ──estimate-started──▶ estimating (the estimate's pass, in the background)
 *   estimating ──exact-started─────▶ exact-pass ──exact-finished──▶ exact
 *   estimating ──stored-exact / computed-in-thread──▶ exact
 *   any phase but failed ──failed──▶ failed
 *
 * An event that does not fit the phase is a bug in the caller, and throws.
 */
export type CentralityPhase = 'estimating' | 'exact-pass' | 'exact' | 'failed';

export interface CentralityProgress {
  readonly phase: CentralityPhase;
  /** Sources searched so far in the current phase's pass. */
  readonly sourcesDone: number;
  /** Sources the current phase's pass searches in all. */
  readonly sourcesTotal: number;
  /** When the exact pass started (null until it starts, and when the values came from the cache). */
  readonly exactStartedAt: Date | null;
  readonly exactFinishedAt: Date | null;
  readonly fromCache: boolean;
  readonly error: string | null;
}

export type PhaseEvent =
  /** Exact values came with the network (a snapshot): nothing to compute. */
  | { readonly type: 'stored-exact'; readonly fromCache: boolean; readonly computedAt: Date }
  /** A small network's exact values, computed in this thread at load. */
  | {
      readonly type: 'computed-in-thread';
      readonly sources: number;
      readonly startedAt: Date;
      readonly finishedAt: Date;
    }
  /** The estimate's pass started, over `sources` sampled sources. */
  | { readonly type: 'estimate-started'; readonly sources: number }
  /** The exact pass started, over every source. */
  | { readonly type: 'exact-started'; readonly sources: number; readonly startedAt: Date }
  | { readonly type: 'exact-finished'; readonly finishedAt: Date }
  | { readonly type: 'failed'; readonly message: string };

export const initialProgress: CentralityProgress = {
  phase: 'estimating',
  sourcesDone: 0,
  sourcesTotal: 0,
  exactStartedAt: null,
  exactFinishedAt: null,
  fromCache: false,
  error: null,
};

function refuse(progress: CentralityProgress, event: PhaseEvent): never {
  throw new Error(`centrality-phases: "${event.type}" cannot happen in phase "${progress.phase}"`);
}

/** The progress after `event`. */
export function progressAfter(progress: CentralityProgress, event: PhaseEvent): CentralityProgress {
  switch (event.type) {
    case 'stored-exact':
      if (progress.phase !== 'estimating') return refuse(progress, event);
      return { ...progress, phase: 'exact', fromCache: event.fromCache, exactFinishedAt: event.computedAt };
    case 'computed-in-thread':
      if (progress.phase !== 'estimating') return refuse(progress, event);
      return {
        ...progress,
        phase: 'exact',
        sourcesDone: event.sources,
        sourcesTotal: event.sources,
        exactStartedAt: event.startedAt,
        exactFinishedAt: event.finishedAt,
      };
    case 'estimate-started':
      if (progress.phase !== 'estimating') return refuse(progress, event);
      return { ...progress, sourcesTotal: event.sources };
    case 'exact-started':
      if (progress.phase !== 'estimating') return refuse(progress, event);
      return {
        ...progress,
        phase: 'exact-pass',
        sourcesDone: 0,
        sourcesTotal: event.sources,
        exactStartedAt: event.startedAt,
      };
    case 'exact-finished':
      if (progress.phase !== 'exact-pass') return refuse(progress, event);
      return { ...progress, phase: 'exact', sourcesDone: progress.sourcesTotal, exactFinishedAt: event.finishedAt };
    case 'failed':
      if (progress.phase === 'failed') return refuse(progress, event);
      return { ...progress, phase: 'failed', error: event.message };
  }
}

/** Whether a pass is running in `phase` (its sources done are then read from the pass itself). */
export function passRunning(phase: CentralityPhase): boolean {
  return phase === 'estimating' || phase === 'exact-pass';
}

/**
 * One pass's phase and the run under way: the whole network's and each listed window's progress are
 * kept by one of these (analyzed-network.ts), so they move and report alike.
 */
export interface PhaseTracker {
  /** The phase as of the last event (sources done as of the phase's start). */
  readonly progress: CentralityProgress;
  /** Moves to the phase after `event` (`progressAfter`). */
  advance(event: PhaseEvent): void;
  /** The run the current phase's sources done are read from. */
  running(run: { done(): number }): void;
  /** The progress with the sources done so far. */
  current(): CentralityProgress;
}

export function phaseTracker(): PhaseTracker {
  let progress = initialProgress;
  let run: { done(): number } | null = null;
  return {
    get progress() {
      return progress;
    },
    advance: (event) => {
      progress = progressAfter(progress, event);
      // A pass that has ended is let go of (its run holds the graph it searched).
      if (!passRunning(progress.phase)) run = null;
    },
    running: (next) => {
      run = next;
    },
    current: () => (run !== null && passRunning(progress.phase) ? { ...progress, sourcesDone: run.done() } : progress),
  };
}
