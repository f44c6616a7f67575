/**
 * A request worker: attaches to the served network's columns (shared memory posted by the server:
 * nothing is read, parsed or copied), then runs the heavy work of requests (see `request-tasks.ts`)
 * so the server's event loop stays free.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { networkOf } from '../graph/network.ts';
import { encodeJsonString } from './encoded-json-string.ts';
import { type RequestTasks, requestTasks } from './request-tasks.ts';
import type { WorkerSetup } from './request-work.ts';

const port = parentPort;
if (port === null) throw new Error('request-worker: must run as a worker thread');
const setup = workerData as WorkerSetup;

let tasks: RequestTasks;
try {
  tasks = requestTasks(networkOf(setup.columns));
  port.postMessage({ type: 'ready' });
} catch (error) {
  port.postMessage({ type: 'setup-failed', message: (error as Error).message });
}

port.on('message', ({ id, method, args }: { id: number; method: keyof RequestTasks; args: unknown[] }) => {
  try {
    if (method === 'exportNetwork') {
      // The file is escaped and encoded here, and its bytes moved, not copied (see encoded-json-string.ts).
      const file = tasks.exportNetwork(...(args as Parameters<RequestTasks['exportNetwork']>));
      const content = encodeJsonString(file.content);
      port.postMessage({ id, ok: true, value: { ...file, content } }, [content.jsonUtf8.buffer]);
      return;
    }
    const task = tasks[method] as (...given: unknown[]) => unknown;
    port.postMessage({ id, ok: true, value: task(...args) });
  } catch (error) {
    const { name, message, stack } = error as Error;
    port.postMessage({ id, ok: false, error: { name, message, stack } });
  }
});
