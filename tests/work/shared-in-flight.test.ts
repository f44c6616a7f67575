import { describe, expect, it } from 'vitest';
import { sharedInFlight } from '../../src/work/shared-in-flight.ts';
import { TaskAbandoned } from '../../src/work/worker-pool.ts';

/** Work that finishes when told to, and records whether its own signal fired. */
function controllable() {
  let finish!: (value: string) => void;
  const seen: { aborted: boolean; starts: number } = { aborted: false, starts: 0 };
  const start = (signal: AbortSignal) => {
    seen.starts += 1;
    signal.addEventListener('abort', () => {
      seen.aborted = true;
    });
    return new Promise<string>((resolve) => {
      finish = resolve;
    });
  };
  return { start, seen, finish: (value: string) => finish(value) };
}

describe('sharedInFlight', () => {
  it('starts identical work once and gives every caller its result', async () => {
    const flights = sharedInFlight<string>();
    const work = controllable();
    const answers = Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => flights.run('same', work.start)));
    expect(work.seen.starts).toBe(1);
    work.finish('drawn');
    expect(await answers).toEqual(Array(8).fill('drawn'));
    expect(flights.inFlight()).toBe(0);
  });

  it('keeps the work going while anyone still waits: one caller giving up gets TaskAbandoned alone', async () => {
    const flights = sharedInFlight<string>();
    const work = controllable();
    const quitter = new AbortController();
    const leaving = flights.run('same', work.start, quitter.signal);
    const staying = flights.run('same', work.start);
    quitter.abort('tab closed');
    await expect(leaving).rejects.toBeInstanceOf(TaskAbandoned);
    expect(work.seen.aborted).toBe(false);
    work.finish('drawn');
    expect(await staying).toBe('drawn');
  });

  it('abandons the work when every caller has given up, and starts afresh for the next', async () => {
    const flights = sharedInFlight<string>();
    const first = controllable();
    const a = new AbortController();
    const b = new AbortController();
    const runs = [flights.run('same', first.start, a.signal), flights.run('same', first.start, b.signal)];
    a.abort();
    b.abort();
    await Promise.all(runs.map((run) => expect(run).rejects.toBeInstanceOf(TaskAbandoned)));
    expect(first.seen.aborted).toBe(true);
    const second = controllable();
    const again = flights.run('same', second.start);
    expect(second.seen.starts).toBe(1);
    second.finish('fresh');
    expect(await again).toBe('fresh');
  });

  it('does different work for different keys, and passes a failure to every caller', async () => {
    const flights = sharedInFlight<string>();
    const failing = flights.run('a', async () => {
      throw new Error('layout failed');
    });
    const sharing = flights.run('a', async () => 'never started');
    const other = flights.run('b', async () => 'b');
    await expect(failing).rejects.toThrow('layout failed');
    await expect(sharing).rejects.toThrow('layout failed');
    expect(await other).toBe('b');
  });
});
