/**
 * The request worker loads its own copy of the network from the same files: its answers must be the
 * answers of the server's own thread, and a copy that differs (the files changed) must refuse to work.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { loadData } from '../../src/commands/load-data.ts';
import { checkConfig } from '../../src/config.ts';
import { decodeJsonString } from '../../src/work/encoded-json-string.ts';
import { type ExportedFile, cachedEgoNetworks, inThreadWork, startRequestWorkers, workerThreadWork } from '../../src/work/request-work.ts';
import { WorkerSetupError } from '../../src/work/worker-pool.ts';
import { failure } from '../helpers/app.ts';

// Without the alias file, so that there are duplicate-author candidates to find.
const config = { ...checkConfig([]), aliasFile: null };
const data = analyzeNetwork(loadData(config).network);
const local = inThreadWork(data);
const workers = workerThreadWork(data, { source: config, threads: 2 });
afterAll(() => workers.close());

const text = (file: ExportedFile) => (typeof file.content === 'string' ? file.content : decodeJsonString(file.content));

describe('work in worker threads', () => {
  it('draws the same collaboration networks as this thread', async () => {
    for (const [center, depth, maxNodes] of [['paul-vicol', 2, 200], ['roger-grosse', 3, 40], ['david-duvenaud', 0, 1]] as const) {
      const options = { depth, maxNodes, minJointPapers: 1 };
      expect(await workers.egoNetwork(center, options)).toEqual(await local.egoNetwork(center, options));
    }
  });

  it('writes the same export files, already encoded for the response', async () => {
    const table = await data.whenExact();
    for (const selection of [null, { centerId: 'paul-vicol', depth: 2, minJointPapers: 1, maxNodes: 200 }]) {
      for (const format of ['gexf', 'graphml', 'vosviewer', 'nodes-csv', 'edges-csv'] as const) {
        const [there, here] = await Promise.all([workers.exportNetwork(table, format, selection), local.exportNetwork(table, format, selection)]);
        expect(typeof there.content).not.toBe('string');
        expect({ ...there, content: text(there) }).toEqual(here);
      }
    }
  });

  it('finds the same duplicate-author candidates, with the server\'s authors', async () => {
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

describe('a worker whose copy of the network differs from the one served', () => {
  const other = checkConfig(['--data', 'tests/fixtures/three-papers']);

  it('refuses to work, saying why', async () => {
    const mismatched = workerThreadWork(data, { source: other, threads: 1 });
    try {
      const error = await mismatched.egoNetwork('paul-vicol', { depth: 1, maxNodes: 10, minJointPapers: 1 }).catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(WorkerSetupError);
      expect((error as Error).message).toContain('the data files changed after the server loaded them');
    } finally {
      await mismatched.close();
    }
  });

  it('gives clients the error code UNAVAILABLE', async () => {
    let opened: ReturnType<typeof workerThreadWork> | null = null;
    const app = createApp({ data, logging: false, work: (served) => (opened = workerThreadWork(served, { source: other, threads: 1 })) });
    try {
      const errors = await failure(app, '{ collaborationNetwork(center: "paul-vicol") { nodes { x } } }');
      expect(errors).toEqual([expect.objectContaining({ code: 'UNAVAILABLE' })]);
      expect(errors[0]?.message).toContain('could not load the data');
    } finally {
      await (opened as ReturnType<typeof workerThreadWork> | null)?.close();
    }
  });
});

describe('readiness with request workers', () => {
  it('answers /ready with 503 until the workers have loaded the network, then 200', async () => {
    let opened: ReturnType<typeof workerThreadWork> | null = null;
    const app = createApp({ data, logging: false, work: (served) => (opened = workerThreadWork(served, { source: config, threads: 1 })) });
    try {
      expect((await app.fetch('http://yoga/ready')).status).toBe(503);
      await expect.poll(async () => (await app.fetch('http://yoga/ready')).status, { timeout: 20_000, interval: 50 }).toBe(200);
      expect((opened as ReturnType<typeof workerThreadWork> | null)?.workersReady()).toBe(1);
    } finally {
      await (opened as ReturnType<typeof workerThreadWork> | null)?.close();
    }
  });

  it('lets workers started before the network was loaded work once their copy matches it', async () => {
    const early = startRequestWorkers({ source: config, threads: 1 });
    const work = workerThreadWork(data, early);
    try {
      expect(await work.egoNetwork('paul-vicol', { depth: 1, maxNodes: 50, minJointPapers: 1 })).toEqual(await local.egoNetwork('paul-vicol', { depth: 1, maxNodes: 50, minJointPapers: 1 }));
    } finally {
      await work.close();
    }
  });
});


describe('the cache of drawn networks', () => {
  it('keeps the most recently asked up to a total of nodes and edges, dropping the least recently asked', async () => {
    const computed: string[] = [];
    const sized = (centerId: string, nodes: number) => ({ centerId, nodes: Array.from({ length: nodes }, () => ({ authorId: centerId, distance: 0, x: 0, y: 0, community: 0 })), edges: [], truncated: false });
    const sizes: Record<string, number> = { a: 40, b: 40, c: 30, huge: 500 };
    const drawn = cachedEgoNetworks(async (centerId) => { computed.push(centerId); return sized(centerId, sizes[centerId] as number); }, 100);
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
