/**
 * Background threads at the lowest scheduling priority, so the event loop always gets a core when it
 * needs one: the exact all-pairs pass keeps every core busy while nothing else runs, and yields at
 * once when a request arrives (Linux gives each thread its own nice value; `setpriority` on the
 * thread's id sets it for that thread alone). Elsewhere, or where it is not allowed, the thread
 * keeps its priority.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

export const LOWEST_PRIORITY = 19;

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
