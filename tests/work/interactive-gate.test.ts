/**
 * The interactive gate, in one thread: a pass thread's yield counts the quiet spell from the last
 * request's end, so a client that sends requests one after another is not met by a search started in
 * the gap between two of them.
 */
import { describe, expect, it } from 'vitest';
import { createInteractiveGate, yieldPolicy, yieldToInteractive } from '../../src/work/interactive-gate.ts';

/** Blocks this thread for `ms` (Atomics.wait on a word nobody changes). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A gate whose one request has just ended. */
function afterOneRequest(): ReturnType<typeof createInteractiveGate> {
  const gate = createInteractiveGate();
  gate.enter();
  gate.leave();
  return gate;
}

describe('yieldToInteractive', () => {
  it('returns at once when no request ever came', () => {
    const gate = createInteractiveGate();
    yieldToInteractive(yieldPolicy(gate, { quietMs: 1_000 }));
    expect(gate.waits()).toBe(0);
  });

  it('waits out the quiet spell after a request that has just ended, though none is in flight', () => {
    const gate = afterOneRequest();
    const started = performance.now();
    yieldToInteractive(yieldPolicy(gate, { quietMs: 200 }));
    // Date.now() counts whole milliseconds: the spell is at least 199 ms of this clock.
    expect(performance.now() - started).toBeGreaterThanOrEqual(198);
    expect(gate.waits()).toBeGreaterThan(0);
    expect(gate.inFlight()).toBe(0);
  });

  it('does not wait once the quiet spell has passed', () => {
    const gate = afterOneRequest();
    sleep(30);
    yieldToInteractive(yieldPolicy(gate, { quietMs: 10 }));
    expect(gate.waits()).toBe(0);
  });

  it('waits no longer than its longest pause when the quiet spell is longer', () => {
    const gate = afterOneRequest();
    const started = performance.now();
    yieldToInteractive(yieldPolicy(gate, { quietMs: 10_000, maxPauseMs: 50 }));
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(48);
    expect(waited).toBeLessThan(5_000);
  });
});
