import { closeSync, mkdtempSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { createApp } from '../../src/app.ts';
import { type CoauthorNetwork, buildNetwork, networkOf } from '../../src/graph/network.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import { ColumnsNotLoaded, type OpenedSnapshot, openSnapshotFile } from '../../src/snapshot/lazy-snapshot.ts';
import { SnapshotFormatError, readSnapshotFile, writeSnapshotFile } from '../../src/snapshot/snapshot-file.ts';
import { LAZY_ENTRIES } from '../../src/snapshot/snapshot-entries.ts';
import { readStoredZip } from '../../src/snapshot/zip-store.ts';
import { startRequestWorkers, workerThreadWork } from '../../src/work/request-work.ts';
import { main } from '../../src/cli.ts';
import { failure, query } from '../helpers/app.ts';
import { captureIO } from '../helpers/files.ts';
import { loadAclSliceNetwork } from '../helpers/acl-slice.ts';
import { SEED_DATA_FILE, loadSeedNetwork } from '../helpers/networks.ts';
import { expectSameColumns, networkContents, snapshotContentOf } from '../helpers/network-contents.ts';

const directory = mkdtempSync(join(tmpdir(), 'lazy-snapshot-'));
let fileNumber = 0;
function snapshotFile(network: CoauthorNetwork = loadSeedNetwork()): string {
  const file = join(directory, `snapshot-${fileNumber++}.cgsnap`);
  writeSnapshotFile(file, snapshotContentOf(network));
  return file;
}
const opened: OpenedSnapshot[] = [];
function open(file: string): OpenedSnapshot {
  const snapshot = openSnapshotFile(file);
  opened.push(snapshot);
  return snapshot;
}
afterAll(() => {
  for (const snapshot of opened) snapshot.tables.close();
});

function entryOf(file: string, name: string) {
  const entry = readStoredZip(new Uint8Array(readFileSync(file)), { verify: false }).find(
    (candidate) => candidate.name === name,
  );
  if (entry === undefined) throw new Error(`no ${name}`);
  return entry;
}

/** Flips one byte in the middle of `name`'s data, in place (the same file, the same inode). */
function damageInPlace(file: string, name: string): void {
  const { offset, length } = entryOf(file, name);
  const at = offset + Math.floor(length / 2);
  const byte = readFileSync(file)[at] as number;
  const fd = openSync(file, 'r+');
  writeSync(fd, Uint8Array.of(byte ^ 0x40), 0, 1, at);
  closeSync(fd);
}

describe('a snapshot served from its file, its tables read when first used', () => {
  it.each([
    ['the bundled data', loadSeedNetwork],
    ['the ACL 2016 slice', loadAclSliceNetwork],
  ])(
    'gives %s exactly as a whole read does, reading each table once',
    async (_name, load) => {
      const file = snapshotFile(load());
      const snapshot = open(file);
      for (const entry of LAZY_ENTRIES) expect(snapshot.tables.readsOf(entry)).toBe(0);
      // Not read yet: the access starts the read and says so.
      expect(() => snapshot.columns.title).toThrow(ColumnsNotLoaded);
      expect(snapshot.tables.misses()).toBe(1);
      await snapshot.tables.settled();
      expect(snapshot.tables.readsOf('paper-text.arrow')).toBe(1);
      await snapshot.tables.loadAll();
      const whole = readSnapshotFile(file);
      expect(networkContents(networkOf(snapshot.columns))).toEqual(networkContents(networkOf(whole.columns)));
      // Typed arrays compared by bytes (vitest's deep equality took seconds over the search indexes).
      expectSameColumns(
        { authorSearch: snapshot.columns.authorSearch, paperSearch: snapshot.columns.paperSearch },
        { authorSearch: whole.columns.authorSearch, paperSearch: whole.columns.paperSearch },
      );
      expectSameColumns(snapshot.metrics.scores, whole.metrics.scores, 'scores');
      const { scores: _scores, ...described } = snapshot.metrics;
      const { scores: _wholeScores, ...wholeDescribed } = whole.metrics;
      expect(described).toEqual(wholeDescribed);
      for (const entry of LAZY_ENTRIES) expect(snapshot.tables.readsOf(entry)).toBe(1);
      for (const array of [
        snapshot.columns.title.bytes,
        snapshot.columns.paperSearch.postingBytes,
        snapshot.columns.neighbors,
      ])
        expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    },
    180_000,
  );

  it('checks the whole file at start: damage in a table read only when used fails the check', async () => {
    const file = snapshotFile();
    damageInPlace(file, 'paper-search.arrow');
    await expect(open(file).verified).rejects.toThrow(
      new SnapshotFormatError(
        `cannot use snapshot ${file}: ZIP entry "paper-search.arrow": checksum mismatch (the file is damaged)`,
      ),
    );
    // A table read at start is checked before the snapshot is even opened.
    const other = snapshotFile();
    damageInPlace(other, 'authors.arrow');
    expect(() => openSnapshotFile(other)).toThrow(/ZIP entry "authors\.arrow": checksum mismatch/u);
  });

  it('serve refuses such a file before it listens, saying why', async () => {
    const file = snapshotFile();
    damageInPlace(file, 'paper-search.arrow');
    const io = captureIO();
    expect(await main(['serve', '--snapshot', file, '--port', '0', '--request-threads', '1'], io)).toBe(1);
    expect(io.stderr).toContain(
      `refusing to serve: cannot use snapshot ${file}: ZIP entry "paper-search.arrow": checksum mismatch (the file is damaged)\n`,
    );
    expect(io.stdout).not.toContain('ready at');
  });

  it('passes the check on a sound file', async () => {
    await expect(open(snapshotFile()).verified).resolves.toBeUndefined();
  });

  it('refuses a truncated file, a file that is not a snapshot, and a missing one at start', async () => {
    const file = snapshotFile();
    const size = readFileSync(file).length;
    for (const length of [10, 1000, Math.floor(size / 2), size - 1]) {
      const copy = join(directory, `truncated-${length}.cgsnap`);
      writeFileSync(copy, readFileSync(file).subarray(0, length));
      // Refused at once, or (cut inside a table read later) by the check that runs before serving.
      await expect(
        (async () => {
          await openSnapshotFile(copy).verified;
        })(),
      ).rejects.toThrow(SnapshotFormatError);
    }
    const foreign = join(directory, 'foreign.cgsnap');
    writeFileSync(foreign, '{"papers": []}\n'.repeat(10));
    expect(() => openSnapshotFile(foreign)).toThrow(/no ZIP end record/u);
    expect(() => openSnapshotFile(join(directory, 'none.cgsnap'))).toThrow(/there is no such file/u);
  });

  it('refuses a table overwritten in place after start when it is first used, and every time after', async () => {
    const file = snapshotFile();
    const snapshot = open(file);
    damageInPlace(file, 'paper-text.arrow');
    expect(() => snapshot.columns.title).toThrow(ColumnsNotLoaded);
    await snapshot.tables.settled();
    const refusal = `cannot use snapshot ${file}: paper-text.arrow no longer matches its checksum: the file was changed since the server started (restart it, or build the snapshot again)`;
    expect(() => snapshot.columns.title).toThrow(new SnapshotFormatError(refusal));
    await expect(snapshot.tables.load('paper-text.arrow')).rejects.toThrow(refusal);
    // The tables read at start, and the others, still serve.
    const same = networkOf(readSnapshotFile(snapshotFile()).columns);
    expect(networkOf(snapshot.columns).authorIdAt(0)).toBe(same.authorIdAt(0));
    await Promise.all(
      (['author-names.arrow', 'author-provenance.arrow', 'files.arrow'] as const).map((entry) =>
        snapshot.tables.load(entry),
      ),
    );
    expect(networkOf(snapshot.columns).authorAt(0)).toEqual(same.authorAt(0));
  });

  it('refuses a table cut short after start when it is first used', async () => {
    const file = snapshotFile();
    const snapshot = open(file);
    truncateSync(file, entryOf(file, 'paper-search.arrow').offset + 10);
    await expect(snapshot.tables.load('paper-search.arrow')).rejects.toThrow(
      /paper-search\.arrow ends early: the file was truncated since the server started/u,
    );
  });

  it('reads the file it opened even when another is renamed over its name', async () => {
    const file = snapshotFile();
    const expected = networkContents(networkOf(readSnapshotFile(file).columns));
    const snapshot = open(file);
    writeSnapshotFile(file, snapshotContentOf(loadAclSliceNetwork())); // a new file renamed over the name
    await snapshot.tables.loadAll();
    expect(networkContents(networkOf(snapshot.columns))).toEqual(expected);
  });
});

describe('a lazily read table is read once and shared by every thread', () => {
  const ask = (channel: unknown, mark: number, at: number, transfer: readonly unknown[]) =>
    new Promise<{ first?: string; shared?: boolean; error?: string }>((resolve, reject) => {
      const worker = new Worker(new URL('./fixtures/lazy-table-worker.mjs', import.meta.url), {
        workerData: { tables: channel, mark, at },
        transferList: transfer as never,
      });
      worker.once('message', (message) => {
        resolve(message);
        void worker.terminate();
      });
      worker.once('error', reject);
    });

  it('gives workers the same shared memory, the file read once for all of them', async () => {
    const file = snapshotFile();
    const snapshot = open(file);
    const channels = [snapshot.tables.channelForWorker(), snapshot.tables.channelForWorker()];
    const wholeColumns = readSnapshotFile(file).columns;
    const whole = networkOf(wholeColumns).paperAt(0).title;
    // Each worker marks a byte of the last title (the first is what they answer with).
    const last = wholeColumns.title.bytes.length - 1;
    const answers = await Promise.all(
      channels.map(({ channel }, i) => ask(channel, 200 + i, last - i, [channel.port])),
    );
    for (const { close } of channels) close();
    expect(answers).toEqual([
      { first: whole, shared: true },
      { first: whole, shared: true },
    ]);
    expect(snapshot.tables.readsOf('paper-text.arrow')).toBe(1);
    // What each worker wrote is in this thread's copy: there is only one.
    expect([...snapshot.columns.title.bytes.subarray(last - 1, last + 1)]).toEqual([201, 200]);
  });

  it('tells a worker why a table cannot be read', async () => {
    const file = snapshotFile();
    const snapshot = open(file);
    damageInPlace(file, 'paper-text.arrow');
    const { channel, close } = snapshot.tables.channelForWorker();
    const answer = await ask(channel, 0, 0, [channel.port]);
    close();
    expect(answer.error).toMatch(/paper-text\.arrow no longer matches its checksum/u);
  });

  it('serves request workers from one read: duplicate candidates name every spelling', async () => {
    // Without the alias file, so that there are duplicate-author candidates (they need every spelling).
    const snapshot = open(snapshotFile(buildNetwork(loadFiles({ files: [SEED_DATA_FILE] }).catalog)));
    const data = analyzeNetwork(networkOf(snapshot.columns, { version: snapshot.manifest.networkVersion }));
    const work = workerThreadWork(data, { threads: 2 });
    try {
      await work.whenStarted();
      const [first, second] = await Promise.all([
        work.duplicateCandidates(),
        work.egoNetwork('david-duvenaud', { depth: 1, maxNodes: 50, minJointPapers: 1 }),
      ]);
      expect(first.length).toBeGreaterThan(0);
      expect(second.nodes.length).toBeGreaterThan(1);
      expect(snapshot.tables.readsOf('author-names.arrow')).toBe(1);
    } finally {
      await work.close();
    }
  });
});

describe('request workers started before the snapshot was opened', () => {
  it('read its lazy tables through the channel sent with their setup', async () => {
    const waiting = startRequestWorkers(2);
    const snapshot = open(snapshotFile(buildNetwork(loadFiles({ files: [SEED_DATA_FILE] }).catalog)));
    const data = analyzeNetwork(networkOf(snapshot.columns, { version: snapshot.manifest.networkVersion }));
    const work = workerThreadWork(data, { threads: 2, waiting });
    try {
      expect(waiting.count()).toBe(0);
      await work.whenStarted();
      const [candidates, drawn] = await Promise.all([
        work.duplicateCandidates(),
        work.egoNetwork('david-duvenaud', { depth: 1, maxNodes: 50, minJointPapers: 1 }),
      ]);
      expect(candidates.length).toBeGreaterThan(0);
      expect(drawn.nodes.map((node) => node.authorId)).toContain('david-duvenaud');
      expect(snapshot.tables.readsOf('author-names.arrow')).toBe(1);
    } finally {
      await work.close();
      await waiting.close();
    }
  });
});

describe('GraphQL over a snapshot whose tables are read when first used', () => {
  const text = `{
    papers(first: 3) { nodes { id title venue doi sources { file line } authors { id name nameVariants } } }
    authors(search: "duv", first: 3) { nodes { id name } }
    paper(id: "a-study-of-gradient-variance-in-deep-learning") { title }
  }`;

  it('answers exactly as over the whole file read at start', async () => {
    const file = snapshotFile();
    const whole = readSnapshotFile(file);
    const snapshot = open(file);
    const appOf = (columns: typeof whole.columns) =>
      createApp({
        data: analyzeNetwork(networkOf(columns, { version: whole.manifest.networkVersion })),
        logging: false,
      });
    const expected = await query(appOf(whole.columns), text);
    expect(await query(appOf(snapshot.columns), text)).toEqual(expected);
    expect(snapshot.tables.readsOf('paper-text.arrow')).toBe(1);
  });

  it('answers UNAVAILABLE, saying why, when a table changed since start', async () => {
    const file = snapshotFile();
    const snapshot = open(file);
    const app = createApp({
      data: analyzeNetwork(networkOf(snapshot.columns, { version: snapshot.manifest.networkVersion })),
      logging: false,
    });
    damageInPlace(file, 'paper-text.arrow');
    const errors = await failure(app, '{ papers(first: 1) { nodes { title } } }');
    expect(errors[0]?.code).toBe('UNAVAILABLE');
    expect(errors[0]?.message).toMatch(
      /a part of the server's snapshot that cannot be read: .*paper-text\.arrow no longer matches its checksum/u,
    );
    // What needs no changed table is still served.
    expect(await query(app, '{ authors(first: 1) { nodes { id } } }')).toEqual({
      authors: { nodes: [{ id: expect.any(String) }] },
    });
  });
});
