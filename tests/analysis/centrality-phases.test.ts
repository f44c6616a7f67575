/**
 * The centrality phases as a reducer, without a network or a thread: each event moves the progress
 * exactly as the phases promise, and an event that does not fit the phase is refused.
 */
import { describe, expect, it } from 'vitest';
import {
  type CentralityProgress,
  type PhaseEvent,
  initialProgress,
  passRunning,
  phaseTracker,
  progressAfter,
} from '../../src/analysis/centrality-phases.ts';

const t0 = new Date('2026-11-30T05:00:00Z');
const t1 = new Date('2026-11-30T05:06:00Z');
const replay = (...events: PhaseEvent[]): CentralityProgress => events.reduce(progressAfter, initialProgress);

describe('the centrality phases', () => {
  it('start estimating, with nothing counted', () => {
    expect(initialProgress).toEqual({
      phase: 'estimating',
      sourcesDone: 0,
      sourcesTotal: 0,
      exactStartedAt: null,
      exactFinishedAt: null,
      fromCache: false,
      error: null,
    });
  });

  it('go estimating → exact pass → exact in the background', () => {
    const estimating = replay({ type: 'estimate-started', sources: 120 });
    expect(estimating).toMatchObject({ phase: 'estimating', sourcesTotal: 120 });
    const pass = progressAfter(estimating, { type: 'exact-started', sources: 5000, startedAt: t0 });
    expect(pass).toMatchObject({ phase: 'exact-pass', sourcesDone: 0, sourcesTotal: 5000, exactStartedAt: t0 });
    expect(progressAfter(pass, { type: 'exact-finished', finishedAt: t1 })).toEqual({
      phase: 'exact',
      sourcesDone: 5000,
      sourcesTotal: 5000,
      exactStartedAt: t0,
      exactFinishedAt: t1,
      fromCache: false,
      error: null,
    });
  });

  it('are exact at once with stored values, or a small network computed in this thread', () => {
    expect(replay({ type: 'stored-exact', fromCache: true, computedAt: t0 })).toMatchObject({
      phase: 'exact',
      fromCache: true,
      exactStartedAt: null,
      exactFinishedAt: t0,
    });
    expect(replay({ type: 'computed-in-thread', sources: 30, startedAt: t0, finishedAt: t1 })).toMatchObject({
      phase: 'exact',
      sourcesDone: 30,
      sourcesTotal: 30,
      exactStartedAt: t0,
      exactFinishedAt: t1,
    });
  });

  it('fail from the estimate or the pass, keeping what was counted and saying why', () => {
    expect(
      replay({ type: 'estimate-started', sources: 9 }, { type: 'failed', message: 'out of memory' }),
    ).toMatchObject({ phase: 'failed', sourcesTotal: 9, error: 'out of memory' });
    expect(
      replay({ type: 'exact-started', sources: 9, startedAt: t0 }, { type: 'failed', message: 'worker exited' }),
    ).toMatchObject({ phase: 'failed', exactStartedAt: t0, error: 'worker exited' });
  });

  it('refuse an event that does not fit the phase', () => {
    expect(() => replay({ type: 'exact-finished', finishedAt: t1 })).toThrow(
      'centrality-phases: "exact-finished" cannot happen in phase "estimating"',
    );
    const exact = replay({ type: 'stored-exact', fromCache: false, computedAt: t0 });
    expect(() => progressAfter(exact, { type: 'exact-started', sources: 1, startedAt: t1 })).toThrow('phase "exact"');
    const failed = replay({ type: 'failed', message: 'x' });
    expect(() => progressAfter(failed, { type: 'failed', message: 'y' })).toThrow('phase "failed"');
    expect(() => progressAfter(failed, { type: 'estimate-started', sources: 1 })).toThrow('phase "failed"');
  });

  it('have a pass running only while estimating or in the exact pass', () => {
    expect(['estimating', 'exact-pass', 'exact', 'failed'].map((phase) => passRunning(phase as never))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('a phase tracker', () => {
  it('moves as the reducer does and reads the sources done from the run only while a pass runs', () => {
    const phases = phaseTracker();
    let done = 0;
    expect(phases.current()).toEqual(initialProgress);
    phases.advance({ type: 'exact-started', sources: 40, startedAt: t0 });
    phases.running({ done: () => done });
    done = 17;
    expect(phases.current()).toEqual({
      ...replay({ type: 'exact-started', sources: 40, startedAt: t0 }),
      sourcesDone: 17,
    });
    // The phase itself keeps the count of its start; only current() reads the run.
    expect(phases.progress.sourcesDone).toBe(0);
    phases.advance({ type: 'exact-finished', finishedAt: t1 });
    done = 3; // a run that counts on after its phase ended is not read
    expect(phases.current()).toEqual(
      replay({ type: 'exact-started', sources: 40, startedAt: t0 }, { type: 'exact-finished', finishedAt: t1 }),
    );
    expect(() => phases.advance({ type: 'exact-finished', finishedAt: t1 })).toThrow(/cannot happen in phase "exact"/u);
  });
});
