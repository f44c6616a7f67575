/**
 * Our column shapes as Apache Arrow arrays and back, without copying: a typed array becomes an Arrow
 * buffer as it is, and an Arrow buffer read from a snapshot is used as a typed array where it lies
 * (Arrow IPC aligns every buffer to 8 bytes, and the snapshot's container aligns every file to 64).
 *
 * Reading checks each column's type and lengths, so a file that is not what we wrote is refused by
 * name rather than misread.
 */
import {
  AsyncByteQueue,
  Data,
  Field,
  Float64,
  Int32,
  Int8,
  List,
  RecordBatchFileWriter,
  Table,
  Uint32,
  Uint8,
  Utf8,
  makeData,
  makeVector,
} from 'apache-arrow';
import type { Utf8Column } from '../graph/columns.ts';
import { SnapshotFormatError } from './zip-store.ts';

export type ColumnData = Data;

export function int32Data(values: Int32Array, missing?: number): Data {
  if (missing === undefined) return makeData({ type: new Int32(), length: values.length, data: values });
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  for (let i = 0; i < values.length; i += 1) {
    if (values[i] === missing) nullCount += 1;
    else validity[i >> 3] = (validity[i >> 3] as number) | (1 << (i & 7));
  }
  return makeData({
    type: new Int32(),
    length: values.length,
    data: values,
    nullBitmap: nullCount === 0 ? undefined : validity,
    nullCount,
  });
}

export function int8Data(values: Int8Array): Data {
  return makeData({ type: new Int8(), length: values.length, data: values });
}

export function uint8Data(values: Uint8Array): Data {
  return makeData({ type: new Uint8(), length: values.length, data: values });
}

export function uint32Data(values: Uint32Array): Data {
  return makeData({ type: new Uint32(), length: values.length, data: values });
}

export function float64Data(values: Float64Array): Data {
  return makeData({ type: new Float64(), length: values.length, data: values });
}

export function utf8Data(column: Utf8Column): Data {
  const length = column.offsets.length - 1;
  let nullCount = 0;
  if (column.validity !== null)
    for (let i = 0; i < length; i += 1)
      if ((((column.validity[i >> 3] as number) >> (i & 7)) & 1) === 0) nullCount += 1;
  return makeData({
    type: new Utf8(),
    length,
    valueOffsets: column.offsets,
    data: column.bytes,
    nullBitmap: nullCount === 0 ? undefined : (column.validity ?? undefined),
    nullCount,
  });
}

/** A one-row list column holding a whole array. */
export function wholeListData(child: Data): Data {
  return listData(Int32Array.from([0, child.length]), child);
}

/** A list column: row `i` holds the child's items `offsets[i] .. offsets[i+1]`. */
export function listData(offsets: Int32Array, child: Data): Data {
  return makeData({
    type: new List(new Field('item', child.type, false)),
    length: offsets.length - 1,
    valueOffsets: offsets,
    child,
    nullCount: 0,
  });
}

export function tableOf(columns: Record<string, Data>): Table {
  return new Table(Object.fromEntries(Object.entries(columns).map(([name, data]) => [name, makeVector(data)])));
}

/** What Arrow's writer writes, kept as the pieces it wrote: views of the columns, not one joined copy. */
class WrittenPieces extends AsyncByteQueue {
  readonly pieces: Uint8Array[] = [];
  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.pieces.push(value);
  }
}

/**
 * `table` as an Arrow IPC file (the bytes of `tableToIPC(table, 'file')`), in the pieces Arrow's
 * writer makes: each column's buffer is a view of the column itself, so encoding a table costs its
 * headers and padding, not a second copy of its data (which `tableToIPC` joins into one array: the
 * size of the whole snapshot at once, when a snapshot is written).
 */
export function ipcFilePieces(table: Table): Uint8Array[] {
  const sink = new WrittenPieces();
  const writer = new RecordBatchFileWriter();
  writer.reset(sink);
  writer.writeAll(table);
  return sink.pieces;
}

/** The typed array each fixed-width Arrow type is read as. */
interface NumberArrays {
  readonly Int8: Int8Array;
  readonly Uint8: Uint8Array;
  readonly Int32: Int32Array;
  readonly Uint32: Uint32Array;
  readonly Float64: Float64Array;
}

/** One column of a table read back: its single chunk, checked. */
export class TableReader {
  constructor(
    private readonly table: Table,
    private readonly name: string,
  ) {}

  get rows(): number {
    return this.table.numRows;
  }

  has(column: string): boolean {
    return this.table.getChild(column) !== null;
  }

  columnNames(): string[] {
    return this.table.schema.fields.map((field) => field.name);
  }

  private data(column: string): Data {
    const vector = this.table.getChild(column);
    if (vector === null) throw new SnapshotFormatError(`${this.name}: column "${column}" is missing`);
    if (vector.data.length !== 1)
      throw new SnapshotFormatError(`${this.name}: column "${column}" is in ${vector.data.length} chunks, expected 1`);
    return vector.data[0] as Data;
  }

  private typed<T>(column: string, data: Data, expected: string, values: unknown, length: number): T {
    if (String(data.type) !== expected)
      throw new SnapshotFormatError(`${this.name}: column "${column}" is ${String(data.type)}, expected ${expected}`);
    if ((values as { length: number }).length < length)
      throw new SnapshotFormatError(`${this.name}: column "${column}" is shorter than its ${length} rows`);
    return (values as { subarray(start: number, end: number): T }).subarray(0, length);
  }

  /** A column of fixed-width numbers, as the typed array it is stored as. */
  values<K extends keyof NumberArrays>(column: string, type: K): NumberArrays[K] {
    const data = this.data(column);
    return this.typed<NumberArrays[K]>(column, data, type, data.values, data.length);
  }

  utf8(column: string): Utf8Column {
    return this.utf8Of(column, this.data(column));
  }

  private utf8Of(column: string, data: Data): Utf8Column {
    const offsets = this.typed<Int32Array>(column, data, 'Utf8', data.valueOffsets, data.length + 1);
    const bytes = data.values as Uint8Array;
    checkOffsets(this.name, column, offsets, bytes.length);
    const validity =
      data.nullCount > 0 ? (data.nullBitmap as Uint8Array).subarray(0, Math.ceil(data.length / 8)) : null;
    return { offsets, bytes: bytes.subarray(0, offsets[data.length] as number), validity };
  }

  /** A list column's offsets and its child's data. */
  private list(column: string, child: string): { offsets: Int32Array; child: Data } {
    const data = this.data(column);
    const offsets = this.typed<Int32Array>(column, data, `List<${child}>`, data.valueOffsets, data.length + 1);
    const items = data.children[0] as Data;
    checkOffsets(this.name, column, offsets, items.length);
    return { offsets, child: items };
  }

  /** A list column of fixed-width numbers: its offsets and all its items. */
  listOf<K extends keyof NumberArrays>(column: string, type: K): { offsets: Int32Array; values: NumberArrays[K] } {
    const { offsets, child } = this.list(column, type);
    return {
      offsets,
      values: (child.values as NumberArrays[K]).subarray(0, offsets[offsets.length - 1] as number) as NumberArrays[K],
    };
  }

  /** A one-row table's list column, whole (a typed array of any length kept in a table of one row). */
  wholeList<K extends keyof NumberArrays>(column: string, type: K): NumberArrays[K] {
    const { offsets, values } = this.listOf(column, type);
    if (offsets.length !== 2) throw new SnapshotFormatError(`${this.name}: column "${column}" should have one row`);
    return values;
  }

  listUtf8(column: string): { offsets: Int32Array; values: Utf8Column } {
    const { offsets, child } = this.list(column, 'Utf8');
    return { offsets, values: this.utf8Of(`${column}.item`, child) };
  }
}

/** Offsets must start at 0, never decrease, and end within the data. */
function checkOffsets(table: string, column: string, offsets: Int32Array, size: number): void {
  if (offsets.length === 0 || offsets[0] !== 0)
    throw new SnapshotFormatError(`${table}: column "${column}" has offsets that do not start at 0`);
  for (let i = 1; i < offsets.length; i += 1) {
    if ((offsets[i] as number) < (offsets[i - 1] as number))
      throw new SnapshotFormatError(`${table}: column "${column}" has decreasing offsets at row ${i - 1}`);
  }
  if ((offsets[offsets.length - 1] as number) > size)
    throw new SnapshotFormatError(`${table}: column "${column}" points past its data`);
}
