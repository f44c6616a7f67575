/**
 * A substring index over search keys, so a search does not test every name or title.
 *
 * A search asks for the owners (authors, papers) of the keys that contain every term. The index holds
 * every key's UTF-8 bytes and, for each byte trigram that occurs in some key, the keys it occurs in
 * (its posting list: sorted key numbers, compressed). A term of three bytes or more can only occur in a key holding all
 * of the term's trigrams, so the candidates are the intersection of a few posting lists, shortest
 * first; each candidate is then checked for every term, so the answer is exactly what a scan gives.
 * Only a query whose terms are all shorter than three bytes scans every key (one pass over the bytes).
 *
 * UTF-8 is self-synchronising: a term occurs in a key exactly when its bytes occur in the key's bytes
 * (for well-formed text: a lone surrogate counts as U+FFFD, as TextEncoder writes it).
 *
 * The stored form is typed arrays only (no maps, no strings), built once from plain inputs, so it can
 * live in memory shared between threads; `searchIndex` is a pure function over them. They are made on
 * shared memory from the start (no copy to share them).
 *
 * Posting lists are cut into blocks of `POSTING_BLOCK` keys, each block's first key stored whole and
 * the others as gaps from the key before, unsigned LEB128 varints (`PostingWriter`). A list is
 * searched by its blocks' first keys, a block read only as far as a candidate inside it. As plain
 * 4-byte keys the postings of 1 M synthetic papers were 125.8 MiB (titles) and 55.5 MiB (name keys)
 * of 855 MiB of columns, held through the start's peak; so they are 34.2 and 15.8 MiB, about 1.1
 * bytes a key, as most gaps fit in a byte. A search costs about what it did: over the ACL Anthology
 * the median query of each kind the same to 3.4 µs more (names and titles of several words, 7–54 µs:
 * 5–25 % more; one title word or its start, 0.4–2 ms: the same), over 1 M synthetic names the same
 * or less (section g of the bench).
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
  /** Trigram `g` occurs in `gramOffsets[g + 1] − gramOffsets[g]` keys (cumulative counts). */
  readonly gramOffsets: Uint32Array;
  /** Its keys, ascending, are blocks `gramBlocks[g] … gramBlocks[g + 1])`, `POSTING_BLOCK` keys a block but the last. */
  readonly gramBlocks: Uint32Array;
  /** Block `b`'s first key. */
  readonly blockFirst: Uint32Array;
  /** Block `b`'s other keys, each as its gap from the key before (≥ 1, LEB128), are `postingBytes[blockAt[b] … blockAt[b + 1])`. */
  readonly blockAt: Uint32Array;
  readonly postingBytes: Uint8Array;
  /** Key `k`'s owners are `owners[ownerOffsets[k] … ownerOffsets[k + 1])`. */
  readonly ownerOffsets: Uint32Array;
  readonly owners: Uint32Array;
}

const encoder = new TextEncoder();

/** Terms of three bytes and more are looked up by their trigrams; shorter ones are only checked. */
const GRAM = 3;
/** Below this many candidates, intersecting more posting lists costs more than checking them. */
const ENOUGH_CANDIDATES = 32;
/** Keys a posting block holds (the last block of a list fewer); a power of two. */
export const POSTING_BLOCK = 128;
const BLOCK_MASK = POSTING_BLOCK - 1;

/** Every array an index holds (its size is theirs; each lives on shared memory). */
export function searchIndexArrays(index: SearchIndex): (Uint8Array | Int32Array | Uint32Array)[] {
  return [
    index.keyBytes,
    index.keyOffsets,
    index.grams,
    index.gramOffsets,
    index.gramBlocks,
    index.blockFirst,
    index.blockAt,
    index.postingBytes,
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
  const postings = trigramPostings(keyBytes, keyOffsets);
  const { ownerOffsets, owners: ownerList, ownerCount: owned } = ownerLists(keys.length, owners, ownerCount);
  return {
    keyCount: keys.length,
    ownerCount: owned,
    keyBytes,
    keyOffsets,
    ...postings,
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

/** The index's posting arrays: every trigram of the keys with the keys holding it. */
export type PostingArrays = Pick<
  SearchIndex,
  'grams' | 'gramOffsets' | 'gramBlocks' | 'blockFirst' | 'blockAt' | 'postingBytes'
>;

/**
 * Each trigram of the keys with the keys holding it, compressed as it is written: the lists are sized
 * in a first pass over the keys and written in place in a second, never held as plain keys (at 1 M
 * synthetic papers those of the titles would be a 126 MiB transient at the load's peak). The two
 * passes cost a fifth more than writing plain keys did (ACL Anthology titles: 230 against 185 ms).
 */
function trigramPostings(keyBytes: Uint8Array, keyOffsets: Uint32Array): PostingArrays {
  const keyCount = keyOffsets.length - 1;
  // Pass 1: each trigram's keys sized (a key counts once however often it holds the trigram).
  // A trigram is 24 bits: a direct table (slot + 1, 0 for unseen; 64 MB, only the touched pages
  // are committed) is several times faster than a Map over millions of names and titles.
  const slotOf = new Int32Array(1 << 24);
  let slotGram = new Uint32Array(1024);
  const lists = new PostingWriter(slotGram.length);
  let slots = 0;
  for (let k = 0; k < keyCount; k += 1) {
    for (let i = keyOffsets[k] as number; i + GRAM <= (keyOffsets[k + 1] as number); i += 1) {
      const gram = trigramAt(keyBytes, i);
      let slot = (slotOf[gram] as number) - 1;
      if (slot < 0) {
        if (slots === slotGram.length) {
          slotGram = grow(slotGram);
          lists.reserve(slotGram.length);
        }
        slot = slots;
        slots += 1;
        slotOf[gram] = slot + 1;
        slotGram[slot] = gram;
      }
      lists.size(slot, k);
    }
  }

  // The trigrams in ascending order, their lists laid out one after another.
  const order = Uint32Array.from({ length: slots }, (_, slot) => slot).sort(
    (a, b) => (slotGram[a] as number) - (slotGram[b] as number),
  );
  const grams = sharedArray(Uint32Array, slots);
  for (let g = 0; g < slots; g += 1) grams[g] = slotGram[order[g] as number] as number;
  lists.layout(order);

  // Pass 2: the keys written, in key order (so each list is ascending).
  for (let k = 0; k < keyCount; k += 1)
    for (let i = keyOffsets[k] as number; i + GRAM <= (keyOffsets[k + 1] as number); i += 1)
      lists.write((slotOf[trigramAt(keyBytes, i)] as number) - 1, k);
  return { grams, ...lists.finish() };
}

/**
 * Writes posting lists in the index's form, in two passes over the same keys. Pass 1: `size(list, key)`
 * for each list's keys in ascending order (lists may interleave; a key repeated at once counts once),
 * which counts each list's keys and the bytes of its gaps (a block's first key costs none). Then
 * `layout(order)` places the lists one after another in that order (`order[g]` is the list stored
 * `g`-th), and pass 2, `write(list, key)` over the same keys, writes each gap where it goes.
 * `buildSearchIndex` and the curation patch (identity-patch.ts) both write their lists through it.
 */
export class PostingWriter {
  /** Per list: keys sized, then keys written. */
  private count: Uint32Array;
  /** Per list: its gaps' bytes (pass 1). */
  private bytes: Float64Array;
  /** Per list: where its next gap goes (pass 2). */
  private cursor = new Uint32Array(0);
  /** Per list: the block its next block-starting key opens (pass 2). */
  private nextBlock = new Uint32Array(0);
  /** Per list: its last key (−1: none yet). */
  private last: Int32Array;
  private gramOffsets: Uint32Array | null = null;
  private gramBlocks = new Uint32Array(0);
  private blockFirst = new Uint32Array(0);
  private blockAt = new Uint32Array(0);
  private postingBytes = new Uint8Array(0);

  constructor(lists: number) {
    this.count = new Uint32Array(lists);
    this.bytes = new Float64Array(lists);
    this.last = new Int32Array(lists).fill(-1);
  }

  /** Room for lists 0 … `lists` − 1 (pass 1). */
  reserve(lists: number): void {
    if (lists <= this.count.length) return;
    const count = new Uint32Array(lists);
    count.set(this.count);
    this.count = count;
    const bytes = new Float64Array(lists);
    bytes.set(this.bytes);
    this.bytes = bytes;
    const last = new Int32Array(lists).fill(-1);
    last.set(this.last);
    this.last = last;
  }

  /** Pass 1: `key` is the list's next key. */
  size(list: number, key: number): void {
    const last = this.last[list] as number;
    if (last === key) return;
    const count = this.count[list] as number;
    if ((count & BLOCK_MASK) !== 0) this.bytes[list] = (this.bytes[list] as number) + gapBytes(key - last);
    this.count[list] = count + 1;
    this.last[list] = key;
  }

  /** The lists stored in this order, each with one key or more; every list sized must be in it. */
  layout(order: ArrayLike<number>): void {
    const lists = order.length;
    const gramOffsets = sharedArray(Uint32Array, lists + 1);
    const gramBlocks = sharedArray(Uint32Array, lists + 1);
    let postings = 0;
    let blocks = 0;
    let bytes = 0;
    this.nextBlock = new Uint32Array(this.count.length);
    this.cursor = new Uint32Array(this.count.length);
    for (let g = 0; g < lists; g += 1) {
      const list = order[g] as number;
      const count = this.count[list] as number;
      postings += count;
      this.nextBlock[list] = blocks;
      blocks += Math.ceil(count / POSTING_BLOCK);
      this.cursor[list] = bytes;
      bytes += this.bytes[list] as number;
      if (postings > 0xffffffff || bytes > 0xffffffff) throw new RangeError('search-index: the postings pass 4 GiB');
      gramOffsets[g + 1] = postings;
      gramBlocks[g + 1] = blocks;
    }
    this.gramOffsets = gramOffsets;
    this.gramBlocks = gramBlocks;
    this.blockFirst = sharedArray(Uint32Array, blocks);
    this.blockAt = sharedArray(Uint32Array, blocks + 1);
    this.blockAt[blocks] = bytes;
    this.postingBytes = sharedArray(Uint8Array, bytes);
    this.bytes = new Float64Array(0);
    this.count.fill(0);
    this.last.fill(-1);
  }

  /** Pass 2: `key` is the list's next key, as in pass 1. */
  write(list: number, key: number): void {
    const last = this.last[list] as number;
    if (last === key) return;
    const count = this.count[list] as number;
    const at = this.cursor[list] as number;
    if ((count & BLOCK_MASK) === 0) {
      const block = this.nextBlock[list] as number;
      this.nextBlock[list] = block + 1;
      this.blockFirst[block] = key;
      this.blockAt[block] = at;
    } else {
      this.cursor[list] = writeGap(this.postingBytes, at, key - last);
    }
    this.count[list] = count + 1;
    this.last[list] = key;
  }

  /** The arrays written (pass 2 must have written every key pass 1 sized); the lists' scratch let go of. */
  finish(): Omit<PostingArrays, 'grams'> {
    const { gramOffsets } = this;
    if (gramOffsets === null) throw new Error('search-index: posting lists finished before they were laid out');
    let written = 0;
    for (let list = 0; list < this.count.length; list += 1) written += this.count[list] as number;
    if (written !== gramOffsets[gramOffsets.length - 1])
      throw new Error(`search-index: ${written} postings written of ${gramOffsets[gramOffsets.length - 1]} sized`);
    this.count = this.cursor = this.nextBlock = new Uint32Array(0);
    this.last = new Int32Array(0);
    return {
      gramOffsets,
      gramBlocks: this.gramBlocks,
      blockFirst: this.blockFirst,
      blockAt: this.blockAt,
      postingBytes: this.postingBytes,
    };
  }
}

/** The bytes of a gap as an unsigned LEB128 varint (seven bits a byte, the high bit set on all but the last). */
function gapBytes(gap: number): number {
  return gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5;
}

/** Writes `gap` at `at`; returns where the next gap goes. */
function writeGap(bytes: Uint8Array, at: number, gap: number): number {
  let rest = gap;
  while (rest >= 0x80) {
    bytes[at] = (rest & 0x7f) | 0x80;
    at += 1;
    rest >>>= 7;
  }
  bytes[at] = rest;
  return at + 1;
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
  const candidates = postingList(index, lists[0] as number);
  let count = candidates.length;
  for (let l = 1; l < lists.length && count > ENOUGH_CANDIDATES; l += 1)
    count = intersect(candidates, count, index, lists[l] as number);
  return candidates.subarray(0, count).filter(holdsAll);
}

/** The trigrams of every needle (distinct), shortest list first; null when one is in no key. */
function postingLists(index: SearchIndex, needles: readonly Uint8Array[]): number[] | null {
  const wanted = new Set<number>();
  for (const needle of needles) for (let i = 0; i + GRAM <= needle.length; i += 1) wanted.add(trigramAt(needle, i));
  const lists: number[] = [];
  for (const gram of wanted) {
    const g = findGram(index.grams, gram);
    if (g < 0) return null;
    lists.push(g);
  }
  const { gramOffsets } = index;
  const length = (g: number) => (gramOffsets[g + 1] as number) - (gramOffsets[g] as number);
  return lists.sort((a, b) => length(a) - length(b));
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

/** Trigram `g`'s keys, ascending, decoded (into the start of `into` when given). */
export function postingList(index: SearchIndex, g: number, into?: Uint32Array): Uint32Array {
  const { gramOffsets, gramBlocks, blockFirst, blockAt, postingBytes } = index;
  const length = (gramOffsets[g + 1] as number) - (gramOffsets[g] as number);
  const keys = into === undefined ? new Uint32Array(length) : into.subarray(0, length);
  for (let b = gramBlocks[g] as number, at = 0; at < length; b += 1) {
    const blockEnd = Math.min(at + POSTING_BLOCK, length);
    let key = blockFirst[b] as number;
    keys[at] = key;
    let byteAt = blockAt[b] as number;
    const byteEnd = blockAt[b + 1] as number;
    for (at += 1; at < blockEnd; at += 1) {
      key += readGap(postingBytes, byteAt, byteEnd, b);
      byteAt = gapEnd;
      keys[at] = key;
    }
    if (byteAt !== byteEnd) damaged(b);
  }
  return keys;
}

/** Where the gap `readGap` read last ends: its second result, not an object made for every gap. */
let gapEnd = 0;

/**
 * The gap at `bytes[at …]`, in posting block `b`, which ends at `end`; it ends at `gapEnd`. Robust to
 * damaged bytes (which `postingsProblem` refuses when an index is read from a snapshot): it reads
 * none past the block, at most five for a gap, and throws instead.
 */
function readGap(bytes: Uint8Array, at: number, end: number, b: number): number {
  if (at >= end) damaged(b);
  let byte = bytes[at] as number;
  let next = at + 1;
  let gap = byte;
  if (byte >= 0x80) {
    gap &= 0x7f;
    // A gap is below 2^32: five bytes at most, the last of them scaled by 2^28.
    for (let scale = 0x80; byte >= 0x80; scale *= 0x80) {
      if (next >= end || scale > 0x10000000) damaged(b);
      byte = bytes[next] as number;
      next += 1;
      gap += (byte & 0x7f) * scale;
    }
  }
  gapEnd = next;
  return gap;
}

function damaged(b: number): never {
  throw new Error(`search-index: posting block ${b} is damaged`);
}

/**
 * What is wrong with an index's posting arrays, or null: the check of an index read from a snapshot.
 * Every list is decoded: its keys ascending and below `keyCount`, each block's gaps exactly its bytes.
 */
export function postingsProblem(index: SearchIndex): string | null {
  const { keyCount, grams, gramOffsets, gramBlocks, blockFirst, blockAt, postingBytes } = index;
  const gramCount = grams.length;
  const blocks = blockFirst.length;
  if (gramOffsets.length !== gramCount + 1 || gramBlocks.length !== gramCount + 1)
    return 'its trigram offsets do not match its trigrams';
  if (gramOffsets[0] !== 0 || gramBlocks[0] !== 0) return 'its trigram offsets do not start at 0';
  if (gramBlocks[gramCount] !== blocks || blockAt.length !== blocks + 1)
    return "its posting blocks do not match its trigrams' block counts";
  if (blockAt[0] !== 0 || blockAt[blocks] !== postingBytes.length) return 'its posting blocks do not cover its bytes';
  for (let g = 0; g < gramCount; g += 1) {
    const gram = grams[g] as number;
    if (gram >= 1 << 24 || (g > 0 && gram <= (grams[g - 1] as number))) return 'its trigrams are not ascending';
    const length = (gramOffsets[g + 1] as number) - (gramOffsets[g] as number);
    const first = gramBlocks[g] as number;
    if (!(length >= 1) || (gramBlocks[g + 1] as number) - first !== Math.ceil(length / POSTING_BLOCK))
      return `trigram ${g}'s blocks do not hold its ${length} keys`;
    let key = -1;
    for (let b = first, at = 0; at < length; b += 1) {
      let byteAt = blockAt[b] as number;
      const byteEnd = blockAt[b + 1] as number;
      if (byteEnd < byteAt) return 'its posting block offsets decrease';
      // A first key not past the block before's last, or a gap of 0: keys that do not ascend.
      if ((blockFirst[b] as number) <= key) return `trigram ${g}'s keys are not ascending`;
      key = blockFirst[b] as number;
      const blockEnd = Math.min(at + POSTING_BLOCK, length);
      try {
        for (at += 1; at < blockEnd; at += 1) {
          const gap = readGap(postingBytes, byteAt, byteEnd, b);
          if (gap === 0) return `trigram ${g}'s keys are not ascending`;
          key += gap;
          byteAt = gapEnd;
        }
      } catch {
        return `posting block ${b}'s bytes are not its gaps`;
      }
      if (byteAt !== byteEnd) return `posting block ${b}'s bytes are not its gaps`;
      if (key >= keyCount) return `a posting names key ${key} of ${keyCount}`;
    }
  }
  return null;
}

/**
 * Keeps those of `candidates[0 … count)` (ascending) that are also keys of trigram `g`, in place;
 * returns how many. The block that could hold each candidate is found by galloping over the list's
 * first keys, and read only as far as the candidate when it is not the block's first key;
 * consecutive candidates in one block go on from where the last one stopped.
 */
function intersect(candidates: Uint32Array, count: number, index: SearchIndex, g: number): number {
  const { blockFirst, blockAt, postingBytes } = index;
  const first = index.gramBlocks[g] as number;
  const end = index.gramBlocks[g + 1] as number;
  const listLength = (index.gramOffsets[g + 1] as number) - (index.gramOffsets[g] as number);
  let kept = 0;
  let at = first; // the last block whose first key is at most the candidate before
  let read = -1; // the block being read: its key read last, how many keys are left, where its next gap is
  let key = 0;
  let left = 0;
  let byteAt = 0;
  let byteEnd = 0;
  for (let c = 0; c < count; c += 1) {
    const candidate = candidates[c] as number;
    if (candidate < (blockFirst[at] as number)) continue; // below the list's first key
    // Gallop to a bound past the candidate, then binary search for the last block starting at or below it.
    let step = 1;
    while (at + step < end && (blockFirst[at + step] as number) <= candidate) {
      at += step;
      step *= 2;
    }
    let high = Math.min(at + step, end);
    while (high - at > 1) {
      const mid = (at + high) >>> 1;
      if ((blockFirst[mid] as number) <= candidate) at = mid;
      else high = mid;
    }
    if (blockFirst[at] === candidate) {
      candidates[kept] = candidate;
      kept += 1;
      continue;
    }
    if (read !== at) {
      read = at;
      key = blockFirst[at] as number;
      left = Math.min(POSTING_BLOCK, listLength - (at - first) * POSTING_BLOCK) - 1;
      byteAt = blockAt[at] as number;
      byteEnd = blockAt[at + 1] as number;
    }
    while (key < candidate && left > 0) {
      key += readGap(postingBytes, byteAt, byteEnd, at);
      byteAt = gapEnd;
      left -= 1;
    }
    if (key === candidate) {
      candidates[kept] = candidate;
      kept += 1;
    } else if (key < candidate && at === end - 1) break; // past the list's last key
  }
  return kept;
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
