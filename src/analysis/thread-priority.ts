/**
 * Background threads at the lowest scheduling priority, so the event loop always gets a core when it
 * needs one: the exact all-pairs pass keeps every core busy while nothing else runs, and yields at
 * once when a request arrives (Linux gives each thread its own nice value; `setpriority` on the
 * thread's id sets it for that thread alone). Elsewhere, or where it is not allowed, the thread
 * keeps its priority.
 */
import { readlinkSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';

export const LOWEST_PRIORITY = 19;

/**
 * Threads for the exact pass while a server answers requests (unless told): one per core but one, at
 * least one, so the event loop keeps a core of its own however busy the pass is. Low priority alone
 * is not enough: a request then waits for the scheduler to preempt a pass thread, and on a machine
 * that other processes share, for a core to come free.
 */
export function servingPassThreads(cores: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cores) - 1);
}

/** Lowers the calling thread's priority; says whether it could. */
export function lowerThreadPriority(): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, LOWEST_PRIORITY);
    return true;
  } catch {
    return false;
  }
}
