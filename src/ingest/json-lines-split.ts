/**
 * A large JSON Lines file read on two cores: a worker thread reads the file's second part (from a line
 * start near the middle) while the loading thread reads the first, and sends its records as batches
 * (record-batches.ts) with its problems. The loading thread reads the batches once its own part is
 * done: each record, problem and name number is what one thread reading the whole file gives (the
 * worker's lines and names follow the first part's). At 1 M synthetic papers reading was 6 s of the
 * loading thread's 30 s before the graph, with the second core idle.
 *
 * Nothing is lost to the worker: one that fails, or reads nothing and sends nothing for
 * `stallMs`, is stopped, its batches are dropped, and the loading thread reads the second part itself.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  type MessagePort,
  MessageChannel,
  type ResourceLimits,
  Worker,
  receiveMessageOnPort,
} from 'node:worker_threads';
import { lineStartAfter } from './file-chunks.ts';
import type { NameTable } from './name-table.ts';
import { BatchReader, type RecordBatch } from './record-batches.ts';
import type { Problem, RecordSink } from './records.ts';

/**
 * Bytes of a JSON Lines file from which its second part is read by a worker. The ACL Anthology (22 MB)
 * started slower split (3.48 s against 3.16 s, five rounds alternated): there the title hashes' worker
 * (title-hashes.ts) already has the second core while the file is read, and a second worker's start
 * costs what it saves. At 1 M synthetic papers (168 MB) the start gains about 2 s.
 */
export const SPLIT_MIN_BYTES = 32 * 1024 ** 2;
/** Records per batch from the worker. */
export const SPLIT_BATCH = 8192;
/** Characters of a batch's strings after which it is sent however few its records (its `text` stays far under V8's longest string). */
export const SPLIT_BATCH_CHARS = 1 << 24;
/** How long the worker may read nothing and send nothing before the loading thread reads its part itself. */
export const SPLIT_STALL_MS = 30_000;
/** The share of the file the worker reads: a little under half, as it starts later (loading its modules). */
export const SPLIT_WORKER_SHARE = 0.46;

export interface SplitOptions {
  /** Bytes from which a file is split (default `SPLIT_MIN_BYTES`). */
  readonly minBytes?: number;
  /** Cores of the machine (default: `availableParallelism()`); one core splits nothing. */
  readonly cores?: number;
  /** The share of the file's bytes the worker reads (default `SPLIT_WORKER_SHARE`). */
  readonly workerShare?: number;
  /** See `SPLIT_STALL_MS`. */
  readonly stallMs?: number;
  /** The worker's heap limits (default: Node's). */
  readonly workerLimits?: ResourceLimits;
  /**
   * Hears who read the second part: the worker, or this thread after the worker failed or stalled,
   * and how many batches the worker had sent (read back, or dropped) (for tests and traces).
   */
  readonly onSecondPart?: (readBy: 'worker' | 'this thread', batches: number) => void;
}

/** What the worker is given. */
export interface SplitTask {
  readonly file: string;
  readonly start: number;
  readonly shape: 'auto' | 'openalex';
  readonly port: MessagePort;
  /** `[messages sent, KiB read]`, which the loading thread waits on. */
  readonly signal: Int32Array;
}

/** What the worker sends: batches in order, then its problems and how many lines it read (or why it failed). */
export type SplitMessage =
  | { readonly batch: RecordBatch }
  | { readonly done: { readonly problems: readonly Problem[]; readonly lines: number } }
  | { readonly failed: string };

/** `SplitTask.signal`'s slots. */
export const SENT = 0;
export const KIB_READ = 1;

const WORKER_ENTRY = new URL('./json-lines-worker.mjs', import.meta.url);

/** The second part of a file, read by a worker. */
export class SecondPart {
  private constructor(
    readonly file: string,
    /** Where the second part starts: a line start. */
    readonly start: number,
    readonly fileBytes: number,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
    private readonly stallMs: number,
    private readonly onSecondPart: SplitOptions['onSecondPart'],
  ) {}

  /** A worker reading `file` from a line start near its middle, or null where it would not pay (one core, a small file, one line). */
  static start(file: string, shape: 'auto' | 'openalex', options: SplitOptions = {}): SecondPart | null {
    if ((options.cores ?? availableParallelism()) < 2) return null;
    let fileBytes: number;
    try {
      fileBytes = statSync(file).size;
    } catch {
      return null;
    }
    if (fileBytes < (options.minBytes ?? SPLIT_MIN_BYTES)) return null;
    const share = options.workerShare ?? SPLIT_WORKER_SHARE;
    let start: number | null;
    try {
      start = lineStartAfter(file, Math.floor(fileBytes * (1 - share)));
    } catch {
      return null;
    }
    if (start === null) return null;
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
    const task: SplitTask = { file, start, shape, port: port2, signal };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_ENTRY, {
        workerData: task,
        transferList: [port2],
        ...(options.workerLimits === undefined ? {} : { resourceLimits: options.workerLimits }),
      });
    } catch {
      port1.close();
      return null;
    }
    // A failure only means this thread reads the part itself.
    worker.on('error', () => {});
    worker.unref();
    return new SecondPart(
      file,
      start,
      fileBytes,
      worker,
      port1,
      signal,
      options.stallMs ?? SPLIT_STALL_MS,
      options.onSecondPart,
    );
  }

  /** Bytes of its part the worker has read so far (for progress reports). */
  bytesRead(): number {
    return Math.min(Atomics.load(this.signal, KIB_READ) * 1024, this.fileBytes - this.start);
  }

  /**
   * Waits for the worker's part and adds its records to `papers` and its problems to `problems`, its
   * lines counted after the first part's `lineBase`, its names interned into `names` after the first
   * part's. Returns false (having added nothing) when the worker failed or stalled: the part is the caller's to read.
   */
  finish(names: NameTable, lineBase: number, papers: RecordSink, problems: Problem[]): boolean {
    const batches: RecordBatch[] = [];
    for (;;) {
      const message = this.next();
      if (message === null || 'failed' in message) {
        this.onSecondPart?.('this thread', batches.length);
        return false;
      }
      if ('batch' in message) {
        batches.push(message.batch);
        continue;
      }
      const reader = new BatchReader(names, this.file, lineBase);
      for (const batch of batches) reader.read(batch, (record) => papers.push(record));
      for (const problem of message.done.problems)
        problems.push(problem.line === null ? problem : { ...problem, line: problem.line + lineBase });
      this.onSecondPart?.('worker', batches.length);
      return true;
    }
  }

  /** Stops the worker (done or not). */
  close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  /** The worker's next message, waiting for it; null once it has read nothing and sent nothing for `stallMs`. */
  private next(): SplitMessage | null {
    for (;;) {
      const sent = Atomics.load(this.signal, SENT);
      const read = Atomics.load(this.signal, KIB_READ);
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) return received.message as SplitMessage;
      if (
        Atomics.wait(this.signal, SENT, sent, this.stallMs) === 'timed-out' &&
        Atomics.load(this.signal, KIB_READ) === read
      )
        return null;
    }
  }
}
