/**
 * `serve` and `build` from data files (load-data.ts, `loadServableDataOffThread`): a network large
 * enough for estimates gets its local metrics from a worker thread, asked for as soon as its compact
 * graph exists, so this thread makes the rest of the columns meanwhile. The values served are those
 * computed in this thread; a worker that fails leaves them to this thread; data that is refused ends
 * the worker rather than waiting for it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localMetrics } from '../../src/analysis/centrality.ts';
import { loadServableData, loadServableDataOffThread } from '../../src/commands/load-data.ts';
import { serveConfig } from '../../src/config.ts';
import type { TieGraph } from '../../src/analysis/centrality.ts';
import { syntheticPapersJsonl } from '../helpers/networks.ts';

interface Asked {
  readonly graph: TieGraph;
  readonly signal: AbortSignal | undefined;
  readonly split: boolean | undefined;
}

const worker = vi.hoisted(() => ({
  asked: [] as Asked[],
  fail: false,
  events: [] as [string, unknown][],
  /** What `splitsLocalMetrics` answers (the test network is far below its size). */
  large: false,
}));

vi.mock('../../src/db/curation-step.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/db/curation-step.ts')>();
  return {
    ...original,
    splitsLocalMetrics: () => worker.large,
    localMetricsOffThread: (graph: TieGraph, signal?: AbortSignal, options: { split?: boolean } = {}) => {
      worker.asked.push({ graph, signal, split: options.split });
      return worker.fail
        ? Promise.reject(new Error('the worker stopped'))
        : original.localMetricsOffThread(graph, signal, options).then(async (scores) => {
            await new Promise((resolve) => setTimeout(resolve, 100));
            worker.events.push(['local metrics in', null]);
            return scores;
          });
    },
  };
});

vi.mock('../../src/graph/compact-graph.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/graph/compact-graph.ts')>();
  return {
    ...original,
    connectedComponents: (...args: Parameters<typeof original.connectedComponents>) => {
      worker.events.push(['components', args[0].neighbors]);
      return original.connectedComponents(...args);
    },
  };
});

vi.mock('../../src/graph/network-columns.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/graph/network-columns.ts')>();
  return {
    ...original,
    networkVersionOf: (...args: Parameters<typeof original.networkVersionOf>) => {
      worker.events.push(['version', null]);
      return original.networkVersionOf(...args);
    },
  };
});

afterEach(() => {
  worker.asked.length = 0;
  worker.events.length = 0;
  worker.fail = false;
  worker.large = false;
});

function dataFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'coauthor-graph-local-')), 'papers.jsonl');
  writeFileSync(file, content);
  return file;
}

// About 5,000 authors: estimates in the background, so the load starts the worker too.
const file = dataFile(syntheticPapersJsonl(7, 4000));
const config = serveConfig(['--data', file, '--no-cache', '--threads', '1', '--sample-size', '20']);

/** The local metrics served, by author id. */
async function localServed(
  servable: Awaited<ReturnType<typeof loadServableDataOffThread>>,
): Promise<Map<string, number[]>> {
  if ('failure' in servable) throw new Error(servable.failure);
  try {
    const table = await servable.data.centrality();
    const scores = new Map<string, number[]>();
    for (const id of servable.data.network.authorIds) {
      const row = table.scoresOf(id);
      scores.set(
        id,
        localMetrics.map((metric) => row?.[metric] as number),
      );
    }
    return scores;
  } finally {
    servable.data.dispose();
  }
}

describe('local metrics from a worker thread during a load from data files', () => {
  it("are asked for on the network's own compact graph, and equal those computed in this thread", async () => {
    const offThread = await loadServableDataOffThread(config);
    expect(worker.asked).toHaveLength(1);
    if ('failure' in offThread) throw new Error(offThread.failure);
    const { compact } = offThread.data.network;
    expect(worker.asked[0]?.graph.offsets).toBe(compact.offsets);
    expect(worker.asked[0]?.graph.neighbors).toBe(compact.neighbors);
    expect(worker.asked[0]?.graph.weights).toBe(compact.weights);
    const served = await localServed(offThread);

    const inThread = await localServed(loadServableData(config));
    expect(worker.asked).toHaveLength(1); // the synchronous load computes them itself
    expect(served.size).toBe(inThread.size);
    for (const [id, scores] of inThread) expect(served.get(id), id).toEqual(scores);
  });

  it("leave this thread to work out the network's version and components meanwhile (to serve it, save it, and its statistics)", async () => {
    const servable = await loadServableDataOffThread(config);
    if ('failure' in servable) throw new Error(servable.failure);
    const { neighbors } = servable.data.network.compact;
    const arrived = worker.events.findIndex(([event]) => event === 'local metrics in');
    const before = worker.events.slice(0, arrived);
    expect(before.filter(([event]) => event === 'version')).toHaveLength(1);
    expect(before.filter(([event, graph]) => event === 'components' && graph === neighbors)).toHaveLength(1);
    servable.data.dispose();
  });

  it("are split between two workers on a large enough graph when the caller asks (serve's start), else not", async () => {
    worker.large = true;
    for (const splitLocalMetrics of [true, false, undefined]) {
      const servable = await loadServableDataOffThread(config, { splitLocalMetrics });
      if ('failure' in servable) throw new Error(servable.failure);
      servable.data.dispose();
    }
    worker.large = false;
    const small = await loadServableDataOffThread(config, { splitLocalMetrics: true });
    if ('failure' in small) throw new Error(small.failure);
    small.data.dispose();
    expect(worker.asked.map((asked) => asked.split)).toEqual([true, false, false, false]);
  });

  it('are computed in this thread when the worker fails', async () => {
    worker.fail = true;
    const served = await localServed(await loadServableDataOffThread(config));
    expect(worker.asked).toHaveLength(1);
    worker.fail = false;
    const inThread = await localServed(loadServableData(config));
    for (const [id, scores] of inThread) expect(served.get(id), id).toEqual(scores);
  });

  it('are not asked for on a network whose values are all computed in this thread', async () => {
    const small = serveConfig(['--data', dataFile(syntheticPapersJsonl(3, 100)), '--no-cache']);
    const servable = await loadServableDataOffThread(small);
    await localServed(servable);
    expect(worker.asked).toHaveLength(0);
  });

  it('are not waited for when the data is refused: the worker is ended', async () => {
    const broken = dataFile(`${syntheticPapersJsonl(7, 4000)}{"title": "no closing brace"\n`);
    const refused = await loadServableDataOffThread({ ...config, files: [broken] });
    expect(refused).toMatchObject({ failure: expect.stringContaining('could not be read') });
    expect(worker.asked).toHaveLength(1);
    expect(worker.asked[0]?.signal?.aborted).toBe(true);
  });
});
