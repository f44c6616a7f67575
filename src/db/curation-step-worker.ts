/**
 * Applies curation decisions to a network's columns, or computes a network's local metrics, off the
 * main thread (see curation-step.ts); posts the result and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type CurationWorkerTask, runCurationWorkerTask } from './curation-step.ts';
import { errorMessage } from '../error-message.ts';

try {
  parentPort?.postMessage({ ok: true, result: runCurationWorkerTask(workerData as CurationWorkerTask) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: errorMessage(error) });
}
