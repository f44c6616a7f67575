import { afterEach, describe, expect, it } from 'vitest';
import { TaskAbandoned, type WorkerPool, WorkerSetupError, createWorkerPool } from '../../src/work/worker-pool.ts';

const entry = new URL('./fixtures/test-worker.mjs', import.meta.url);
/** The fixture worker's tasks, as a worker module would declare them. */
type TestTasks = {
  echo: (...args: unknown[]) => Echo;
  clock: () => number;
  spin: () => never;
  crash: () => never;
  throw: (input: string) => never;
};
let pool: WorkerPool<TestTasks> | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const open = (size = 1, setup = 'ok', sendWhileStarting = false) =>
  (pool = createWorkerPool<TestTasks>({ entry, workerData: { setup }, size, sendWhileStarting }));
type Echo = { args: unknown[]; threadId: number };

describe('worker pool', () => {
  it('runs tasks in workers and returns their results', async () => {
    const workers = open(2);
    await workers.whenReady();
    expect(workers.readyCount()).toBe(2);
    const results = await Promise.all([1, 2, 3, 4].map((n) => workers.run('echo', [n])));
    expect(results.map((result) => result.args)).toEqual([[1], [2], [3], [4]]);
    expect(new Set(results.map((result) => result.threadId)).size).toBe(2);
  });

  it("passes a task's error on with its name and message", async () => {
    const workers = open();
    await expect(workers.run('throw', ['input'])).rejects.toMatchObject({ name: 'RangeError', message: 'bad input' });
  });

  it('abandons a running task by terminating its worker, and a fresh worker takes the next task', async () => {
    const workers = open();
    await workers.whenReady();
    const { threadId: before } = await workers.run('echo', []);
    const controller = new AbortController();
    const spinning = workers.run('spin', [], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('budget')), 50);
    await expect(spinning).rejects.toBeInstanceOf(TaskAbandoned);
    expect(workers.abandoned()).toBe(1);
    // The spinning thread never answers again: had it been kept, this would wait forever.
    const { threadId: after } = await workers.run('echo', ['next']);
    expect(after).not.toBe(before);
  });

  it('drops a task abandoned while it waits, without touching the busy worker', async () => {
    const workers = open();
    await workers.whenReady();
    const first = workers.run('echo', ['first']);
    const controller = new AbortController();
    const waiting = workers.run('echo', ['second'], { signal: controller.signal });
    expect(workers.queued()).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(TaskAbandoned);
    expect((await first).args).toEqual(['first']);
    expect(workers.abandoned()).toBe(0);
  });

  it('rejects at once when the signal has already fired', async () => {
    const workers = open();
    await expect(workers.run('echo', [], { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(TaskAbandoned);
  });

  it('rejects the task of a worker that dies, and replaces the worker', async () => {
    const workers = open();
    await expect(workers.run('crash', [])).rejects.toThrow('stopped unexpectedly');
    expect((await workers.run('echo', ['again'])).args).toEqual(['again']);
  });

  it('rejects every task with the reason when the workers cannot set up', async () => {
    const workers = open(2, 'fail');
    await expect(workers.whenReady()).rejects.toBeInstanceOf(WorkerSetupError);
    await expect(workers.run('echo', [])).rejects.toThrow('no data here');
  });

  it('rejects waiting and new tasks once closed', async () => {
    const workers = open();
    const spinning = workers.run('spin', []).catch((error: Error) => error);
    const waiting = workers.run('echo', []).catch((error: Error) => error);
    await workers.close();
    expect(await spinning).toMatchObject({ message: 'the worker pool is closed' });
    expect(await waiting).toMatchObject({ message: 'the worker pool is closed' });
    await expect(workers.run('echo', [])).rejects.toThrow('closed');
  });

  it('with sendWhileStarting, a task runs while the thread that asked is still busy (no ready message read)', async () => {
    const workers = open(1, 'ok', true);
    const asked = Date.now();
    const started = workers.run('clock', []);
    // This thread stays busy for 3 s: without sendWhileStarting the task waits for the worker's
    // 'ready', which this thread reads only afterwards.
    const busyUntil = asked + 3000;
    while (Date.now() < busyUntil) {
      /* busy */
    }
    expect(await started).toBeLessThan(busyUntil);
  });

  it('without it, the same task waits until the thread that asked reads the ready message', async () => {
    const workers = open(1);
    const asked = Date.now();
    const started = workers.run('clock', []);
    const busyUntil = asked + 1000;
    while (Date.now() < busyUntil) {
      /* busy */
    }
    expect(await started).toBeGreaterThanOrEqual(busyUntil);
  });

  it('with sendWhileStarting, a setup failure still rejects a task sent while the worker started', async () => {
    const workers = open(1, 'fail', true);
    await expect(workers.run('echo', [])).rejects.toBeInstanceOf(WorkerSetupError);
  });
});
