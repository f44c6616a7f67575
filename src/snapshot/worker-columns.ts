/**
 * The columns of a snapshot served lazily, as a request worker sees them (lazy-snapshot.ts has the
 * main thread's side): the tables read at start, and a getter for each column of the others that asks
 * the main thread for its table the first time. Apart from lazy-snapshot.ts so that a worker loads
 * none of the Arrow reader and writer (about 3 MB of a worker's heap): it is given columns, never bytes.
 */
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { NetworkColumns } from '../graph/network-columns.ts';
import {
  ENTRY_COLUMNS,
  type EntryColumns,
  LAZY_ENTRIES,
  type LazyEntry,
  type TableColumn,
} from './snapshot-entries.ts';
import { SnapshotFormatError } from './zip-store.ts';

/** The columns of the network from tables already read, and a way to get the others. */
export type ColumnLookup = (entry: LazyEntry) => EntryColumns;

/** The base columns plus a getter for every column of a lazy table (enumerable, like the others). */
export function lazyColumns(base: Partial<NetworkColumns>, lookup: ColumnLookup): NetworkColumns {
  const columns = { ...base };
  for (const entry of LAZY_ENTRIES) {
    for (const key of ENTRY_COLUMNS[entry] as readonly TableColumn[]) {
      if (key in columns) continue;
      Object.defineProperty(columns, key, { enumerable: true, get: () => lookup(entry)[key] });
    }
  }
  return columns as NetworkColumns;
}

/** What a worker needs to get lazy tables: its port to the main thread and the flag it waits on. */
export interface WorkerTableChannel {
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

export type TableReply = { readonly entry: LazyEntry; readonly columns: EntryColumns } | { readonly error: string };

/** In a worker: the columns of a table, from the main thread (which reads it once for everyone). */
export function workerColumns(channel: WorkerTableChannel): ColumnLookup {
  const got = new Map<LazyEntry, EntryColumns>();
  return (entry) => {
    const known = got.get(entry);
    if (known !== undefined) return known;
    Atomics.store(channel.flag, 0, 0);
    channel.port.postMessage(entry);
    Atomics.wait(channel.flag, 0, 0);
    const reply = receiveMessageOnPort(channel.port)?.message as TableReply | undefined;
    if (reply === undefined) throw new SnapshotFormatError(`no answer from the server for ${entry}`);
    if ('error' in reply) throw new SnapshotFormatError(reply.error);
    got.set(entry, reply.columns);
    return reply.columns;
  };
}
