/**
 * A replica joining a version serves once what a start reads of the store's snapshot has arrived
 * (src/commands/store-data.ts with src/db/snapshot-download.ts and src/snapshot/arriving-snapshot.ts):
 * the other parts follow; a table needed before its bytes are in waits for them; a download that
 * fails after the replica is ready is refused (the tables not in answer UNAVAILABLE) and the
 * cache never keeps a file that did not check out. The store's snapshot is saved here in parts of
 * 512 bytes, so that a small network spans many.
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { main } from '../../src/cli.ts';
import {
  type StoreLoadOptions,
  loadStoreVersion,
  storeIdentity,
  storeVersionKey,
} from '../../src/commands/store-data.ts';
import { startStoreReplica } from '../../src/commands/serve-store.ts';
import { serveConfig } from '../../src/config.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { type StoredVersion, versionById } from '../../src/db/version-network.ts';
import { SnapshotDownload } from '../../src/db/snapshot-download.ts';
import { saveVersionSnapshot } from '../../src/db/version-snapshots.ts';
import { type ArrivingFile, type HeldRange, openArrivingSnapshot } from '../../src/snapshot/arriving-snapshot.ts';
import { START_ENTRIES, lazySourceOf, openSnapshotFile } from '../../src/snapshot/lazy-snapshot.ts';
import { cachedSnapshotFile } from '../../src/snapshot/snapshot-cache.ts';
import { readStoredZip, readStoredZipDirectory } from '../../src/snapshot/zip-store.ts';
import { failure, query } from '../helpers/app.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

const PART = 512;
const paper = (id: string, authors: string[], venue: string) =>
  JSON.stringify({ id, title: `Paper ${id}`, abstract: `About ${id}`, venue, authors, year: 2021 });
const files = tempFiles({
  'v1.jsonl': [
    paper('p1', ['Ann Lee', 'Bo Chen'], 'ACL'),
    paper('p2', ['Bo Chen', 'Cy Diaz'], 'EMNLP'),
    paper('p3', ['A. Lee', 'Cy Diaz'], 'NAACL'),
  ].join('\n'),
});

/** Reads only tables read at start (the CSR, the metrics); checked below: it misses no table. */
const START =
  '{ networkVersion graphStats { authorCount paperCount collaborationCount } centralityRanking(metric: DEGREE, first: 3) { edges { node { id score } } } }';
/** Needs paper-text.arrow, read when first used. */
const TEXT = '{ paper(id: "p2") { title venue } }';

const cacheDir = () => mkdtempSync(join(tmpdir(), 'cg-replica-arriving-'));

/** A promise resolved from outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe.runIf(postgresAvailable)('a replica joining a version serves before the whole snapshot has arrived', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let storeId: string;
  let saved: Buffer;
  /** The parts holding nothing a start reads: those between the start tables and metrics.arrow. */
  let laterParts: number[];
  /** A part holding paper-text.arrow's bytes only. */
  let textPart: number;
  /** Where the archive's directory starts (the directory and the end records run to the end of the file). */
  let directoryOffset: number;

  const load = async (cacheDirectory: string, options: StoreLoadOptions = {}) => {
    const version = (await versionById(database, 1)) as StoredVersion;
    const loaded = await loadStoreVersion(database, storeId, version, { cacheDirectory }, options);
    if ('failure' in loaded) throw new Error(loaded.failure);
    return loaded;
  };
  /**
   * A join into `directory` whose parts in `heldParts` are held back until `held` opens (every part
   * asked for is listed in `asked`); resolves once the replica is ready, failing after 20 s: a replica
   * that waited for the held parts would never be.
   */
  const joinHolding = (
    directory: string,
    heldParts: readonly number[],
    held: Promise<void>,
    asked: number[],
    what: string,
  ): Promise<Awaited<ReturnType<typeof load>>> =>
    Promise.race([
      load(directory, {
        shareSnapshots: true,
        lazyTables: true,
        snapshotDownload: {
          receivedPart: (part) => {
            asked.push(part);
            return heldParts.includes(part) ? held : undefined;
          },
        },
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not ready while ${what}`)), 20_000)),
    ]);

  beforeAll(async () => {
    testDatabase = await createTestDatabase('replica_arriving');
    expect(await main(['db', 'migrate', '--database', testDatabase.url], captureIO())).toBe(0);
    const io = captureIO();
    expect(await main(['import', '--database', testDatabase.url, '--data', files['v1.jsonl']!], io), io.stderr).toBe(0);
    database = connectDatabase(testDatabase.url, { maxConnections: 4 });
    storeId = await storeIdentity(database);
    // The first replica builds the version and saves its snapshot; saved again here in small parts.
    const directory = cacheDir();
    const built = await load(directory, { shareSnapshots: true });
    expect(built.how).toBe('built');
    for (let tries = 0; (await database.query('SELECT 1 FROM version_snapshots')).rowCount === 0; tries += 1) {
      if (tries > 400) throw new Error('the first replica saved no snapshot in the store');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    built.servable.data.dispose();
    const file = readdirSync(directory).find((name) => name.endsWith('.cgsnap')) as string;
    saved = readFileSync(join(directory, file));
    await database.query('DELETE FROM version_snapshot_parts');
    await database.query('DELETE FROM version_snapshots');
    expect(await saveVersionSnapshot(database, 1, join(directory, file), { partBytes: PART })).toBe(true);

    const zip = readStoredZipDirectory({ size: saved.length, read: (at, length) => saved.subarray(at, at + length) });
    const headerOf = (name: string) => zip.entries.find((entry) => entry.name === name)!.headerOffset;
    const startEnd = headerOf('author-names.arrow'); // the first table after those read at start
    const metrics = headerOf('metrics.arrow');
    const parts = Math.ceil(saved.length / PART);
    laterParts = [...Array(parts).keys()].filter((part) => part * PART >= startEnd && (part + 1) * PART <= metrics);
    directoryOffset = zip.offset;
    const text = zip.entries.find((entry) => entry.name === 'paper-text.arrow')!;
    textPart = Math.ceil((text.headerOffset + 200) / PART);
    // How the file lies: a start reads its first and last parts, and leaves many in between.
    expect(laterParts.length).toBeGreaterThan(parts / 3);
    expect(laterParts).toContain(textPart);
  });
  afterAll(async () => {
    await database?.end();
    await testDatabase?.drop();
  });

  it('is ready while the later parts are held back; a query of a table not in yet waits for it, then answers', async () => {
    const held = gate();
    const asked: number[] = [];
    const directory = cacheDir();
    const whole = await load(cacheDir(), { shareSnapshots: true }); // read whole once downloaded: the reference
    const joining = joinHolding(directory, laterParts, held.promise, asked, 'parts are held');
    // Would never resolve if the replica waited for the whole file (the later parts are held until the end).
    try {
      const joined = await joining;
      expect(joined.how).toBe('store-snapshot');
      const cacheFile = cachedSnapshotFile(directory, storeVersionKey(storeId, 1));
      expect(existsSync(cacheFile)).toBe(false); // only the download so far, not in the cache
      const tables = lazySourceOf(joined.servable.data.network.columns)!.tables;
      const app = createApp({ data: joined.servable.data, logging: false });
      const reference = createApp({ data: whole.servable.data, logging: false });

      expect(await query(app, START)).toEqual(await query(reference, START));
      expect(tables.misses()).toBe(0);

      let answered = false;
      const text = query(app, TEXT).then((answer) => {
        answered = true;
        return answer;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false); // its bytes are held back
      expect(tables.readsOf('paper-text.arrow')).toBe(0);
      held.open();
      expect(await text).toEqual({ paper: { title: 'Paper p2', venue: 'EMNLP' } });
      expect(tables.readsOf('paper-text.arrow')).toBe(1);

      // Once every part is in and checked, the file is in the cache: the bytes saved, nothing else beside it.
      await joined.servable.loaded.snapshot?.downloaded;
      expect(asked).toEqual(expect.arrayContaining(laterParts));
      expect(readFileSync(cacheFile).equals(saved)).toBe(true);
      expect(readdirSync(directory)).toEqual([cacheFile.slice(directory.length + 1)]);
      joined.servable.data.dispose();
      whole.servable.data.dispose();
    } finally {
      held.open(); // the download is never left held
    }
  });

  it('keeps the bytes asked to be held as they arrive, identical to the file, parts already in included', async () => {
    const file = join(cacheDir(), 'held.cgsnap');
    const download = (await SnapshotDownload.start(database, 1, file))!;
    try {
      // Part 1 comes first (as a directory read from the parts would); the held ranges then straddle it.
      await download.fetch([{ offset: PART, length: PART }]);
      const held: HeldRange[] = [
        { offset: 100, bytes: new Uint8Array(3 * PART) },
        { offset: 5 * PART + 7, bytes: new Uint8Array(PART - 7) },
      ];
      await download.fetch(
        held.map(({ offset, bytes }) => ({ offset, length: bytes.length })),
        held,
      );
      for (const { offset, bytes } of held)
        expect(Buffer.from(bytes).equals(saved.subarray(offset, offset + bytes.length))).toBe(true);
    } finally {
      download.abort();
    }
  });

  /**
   * The store's snapshot downloaded as a joining replica does, through `change`, which may alter the
   * partial file or the held bytes once the start parts are in.
   */
  const openChanged = async (change: (partialFile: string, held: readonly HeldRange[]) => void) => {
    const file = join(cacheDir(), 'changed.cgsnap');
    const download = (await SnapshotDownload.start(database, 1, file))!;
    const arriving: ArrivingFile = {
      size: download.size,
      knownEnd: download.knownEnd,
      openForReading: () => download.openForReading(),
      has: (range) => download.has(range),
      until: (range) => download.until(range),
      fetch: async (ranges, into = []) => {
        await download.fetch(ranges, into);
        change(download.partialFile, into);
      },
      continueWith: (first) => download.continueWith(first),
      finish: (check) => download.finish(check),
      abort: () => download.abort(),
    };
    return openArrivingSnapshot(arriving, file);
  };
  const startEntries = () => readStoredZip(saved, { verify: false }).filter((entry) => START_ENTRIES.has(entry.name));

  it('opens the start tables from the memory their parts arrived in, not read back from the file', async () => {
    // The start tables' bytes zeroed in the file once in: only the bytes held as they arrived are right.
    const opened = await openChanged((partialFile) => {
      const fd = openSync(partialFile, 'r+');
      for (const entry of startEntries()) writeSync(fd, new Uint8Array(entry.length), 0, entry.length, entry.offset);
      closeSync(fd);
    });
    const referenceFile = join(cacheDir(), 'reference.cgsnap');
    writeFileSync(referenceFile, saved);
    const reference = openSnapshotFile(referenceFile);
    try {
      expect(opened.manifest).toEqual(reference.manifest);
      expect(Object.keys(opened.eagerColumns).length).toBeGreaterThan(10);
      expect(opened.eagerColumns).toEqual(reference.eagerColumns);
      expect(opened.metrics).toEqual(reference.metrics);
    } finally {
      opened.tables.close();
      reference.tables.close();
    }
  });

  it('refuses a start table damaged in the memory it arrived in (its CRC-32), though the file is sound', async () => {
    await expect(
      openChanged((_, held) => {
        const entry = startEntries().find((candidate) => candidate.name !== 'manifest.json')!;
        const span = held.find(({ offset, bytes }) => entry.offset >= offset && entry.offset < offset + bytes.length)!;
        span.bytes[entry.offset - span.offset + 3]! ^= 0xff;
      }),
    ).rejects.toThrow(/checksum|CRC/u);
  });

  it('knows where every table lies from the directory saved with the snapshot: ready while the parts holding it are held back', async () => {
    const stored = await database.query<{ directory: Buffer }>('SELECT directory FROM version_snapshots');
    expect(stored.rows[0]!.directory.equals(saved.subarray(directoryOffset))).toBe(true);
    const parts = Math.ceil(saved.length / PART);
    // The parts holding the archive's end and nothing a start reads (the directory is over a kilobyte).
    const directoryOnly = [...Array(parts).keys()].filter((part) => part * PART >= directoryOffset);
    expect(directoryOnly.length).toBeGreaterThan(0);
    const held = gate();
    const asked: number[] = [];
    const joining = joinHolding(cacheDir(), directoryOnly, held.promise, asked, 'the directory parts are held');
    try {
      // Would never resolve if the directory were read from the parts before the start tables.
      const joined = await joining;
      expect(joined.how).toBe('store-snapshot');
      const whole = await load(cacheDir());
      const app = createApp({ data: joined.servable.data, logging: false });
      expect(await query(app, START)).toEqual(
        await query(createApp({ data: whole.servable.data, logging: false }), START),
      );
      held.open();
      await joined.servable.loaded.snapshot?.downloaded;
      expect(asked).toEqual(expect.arrayContaining(directoryOnly));
      joined.servable.data.dispose();
      whole.servable.data.dispose();
    } finally {
      held.open();
    }
  });

  it('does not use a directory saved with the snapshot that does not match its SHA-256: reads it from the parts', async () => {
    const stored = await database.query<{ directory: Buffer }>('SELECT directory FROM version_snapshots');
    await database.query(
      'UPDATE version_snapshots SET directory = set_byte(directory, 50, (get_byte(directory, 50) + 1) % 256)',
    );
    try {
      const asked: number[] = [];
      const directory = cacheDir();
      const joined = await load(directory, {
        shareSnapshots: true,
        lazyTables: true,
        snapshotDownload: { receivedPart: (part) => void asked.push(part) },
      });
      expect(joined.how).toBe('store-snapshot'); // not built from the rows: nothing was read from the damaged one
      expect(asked[0]! * PART + PART).toBeGreaterThan(directoryOffset); // the directory came first, from the parts
      const whole = await load(cacheDir());
      const app = createApp({ data: joined.servable.data, logging: false });
      expect(await query(app, START)).toEqual(
        await query(createApp({ data: whole.servable.data, logging: false }), START),
      );
      await joined.servable.loaded.snapshot?.downloaded;
      expect(readdirSync(directory).map((name) => readFileSync(join(directory, name)).equals(saved))).toEqual([true]);
      joined.servable.data.dispose();
      whole.servable.data.dispose();
    } finally {
      await database.query('UPDATE version_snapshots SET directory = $1', [stored.rows[0]!.directory]);
    }
  });

  it('retries a part damaged on the way: the download completes and answers as the saved file', async () => {
    const original = await database.query<{ bytes: Buffer }>(
      'SELECT bytes FROM version_snapshot_parts WHERE version_id = 1 AND part = $1',
      [textPart],
    );
    await database.query(
      `UPDATE version_snapshot_parts SET bytes = set_byte(bytes, 7, (get_byte(bytes, 7) + 1) % 256)
       WHERE version_id = 1 AND part = $1`,
      [textPart],
    );
    const directory = cacheDir();
    const joined = await load(directory, {
      shareSnapshots: true,
      lazyTables: true,
      snapshotDownload: { retryDelaysMs: [1000, 1000] },
    });
    expect(joined.how).toBe('store-snapshot');
    // Mended in the store before the next COPY (1 s after the first failed).
    await database.query('UPDATE version_snapshot_parts SET bytes = $2 WHERE version_id = 1 AND part = $1', [
      textPart,
      original.rows[0]!.bytes,
    ]);
    const app = createApp({ data: joined.servable.data, logging: false });
    expect(await query(app, TEXT)).toEqual({ paper: { title: 'Paper p2', venue: 'EMNLP' } });
    await joined.servable.loaded.snapshot?.downloaded;
    expect(readdirSync(directory).map((name) => readFileSync(join(directory, name)).equals(saved))).toEqual([true]);
    joined.servable.data.dispose();
  });

  it('refuses a download damaged after ready: what needs a table not in fails UNAVAILABLE, the cache keeps nothing', async () => {
    await database.query(
      `UPDATE version_snapshot_parts SET bytes = set_byte(bytes, 7, (get_byte(bytes, 7) + 1) % 256)
       WHERE version_id = 1 AND part = $1`,
      [textPart],
    );
    const directory = cacheDir();
    const notes: string[] = [];
    const joined = await load(directory, {
      shareSnapshots: true,
      lazyTables: true,
      onNote: (note) => notes.push(note),
      snapshotDownload: { retryDelaysMs: [10, 10] },
    });
    expect(joined.how).toBe('store-snapshot'); // what a start reads is sound: served
    const app = createApp({ data: joined.servable.data, logging: false });
    const whole = createApp({ data: (await load(cacheDir())).servable.data, logging: false }); // built from the rows
    expect(await query(app, START)).toEqual(await query(whole, START));

    await expect(joined.servable.loaded.snapshot?.downloaded).rejects.toThrow(
      new RegExp(`part ${textPart} does not match its SHA-256`, 'u'),
    );
    const errors = await failure(app, TEXT);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'UNAVAILABLE', message: expect.stringMatching(/does not match its SHA-256/u) }),
    ]);
    expect(notes.join('\n')).toMatch(
      /could not be downloaded .*fails with UNAVAILABLE, \/ready answers 503 until a new version is served, and the cache keeps nothing/u,
    );
    expect(readdirSync(directory)).toEqual([]); // neither the file nor the partial download
    // Queries of the tables read at start still answer.
    expect(await query(app, START)).toEqual(await query(whole, START));
    joined.servable.data.dispose();
  });

  it('a replica whose download failed after ready says so on /ready: 503 until a new version is served', async () => {
    // The part damaged by the test above is still damaged in the store.
    const io = captureIO();
    const started = await startStoreReplica(
      serveConfig(['--database', testDatabase.url, '--cache-dir', cacheDir(), '--version-poll', '600']),
      { io },
    );
    if ('failure' in started) throw new Error(started.failure);
    try {
      const { follower } = started;
      // Connected and serving while the later parts are retried (0.5, 1 and 2 s apart).
      await until(() => follower.ready(), 'the replica is ready');
      await until(() => /could not be downloaded/u.test(io.stderr), 'the download has failed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(follower.ready()).toBe(false);
      expect(io.stderr).toMatch(/\/ready answers 503 until a new version is served/u);
    } finally {
      await started.close();
    }
  });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 30_000) throw new Error(`waited 30 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
