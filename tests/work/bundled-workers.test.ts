/**
 * Worker entries of a process that runs the TypeScript sources (src/work/pass-worker.mjs and the
 * others): with COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1 and a fresh bundle (the run's global setup builds
 * one) they load the bundle's build of the worker; without it, the sources through tsx. Either way the
 * worker sets up and says it is ready.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** The messages a worker at `entry` posts until `last` is true of one. */
async function messagesUntil(
  entry: URL,
  fromBundle: boolean,
  last: (message: Record<string, unknown>) => boolean,
): Promise<unknown[]> {
  const env = { ...process.env, COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE: fromBundle ? '1' : '' };
  const worker = new Worker(entry, { workerData: null, env });
  const messages: unknown[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (message: Record<string, unknown>) => {
        messages.push(message);
        if (last(message)) resolve();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it was ready`)));
    });
  } finally {
    await worker.terminate();
  }
  return messages;
}

const probe = new URL('../helpers/bundled-worker-probe.mjs', import.meta.url);
const passWorker = new URL('../../src/work/pass-worker.mjs', import.meta.url);

describe('worker entries and the bundle', () => {
  it('load the bundle’s worker with COAUTHOR_GRAPH_WORKERS_FROM_BUNDLE=1 and a fresh bundle', async () => {
    // The bundle's pass worker says it is ready, then the probe says it was loaded.
    expect(await messagesUntil(probe, true, (message) => 'loaded' in message)).toEqual([
      { type: 'ready' },
      { loaded: true },
    ]);
  });

  it('load nothing from the bundle without it (the default)', async () => {
    expect(await messagesUntil(probe, false, (message) => 'loaded' in message)).toEqual([{ loaded: false }]);
  });

  it('set up the pass worker either way', async () => {
    const ready = (message: Record<string, unknown>) => 'type' in message;
    expect(await messagesUntil(passWorker, true, ready)).toEqual([{ type: 'ready' }]);
    expect(await messagesUntil(passWorker, false, ready)).toEqual([{ type: 'ready' }]);
  });
});
