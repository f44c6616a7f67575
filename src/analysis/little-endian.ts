/**
 * Typed arrays to and from little-endian bytes, the order the store keeps numbers in (the shared
 * pass's partial sums and combined values). On a little-endian machine, every one Node runs on in
 * practice, the bytes are the array's own: a view one way, one copy the other; elsewhere value by value.
 */
/** Whether this machine keeps numbers little-endian. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The array's values as little-endian bytes: a view of the array on a little-endian machine, a copy elsewhere. */
export function littleEndianBytes(array: Float64Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const bytes = new Uint8Array(array.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i += 1)
    if (array instanceof Float64Array) view.setFloat64(8 * i, array[i] as number, true);
    else view.setInt32(4 * i, array[i] as number, true);
  return bytes;
}

/** Fills `array` from the little-endian `bytes` of its length (copied: they need not be aligned); returns it. */
export function readLittleEndian<T extends Float64Array | Int32Array>(bytes: Uint8Array, array: T): T {
  if (bytes.byteLength !== array.byteLength)
    throw new RangeError(`little-endian: ${bytes.byteLength} bytes for an array of ${array.byteLength}`);
  if (LITTLE_ENDIAN) {
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
    return array;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < array.length; i += 1)
    array[i] = array instanceof Float64Array ? view.getFloat64(8 * i, true) : view.getInt32(4 * i, true);
  return array;
}
