/**
 * A request worker: attaches to the served network's columns (shared memory posted by the server:
 * nothing is read, parsed or copied), then runs the heavy work of requests (see `request-tasks.ts`)
 * so the server's event loop stays free. Its tasks are the pool's typed protocol (`RequestWorkerTasks`).
 */
import { parentPort } from 'node:worker_threads';
import { networkOf } from '../graph/network.ts';
import { lazyColumns, workerColumns } from '../snapshot/worker-columns.ts';
import { encodeJsonString } from './encoded-json-string.ts';
import { type RequestTasks, requestTasks } from './request-tasks.ts';
import type { WorkerSetup } from './request-work.ts';
import { Transferred, serveTasks } from './worker-protocol.ts';

function requestWorkerTasks(tasks: RequestTasks) {
  return {
    egoNetwork: tasks.egoNetwork,
    duplicateCandidates: tasks.duplicateCandidates,
    windowAnalysis: tasks.windowAnalysis,
    // Copied to the server (the worker keeps its window for the analysis that usually follows).
    windowParts: tasks.windowParts,
    cumulativeRanks: tasks.cumulativeRanks,
    // Three columns of every author's scores: moved, not copied.
    weightedScores: (...args: Parameters<RequestTasks['weightedScores']>) => {
      const scores = tasks.weightedScores(...args);
      return new Transferred(scores, [
        scores.weightedDegree.buffer as ArrayBuffer,
        scores.eigenvector.buffer as ArrayBuffer,
        scores.pagerank.buffer as ArrayBuffer,
      ]);
    },
    weightedStructure: (...args: Parameters<RequestTasks['weightedStructure']>) => {
      const scores = tasks.weightedStructure(...args);
      return new Transferred(scores, [
        scores.constraint.buffer as ArrayBuffer,
        scores.effectiveSize.buffer as ArrayBuffer,
      ]);
    },
    // The file is escaped and encoded here, and its bytes moved, not copied (see encoded-json-string.ts).
    exportNetwork: (...args: Parameters<RequestTasks['exportNetwork']>) => {
      const file = tasks.exportNetwork(...args);
      const content = encodeJsonString(file.content);
      return new Transferred({ ...file, content }, [content.jsonUtf8.buffer as ArrayBuffer]);
    },
  };
}

export type RequestWorkerTasks = ReturnType<typeof requestWorkerTasks>;

serveTasks(parentPort, (given) => {
  const setup = given as WorkerSetup;
  // A snapshot's tables not read yet come from the server when first used (the same shared memory).
  const columns = setup.tables === undefined ? setup.columns : lazyColumns(setup.columns, workerColumns(setup.tables));
  return requestWorkerTasks(requestTasks(networkOf(columns)));
});
