/**
 * A request worker: loads its own copy of the network from the same files as the server (loading is
 * deterministic; it reports the copy's fingerprint, and the server lets it work only when that is the
 * fingerprint of the network it serves), then runs the heavy work of requests (see
 * `request-tasks.ts`) so the server's event loop stays free.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildNetwork } from '../graph/network.ts';
import { loadFiles } from '../ingest/load.ts';
import { encodeJsonString } from './encoded-json-string.ts';
import { networkFingerprint } from './network-fingerprint.ts';
import { type RequestTasks, requestTasks } from './request-tasks.ts';
import type { WorkerSetup } from './request-work.ts';

const port = parentPort;
if (port === null) throw new Error('request-worker: must run as a worker thread');
const setup = workerData as WorkerSetup;

let tasks: RequestTasks;
try {
  const { files, aliasFile, inputFormat, maxAuthorsPerPaper } = setup.data;
  const load = loadFiles({ files, aliasFile, format: inputFormat });
  const network = buildNetwork(load.catalog, { maxAuthorsPerPaper });
  tasks = requestTasks(network);
  port.postMessage({ type: 'ready', info: networkFingerprint(network) });
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
