import type { WindowParts, WindowSource, YearRange } from '../../src/graph/year-window.ts';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { ChunkedPass } from '../../src/analysis/chunked-pass.ts';
import type { PassAccumulators, PassGraph } from '../../src/analysis/shortest-path-pass.ts';
import type { WindowAnalysis } from '../../src/analysis/windowed-analysis.ts';
import type { PassThreads } from '../../src/work/pass-threads.ts';
import type { ChunkJob, CombineJob, ComputedChunk, PassWorkerTasks, SourcesJob } from '../../src/work/pass-worker.ts';
import type { AllPairsScores } from '../../src/analysis/all-pairs-centrality.ts';
import type { RequestWorkerTasks } from '../../src/work/request-worker.ts';
import {
  SETUP_FOLLOWS,
  type TaskResult,
  Transferred,
  type WorkerReply,
  serveTasks,
} from '../../src/work/worker-protocol.ts';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** The worker side on one end of a channel, in this thread; the replies read from the other end. */
function served(setUp: Parameters<typeof serveTasks>[1], given: unknown = null) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const replies: WorkerReply[] = [];
  port2.on('message', (reply: WorkerReply) => replies.push(reply));
  serveTasks(port1, setUp, given);
  const next = async (count: number) => {
    await expect.poll(() => replies.length).toBeGreaterThanOrEqual(count);
    return replies;
  };
  return { send: (message: unknown) => port2.postMessage(message), next };
}

describe('serveTasks', () => {
  it('says it is ready, then answers each task with its value', async () => {
    const worker = served(() => ({ add: (a: number, b: number) => a + b }));
    worker.send({ id: 7, method: 'add', args: [2, 3] });
    expect(await worker.next(2)).toEqual([{ type: 'ready' }, { id: 7, ok: true, value: 5 }]);
  });

  it('sets up from its first message when started before its setup was known, and says nothing before', async () => {
    const setups: unknown[] = [];
    const worker = served((setup) => {
      setups.push(setup);
      return { base: () => (setup as { base: number }).base };
    }, SETUP_FOLLOWS);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(setups).toEqual([]);
    worker.send({ setup: { base: 40 } });
    worker.send({ id: 1, method: 'base', args: [] });
    expect(await worker.next(2)).toEqual([{ type: 'ready' }, { id: 1, ok: true, value: 40 }]);
    expect(setups).toEqual([{ base: 40 }]);
  });

  it('reports a failed set-up instead of answering', async () => {
    const worker = served(() => {
      throw new Error('cannot attach');
    });
    expect(await worker.next(1)).toEqual([{ type: 'setup-failed', message: 'cannot attach' }]);
  });

  it("passes a task's error on with its name and message, and refuses methods it does not have (own properties only)", async () => {
    const worker = served(() => ({
      fail: () => {
        throw new RangeError('bad input');
      },
    }));
    worker.send({ id: 1, method: 'fail', args: [] });
    worker.send({ id: 2, method: 'toString', args: [] });
    const replies = await worker.next(3);
    expect(replies[1]).toMatchObject({ id: 1, ok: false, error: { name: 'RangeError', message: 'bad input' } });
    expect(replies[2]).toMatchObject({
      id: 2,
      ok: false,
      error: { name: 'TypeError', message: 'worker-protocol: no task "toString"' },
    });
  });

  it('moves the buffers of a Transferred result rather than copying them', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const worker = served(() => ({ bytes: () => new Transferred({ bytes }, [bytes.buffer]) }));
    worker.send({ id: 1, method: 'bytes', args: [] });
    const replies = await worker.next(2);
    expect(replies[1]).toEqual({ id: 1, ok: true, value: { bytes: new Uint8Array([1, 2, 3]) } });
    expect(bytes.byteLength).toBe(0); // detached here: moved to the other side
  });
});

describe('the pools typed by their worker modules', () => {
  it("checks a pass thread's methods, arguments and results where the pool is used (no casts)", () => {
    expectTypeOf<Parameters<PassThreads['run']>[0]>().toEqualTypeOf<
      'runSources' | 'computeChunk' | 'windowParts' | 'planChunkedPass' | 'combineChunks'
    >();
    expectTypeOf<Parameters<PassThreads['run']>[1]>().toEqualTypeOf<
      [SourcesJob] | [ChunkJob] | [WindowSource, YearRange] | [PassGraph] | [CombineJob]
    >();
    // A Transferred result arrives unwrapped.
    expectTypeOf<TaskResult<PassWorkerTasks, 'runSources'>>().toEqualTypeOf<PassAccumulators>();
    expectTypeOf<TaskResult<PassWorkerTasks, 'computeChunk'>>().toEqualTypeOf<ComputedChunk>();
    expectTypeOf<TaskResult<PassWorkerTasks, 'windowParts'>>().toEqualTypeOf<WindowParts>();
    expectTypeOf<TaskResult<PassWorkerTasks, 'planChunkedPass'>>().toEqualTypeOf<ChunkedPass>();
    expectTypeOf<TaskResult<PassWorkerTasks, 'combineChunks'>>().toEqualTypeOf<AllPairsScores>();
    expectTypeOf<TaskResult<RequestWorkerTasks, 'windowAnalysis'>>().toEqualTypeOf<WindowAnalysis>();
    const misuse = (pool: PassThreads, job: SourcesJob) => {
      // @ts-expect-error a request worker's method is no pass thread's
      void pool.run('egoNetwork', []);
      // @ts-expect-error a chunk's job is not a run's
      void pool.run('computeChunk', [job]);
    };
    expect(typeof misuse).toBe('function');
  });
});
