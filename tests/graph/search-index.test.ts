/** The trigram index answers exactly what testing every key would, from typed arrays only. */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { listColumn, utf8Column } from '../../src/graph/columns.ts';
import {
  type SearchIndex,
  buildSearchIndex,
  postingList,
  postingsProblem,
  searchIndex,
  searchIndexArrays,
  searchIndexOfColumn,
} from '../../src/graph/search-index.ts';

/** Every trigram's keys, decoded. */
function lists(index: SearchIndex): number[][] {
  return Array.from(index.grams, (_, g) => Array.from(postingList(index, g)));
}

const keys = ['david duvenaud', 'ricky t. q. chen', 'jorn-henrik jacobsen', 'yulia rubanova', 'chen li', 'le', 'jörn'];

describe('buildSearchIndex', () => {
  it('makes every array on shared memory (shared with threads without a copy)', () => {
    const index = buildSearchIndex(['ada lovelace', 'alan turing'], [[1], [0, 1]]);
    for (const array of searchIndexArrays(index)) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...searchIndex(index, ['turing'])]).toEqual([0, 1]);
  });

  it('stores typed arrays only: key bytes, sorted trigrams with block-compressed postings, owners per key', () => {
    const index = buildSearchIndex(['abcd', 'bcd'], [[5, 1], [1]], 6);
    expect(
      Object.values(index).every(
        (value) => typeof value === 'number' || value instanceof Uint8Array || value instanceof Uint32Array,
      ),
    ).toBe(true);
    expect(Array.from(index.keyOffsets)).toEqual([0, 4, 7]);
    // "abc" = 0x616263 in key 0; "bcd" = 0x626364 in keys 0 and 1.
    expect(Array.from(index.grams)).toEqual([0x616263, 0x626364]);
    expect(Array.from(index.gramOffsets)).toEqual([0, 1, 3]);
    expect(lists(index)).toEqual([[0], [0, 1]]);
    // One block each: its first key whole, key 1 as the gap 1 (one byte).
    expect(Array.from(index.gramBlocks)).toEqual([0, 1, 2]);
    expect(Array.from(index.blockFirst)).toEqual([0, 0]);
    expect(Array.from(index.blockAt)).toEqual([0, 0, 1]);
    expect(Array.from(index.postingBytes)).toEqual([1]);
    expect(Array.from(index.ownerOffsets)).toEqual([0, 2, 3]);
    expect(Array.from(index.owners)).toEqual([5, 1, 1]);
    expect(index.ownerCount).toBe(6);
  });

  it('holds each key as TextEncoder encodes the terms (a lone surrogate as U+FFFD), in exactly their bytes', () => {
    const written = ['plain', 'jörn', 'half \uD800 pair', '\uDC00', '😀 emoji', ''];
    const index = buildSearchIndex(written);
    const encoder = new TextEncoder();
    const expected = written.map((key) => encoder.encode(key));
    expect(index.keyBytes.length).toBe(expected.reduce((sum, bytes) => sum + bytes.length, 0));
    expect(Buffer.from(index.keyBytes).equals(Buffer.concat(expected))).toBe(true);
    expect([...searchIndex(index, ['\uFFFD'])]).toEqual([2, 3]);
    expect([...searchIndex(index, ['f \uD800 p'])]).toEqual([2]);
  });

  it("counts a key once in a trigram's postings however often it holds it", () => {
    const index = buildSearchIndex(['aaaaaa']);
    expect(Array.from(index.grams)).toEqual([0x616161]);
    expect(lists(index)).toEqual([[0]]);
  });

  it('refuses owners it cannot store', () => {
    expect(() => buildSearchIndex(['a'], [[-1]])).toThrow(RangeError);
    expect(() => buildSearchIndex(['a', 'b'], [[0]])).toThrow(RangeError);
    expect(() => buildSearchIndex(['a'], [[3]], 2)).toThrow(RangeError);
  });
});

describe('searchIndexOfColumn', () => {
  const owners = [[2], [0, 3], [1], [3], [0], [4], [2]];

  it('is the index buildSearchIndex makes of the same keys and owners', () => {
    const column = utf8Column(keys);
    const ownerList = listColumn(owners);
    const over = searchIndexOfColumn(column, ownerList, 5);
    const built = buildSearchIndex(keys, owners, 5);
    expect({ ...over }).toEqual({ ...built });
    for (const terms of [['chen'], ['jö'], ['an', 'en'], ['zzz'], []])
      expect([...searchIndex(over, terms)]).toEqual([...searchIndex(built, terms)]);
  });

  it("holds the column's bytes and offsets and the owner lists themselves, not copies", () => {
    const column = utf8Column(keys);
    const ownerList = listColumn(owners);
    const index = searchIndexOfColumn(column, ownerList, 5);
    expect(index.keyBytes).toBe(column.bytes);
    for (const [mine, theirs] of [
      [index.keyOffsets, column.offsets],
      [index.ownerOffsets, ownerList.offsets],
      [index.owners, ownerList.values],
    ] as const) {
      expect(mine.buffer).toBe(theirs.buffer);
      expect(mine.byteOffset).toBe(theirs.byteOffset);
    }
  });

  it('refuses owners out of range and lists that do not match the keys', () => {
    const column = utf8Column(['a', 'b']);
    expect(() => searchIndexOfColumn(column, listColumn([[0], [2]]), 2)).toThrow(RangeError);
    expect(() => searchIndexOfColumn(column, listColumn([[-1], [0]]), 2)).toThrow(RangeError);
    expect(() => searchIndexOfColumn(column, listColumn([[0]]), 2)).toThrow(RangeError);
  });
});

describe('searchIndex', () => {
  const index = buildSearchIndex(keys);
  const search = (...terms: string[]) => Array.from(searchIndex(index, terms));

  it('finds keys holding every term, through the trigrams', () => {
    expect(search('chen')).toEqual([1, 4]);
    expect(search('chen', 'ricky')).toEqual([1]);
    expect(search('t. q.')).toEqual([1]);
    expect(search('henrik jac')).toEqual([2]);
  });

  it('checks every candidate: trigrams in the key but not in a row do not match', () => {
    // "duvenaud" holds "dav", "avi" and "vid" only as part of "david"; "davidx" is nowhere.
    expect(search('davidx')).toEqual([]);
    expect(search('nauddu')).toEqual([]);
  });

  it('answers terms shorter than a trigram by checking every key', () => {
    expect(search('le')).toEqual([5]);
    expect(search('li')).toEqual([3, 4]);
    expect(search('q', 'ch')).toEqual([1]);
  });

  it('matches accented text byte for byte (UTF-8)', () => {
    expect(search('jörn')).toEqual([6]);
    expect(search('ö')).toEqual([6]);
    expect(search('örn')).toEqual([6]);
  });

  it('lists every owner once, ascending, and every owner of a key with no terms', () => {
    const shared = buildSearchIndex(['ada', 'ada lovelace', 'lovelace'], [[4, 2], [2, 0], [3]], 5);
    expect(Array.from(searchIndex(shared, ['ada']))).toEqual([0, 2, 4]);
    expect(Array.from(searchIndex(shared, []))).toEqual([0, 2, 3, 4]);
    expect(Array.from(searchIndex(shared, ['']))).toEqual([0, 2, 3, 4]);
  });

  it('finds nothing in an empty index', () => {
    expect(Array.from(searchIndex(buildSearchIndex([]), ['abc']))).toEqual([]);
    expect(Array.from(searchIndex(buildSearchIndex([]), ['a']))).toEqual([]);
  });
});

describe('posting lists of more than one block, with gaps of one to four bytes', () => {
  // Seeded: keys from a small alphabet, so that their trigrams are shared by many keys and each term
  // occurs often. Key 0 … 999 all hold "xyz" (one list of eight blocks); the others are spread ever
  // further apart, the jumps past 2^14 and 2^21 written as varints of three and four bytes. The keys
  // between them are empty (no trigram: nothing to index or to scan).
  const random = seedrandom('search-index: blocks');
  const pick = (text: string) => text[Math.floor(random() * text.length)] as string;
  const word = (length: number) => Array.from({ length }, () => pick('abcé ')).join('');
  const keys: string[] = [];
  for (let k = 0; k < 1000; k += 1) keys.push(`xyz ${word(4 + Math.floor(random() * 8))}`);
  const jumps = [
    ...Array.from({ length: 1200 }, () => 1 + Math.floor(random() * 100)),
    ...Array.from({ length: 150 }, () => 128 + Math.floor(random() * 4000)),
    ...Array.from({ length: 20 }, () => 2 ** 14 + Math.floor(random() * 4000)),
    2 ** 21 + 12_345,
  ].sort(() => random() - 0.5);
  for (const jump of jumps) {
    for (let gap = 1; gap < jump; gap += 1) keys.push('');
    keys.push(word(3 + Math.floor(random() * 10)));
  }
  const index = buildSearchIndex(keys);
  const present = keys.flatMap((key, k) => (key === '' ? [] : [[k, key] as const]));
  const scan = (terms: readonly string[]) =>
    present.filter(([, key]) => terms.every((term) => key.includes(term))).map(([k]) => k);

  it('holds the long list in blocks of 128, the further keys in varints of up to four bytes', () => {
    const g = Array.from(index.grams).indexOf(0x78797a); // "xyz"
    expect(Array.from(postingList(index, g))).toEqual(Array.from({ length: 1000 }, (_, k) => k));
    const blocks = index.blockFirst.subarray(index.gramBlocks[g], index.gramBlocks[g + 1]);
    expect(Array.from(blocks)).toEqual([0, 128, 256, 384, 512, 640, 768, 896]);
    // A varint's last byte is below 0x80: three bytes from 0x80 in a row are one varint of four bytes or more.
    const bytes = index.postingBytes;
    expect(bytes.some((byte, at) => byte >= 0x80 && (bytes[at + 1] ?? 0) >= 0x80 && (bytes[at + 2] ?? 0) >= 0x80)).toBe(
      true,
    );
    expect(index.keyCount).toBeGreaterThan(2 ** 21 + 1000);
  });

  it('is smaller than 4 bytes a posting: about one for a dense list, its blocks included', () => {
    const postings = index.gramOffsets[index.grams.length] as number;
    const stored = index.blockFirst.byteLength + index.blockAt.byteLength + index.postingBytes.byteLength;
    expect(stored / postings).toBeLessThan(4);
    const g = Array.from(index.grams).indexOf(0x78797a);
    const [first, end] = [index.gramBlocks[g] as number, index.gramBlocks[g + 1] as number];
    // 992 gaps of one byte, and 8 bytes a block (its first key and where its gaps start).
    const dense = (index.blockAt[end] as number) - (index.blockAt[first] as number) + (end - first) * 8;
    expect(dense).toBe(992 + 64);
  });

  it("finds a list's keys that open a block, reached by galloping over several blocks", () => {
    // "qqq" in keys 0 … 4999 (40 blocks, each opened by a multiple of 128); "www" in every 640th of
    // them and in keys past them: 108 candidates, each of the first eight a block's first key.
    const opening = Array.from(
      { length: 5100 },
      (_, k) => (k < 5000 ? 'qqq' : '') + (k % 640 === 0 || k >= 5000 ? ' www' : ''),
    );
    const found = Array.from(searchIndex(buildSearchIndex(opening), ['qqq', 'www']));
    expect(found).toEqual([0, 640, 1280, 1920, 2560, 3200, 3840, 4480]);
  });

  it('answers what a scan of every key answers, for random terms', () => {
    const queries = [['xyz'], ['xyz', 'ab'], ['xyz', 'é b', 'c'], ['abc'], ['ab', 'ca'], ['bab', 'aé']];
    for (let q = 0; q < 120; q += 1) {
      const terms = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const [, key] = present[Math.floor(random() * present.length)] as readonly [number, string];
        const start = Math.floor(random() * key.length);
        return key.slice(start, start + 1 + Math.floor(random() * 5));
      }).filter((term) => term !== '');
      if (terms.length > 0) queries.push(terms);
    }
    for (const terms of queries) expect(Array.from(searchIndex(index, terms)), terms.join('|')).toEqual(scan(terms));
  });
});

describe('postingsProblem and damaged posting bytes', () => {
  // 300 keys holding "abc": a list of three blocks (keys 0, 128 and 256 open them), each gap one byte.
  const sound = buildSearchIndex(Array.from({ length: 300 }, (_, k) => `abc ${k}`));
  const g = Array.from(sound.grams).indexOf(0x616263);
  const [firstBlock, endBlock] = [sound.gramBlocks[g] as number, sound.gramBlocks[g + 1] as number];
  const damaged = (change: Partial<SearchIndex>): SearchIndex => ({ ...sound, ...change });
  const changed = <T extends Uint8Array | Uint32Array>(array: T, at: number, value: number): T => {
    const copy = array.slice() as T;
    copy[at] = value;
    return copy;
  };
  const secondBlockBytes = sound.blockAt[firstBlock + 1] as number;

  it('finds nothing wrong with an index as built', () => {
    expect(endBlock - firstBlock).toBe(3);
    expect(postingsProblem(sound)).toBeNull();
    expect(postingsProblem(buildSearchIndex([]))).toBeNull();
    expect(postingsProblem(buildSearchIndex(keys))).toBeNull();
  });

  it('names what is wrong: bytes cut short, a varint running on, a key out of range, keys not ascending', () => {
    expect(postingsProblem(damaged({ postingBytes: sound.postingBytes.subarray(0, -1) }))).toBe(
      'its posting blocks do not cover its bytes',
    );
    // A continuation bit set: that gap swallows the next, and the block's bytes hold one gap too few.
    expect(postingsProblem(damaged({ postingBytes: changed(sound.postingBytes, secondBlockBytes, 0x81) }))).toBe(
      `posting block ${firstBlock + 1}'s bytes are not its gaps`,
    );
    expect(postingsProblem(damaged({ blockFirst: changed(sound.blockFirst, endBlock - 1, 300) }))).toBe(
      'a posting names key 343 of 300',
    );
    expect(postingsProblem(damaged({ postingBytes: changed(sound.postingBytes, secondBlockBytes, 0) }))).toBe(
      `trigram ${g}'s keys are not ascending`,
    );
    expect(postingsProblem(damaged({ blockFirst: changed(sound.blockFirst, firstBlock + 1, 127) }))).toBe(
      `trigram ${g}'s keys are not ascending`,
    );
    expect(postingsProblem(damaged({ gramBlocks: changed(sound.gramBlocks, g + 1, endBlock - 1) }))).toBe(
      `trigram ${g}'s blocks do not hold its 300 keys`,
    );
  });

  it('never reads past a block: a search over a varint that runs on throws', () => {
    const endless = damaged({ postingBytes: new Uint8Array(sound.postingBytes.length).fill(0xff) });
    expect(postingsProblem(endless)).toMatch(/^posting block \d+'s bytes are not its gaps$/u);
    expect(() => searchIndex(endless, ['abc'])).toThrow(/^search-index: posting block \d+ is damaged$/u);
    // Only the list of "abc" run on, read while intersecting: "c 1" holds the shorter list (111 keys).
    const postingBytes = sound.postingBytes.slice();
    postingBytes.fill(0xff, sound.blockAt[firstBlock], sound.blockAt[endBlock]);
    expect(() => searchIndex(damaged({ postingBytes }), ['abc', 'c 1'])).toThrow(
      /^search-index: posting block \d+ is damaged$/u,
    );
  });
});
