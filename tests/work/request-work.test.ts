/**
 * The request workers attach to the served network's shared memory: their answers must be the answers
 * of the server's own thread, a replaced worker must not reload anything, and workers that cannot
 * start must not take the rest of the server down.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { decodeJsonString } from '../../src/work/encoded-json-string.ts';
import {
  type ExportedFile,
  type RequestWork,
  TaskAbandoned,
  cachedEgoNetworks,
  inThreadWork,
  startRequestWorkers,
  workerThreadWork,
} from '../../src/work/request-work.ts';
import { WorkerSetupError } from '../../src/work/worker-pool.ts';
import { failure } from '../helpers/app.ts';
import { SEED_DATA_FILE } from '../helpers/networks.ts';

// Without the alias file, so that there are duplicate-author candidates to find.
const config = { ...checkConfig([]), aliasFile: null };
const data = analyzeNetwork(loadData(config).network);
const local = inThreadWork(data);
const workers = workerThreadWork(data, { threads: 2 });
afterAll(() => workers.close());

const text = (file: ExportedFile) => (typeof file.content === 'string' ? file.content : decodeJsonString(file.content));

describe('work in worker threads', () => {
  it('draws the same collaboration networks as this thread', async () => {
    for (const [center, depth, maxNodes] of [
      ['paul-vicol', 2, 200],
      ['roger-grosse', 3, 40],
      ['david-duvenaud', 0, 1],
    ] as const) {
      const options = { depth, maxNodes, minJointPapers: 1 };
      expect(await workers.egoNetwork(center, options)).toEqual(await local.egoNetwork(center, options));
    }
  });

  it('writes the same export files, already encoded for the response', async () => {
    const table = await data.whenExact();
    for (const selection of [null, { centerId: 'paul-vicol', depth: 2, minJointPapers: 1, maxNodes: 200 }]) {
      for (const format of ['gexf', 'graphml', 'vosviewer', 'nodes-csv', 'edges-csv'] as const) {
        const [there, here] = await Promise.all([
          workers.exportNetwork(table, format, selection),
          local.exportNetwork(table, format, selection),
        ]);
        expect(typeof there.content).not.toBe('string');
        expect({ ...there, content: text(there) }).toEqual(here);
      }
    }
  });

  it("finds the same duplicate-author candidates, with the server's authors", async () => {
    const [there, here] = await Promise.all([workers.duplicateCandidates(), local.duplicateCandidates()]);
    expect(there.length).toBeGreaterThan(0);
    expect(there).toEqual(here);
    expect(there[0]?.authors[0]).toEqual(data.network.authors.get(there[0]?.authors[0].id as string));
  });

  it('says how many workers are ready', async () => {
    expect(local.workersReady()).toBeNull();
    await expect.poll(() => workers.workersReady()).toBe(2);
  });
});

describe('request workers started before their network is there', () => {
  it('attach to the network once given it, and answer as this thread', async () => {
    const waiting = startRequestWorkers(2);
    await expect.poll(() => waiting.count()).toBe(2);
    const early = workerThreadWork(data, { threads: 2, waiting });
    try {
      expect(waiting.count()).toBe(0); // taken, not started again beside them
      await early.whenStarted();
      expect(early.workersReady()).toBe(2);
      const options = { depth: 2, maxNodes: 200, minJointPapers: 1 };
      expect(await early.egoNetwork('paul-vicol', options)).toEqual(await local.egoNetwork('paul-vicol', options));
      expect(await early.duplicateCandidates()).toEqual(await local.duplicateCandidates());
    } finally {
      await early.close();
      await waiting.close();
    }
  });

  it('do not keep the process waiting when never given a network, and stop when closed', async () => {
    const waiting = startRequestWorkers(1);
    expect(waiting.count()).toBe(1);
    await waiting.close();
    expect(waiting.count()).toBe(0);
  });
});

describe("workers share the served network's memory", () => {
  it('replaces a worker abandoned mid-task without reloading anything: it works with the data files gone, and /ready never drops', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'request-work-'));
    const file = join(directory, 'papers.txt');
    copyFileSync(SEED_DATA_FILE, file);
    const served = analyzeNetwork(loadData(checkConfig(['--data', file])).network);
    rmSync(file);
    let opened: RequestWork | null = null;
    const app = createApp({
      data: served,
      logging: false,
      work: (network) => (opened = workerThreadWork(network, { threads: 1 })),
    });
    const work = opened as unknown as RequestWork;
    try {
      await work.whenStarted();
      expect((await app.fetch('http://yoga/ready')).status).toBe(200);
      const controller = new AbortController();
      const abandoned = work.egoNetwork(
        'paul-vicol',
        { depth: 3, maxNodes: 1000, minJointPapers: 1 },
        controller.signal,
      );
      controller.abort('the client went away');
      await expect(abandoned).rejects.toBeInstanceOf(TaskAbandoned);
      expect(work.abandoned()).toBe(1);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await app.fetch('http://yoga/ready')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
      expect(await work.egoNetwork('paul-vicol', { depth: 1, maxNodes: 50, minJointPapers: 1 })).toEqual(
        await inThreadWork(served).egoNetwork('paul-vicol', { depth: 1, maxNodes: 50, minJointPapers: 1 }),
      );
      expect(work.workersReady()).toBe(1);
    } finally {
      await work.close();
    }
  });
});

describe('identical work in flight', () => {
  it('lays out eight identical drawings asked for at once only once', async () => {
    let computed = 0;
    const drawn = cachedEgoNetworks(async (centerId, options) => {
      computed += 1;
      return local.egoNetwork(centerId, options);
    });
    const options = { depth: 2, maxNodes: 100, minJointPapers: 1 };
    const answers = await Promise.all(Array.from({ length: 8 }, () => drawn('paul-vicol', options)));
    expect(computed).toBe(1);
    expect(new Set(answers).size).toBe(1);
  });

  it('makes eight identical exports asked for at once in a worker only once', async () => {
    const table = await data.whenExact();
    const before = workers.abandoned();
    const files = await Promise.all(Array.from({ length: 8 }, () => workers.exportNetwork(table, 'gexf', null)));
    expect(new Set(files).size).toBe(1);
    expect(workers.abandoned()).toBe(before);
  });
});

describe('workers that cannot start', () => {
  // Columns a worker cannot attach to: its setup fails as a real failure would.
  const broken = {
    ...data,
    network: { ...data.network, columns: { ...data.network.columns, authorId: null } },
  } as unknown as typeof data;

  it('say why, to the caller and to the log hook', async () => {
    const heard: string[] = [];
    const failing = workerThreadWork(broken, { threads: 1, onSetupFailure: (error) => heard.push(error.message) });
    try {
      const error = await failing
        .egoNetwork('paul-vicol', { depth: 1, maxNodes: 10, minJointPapers: 1 })
        .catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(WorkerSetupError);
      await failing.whenStarted();
      expect(heard).toHaveLength(1);
      expect(failing.started()).toBe(true);
    } finally {
      await failing.close();
    }
  });

  it('leave everything else served: layouts get UNAVAILABLE, other queries answer, /ready is 200', async () => {
    let opened: RequestWork | null = null;
    const app = createApp({
      data,
      logging: false,
      work: (served) => (opened = workerThreadWork(served === data ? broken : served, { threads: 1 })),
    });
    try {
      await (opened as unknown as RequestWork).whenStarted();
      const errors = await failure(app, '{ collaborationNetwork(center: "paul-vicol") { nodes { x } } }');
      expect(errors).toEqual([expect.objectContaining({ code: 'UNAVAILABLE' })]);
      const answer = await (
        await app.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ author(id: "paul-vicol") { name } }' }),
        })
      ).json();
      expect(answer).toEqual({ data: { author: { name: 'Paul Vicol' } } });
      expect((await app.fetch('http://yoga/ready')).status).toBe(200);
    } finally {
      await (opened as unknown as RequestWork | null)?.close();
    }
  });
});

describe('readiness with request workers', () => {
  it('answers /ready with 503 until the workers have attached, then 200', async () => {
    let opened: RequestWork | null = null;
    const app = createApp({
      data,
      logging: false,
      work: (served) => (opened = workerThreadWork(served, { threads: 1 })),
    });
    try {
      expect((await app.fetch('http://yoga/ready')).status).toBe(503);
      await expect
        .poll(async () => (await app.fetch('http://yoga/ready')).status, { timeout: 20_000, interval: 50 })
        .toBe(200);
      expect((opened as unknown as RequestWork).workersReady()).toBe(1);
    } finally {
      await (opened as unknown as RequestWork | null)?.close();
    }
  });
});

describe('the cache of drawn networks', () => {
  it('keeps the most recently asked up to a total of nodes and edges, dropping the least recently asked', async () => {
    const computed: string[] = [];
    const sized = (centerId: string, nodes: number) => ({
      centerId,
      nodes: Array.from({ length: nodes }, () => ({ authorId: centerId, distance: 0, x: 0, y: 0, community: 0 })),
      edges: [],
      truncated: false,
    });
    const sizes: Record<string, number> = { a: 40, b: 40, c: 30, huge: 500 };
    const drawn = cachedEgoNetworks(async (centerId) => {
      computed.push(centerId);
      return sized(centerId, sizes[centerId] as number);
    }, 100);
    const options = { depth: 1, maxNodes: 1000, minJointPapers: 1 };
    await drawn('a', options);
    await drawn('b', options);
    await drawn('a', options); // cached; now the most recent
    await drawn('c', options); // 110 > 100: b, the least recently asked, goes
    await drawn('a', options);
    await drawn('b', options);
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
    await drawn('huge', options); // heavier than the bound alone: kept until the next one
    await drawn('huge', options);
    await drawn('a', options);
    expect(computed).toEqual(['a', 'b', 'c', 'b', 'huge', 'a']);
  });
});
