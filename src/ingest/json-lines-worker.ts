/**
 * The worker of json-lines-split.ts: reads a JSON Lines file from a line start to its end as the
 * loading thread reads the first part (the same reader, its own name table), and sends the records in
 * batches (record-batches.ts), then its problems and how many lines it read. After each message, and
 * as it reads, it bumps the shared signal the loading thread waits on.
 */
import { workerData } from 'node:worker_threads';
import { readJsonLinesRange } from './json-papers.ts';
import {
  KIB_READ,
  SENT,
  SPLIT_BATCH,
  SPLIT_BATCH_CHARS,
  type SplitMessage,
  type SplitTask,
} from './json-lines-split.ts';
import { NameTable } from './name-table.ts';
import { RecordBatcher } from './record-batches.ts';
import { type Problem, recordSink } from './records.ts';
import { errorMessage } from '../error-message.ts';

const { file, start, shape, port, signal } = workerData as SplitTask;

const send = (message: SplitMessage, transfer: ArrayBuffer[] = []) => {
  port.postMessage(message, transfer);
  Atomics.add(signal, SENT, 1);
  Atomics.notify(signal, SENT);
};

try {
  const names = new NameTable();
  const batcher = new RecordBatcher(names);
  const flush = () => {
    const { batch, transfer } = batcher.take();
    send({ batch }, transfer);
  };
  const problems: Problem[] = [];
  // Each record goes into the batch as it is read; none is kept here.
  const { sink } = recordSink([], (record) => {
    batcher.add(record);
    if (batcher.size === SPLIT_BATCH || batcher.chars >= SPLIT_BATCH_CHARS) flush();
  });
  const lines = readJsonLinesRange(file, { start, end: Infinity }, sink, problems, shape, names, (read) => {
    Atomics.store(signal, KIB_READ, Math.floor(read / 1024));
  });
  if (batcher.size > 0) flush();
  send({ done: { problems, lines } });
} catch (error) {
  send({ failed: errorMessage(error) });
}
port.close();
