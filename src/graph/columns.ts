/**
 * Typed-array building blocks of the network's columnar form: numbers stay typed arrays, strings are
 * UTF-8 bytes with offsets (Apache Arrow's `Utf8` layout), decoded only when something asks for one.
 * Every array is allocated on a `SharedArrayBuffer` (or is a view of one: a snapshot read from a
 * file), so the same memory is read by the main thread and every worker thread; posting a column to
 * a worker shares it rather than copying it.
 */
import { sortRowsOfColumn } from './byte-sort.ts';

/** `bytes[offsets[i] .. offsets[i+1])` is string `i`; a set bit `i` of `validity` (LSB first) means present. */
export interface Utf8Column {
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
  /** Arrow's validity bitmap; null when no value is missing. */
  readonly validity: Uint8Array | null;
}

/** A typed array of `length` elements on shared memory. */
export function sharedArray<T extends Int32Array | Float64Array | Uint8Array | Int8Array | Uint32Array>(
  Kind: { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Kind(new SharedArrayBuffer(Math.max(0, length) * Kind.BYTES_PER_ELEMENT));
}

/** A shared copy of an array (the array itself when it already lives on shared memory). */
export function toShared<T extends Int32Array | Float64Array | Uint8Array | Int8Array | Uint32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Kind = array.constructor as { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };
  const copy = sharedArray(Kind, array.length);
  copy.set(array as never);
  return copy;
}

export function sharedInt32(values: ArrayLike<number>): Int32Array {
  const array = sharedArray(Int32Array, values.length);
  for (let i = 0; i < values.length; i += 1) array[i] = values[i] as number;
  return array;
}

/** Encodes strings (null for a missing value) into one column. */
export function utf8Column(values: readonly (string | null)[]): Utf8Column {
  const n = values.length;
  const offsets = sharedArray(Int32Array, n + 1);
  let total = 0;
  let missing = 0;
  for (let i = 0; i < n; i += 1) {
    const value = values[i];
    if (value === null || value === undefined) missing += 1;
    else total += Buffer.byteLength(value, 'utf8');
    if (total > 0x7fffffff) throw new RangeError('columns: a string column passed 2 GiB');
  }
  const bytes = sharedArray(Uint8Array, total);
  const target = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const validity = missing === 0 ? null : sharedArray(Uint8Array, Math.ceil(n / 8));
  let at = 0;
  for (let i = 0; i < n; i += 1) {
    const value = values[i];
    if (value !== null && value !== undefined) {
      at += target.write(value, at, 'utf8');
      if (validity !== null) validity[i >> 3] = (validity[i >> 3] as number) | (1 << (i & 7));
    }
    offsets[i + 1] = at;
  }
  return { offsets, bytes, validity };
}

/** A column's bytes as a Node buffer (no copy), for decoding. */
const bufferOf = new WeakMap<Uint8Array, Buffer>();
function asBuffer(bytes: Uint8Array): Buffer {
  let buffer = bufferOf.get(bytes);
  if (buffer === undefined) {
    buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    bufferOf.set(bytes, buffer);
  }
  return buffer;
}

export function isPresent(column: Utf8Column, i: number): boolean {
  return column.validity === null || (((column.validity[i >> 3] as number) >> (i & 7)) & 1) === 1;
}

/** String `i` ('' for a missing value: see `utf8OrNull`). */
export function utf8At(column: Utf8Column, i: number): string {
  return asBuffer(column.bytes).toString('utf8', column.offsets[i] as number, column.offsets[i + 1] as number);
}

export function utf8OrNull(column: Utf8Column, i: number): string | null {
  return isPresent(column, i) ? utf8At(column, i) : null;
}

export function utf8Length(column: Utf8Column): number {
  return column.offsets.length - 1;
}

/** Every string of a column, decoded (for small columns and tests). */
export function utf8Values(column: Utf8Column): (string | null)[] {
  return Array.from({ length: utf8Length(column) }, (_, i) => utf8OrNull(column, i));
}

/**
 * The rows of a column sorted by their strings (code-unit order, as `compareIds`): an index to
 * binary-search with `findUtf8`. `sortedIndex(c)[k]` is the row holding the k-th smallest string.
 * `decoded`, when given, must be the column's values (what `utf8Values(column)` gives).
 */
export function sortedIndex(column: Utf8Column, decoded?: readonly (string | null)[]): Int32Array {
  const order = sharedArray(Int32Array, utf8Length(column));
  for (let row = 0; row < order.length; row += 1) order[row] = row;
  // By the bytes where they lie, unless some sort otherwise than their code units; then by the
  // strings, which the caller usually has in hand (`decoded`: no need to decode them again).
  return sortRowsOfColumn(order, column, () => decoded ?? utf8Values(column));
}

/** A surrogate code unit not paired (`u` mode reads a pair as one code point). */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Every `FENCE_GAP`-th string of a column in sorted order: where a lookup starts. */
const FENCE_GAP = 64;
const fencesByOrder = new WeakMap<Int32Array, readonly string[]>();

/**
 * The strings at sorted positions 0, `FENCE_GAP`, 2 × `FENCE_GAP`, ..., decoded once per column (a
 * 64th of its rows). A lookup first finds its block among these, in memory a few kilobytes that stay
 * in cache, and then reads only rows of that block, which lie side by side; a plain binary search
 * would read about 17 rows scattered over the column, one or two cache misses each.
 */
function fencesOf(column: Utf8Column, index: Int32Array | null, count: number): readonly string[] {
  const key = index ?? column.offsets;
  let fences = fencesByOrder.get(key);
  if (fences === undefined) {
    const made: string[] = [];
    for (let k = 0; k < count; k += FENCE_GAP) made.push(utf8At(column, index === null ? k : (index[k] as number)));
    fencesByOrder.set(key, (fences = made));
  }
  return fences;
}

/** The key's UTF-8 bytes, written into one reused buffer (grown as needed). */
const encoder = new TextEncoder();
let keyBytes = new Uint8Array(256);

/**
 * The first row whose string equals `key`, or −1. `index` is `sortedIndex(column)`, or null for a
 * column whose rows are sorted already. The key is encoded once and compared with the rows' bytes,
 * in the strings' code-unit order, without decoding a row.
 */
export function findUtf8(column: Utf8Column, index: Int32Array | null, key: string): number {
  // A key with a lone surrogate has no UTF-8 form of its own (encoding would replace it): compare strings.
  if (LONE_SURROGATE.test(key)) return findDecoded(column, index, key);
  if (keyBytes.length < 3 * key.length) keyBytes = new Uint8Array(3 * key.length);
  const keyLength = encoder.encodeInto(key, keyBytes).written;
  const { offsets, bytes } = column;
  const count = index === null ? utf8Length(column) : index.length;
  let low = 0;
  let high = count;
  if (count > 2 * FENCE_GAP) {
    // The block: after the last fence below the key, up to the first fence at or above it.
    const fences = fencesOf(column, index, count);
    let first = 0;
    let last = fences.length;
    while (first < last) {
      const middle = (first + last) >>> 1;
      if ((fences[middle] as string) < key) first = middle + 1;
      else last = middle;
    }
    low = first === 0 ? 0 : (first - 1) * FENCE_GAP + 1;
    high = Math.min(first * FENCE_GAP, count);
  }
  while (low < high) {
    const middle = (low + high) >>> 1;
    const row = index === null ? middle : (index[middle] as number);
    if (compareUtf8(bytes, offsets[row] as number, offsets[row + 1] as number, keyBytes, keyLength) < 0)
      low = middle + 1;
    else high = middle;
  }
  if (low >= count) return -1;
  const row = index === null ? low : (index[low] as number);
  return compareUtf8(bytes, offsets[row] as number, offsets[row + 1] as number, keyBytes, keyLength) === 0 ? row : -1;
}

/** `findUtf8` by decoding each row it compares. */
function findDecoded(column: Utf8Column, index: Int32Array | null, key: string): number {
  const rowAt = (k: number) => (index === null ? k : (index[k] as number));
  const count = index === null ? utf8Length(column) : index.length;
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (utf8At(column, rowAt(middle)) < key) low = middle + 1;
    else high = middle;
  }
  return low < count && utf8At(column, rowAt(low)) === key ? rowAt(low) : -1;
}

/**
 * The sign of (the string in `bytes[start .. end)`) − (the string `key` encodes), in UTF-16 code-unit
 * order, as JavaScript's `<` compares strings. UTF-8 bytes compare in code-point order, which is the
 * same but for one case: where the first difference is between a character beyond U+FFFF (lead byte
 * F0–F4, a surrogate pair in UTF-16, D800–DFFF) and one in U+E000–U+FFFF (lead byte EE or EF), the
 * former comes first in code units. The key is `key[0 .. keyLength)`.
 */
export function compareUtf8(
  bytes: Uint8Array,
  start: number,
  end: number,
  key: Uint8Array,
  keyLength = key.length,
): number {
  const length = Math.min(end - start, keyLength);
  for (let i = 0; i < length; i += 1) {
    const a = bytes[start + i] as number;
    const b = key[i] as number;
    if (a !== b) return codeUnitRank(a) - codeUnitRank(b);
  }
  return end - start - keyLength;
}

/** A byte's place in code-unit order where two strings first differ (both bytes lead a character there, or both continue one). */
function codeUnitRank(byte: number): number {
  return byte >= 0xf0 ? 0xed * 8 + 1 + (byte - 0xf0) : byte * 8;
}

/** `values[offsets[i] .. offsets[i+1])` as a plain array. */
export function listAt(offsets: Int32Array, values: Int32Array, i: number): number[] {
  return Array.from(values.subarray(offsets[i] as number, offsets[i + 1] as number));
}

/** Offsets (length n + 1) and flat values from a list of lists. */
export function listColumn(lists: readonly ArrayLike<number>[]): { offsets: Int32Array; values: Int32Array } {
  const offsets = sharedArray(Int32Array, lists.length + 1);
  let total = 0;
  for (let i = 0; i < lists.length; i += 1) {
    total += (lists[i] as ArrayLike<number>).length;
    offsets[i + 1] = total;
  }
  const values = sharedArray(Int32Array, total);
  let at = 0;
  for (const list of lists) {
    for (let k = 0; k < list.length; k += 1) values[at++] = list[k] as number;
  }
  return { offsets, values };
}
