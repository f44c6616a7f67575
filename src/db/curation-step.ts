/**
 * A replica moving to the next curated version of the same import: the decisions applied to the
 * network it serves (graph/identity-patch.ts) and its local metrics computed, in a worker thread
 * (the columns are on shared memory: posted, not copied), so that requests keep being answered.
 * Seconds instead of the minutes a build from the store's rows takes on the ACL Anthology.
 */
import { Worker } from 'node:worker_threads';
import { type LocalScores, computeLocalCentrality } from '../analysis/centrality.ts';
import { type UndoRecords, curationStep } from '../graph/identity-patch.ts';
import type { NetworkColumns } from '../graph/network-columns.ts';
import { networkOf } from '../graph/network.ts';
import type { IdentityDecision } from '../ingest/identity-decisions.ts';

export interface CurationStepInput {
  readonly columns: NetworkColumns;
  /** The decisions of the version the columns are, and of the next one. */
  readonly previous: readonly IdentityDecision[];
  readonly next: readonly IdentityDecision[];
  readonly undo: UndoRecords;
  /** The caller has the local metrics of `columns`: when the decisions change no column (a rejected pair), they are not computed again. */
  readonly haveLocal?: boolean;
}

export interface CuratedColumns {
  readonly columns: NetworkColumns;
  readonly undo: UndoRecords;
  /** Null when the columns did not change and the caller has their local metrics. */
  readonly local: LocalScores | null;
}

/** The step in this thread; null when it has to be a full build (see `curationStep`). */
export function curatedColumns(input: CurationStepInput): CuratedColumns | null {
  const step = curationStep(networkOf(input.columns), input.previous, input.next, input.undo);
  if (step === null) return null;
  const unchanged = step.columns === input.columns && input.haveLocal === true;
  return {
    columns: step.columns,
    undo: step.undo,
    local: unchanged ? null : computeLocalCentrality(networkOf(step.columns)),
  };
}

const WORKER_ENTRY = new URL('./curation-step-worker.mjs', import.meta.url);

/** Authors plus adjacency entries below which the step runs in this thread: milliseconds, less than starting a worker. */
export const IN_THREAD_STEP_LIMIT = 100_000;

/** The step in a worker thread of its own (by default for networks past `IN_THREAD_STEP_LIMIT`), or in this one. */
export function curatedColumnsOffThread(
  input: CurationStepInput,
  options: { readonly inWorker?: boolean } = {},
): Promise<CuratedColumns | null> {
  const size = input.columns.offsets.length + input.columns.neighbors.length;
  if (options.inWorker === false || (options.inWorker === undefined && size < IN_THREAD_STEP_LIMIT))
    return Promise.resolve().then(() => curatedColumns(input));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: input });
    let settled = false;
    worker.once('message', (reply: { ok: true; result: CuratedColumns | null } | { ok: false; message: string }) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the curation step stopped (exit code ${code})`));
    });
  });
}
