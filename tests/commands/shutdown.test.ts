import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drainWindow, untilShutdown } from '../../src/commands/shutdown.ts';
import type { DrainOutcome } from '../../src/http/graceful-drain.ts';
import { captureIO } from '../helpers/files.ts';

/** A server whose drain the test settles by hand, and a record of what happened in which order. */
function harness(graceMs: number, options: { dispose?: () => Promise<void> } = {}) {
  const events: string[] = [];
  let settle: (outcome: DrainOutcome) => void = () => {};
  let inFlight = 1;
  const signals = new EventEmitter();
  const exit = vi.fn((code: number) => {
    events.push(`exit ${code}`);
  });
  const io = captureIO();
  const server = {
    inFlight: () => inFlight,
    close: vi.fn((cutAfterMs?: number) => {
      events.push(`close ${cutAfterMs}`);
      return new Promise<DrainOutcome>((resolve) => {
        settle = resolve;
      });
    }),
    cut: vi.fn(() => {
      events.push('cut');
    }),
  };
  const code = untilShutdown({
    server,
    graceMs,
    io,
    signals,
    exit,
    notReady: () => {
      events.push('not ready');
    },
    dispose:
      options.dispose ??
      (() => {
        events.push('disposed');
      }),
  });
  return {
    events,
    exit,
    io,
    server,
    signals,
    code,
    finishDrain(outcome: DrainOutcome) {
      inFlight = 0;
      settle(outcome);
    },
  };
}

describe('untilShutdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls `listening` once its SIGTERM and SIGINT handlers are in place (serve prints its ready lines there)', () => {
    const signals = new EventEmitter();
    const installed: number[] = [];
    void untilShutdown({
      server: { inFlight: () => 0, close: vi.fn(() => new Promise<DrainOutcome>(() => {})), cut: vi.fn() },
      graceMs: 1000,
      io: captureIO(),
      signals,
      exit: vi.fn(),
      notReady: () => {},
      dispose: () => {},
      listening: () => installed.push(signals.listenerCount('SIGTERM'), signals.listenerCount('SIGINT')),
    });
    // A signal sent on seeing the ready line finds its handler: drained, not killed by the default action.
    expect(installed).toEqual([1, 1]);
  });

  it('leaves part of the grace period for disposal: half a second, or a quarter when shorter', () => {
    expect(drainWindow(10_000)).toBe(9_500);
    expect(drainWindow(1_000)).toBe(750);
    expect(drainWindow(2_000)).toBe(1_500);
    expect(drainWindow(0)).toBe(0);
  });

  it('on the first signal: not ready first, then the drain, then disposal, then exit code 0', async () => {
    const run = harness(10_000);
    run.signals.emit('SIGTERM', 'SIGTERM');
    expect(run.events).toEqual(['not ready', 'close 9500']);
    expect(run.io.stdout).toContain(
      'SIGTERM received: /ready answers 503, new requests are refused; finishing 1 request in flight (grace period 10 s',
    );
    run.finishDrain({ cut: 0 });
    expect(await run.code).toBe(0);
    expect(run.events).toEqual(['not ready', 'close 9500', 'disposed']);
    expect(run.io.stdout).toContain('every request in flight finished; stopped');
    expect(run.signals.listenerCount('SIGTERM') + run.signals.listenerCount('SIGINT')).toBe(0);
  });

  it('says how many requests were cut at the end of the grace period', async () => {
    const run = harness(1_000);
    run.signals.emit('SIGINT', 'SIGINT');
    run.finishDrain({ cut: 2 });
    expect(await run.code).toBe(0);
    expect(run.io.stdout).toContain('grace period over: 2 requests still running cut; stopped');
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops at once on a second signal (%s: exit code %i)', (second, code) => {
    const run = harness(10_000);
    run.signals.emit('SIGTERM', 'SIGTERM');
    run.signals.emit(second, second);
    expect(run.events).toEqual(['not ready', 'close 9500', 'cut', `exit ${code}`]);
    expect(run.io.stdout).toContain(`${second} received again: stopping now; 1 request in flight cut`);
  });

  it('exits with 0 at the end of the grace period when clean-up does not let the process end', async () => {
    const run = harness(2_000, { dispose: () => new Promise<void>(() => {}) }); // never settles, like a leaked worker
    run.signals.emit('SIGTERM', 'SIGTERM');
    run.finishDrain({ cut: 0 });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(run.exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run.exit).toHaveBeenCalledWith(0);
    expect(run.io.stderr).toContain('still running 2 s after SIGTERM (something holds the process open): exiting now');
  });

  it('does nothing before a signal', async () => {
    const run = harness(1_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run.events).toEqual([]);
  });
});
