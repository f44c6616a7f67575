/** The trigram index answers exactly what testing every key would, from typed arrays only. */
import { describe, expect, it } from 'vitest';
import { listColumn, utf8Column } from '../../src/graph/columns.ts';
import { buildSearchIndex, searchIndex, searchIndexArrays, searchIndexOfColumn } from '../../src/graph/search-index.ts';

const keys = ['david duvenaud', 'ricky t. q. chen', 'jorn-henrik jacobsen', 'yulia rubanova', 'chen li', 'le', 'jörn'];

describe('buildSearchIndex', () => {
  it('makes every array on shared memory (shared with threads without a copy)', () => {
    const index = buildSearchIndex(['ada lovelace', 'alan turing'], [[1], [0, 1]]);
    for (const array of searchIndexArrays(index)) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...searchIndex(index, ['turing'])]).toEqual([0, 1]);
  });

  it('stores typed arrays only: key bytes, sorted trigrams with CSR postings, owners per key', () => {
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
    expect(Array.from(index.postings)).toEqual([0, 0, 1]);
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
    expect(Array.from(index.postings)).toEqual([0]);
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
