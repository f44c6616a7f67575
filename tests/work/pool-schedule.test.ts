/**
 * The worker pool's bookkeeping alone, without threads: tasks go to idle slots in arrival order, a
 * finished, lost or abandoned task frees its slot as the phases say, a setup failure is kept and
 * hands back what waits, and closing hands back everything.
 */
import { describe, expect, it } from 'vitest';
import { PoolSchedule } from '../../src/work/pool-schedule.ts';

interface Task {
  readonly id: number;
}
const task = (id: number): Task => ({ id });
const is = (id: number) => (running: Task) => running.id === id;

describe('the pool schedule', () => {
  it('starts every slot, takes tasks only once they are ready, in arrival order', () => {
    const schedule = new PoolSchedule<Task>(2);
    expect(schedule.readyCount()).toBe(0);
    const [a, b, c] = [task(1), task(2), task(3)];
    for (const t of [a, b, c]) schedule.enqueue(t);
    expect(schedule.dispatch()).toEqual([]);
    expect(schedule.ready(1)).toBe(true);
    expect(schedule.ready(1)).toBe(false); // already ready
    expect(schedule.dispatch()).toEqual([[1, a]]);
    expect(schedule.ready(0)).toBe(true);
    expect(schedule.allReady()).toBe(true);
    expect(schedule.dispatch()).toEqual([[0, b]]);
    expect(schedule.queued()).toBe(1);
    expect(schedule.slot(0)).toEqual({ kind: 'busy', task: b });
  });

  it('frees a slot when its own task finishes (not another id), and gives it the next one', () => {
    const schedule = new PoolSchedule<Task>(1);
    schedule.ready(0);
    const [a, b] = [task(1), task(2)];
    schedule.enqueue(a);
    schedule.enqueue(b);
    schedule.dispatch();
    expect(schedule.finished(0, is(2))).toBeNull();
    expect(schedule.finished(0, is(1))).toBe(a);
    expect(schedule.slot(0)).toEqual({ kind: 'idle' });
    expect(schedule.dispatch()).toEqual([[0, b]]);
  });

  it('drops an abandoned task that waits, and names the slot of one that runs (which then starts over)', () => {
    const schedule = new PoolSchedule<Task>(1);
    schedule.ready(0);
    const [a, b] = [task(1), task(2)];
    schedule.enqueue(a);
    schedule.enqueue(b);
    schedule.dispatch();
    expect(schedule.abandon(b)).toBeNull();
    expect(schedule.queued()).toBe(0);
    expect(schedule.abandon(a)).toEqual({ running: 0 });
    expect(schedule.restart(0)).toBe(a);
    expect(schedule.slot(0)).toEqual({ kind: 'starting' });
    expect(schedule.readyCount()).toBe(0);
    expect(schedule.abandon(task(9))).toBeNull();
  });

  it('keeps the first setup failure, refuses new tasks with it and hands back what waits', () => {
    const schedule = new PoolSchedule<Task>(1);
    const [a, b] = [task(1), task(2)];
    schedule.enqueue(a);
    schedule.enqueue(b);
    const first = new Error('cannot load the data');
    expect(schedule.fail(first)).toEqual({ error: first, waiting: [a, b] });
    expect(schedule.fail(new Error('later')).error).toBe(first);
    expect(schedule.phase).toEqual({ kind: 'failed', error: first });
    expect(schedule.refusal()).toBe(first);
  });

  it('on close, hands back waiting and running tasks, refuses new ones, and no slot turns ready', () => {
    const schedule = new PoolSchedule<Task>(2);
    schedule.ready(0);
    schedule.ready(1);
    const [a, b, c] = [task(1), task(2), task(3)];
    for (const t of [a, b, c]) schedule.enqueue(t);
    schedule.dispatch();
    expect(schedule.close()).toEqual({ waiting: [c], running: [a, b] });
    expect(schedule.refusal()?.message).toBe('the worker pool is closed');
    expect(schedule.ready(0)).toBe(false);
    expect(schedule.readyCount()).toBe(0);
  });

  it('sends waiting tasks to starting slots when asked, and runs them there once the slot is ready', () => {
    const schedule = new PoolSchedule<Task>(2);
    const [a, b, c] = [task(1), task(2), task(3)];
    for (const t of [a, b, c]) schedule.enqueue(t);
    expect(schedule.dispatchToStarting()).toEqual([
      [0, a],
      [1, b],
    ]);
    expect(schedule.dispatchToStarting()).toEqual([]); // each starting slot holds one task at most
    expect(schedule.readyCount()).toBe(0);
    expect(schedule.ready(0)).toBe(true);
    expect(schedule.slot(0)).toEqual({ kind: 'busy', task: a });
    expect(schedule.dispatch()).toEqual([]); // slot 0 runs a, slot 1 holds b
    expect(schedule.finished(0, is(1))).toBe(a);
    expect(schedule.dispatch()).toEqual([[0, c]]);
  });

  it('hands back a task sent to a starting slot when its worker is lost, abandoned, fails to set up or is closed', () => {
    const schedule = new PoolSchedule<Task>(2);
    const [a, b, c, d] = [task(1), task(2), task(3), task(4)];
    schedule.enqueue(a);
    schedule.enqueue(b);
    schedule.dispatchToStarting();
    expect(schedule.restart(0)).toBe(a); // lost while starting
    expect(schedule.slot(0)).toEqual({ kind: 'starting' });
    expect(schedule.abandon(b)).toEqual({ running: 1 });
    schedule.restart(1);
    schedule.enqueue(c);
    schedule.enqueue(d);
    schedule.dispatchToStarting();
    const failure = new Error('no data here');
    expect(schedule.fail(failure)).toEqual({ error: failure, waiting: [c, d] });
    expect(schedule.restart(0)).toBeNull(); // handed back once only
    const closing = new PoolSchedule<Task>(1);
    closing.enqueue(a);
    closing.dispatchToStarting();
    expect(closing.close()).toEqual({ waiting: [], running: [a] });
    expect(closing.ready(0)).toBe(false);
  });
});
