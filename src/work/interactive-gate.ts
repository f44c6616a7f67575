/**
 * Interactive work first: the server counts the HTTP requests it is answering in a word of shared
 * memory, and the background pass's threads look at it between two sources. While a request is in
 * flight (and for a short quiet spell after the last one ends, so that a client sending requests one
 * after another is not met by a search started between two of them), a pass thread waits on the word
 * with `Atomics.wait` instead of starting its next search, so the event loop and the request workers
 * get the cores and the memory bandwidth. The pass still moves under a load that never stops: a thread
 * waits at most `maxPauseMs` at a time before it runs one more search.
 *
 * The quiet spell counts from the last request's end, also for a pass thread that was not waiting
 * then: one that finishes its search in the moment between two requests of such a client (their
 * gap is a fraction of a millisecond, a batch of searches on the ACL Anthology about 12 ms) waits for
 * the next request rather than starting another search beside it.
 *
 * Layout of the shared words: [0] requests in flight, [1] waits so far (each slice of `Atomics.wait`
 * a pass thread spent paused, counted: how tests and the metrics see that the pass yielded), [2] when
 * the last request ended (`Date.now()`'s low 31 bits, the clock every thread reads alike; −1: none
 * has yet).
 */

/** How long a pass thread waits at most before it runs one more search, however busy the server is. */
export const MAX_PAUSE_MS = 1000;
/** How long the server must have been quiet before a paused pass thread starts its next search. */
export const QUIET_MS = 10;
/** A pass thread looks at the word again at least this often while it waits. */
const WAIT_SLICE_MS = 5;

const IN_FLIGHT = 0;
const WAITS = 1;
const LAST_END = 2;
const CLOCK_MASK = 0x7fffffff;

/** Milliseconds since the last request ended (modulo 2³¹ ms, about 24.8 days); Infinity when none has. */
function sinceLastEnd(words: Int32Array): number {
  const ended = Atomics.load(words, LAST_END);
  if (ended < 0) return Number.POSITIVE_INFINITY;
  return ((Date.now() & CLOCK_MASK) - ended + CLOCK_MASK + 1) & CLOCK_MASK;
}

/** How a pass thread yields: the shared words, and how long it waits at most. */
export interface YieldPolicy {
  readonly words: Int32Array;
  readonly maxPauseMs: number;
  readonly quietMs: number;
}

export interface InteractiveGate {
  /** The shared words (posted to pass threads with each task; see the module comment). */
  readonly words: Int32Array;
  /** A request starts: pass threads pause before their next search. */
  enter(): void;
  /** A request ended: when it was the last, waiting pass threads are woken (they resume after `QUIET_MS`). */
  leave(): void;
  /** Requests in flight now. */
  inFlight(): number;
  /** Slices of waiting pass threads spent paused, so far. */
  waits(): number;
}

export function createInteractiveGate(): InteractiveGate {
  const words = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  words[LAST_END] = -1;
  return {
    words,
    enter: () => {
      Atomics.add(words, IN_FLIGHT, 1);
    },
    leave: () => {
      Atomics.store(words, LAST_END, Date.now() & CLOCK_MASK);
      const before = Atomics.sub(words, IN_FLIGHT, 1);
      if (before <= 1) {
        // Never below zero, whatever an unbalanced caller does.
        if (before < 1) Atomics.store(words, IN_FLIGHT, 0);
        Atomics.notify(words, IN_FLIGHT);
      }
    },
    inFlight: () => Atomics.load(words, IN_FLIGHT),
    waits: () => Atomics.load(words, WAITS),
  };
}

let processGate: InteractiveGate | null = null;

/** The gate of this process: the HTTP server enters it per request, pass threads yield to it by default. */
export function interactiveGate(): InteractiveGate {
  processGate ??= createInteractiveGate();
  return processGate;
}

export function yieldPolicy(
  gate: InteractiveGate,
  options: { readonly maxPauseMs?: number; readonly quietMs?: number } = {},
): YieldPolicy {
  return { words: gate.words, maxPauseMs: options.maxPauseMs ?? MAX_PAUSE_MS, quietMs: options.quietMs ?? QUIET_MS };
}

/**
 * In a pass thread, between two searches: returns at once when no request is in flight and none
 * ended in the last `quietMs`; otherwise waits until the server has been quiet for `quietMs`, or
 * `maxPauseMs` have passed.
 */
export function yieldToInteractive(policy: YieldPolicy): void {
  const { words, maxPauseMs, quietMs } = policy;
  if (Atomics.load(words, IN_FLIGHT) === 0 && sinceLastEnd(words) >= quietMs) return;
  const until = performance.now() + maxPauseMs;
  for (;;) {
    const left = until - performance.now();
    if (left <= 0) return;
    const held = Atomics.load(words, IN_FLIGHT);
    Atomics.add(words, WAITS, 1);
    if (held !== 0) {
      Atomics.wait(words, IN_FLIGHT, held, Math.min(WAIT_SLICE_MS, left));
      continue;
    }
    // Released: resume only once no new request came during the quiet spell since the last one ended.
    const quietLeft = quietMs - sinceLastEnd(words);
    if (quietLeft > 0) Atomics.wait(words, IN_FLIGHT, 0, Math.min(quietLeft, left));
    if (Atomics.load(words, IN_FLIGHT) === 0 && sinceLastEnd(words) >= quietMs) return;
  }
}
