/**
 * Rows sorted by a string each, in code-unit order (the order of `compareIds` and of JavaScript's
 * `<` on strings), by multikey quicksort (Bentley and Sedgewick, "Fast algorithms for sorting and
 * searching strings", SODA 1997): each round splits the rows three ways on one code unit of their
 * keys, and only the middle part goes on to the next unit, so a key's common prefix with the others
 * is read a few times rather than once per comparison. It sorts the rows where they are (an
 * `Int32Array`, possibly on shared memory), where `Array.prototype.sort` with a comparator needed a
 * list of numbers and a copy of it: tens of megabytes at the load's peak at 1 M synthetic papers. On
 * those 1.33 million author ids decoded afresh it took 0.6 s where the comparison sort took 1.0 s; in
 * the load itself, where the strings lie scattered over the heap, both take about 2 s.
 */

/** Whether row `a` goes after row `b`. */
export type RowOrder = (a: number, b: number) => boolean;

/** Segments this short are finished by insertion sort. */
const SHORT = 12;

/**
 * Sorts `rows` in place by `keys[row]` (a missing key counts as the empty string), rows with equal
 * keys by `tie[row]` when given, else by row, ascending; returns `rows`.
 */
export function sortRowsByKey(
  rows: Int32Array,
  keys: readonly (string | null | undefined)[],
  tie?: Int32Array,
): Int32Array {
  const keyOf = (row: number): string => keys[row] ?? '';
  const tieOf = tie === undefined ? (row: number) => row : (row: number) => tie[row] as number;
  /** Whether row `a` goes after row `b` (keys compared whole; they share a prefix, but comparing it again is cheap). */
  const after = (a: number, b: number): boolean => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka > kb || (ka === kb && tieOf(a) > tieOf(b));
  };
  if (mergedRuns(rows, after)) return rows;
  // Segments still to sort: [from, to) whose keys agree on their first `depth` code units.
  const stack: number[] = [0, rows.length, 0];
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const to = stack.pop() as number;
    const from = stack.pop() as number;
    if (to - from <= SHORT) {
      insertionSort(rows, from, to, after);
      continue;
    }
    // Split on the code unit at `depth` (−1 past a key's end: shorter keys first), pivot the median of three.
    const first = unitAt(keyOf(rows[from] as number), depth);
    const middle = unitAt(keyOf(rows[(from + to) >>> 1] as number), depth);
    const last = unitAt(keyOf(rows[to - 1] as number), depth);
    const pivot =
      first < middle
        ? middle < last
          ? middle
          : first < last
            ? last
            : first
        : first < last
          ? first
          : middle < last
            ? last
            : middle;
    // Three-way partition: [from, less) below the pivot, [less, more] equal, (more, to) above.
    let less = from;
    let more = to - 1;
    let i = from;
    while (i <= more) {
      const row = rows[i] as number;
      const value = unitAt(keyOf(row), depth);
      if (value < pivot) {
        rows[i] = rows[less] as number;
        rows[less] = row;
        less += 1;
        i += 1;
      } else if (value > pivot) {
        rows[i] = rows[more] as number;
        rows[more] = row;
        more -= 1;
      } else i += 1;
    }
    stack.push(from, less, depth, more + 1, to, depth);
    if (pivot >= 0) stack.push(less, more + 1, depth + 1);
    else if (more + 1 - less > 1) {
      // Equal keys (all ended here): by their tie-break, a numeric sort.
      if (tie === undefined) rows.subarray(less, more + 1).sort();
      else sortByTie(rows, less, more + 1, tie);
    }
  }
  return rows;
}

/** At most one descent in this many rows: the rows are a few ascending runs, merged rather than sorted. */
const RUN_DENSITY = 64;

/**
 * Sorts rows that are already a few ascending runs by merging the runs (each pass merges neighbours,
 * a stable merge), and says whether it did; more descents than one in `RUN_DENSITY` rows leave the
 * rows as they are, for the quicksort. Ids read in their own order are such runs: the ACL
 * Anthology's paper ids make 1,180 runs of 102,797, merged in 30–40 ms where the quicksort took 43–72.
 */
export function mergedRuns(rows: Int32Array, after: RowOrder): boolean {
  const n = rows.length;
  const limit = Math.floor(n / RUN_DENSITY);
  const starts: number[] = [0];
  for (let i = 1; i < n; i += 1) {
    if (after(rows[i - 1] as number, rows[i] as number)) {
      if (starts.length > limit) return false;
      starts.push(i);
    }
  }
  if (starts.length === 1) return true;
  starts.push(n);
  let from: Int32Array = rows;
  let to: Int32Array = new Int32Array(n);
  let bounds = starts;
  while (bounds.length > 2) {
    const next: number[] = [];
    for (let k = 0; k + 1 < bounds.length; k += 2) {
      const low = bounds[k] as number;
      const middle = bounds[k + 1] as number;
      const high = k + 2 < bounds.length ? (bounds[k + 2] as number) : middle;
      next.push(low);
      let i = low;
      let j = middle;
      let at = low;
      // Equal rows go left first: the merge is stable.
      while (i < middle && j < high)
        to[at++] = after(from[i] as number, from[j] as number) ? (from[j++] as number) : (from[i++] as number);
      while (i < middle) to[at++] = from[i++] as number;
      while (j < high) to[at++] = from[j++] as number;
    }
    next.push(n);
    [from, to] = [to, from];
    bounds = next;
  }
  if (from !== rows) rows.set(from);
  return true;
}

function unitAt(key: string, depth: number): number {
  return depth < key.length ? key.charCodeAt(depth) : -1;
}

/** Sorts `rows[from … to)` in place by insertion: rows that `after` says go after a row are moved past it. */
export function insertionSort(rows: Int32Array, from: number, to: number, after: RowOrder): void {
  for (let i = from + 1; i < to; i += 1) {
    const row = rows[i] as number;
    let j = i - 1;
    while (j >= from && after(rows[j] as number, row)) {
      rows[j + 1] = rows[j] as number;
      j -= 1;
    }
    rows[j + 1] = row;
  }
}

/** Sorts `rows[from … to)` by `tie[row]` ascending (rows of equal keys: usually a handful). */
export function sortByTie(rows: Int32Array, from: number, to: number, tie: Int32Array): void {
  const part = Array.from(rows.subarray(from, to)).sort((a, b) => (tie[a] as number) - (tie[b] as number));
  rows.set(part, from);
}
