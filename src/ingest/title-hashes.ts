/**
 * The title's part of each record's content hash (content-key.ts), made by a worker thread that reads
 * the data files a second time while this thread reads and merges them: the title keys were a third
 * of the merge on the ACL Anthology (0.39 s of 1.0 s, the second core idle meanwhile).
 *
 * The worker reads every file with the same readers and limits as this thread (`eachRecord`, as `parseFile`), so its records are
 * this thread's, in the same order, and sends the title hashes in batches. The merge takes the one
 * for a record only when the worker has got there and read the same record there (the title's length
 * and the line agree); otherwise, and for every record once one disagrees (a file changed between the
 * two reads), it makes the title key itself, as it does without a worker. Nothing waits: a worker that
 * is slow, fails or is stopped only leaves this thread the work it would have done anyway. Used for
 * data files of 4 to 64 MB on two cores or more (see the limits below for why not past them).
 */
import { type MessagePort, MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { InputFormat } from './load.ts';
import type { PaperRecord } from './records.ts';

/** Records per message from the worker. */
export const TITLE_HASH_BATCH = 4096;

/**
 * Bytes of data files from which a load has its title hashes made by a worker: below them (a
 * publication list, the tests' fixtures) starting a worker costs more than it saves.
 */
export const TITLE_HASH_MIN_BYTES = 4 * 1024 ** 2;

/**
 * Bytes of data files past which no worker is started: on the 1 M synthetic corpus (168 MB) the
 * worker raised the load's peak from 1,506 to 1,535–1,542 MiB (its thread's memory is not all given
 * back by the time the network's rows are made) for no gain in time through the noise (61.5 and 64.5 s
 * against 62.4 and 68.3 s), and that corpus's peak is over its target already. The ACL Anthology
 * (22 MB) is well under.
 */
export const TITLE_HASH_MAX_BYTES = 64 * 1024 ** 2;

/** What the worker is given. */
export interface TitleHashTask {
  readonly files: readonly string[];
  readonly format: InputFormat | null;
  readonly port: MessagePort;
}

/** What the worker sends: a batch of records' values from `start`, then `{ done }` with how many it read. */
export type TitleHashMessage =
  | {
      readonly start: number;
      readonly hashes: Uint32Array;
      readonly titleLengths: Int32Array;
      readonly lines: Int32Array;
    }
  | { readonly done: number }
  | { readonly failed: string };

const WORKER_ENTRY = new URL('./title-hash-worker.mjs', import.meta.url);

export interface TitleHashOptions {
  /** Bytes of data files from which a worker is started (default `TITLE_HASH_MIN_BYTES`). */
  readonly minBytes?: number;
  /** Bytes of data files past which none is (default `TITLE_HASH_MAX_BYTES`). */
  readonly maxBytes?: number;
  /** Cores of the machine (default: `availableParallelism()`); one core starts no worker. */
  readonly cores?: number;
}

/** Title hashes coming from a worker; `at` gives the one for a record when it is there. */
export class TitleHashes {
  private readonly batches: (Extract<TitleHashMessage, { start: number }> | undefined)[] = [];
  /** Records whose values have arrived (batches arrive in order). */
  private arrived = 0;
  private finished = false;
  /** Set once a record disagreed with the worker's: nothing more is taken from it. */
  private disagreed = false;
  /** Records answered from the worker, and not (for tests and the load's trace). */
  taken = 0;
  missed = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
  ) {}

  /** A worker for `files`, or null where it would not pay (one core, little data). */
  static start(
    files: readonly string[],
    format: InputFormat | null,
    totalBytes: number,
    options: TitleHashOptions = {},
  ): TitleHashes | null {
    if ((options.cores ?? availableParallelism()) < 2) return null;
    if (totalBytes < (options.minBytes ?? TITLE_HASH_MIN_BYTES) || files.length === 0) return null;
    if (totalBytes > (options.maxBytes ?? TITLE_HASH_MAX_BYTES)) return null;
    const { port1, port2 } = new MessageChannel();
    const task: TitleHashTask = { files, format, port: port2 };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_ENTRY, { workerData: task, transferList: [port2] });
    } catch {
      port1.close();
      return null;
    }
    // Its failures only mean the merge makes every title key itself.
    worker.on('error', () => {});
    worker.unref();
    return new TitleHashes(worker, port1);
  }

  /**
   * The title's part of `record`'s content hash (record number `index` of the load, in input order),
   * or −1 when the worker has not sent it yet or read another record there.
   */
  at(index: number, record: Pick<PaperRecord, 'title' | 'source'>): number {
    if (this.disagreed) return this.miss();
    while (index >= this.arrived && !this.finished) if (!this.receive()) break;
    if (index >= this.arrived) return this.miss();
    const batch = this.batches[Math.floor(index / TITLE_HASH_BATCH)];
    const k = index % TITLE_HASH_BATCH;
    if (batch === undefined || batch.titleLengths[k] !== record.title.length || batch.lines[k] !== record.source.line) {
      this.disagreed = true;
      return this.miss();
    }
    this.taken += 1;
    return batch.hashes[k] as number;
  }

  /** Stops the worker (when the merge is done, whether or not it got everywhere). */
  close(): void {
    this.port.close();
    void this.worker.terminate();
    this.batches.length = 0;
  }

  private miss(): number {
    this.missed += 1;
    return -1;
  }

  /** Takes the next message from the worker, if one is there. */
  private receive(): boolean {
    const received = receiveMessageOnPort(this.port);
    if (received === undefined) return false;
    const message = received.message as TitleHashMessage;
    if ('start' in message) {
      // Batches come in order, each TITLE_HASH_BATCH records but the last.
      if (message.start !== this.arrived) {
        this.disagreed = true;
        return false;
      }
      this.batches.push(message);
      this.arrived += message.hashes.length;
    } else {
      this.finished = true;
    }
    return true;
  }
}
