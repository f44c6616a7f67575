import { describe, expect, it } from 'vitest';
import { littleEndianBytes, readLittleEndian } from '../../src/analysis/little-endian.ts';

describe('typed arrays as little-endian bytes', () => {
  it('writes the least significant byte first', () => {
    expect([...littleEndianBytes(Float64Array.of(1))]).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    expect([...littleEndianBytes(Int32Array.of(-2, 258))]).toEqual([0xfe, 0xff, 0xff, 0xff, 2, 1, 0, 0]);
  });

  it('reads back every value, from bytes at any offset, and only of the array’s length', () => {
    const floats = Float64Array.of(0, -0, 1.5e-300, -7.25, Number.POSITIVE_INFINITY, Number.NaN);
    const ints = Int32Array.of(0, -1, 2 ** 31 - 1, -(2 ** 31));
    for (const shift of [0, 1, 3]) {
      const bytes = new Uint8Array(shift + floats.byteLength + ints.byteLength);
      bytes.set(littleEndianBytes(floats), shift);
      bytes.set(littleEndianBytes(ints), shift + floats.byteLength);
      const readFloats = readLittleEndian(bytes.subarray(shift, shift + floats.byteLength), new Float64Array(6));
      expect([...readFloats].map((x) => (Object.is(x, -0) ? '-0' : x))).toEqual([
        0,
        '-0',
        1.5e-300,
        -7.25,
        Infinity,
        NaN,
      ]);
      expect(readLittleEndian(bytes.subarray(shift + floats.byteLength), new Int32Array(4))).toEqual(ints);
    }
    expect(() => readLittleEndian(new Uint8Array(7), new Float64Array(1))).toThrow(
      'little-endian: 7 bytes for an array of 8',
    );
  });

  it('gives a view of an array that is part of a larger buffer, not of the whole buffer', () => {
    const whole = Float64Array.of(1, 2, 3);
    expect(readLittleEndian(littleEndianBytes(whole.subarray(1, 2)), new Float64Array(1))).toEqual(Float64Array.of(2));
  });
});
