/**
 * An exact pass whose values are held back until the test releases them: the real pass runs (its
 * progress is real), but the network stays "estimated" for as long as a test needs to observe it.
 */
import { type ExactPass } from '../../src/analysis/analyzed-network.ts';
import { computeAllPairsCentrality } from '../../src/analysis/all-pairs-centrality.ts';

export interface HeldPass {
  readonly pass: ExactPass;
  /** Lets the pass's values through (idempotent). */
  release(): void;
}

export function heldExactPass(): HeldPass {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const pass: ExactPass = (graph, options) => {
    const run = computeAllPairsCentrality(graph, options);
    return {
      total: run.total,
      done: run.done,
      result: run.result.then(async (scores) => {
        await released;
        return scores;
      }),
    };
  };
  return { pass, release: () => release() };
}
