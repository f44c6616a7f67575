/**
 * Applies curation decisions to a network's columns, or computes a network's local metrics, off the
 * main thread (see curation-step.ts); posts the result and exits. Or, as a replica's warm worker,
 * takes curation steps as messages for as long as the process runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type CurationStepInput,
  type CurationWorkerTask,
  curatedColumns,
  runCurationWorkerTask,
} from './curation-step.ts';
import { errorMessage } from '../error-message.ts';

const task = workerData as CurationWorkerTask;
if (task.task === 'serve') {
  // The replica's warm worker: one curation step per message, until the process ends.
  parentPort?.on('message', ({ id, input }: { id: number; input: CurationStepInput }) => {
    try {
      parentPort?.postMessage({ id, ok: true, result: curatedColumns(input) });
    } catch (error) {
      parentPort?.postMessage({ id, ok: false, message: errorMessage(error) });
    }
  });
} else {
  try {
    const { result, transfer } = runCurationWorkerTask(task);
    parentPort?.postMessage({ ok: true, result }, transfer);
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: errorMessage(error) });
  }
}
