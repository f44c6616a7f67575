/**
 * A substring index over search keys, so a search does not test every name or title.
 *
 * A search asks for the owners (authors, papers) of the keys that contain every term. The index holds
 * every key's UTF-8 bytes and, for each byte trigram that occurs in some key, the keys it occurs in
 * (sorted key numbers, CSR style). A term of three bytes or more can only occur in a key holding all
 * of the term's trigrams, so the candidates are the intersection of a few posting lists, shortest
 * first; each candidate is then checked for every term, so the answer is exactly what a scan gives.
 * Only a query whose terms are all shorter than three bytes scans every key (one pass over the bytes).
 *
 * UTF-8 is self-synchronising: a term occurs in a key exactly when its bytes occur in the key's bytes
 * (for well-formed text: a lone surrogate counts as U+FFFD, as TextEncoder writes it).
 *
 * The stored form is typed arrays only (no maps, no strings), built once from plain inputs, so it can
 * live in memory shared between threads; `searchIndex` is a pure function over them. They are made on
 * shared memory from the start (no copy to share them: a million titles' postings are 130 MB).
 */
import { listColumn, sharedArray } from './columns.ts';

export interface SearchIndex {
  readonly keyCount: number;
  /** Owners are numbered 0 … ownerCount − 1. */
  readonly ownerCount: number;
  /** Key `k` is `keyBytes[keyOffsets[k] … keyOffsets[k + 1])`. */
  readonly keyBytes: Uint8Array;
  readonly keyOffsets: Uint32Array;
  /** Distinct trigrams (`b0 << 16 | b1 << 8 | b2`), ascending. */
  readonly grams: Uint32Array;
  /** Trigram `g`'s keys are `postings[gramOffsets[g] … gramOffsets[g + 1])`, ascending. */
  readonly gramOffsets: Uint32Array;
  readonly postings: Uint32Array;
  /** Key `k`'s owners are `owners[ownerOffsets[k] … ownerOffsets[k + 1])`. */
  readonly ownerOffsets: Uint32Array;
  readonly owners: Uint32Array;
}

const encoder = new TextEncoder();

/** Terms of three bytes and more are looked up by their trigrams; shorter ones are only checked. */
const GRAM = 3;
/** Below this many candidates, intersecting more posting lists costs more than checking them. */
const ENOUGH_CANDIDATES = 32;

/** Every array an index holds (its size is theirs; each lives on shared memory). */
export function searchIndexArrays(index: SearchIndex): (Uint8Array | Int32Array | Uint32Array)[] {
  return [
    index.keyBytes,
    index.keyOffsets,
    index.grams,
    index.gramOffsets,
    index.postings,
    index.ownerOffsets,
    index.owners,
  ];
}

/** Owner lists as one list: key `k`'s owners are `values[offsets[k] … offsets[k + 1])`. */
export interface OwnerList {
  readonly offsets: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/**
 * The index of `keys`; `owners` gives key `k`'s owners, as lists or as one list (default: key `k` is
 * owned by owner `k` alone). `ownerCount` defaults to one more than the largest owner.
 */
export function buildSearchIndex(
  keys: readonly string[],
  given?: readonly (readonly number[])[] | OwnerList,
  ownerCount?: number,
): SearchIndex {
  const owners: OwnerList | undefined = given === undefined || 'offsets' in given ? given : listColumn(given);
  if (owners !== undefined && owners.offsets.length !== keys.length + 1)
    throw new RangeError(`search-index: ${keys.length} keys but ${owners.offsets.length - 1} owner lists`);
  const { keyBytes, keyOffsets } = encodedKeys(keys);
  const { grams, gramOffsets, postings } = trigramPostings(keyBytes, keyOffsets);
  const { ownerOffsets, owners: ownerList, ownerCount: owned } = ownerLists(keys.length, owners, ownerCount);
  return {
    keyCount: keys.length,
    ownerCount: owned,
    keyBytes,
    keyOffsets,
    grams,
    gramOffsets,
    postings,
    ownerOffsets,
    owners: ownerList,
  };
}

/**
 * The index of the keys of a UTF-8 column (offsets from 0), key `k` owned by `owners.values[owners.offsets[k] …
 * owners.offsets[k + 1])`: the column's bytes and offsets and the owner lists are the index's own arrays
 * (seen as unsigned, no copy). The network's name keys and their authors are such a column and such
 * lists (network-columns.ts): a second copy of them in the index was 32 MB at 1 M synthetic papers.
 */
export function searchIndexOfColumn(
  keys: { readonly offsets: Int32Array; readonly bytes: Uint8Array },
  owners: { readonly offsets: Int32Array; readonly values: Int32Array },
  ownerCount: number,
): SearchIndex {
  const keyCount = keys.offsets.length - 1;
  if (owners.offsets.length !== keys.offsets.length)
    throw new RangeError(`search-index: ${keyCount} keys but ${owners.offsets.length - 1} owner lists`);
  if (keys.offsets[0] !== 0 || owners.offsets[0] !== 0)
    throw new RangeError('search-index: the keys and the owner lists must start at offset 0');
  const ownerList = asUnsigned(owners.values);
  for (let at = 0; at < ownerList.length; at += 1)
    if ((ownerList[at] as number) >= ownerCount)
      throw new RangeError(
        `search-index: owner ${owners.values[at]} is not a whole number from 0 to ${ownerCount - 1}`,
      );
  const keyOffsets = asUnsigned(keys.offsets);
  return {
    keyCount,
    ownerCount,
    keyBytes: keys.bytes,
    keyOffsets,
    ...trigramPostings(keys.bytes, keyOffsets),
    ownerOffsets: asUnsigned(owners.offsets),
    owners: ownerList,
  };
}

/** The same memory read as unsigned (offsets and rows are never negative). */
export function asUnsigned(values: Int32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/** The keys' UTF-8 bytes, one after another, and where each starts, on shared memory. */
function encodedKeys(keys: readonly string[]): { keyBytes: Uint8Array; keyOffsets: Uint32Array } {
  const keyCount = keys.length;
  const keyOffsets = sharedArray(Uint32Array, keyCount + 1);
  // Sized first, then written where they stay: no second copy of every key's bytes while the index is
  // made (half a gigabyte of titles at DBLP's size). Buffer writes a lone surrogate as U+FFFD, as
  // TextEncoder does for the terms searched.
  let used = 0;
  for (let k = 0; k < keyCount; k += 1) {
    used += Buffer.byteLength(keys[k] as string, 'utf8');
    if (used > 0xffffffff) throw new RangeError('search-index: the keys pass 4 GiB');
  }
  const keyBytes = sharedArray(Uint8Array, used);
  const target = Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength);
  let at = 0;
  for (let k = 0; k < keyCount; k += 1) {
    at += target.write(keys[k] as string, at, 'utf8');
    keyOffsets[k + 1] = at;
  }
  return { keyBytes, keyOffsets };
}

/** Each trigram of the keys with the keys holding it (`SearchIndex.grams`, `gramOffsets`, `postings`). */
function trigramPostings(
  keyBytes: Uint8Array,
  keyOffsets: Uint32Array,
): Pick<SearchIndex, 'grams' | 'gramOffsets' | 'postings'> {
  const keyCount = keyOffsets.length - 1;
  // Pass 1: each trigram's number of keys (a key counts once however often it holds the trigram).
  // A trigram is 24 bits: a direct table (slot + 1, 0 for unseen; 64 MB, only the touched pages
  // are committed) is several times faster than a Map over millions of names and titles.
  const slotOf = new Int32Array(1 << 24);
  let slotGram = new Uint32Array(1024);
  let slotCount = new Uint32Array(1024);
  let slotLast = new Int32Array(1024);
  let slots = 0;
  for (let k = 0; k < keyCount; k += 1) {
    for (let i = keyOffsets[k] as number; i + GRAM <= (keyOffsets[k + 1] as number); i += 1) {
      const gram = trigramAt(keyBytes, i);
      let slot = (slotOf[gram] as number) - 1;
      if (slot < 0) {
        if (slots === slotGram.length) {
          slotGram = grow(slotGram);
          slotCount = grow(slotCount);
          slotLast = grow(slotLast);
        }
        slot = slots;
        slots += 1;
        slotOf[gram] = slot + 1;
        slotGram[slot] = gram;
        slotLast[slot] = -1;
      }
      if (slotLast[slot] !== k) {
        slotLast[slot] = k;
        slotCount[slot] = (slotCount[slot] as number) + 1;
      }
    }
  }

  // The trigrams in ascending order, their posting lists laid out one after another.
  const order = Uint32Array.from({ length: slots }, (_, slot) => slot).sort(
    (a, b) => (slotGram[a] as number) - (slotGram[b] as number),
  );
  const grams = sharedArray(Uint32Array, slots);
  const gramOffsets = sharedArray(Uint32Array, slots + 1);
  const cursorOfSlot = new Uint32Array(slots);
  for (let g = 0; g < slots; g += 1) {
    const slot = order[g] as number;
    grams[g] = slotGram[slot] as number;
    cursorOfSlot[slot] = gramOffsets[g] as number;
    gramOffsets[g + 1] = (gramOffsets[g] as number) + (slotCount[slot] as number);
  }

  // Pass 2: the postings, in key order (so each list is ascending).
  const postings = sharedArray(Uint32Array, gramOffsets[slots] as number);
  slotLast.fill(-1);
  for (let k = 0; k < keyCount; k += 1) {
    for (let i = keyOffsets[k] as number; i + GRAM <= (keyOffsets[k + 1] as number); i += 1) {
      const slot = (slotOf[trigramAt(keyBytes, i)] as number) - 1;
      if (slotLast[slot] === k) continue;
      slotLast[slot] = k;
      postings[cursorOfSlot[slot] as number] = k;
      cursorOfSlot[slot] = (cursorOfSlot[slot] as number) + 1;
    }
  }
  return { grams, gramOffsets, postings };
}

/** The owner lists of `keyCount` keys (default: key `k` owned by owner `k` alone), copied and checked. */
function ownerLists(
  keyCount: number,
  owners: OwnerList | undefined,
  ownerCount: number | undefined,
): { ownerOffsets: Uint32Array; owners: Uint32Array; ownerCount: number } {
  const ownerOffsets = sharedArray(Uint32Array, keyCount + 1);
  let ownerList: Uint32Array;
  let largestOwner = -1;
  if (owners === undefined) {
    ownerList = sharedArray(Uint32Array, keyCount);
    for (let k = 0; k < keyCount; k += 1) {
      ownerList[k] = k;
      ownerOffsets[k + 1] = k + 1;
    }
    largestOwner = keyCount - 1;
  } else {
    const base = owners.offsets[0] as number;
    for (let k = 0; k < keyCount; k += 1) {
      const length = (owners.offsets[k + 1] as number) - (owners.offsets[k] as number);
      if (!(length >= 0)) throw new RangeError(`search-index: owner list ${k} ends before it starts`);
      ownerOffsets[k + 1] = (ownerOffsets[k] as number) + length;
    }
    ownerList = sharedArray(Uint32Array, ownerOffsets[keyCount] as number);
    for (let at = 0; at < ownerList.length; at += 1) {
      const owner = owners.values[base + at] as number;
      if (!(Number.isInteger(owner) && owner >= 0 && owner <= 0xffffffff))
        throw new RangeError(`search-index: owner ${owner} is not a whole number from 0 to 2^32 − 1`);
      ownerList[at] = owner;
      if (owner > largestOwner) largestOwner = owner;
    }
  }
  const owned = ownerCount ?? largestOwner + 1;
  if (largestOwner >= owned) throw new RangeError(`search-index: owner ${largestOwner} but ownerCount ${owned}`);
  return { ownerOffsets, owners: ownerList, ownerCount: owned };
}

function grow<T extends Uint32Array | Int32Array>(array: T): T {
  const grown = new (array.constructor as new (length: number) => T)(array.length * 2);
  grown.set(array);
  return grown;
}

function trigramAt(bytes: Uint8Array, i: number): number {
  return ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
}

/**
 * The owners of every key that contains all `terms` (already normalised the way the keys were),
 * ascending and distinct. No terms: every owner of some key.
 */
export function searchIndex(index: SearchIndex, terms: readonly string[]): Uint32Array {
  const needles = terms.map((term) => encoder.encode(term)).filter((bytes) => bytes.length > 0);
  const keys = matchingKeys(index, needles);
  return ownersOf(index, keys);
}

/** The keys holding every needle, ascending. */
function matchingKeys(index: SearchIndex, needles: readonly Uint8Array[]): Uint32Array {
  const { keyBytes, keyOffsets } = index;
  const holdsAll = (k: number) =>
    needles.every((needle) => bytesInclude(keyBytes, keyOffsets[k] as number, keyOffsets[k + 1] as number, needle));
  const lists = postingLists(index, needles);
  if (lists === null) return new Uint32Array(0); // some trigram occurs in no key
  if (lists.length === 0) {
    // Only short terms (or none): one pass over every key's bytes for the first, then each found key checked.
    if (needles.length === 0) return Uint32Array.from({ length: index.keyCount }, (_, k) => k);
    const [first, ...rest] = needles as [Uint8Array, ...Uint8Array[]];
    const holding = keysHolding(index, first);
    return rest.length === 0
      ? holding
      : holding.filter((k) =>
          rest.every((needle) => bytesInclude(keyBytes, keyOffsets[k] as number, keyOffsets[k + 1] as number, needle)),
        );
  }
  let candidates: Uint32Array = index.postings.slice(lists[0]?.[0], lists[0]?.[1]);
  for (let l = 1; l < lists.length && candidates.length > ENOUGH_CANDIDATES; l += 1) {
    const [start, end] = lists[l] as [number, number];
    candidates = intersect(candidates, index.postings, start, end);
  }
  return candidates.filter(holdsAll);
}

/** The posting ranges of every distinct trigram of the needles, shortest first; null when one is missing. */
function postingLists(index: SearchIndex, needles: readonly Uint8Array[]): [number, number][] | null {
  const wanted = new Set<number>();
  for (const needle of needles) for (let i = 0; i + GRAM <= needle.length; i += 1) wanted.add(trigramAt(needle, i));
  const lists: [number, number][] = [];
  for (const gram of wanted) {
    const g = findGram(index.grams, gram);
    if (g < 0) return null;
    lists.push([index.gramOffsets[g] as number, index.gramOffsets[g + 1] as number]);
  }
  return lists.sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
}

function findGram(grams: Uint32Array, gram: number): number {
  let low = 0;
  let high = grams.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = grams[mid] as number;
    if (value === gram) return mid;
    if (value < gram) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The candidates (ascending) that also occur in `list[start … end)` (ascending), by galloping search. */
function intersect(candidates: Uint32Array, list: Uint32Array, start: number, end: number): Uint32Array {
  const kept = new Uint32Array(candidates.length);
  let count = 0;
  let at = start;
  for (const candidate of candidates) {
    // Gallop to a bound past the candidate, then binary search inside it.
    let step = 1;
    let high = at;
    while (high < end && (list[high] as number) < candidate) {
      at = high + 1;
      high += step;
      step *= 2;
    }
    let low = at;
    high = Math.min(high, end);
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((list[mid] as number) < candidate) low = mid + 1;
      else high = mid;
    }
    at = low;
    if (at >= end) break;
    if (list[at] === candidate) {
      kept[count] = candidate;
      count += 1;
    }
  }
  return kept.slice(0, count);
}

/**
 * The keys holding `needle`, ascending: Node's native byte search over all the key bytes, from each
 * key found on to the next key.
 */
function keysHolding(index: SearchIndex, needle: Uint8Array): Uint32Array {
  const { keyBytes, keyOffsets, keyCount } = index;
  const bytes = Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength);
  const found: number[] = [];
  const wanted: number | Buffer =
    needle.length === 1 ? (needle[0] as number) : Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength);
  let k = 0;
  for (let at = bytes.indexOf(wanted, 0); at >= 0 && k < keyCount;) {
    k = keyAt(keyOffsets, at, k, keyCount);
    const end = keyOffsets[k + 1] as number;
    if (at + needle.length <= end) {
      found.push(k);
      at = bytes.indexOf(wanted, end);
    } else {
      at = bytes.indexOf(wanted, at + 1); // across a boundary between two keys
    }
  }
  return Uint32Array.from(found);
}

/** The key whose bytes hold position `at` (the last with offset ≤ at), from key `low` on. */
function keyAt(keyOffsets: Uint32Array, at: number, low: number, keyCount: number): number {
  let high = keyCount - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if ((keyOffsets[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Whether `needle` occurs in `bytes[start … end)`. */
function bytesInclude(bytes: Uint8Array, start: number, end: number, needle: Uint8Array): boolean {
  const length = needle.length;
  const first = needle[0] as number;
  for (let i = start; i + length <= end; i += 1) {
    if (bytes[i] !== first) continue;
    let j = 1;
    while (j < length && bytes[i + j] === needle[j]) j += 1;
    if (j === length) return true;
  }
  return false;
}

/** The distinct owners of these keys, ascending: sorted when few, else marked and collected in order. */
function ownersOf(index: SearchIndex, keys: Uint32Array): Uint32Array {
  const { ownerOffsets, owners, ownerCount } = index;
  let total = 0;
  for (const k of keys) total += (ownerOffsets[k + 1] as number) - (ownerOffsets[k] as number);
  if (total * 8 >= ownerCount) {
    const marked = new Uint8Array(ownerCount);
    let distinct = 0;
    for (const k of keys) {
      for (let o = ownerOffsets[k] as number; o < (ownerOffsets[k + 1] as number); o += 1) {
        const owner = owners[o] as number;
        if (marked[owner] === 0) {
          marked[owner] = 1;
          distinct += 1;
        }
      }
    }
    const found = new Uint32Array(distinct);
    let at = 0;
    for (let owner = 0; owner < ownerCount; owner += 1)
      if (marked[owner] === 1) {
        found[at] = owner;
        at += 1;
      }
    return found;
  }
  const found = new Uint32Array(total);
  let at = 0;
  for (const k of keys) {
    for (let o = ownerOffsets[k] as number; o < (ownerOffsets[k + 1] as number); o += 1) {
      found[at] = owners[o] as number;
      at += 1;
    }
  }
  found.sort();
  let distinct = 0;
  for (let i = 0; i < found.length; i += 1) {
    if (i === 0 || found[i] !== found[i - 1]) {
      found[distinct] = found[i] as number;
      distinct += 1;
    }
  }
  return found.slice(0, distinct);
}
