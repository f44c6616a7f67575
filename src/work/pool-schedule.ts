/**
 * The worker pool's bookkeeping without the threads: the pool's phase (open, failed to set up,
 * closed), each slot's phase (starting, idle, busy with a task) and the queue, as one small class
 * whose every change is a named method. worker-pool.ts owns the Worker objects and calls these as
 * their events arrive; this decides which task goes where, and who is told what.
 */
export type PoolPhase =
  { readonly kind: 'open' } | { readonly kind: 'failed'; readonly error: Error } | { readonly kind: 'closed' };

/** A starting slot may hold a task sent to its worker already (`dispatchToStarting`): it runs once the worker is set up. */
export type SlotPhase<T> =
  | { readonly kind: 'starting'; readonly task?: T }
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly task: T };

export const CLOSED_MESSAGE = 'the worker pool is closed';

export class PoolSchedule<T> {
  private readonly queue: T[] = [];
  private readonly slots: SlotPhase<T>[];
  private current: PoolPhase = { kind: 'open' };

  constructor(size: number) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ kind: 'starting' }) as const);
  }

  get phase(): PoolPhase {
    return this.current;
  }

  get size(): number {
    return this.slots.length;
  }

  slot(index: number): SlotPhase<T> {
    const slot = this.slots[index];
    if (slot === undefined) throw new Error(`pool-schedule: no slot ${index}`);
    return slot;
  }

  /** Why a new task cannot be taken (the pool is closed or could not set up), or null. */
  refusal(): Error | null {
    if (this.current.kind === 'closed') return new Error(CLOSED_MESSAGE);
    if (this.current.kind === 'failed') return this.current.error;
    return null;
  }

  enqueue(task: T): void {
    this.queue.push(task);
  }

  /** Gives each idle slot the next waiting task, in arrival order: the tasks to send, by slot. */
  dispatch(): [number, T][] {
    const sent: [number, T][] = [];
    this.slots.forEach((slot, index) => {
      if (slot.kind !== 'idle' || this.queue.length === 0) return;
      const task = this.queue.shift() as T;
      this.slots[index] = { kind: 'busy', task };
      sent.push([index, task]);
    });
    return sent;
  }

  /**
   * Gives each starting slot that holds no task the next waiting task, in arrival order: the tasks to
   * send now, by slot (a worker keeps the messages sent while it sets up, and runs them once it is).
   * For a pool whose owner keeps its thread busy while the workers start (a load that goes on while
   * the first pass runs): their 'ready' would not be read before the owner is done.
   */
  dispatchToStarting(): [number, T][] {
    const sent: [number, T][] = [];
    if (this.current.kind !== 'open') return sent;
    this.slots.forEach((slot, index) => {
      if (slot.kind !== 'starting' || slot.task !== undefined || this.queue.length === 0) return;
      const task = this.queue.shift() as T;
      this.slots[index] = { kind: 'starting', task };
      sent.push([index, task]);
    });
    return sent;
  }

  /** The slot's worker set up: it takes tasks from now on (not once the pool is closed); busy with the task sent while it started, if any. */
  ready(index: number): boolean {
    const slot = this.slot(index);
    if (this.current.kind === 'closed' || slot.kind !== 'starting') return false;
    this.slots[index] = slot.task === undefined ? { kind: 'idle' } : { kind: 'busy', task: slot.task };
    return true;
  }

  /** The slot's worker answered: the task it was running when it is `isTask`, and the slot is idle again. */
  finished(index: number, isTask: (task: T) => boolean): T | null {
    const slot = this.slot(index);
    if (slot.kind !== 'busy' || !isTask(slot.task)) return null;
    this.slots[index] = { kind: 'idle' };
    return slot.task;
  }

  /** The slot's worker is gone (crashed, or terminated to stop its task): its task, and the slot starts over. */
  restart(index: number): T | null {
    const slot = this.slot(index);
    this.slots[index] = { kind: 'starting' };
    return slot.kind === 'idle' ? null : (slot.task ?? null);
  }

  /** The task's slot when it is running; when it is waiting, it leaves the queue (null). */
  abandon(task: T): { readonly running: number } | null {
    const waiting = this.queue.indexOf(task);
    if (waiting >= 0) {
      this.queue.splice(waiting, 1);
      return null;
    }
    const running = this.slots.findIndex((slot) => slot.kind !== 'idle' && slot.task === task);
    return running >= 0 ? { running } : null;
  }

  /**
   * Setting up failed: kept (the first reason), and the waiting tasks (those sent to a worker still
   * setting up among them) are handed back to be rejected with it.
   */
  fail(error: Error): { readonly error: Error; readonly waiting: T[] } {
    if (this.current.kind === 'open') this.current = { kind: 'failed', error };
    const sent: T[] = [];
    this.slots.forEach((slot, index) => {
      if (slot.kind !== 'starting' || slot.task === undefined) return;
      sent.push(slot.task);
      this.slots[index] = { kind: 'starting' };
    });
    return {
      error: this.current.kind === 'failed' ? this.current.error : error,
      waiting: [...sent, ...this.queue.splice(0)],
    };
  }

  /** Closed: the waiting tasks, then the running ones, to be rejected. */
  close(): { readonly waiting: T[]; readonly running: T[] } {
    this.current = { kind: 'closed' };
    const running = this.slots.flatMap((slot) => (slot.kind !== 'idle' && slot.task !== undefined ? [slot.task] : []));
    this.slots.fill({ kind: 'starting' });
    return { waiting: this.queue.splice(0), running };
  }

  readyCount(): number {
    return this.slots.filter((slot) => slot.kind !== 'starting').length;
  }

  queued(): number {
    return this.queue.length;
  }

  allReady(): boolean {
    return this.slots.every((slot) => slot.kind !== 'starting');
  }
}
