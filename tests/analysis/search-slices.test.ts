/**
 * Graph searches in slices: the requests' searches take turns, one search runs at a time, the event
 * loop turns between slices, a fired signal stops a search, and the sliced paths and distances are the
 * ones the searches run at once give.
 */
import { describe, expect, it } from 'vitest';
import {
  bestCollaborationPath,
  bestCollaborationPathInSlices,
  collaborationDistance,
  collaborationDistanceInSlices,
  shortestCollaborationPaths,
  shortestCollaborationPathsInSlices,
} from '../../src/analysis/paths.ts';
import { type SearchSteps, inSlices, searchesPending } from '../../src/analysis/search-slices.ts';
import { largestComponent, randomPairs } from '../../src/bench/random-pairs.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';

/** A search of `steps` steps, each holding the loop for `busyMs`, that notes when it finishes. */
function* fake(name: string, steps: number, log: string[], busyMs = 0): SearchSteps<string> {
  for (let i = 0; i < steps; i += 1) {
    const until = performance.now() + busyMs;
    while (performance.now() < until);
    yield;
  }
  log.push(name);
  return name;
}

/** Counts turns of the event loop until stopped. */
function loopTurns() {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns += 1;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}

describe('inSlices', () => {
  it('lets the requests take turns, one search each', async () => {
    const log: string[] = [];
    const a = new AbortController();
    const b = new AbortController();
    await Promise.all([
      inSlices(() => fake('a1', 3, log), a.signal),
      inSlices(() => fake('a2', 1, log), a.signal),
      inSlices(() => fake('a3', 1, log), a.signal),
      inSlices(() => fake('b1', 1, log), b.signal),
      inSlices(() => fake('b2', 1, log), b.signal),
    ]);
    expect(log).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('gives the event loop back between slices', async () => {
    const turns = loopTurns();
    // 60 steps of 1 ms: at most a slice (4 ms) of them per turn.
    expect(await inSlices(() => fake('long', 60, [], 1))).toBe('long');
    expect(turns.stop()).toBeGreaterThanOrEqual(10);
  });

  it('stops a search when its signal fires, and refuses one whose signal already has', async () => {
    const controller = new AbortController();
    const endless = inSlices(() => fake('endless', Number.MAX_SAFE_INTEGER, [], 0), controller.signal);
    setTimeout(() => controller.abort(new Error('time budget exceeded')), 20);
    await expect(endless).rejects.toThrow('time budget exceeded');
    await expect(inSlices(() => fake('late', 1, []), controller.signal)).rejects.toThrow('time budget exceeded');
    expect(searchesPending()).toBe(0);
  });

  it("drops a request's waiting searches the moment its signal fires, not as they come up", async () => {
    const log: string[] = [];
    const doomed = new AbortController();
    const other = new AbortController();
    let listeners = 0;
    const add = doomed.signal.addEventListener.bind(doomed.signal);
    doomed.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners += 1;
      add(...args);
    }) as typeof add;
    const searches = Array.from({ length: 1000 }, (_, i) =>
      inSlices(() => fake(`d${i}`, 5, log, 1), doomed.signal).then(
        () => 'finished',
        (error: unknown) => (error as Error).message,
      ),
    );
    const kept = inSlices(() => fake('kept', 50, log, 1), other.signal);
    // One listener for the request, however many of its searches wait.
    expect(listeners).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    doomed.abort(new Error('client went away'));
    // Only the other request's search is left, before the scheduler has run again.
    expect(searchesPending()).toBe(1);
    expect(new Set(await Promise.all(searches))).toEqual(new Set(['client went away']));
    expect(await kept).toBe('kept');
    expect(log).toEqual(['kept']);
  });

  it('rejects a search that throws, and runs the next one', async () => {
    const failing = inSlices(function* broken(): SearchSteps<never> {
      yield;
      throw new Error('broken');
    });
    const next = inSlices(() => fake('next', 1, []));
    await expect(failing).rejects.toThrow('broken');
    expect(await next).toBe('next');
  });
});

describe('collaboration paths and distances in slices', () => {
  // The ACL Anthology's papers of 2016 (7,728 authors): searches long enough to take several slices.
  const network = loadAclSliceNetwork();
  const ids = network.authorIds;
  const pairs = randomPairs(largestComponent(network.compact), 40, 'search-slices').map(
    ([a, b]) => [ids[a] as string, ids[b] as string] as const,
  );

  it('give what the searches run at once give, even when many run at the same time', async () => {
    const signals = pairs.map(() => new AbortController().signal);
    const [distances, best, ranked] = await Promise.all([
      Promise.all(pairs.map(([a, b], i) => collaborationDistanceInSlices(network, a, b, signals[i]))),
      Promise.all(pairs.map(([a, b], i) => bestCollaborationPathInSlices(network, a, b, {}, signals[i]))),
      Promise.all(pairs.map(([a, b], i) => shortestCollaborationPathsInSlices(network, a, b, 5, {}, signals[i]))),
    ]);
    expect(distances).toEqual(pairs.map(([a, b]) => collaborationDistance(network, a, b)));
    expect(best).toEqual(pairs.map(([a, b]) => bestCollaborationPath(network, a, b)));
    expect(ranked).toEqual(pairs.map(([a, b]) => shortestCollaborationPaths(network, a, b, 5)));
    expect(distances.every((distance) => distance !== null && distance > 0)).toBe(true);
  });

  it('are not disturbed by a search run at once between two slices', async () => {
    const [a, b] = pairs[0] as readonly [string, string];
    const [c, d] = pairs[1] as readonly [string, string];
    const sliced = bestCollaborationPathInSlices(network, a, b);
    const atOnce = bestCollaborationPath(network, c, d);
    expect(await sliced).toEqual(bestCollaborationPath(network, a, b));
    expect(atOnce).toEqual(bestCollaborationPath(network, c, d));
  });
});
