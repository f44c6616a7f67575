/** Applies curation decisions to a network's columns off the main thread (see curation-step.ts), posts the result and exits. */
import { parentPort, workerData } from 'node:worker_threads';
import { type CurationStepInput, curatedColumns } from './curation-step.ts';
import { errorMessage } from '../error-message.ts';

try {
  parentPort?.postMessage({ ok: true, result: curatedColumns(workerData as CurationStepInput) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: errorMessage(error) });
}
