/**
 * Writes one snapshot file and exits: the columns arrive on shared memory (no copy), the encoding,
 * checksums and disk writes happen here rather than on the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type SnapshotContent, writeSnapshotFile } from './snapshot-file.ts';
import { errorMessage } from '../error-message.ts';

const { file, content } = workerData as { file: string; content: SnapshotContent };
try {
  const manifest = writeSnapshotFile(file, content);
  parentPort?.postMessage({ ok: true, manifest });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: errorMessage(error) });
}
