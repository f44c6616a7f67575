/**
 * A full garbage collection at the moments a load lets go of much of what it held: the merge's maps
 * once the merge is done, the records once the rows are made from them. V8 collected each only later,
 * after the ids and rows or the compact graph's arrays had been allocated beside them, which made
 * the load's peak. Collected at those moments, the peak at 1 M synthetic papers is 1.92 GB where it
 * was 2.29 GB, for about 0.35 s of the main thread's time each, that V8's next collections then
 * save in part (README, "Large networks").
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's heap in use from which a load collects what it lets go of: on the ACL Anthology (a heap of
 * about 0.3 GB there) a collection takes 70 ms and lowers the peak by 30 MB, not worth its time at
 * the start; from a gigabyte each lowers the peak by more than 0.1 GB.
 */
export const LARGE_HEAP_BYTES = 1024 ** 3;

/**
 * The heap in use, once the records are merged, from which a load collects what it lets go of while
 * the rows are made (`loadFiles`): 755 MB there at 1 M synthetic papers (1,057 MB once the rows are
 * made), 128 MB on the ACL Anthology.
 */
export const LARGE_RECORDS_BYTES = 512 * 1024 ** 2;

let collect: (() => void) | null | undefined;

/** Collects garbage now, if V8 lets this process do so (it says whether it could). */
export function collectGarbage(): boolean {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      try {
        // The flag gives a context made while it is set a `gc` function (this one has none): set for
        // one context only, so that the contexts made later (workers' included) are as they were.
        setFlagsFromString('--expose-gc');
        try {
          collect = runInNewContext('gc') as () => void;
        } finally {
          setFlagsFromString('--no-expose-gc');
        }
      } catch {
        collect = null;
      }
    }
  }
  collect?.();
  return collect !== null;
}

/**
 * Collects garbage now and compacts the heap: V8's full collections move objects out of only some of
 * the pages that garbage left sparse, and a page that keeps a few objects stays the process's memory.
 * After a load lets go of its records, the strings the network's rows still hold are scattered over
 * most of the pages the records filled: at 1 M synthetic papers 270 MB of them kept 610 MB of heap,
 * held while the authors' columns were made (the load's peak). Compacting costs about a second of
 * this thread per gigabyte of live objects moved; only a large load does it.
 */
export function compactGarbage(): boolean {
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    return collectGarbage();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

/** Whether V8's heap in use is `limit` bytes or more (a large load's, by default). */
export function heapIsLarge(limit: number = LARGE_HEAP_BYTES): boolean {
  return getHeapStatistics().used_heap_size >= limit;
}

/** Collects garbage (and compacts the heap, with `compact`) when V8's heap in use is `limit` bytes or more; says whether it did. */
export function collectLargeGarbage(
  limit: number = LARGE_HEAP_BYTES,
  options: { readonly compact?: boolean } = {},
): boolean {
  return heapIsLarge(limit) && (options.compact === true ? compactGarbage() : collectGarbage());
}
