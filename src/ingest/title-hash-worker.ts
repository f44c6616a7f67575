/**
 * The worker of title-hashes.ts: reads the data files as the loading thread does and sends each
 * record's title hash (content-key.ts), its title's length and its line, in batches, then how many
 * records it read. It runs at the lowest priority: it only takes a core the loading thread leaves idle.
 */
import { workerData } from 'node:worker_threads';
import { titleKeyHash } from './content-key.ts';
import { eachRecord } from './load.ts';
import { TITLE_HASH_BATCH, type TitleHashMessage, type TitleHashTask } from './title-hashes.ts';
import { lowerThreadPriority } from '../analysis/thread-priority.ts';
import { errorMessage } from '../error-message.ts';

const { files, format, port } = workerData as TitleHashTask;
lowerThreadPriority();

let start = 0;
const hashes = new Uint32Array(TITLE_HASH_BATCH);
const titleLengths = new Int32Array(TITLE_HASH_BATCH);
const lines = new Int32Array(TITLE_HASH_BATCH);
let filled = 0;

const send = (message: TitleHashMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const flush = () => {
  if (filled === 0) return;
  const batch = {
    start,
    hashes: hashes.slice(0, filled),
    titleLengths: titleLengths.slice(0, filled),
    lines: lines.slice(0, filled),
  };
  send(batch, [batch.hashes.buffer, batch.titleLengths.buffer, batch.lines.buffer]);
  start += filled;
  filled = 0;
};

try {
  for (const file of files)
    eachRecord(file, format, (record) => {
      hashes[filled] = titleKeyHash(record.title);
      titleLengths[filled] = record.title.length;
      lines[filled] = record.source.line;
      filled += 1;
      if (filled === TITLE_HASH_BATCH) flush();
    });
  flush();
  send({ done: start });
} catch (error) {
  send({ failed: errorMessage(error) });
}
port.close();
