/**
 * `npm run bench` section (j): the shared PostgreSQL store (issue 14), against what it replaces,
 * measured in the same run:
 *
 * - `coauthor-graph import` of the corpus into an empty store (parse, then COPY of every record in
 *   one transaction) against loading the raw file (`check`: parse and build the network), both as
 *   processes from start to exit; target ≤ 1.5×;
 * - a replica joining an existing version (`serve --database`, its local cache empty: it downloads
 *   the snapshot the version's first replica saved in the store) against serving a snapshot file,
 *   start to ready; target ≤ 1.5×. The first replica of a version (which builds it from the store's
 *   rows in a worker thread) and a replica restarting with the version in its cache are shown too;
 * - resident memory of a replica at ready (the figure the deployment notes use).
 *
 * Section (m), curation across replicas: the corpus imported, its first replica builds the version and
 * shares its snapshot; a replica joins it alone, alternated with serving that snapshot file (the join
 * ratio again, in the same run: each with the machine to itself); then two replicas join it and serve
 * it, each running its share of the exact pass meanwhile, as in a deployment; a curator's mutations (rename, merge, split, revert of the split, reject, revert
 * of the merge) are sent to one, and the time from sending each until the other answers with the
 * version it produced is taken; median and p99 (the slowest of the few) against 2 s.
 *
 * The store is a scratch database created on the server of bench-database.ts and dropped afterwards.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase } from '../db/database.ts';
import { fetchVersionSnapshot } from '../db/version-snapshots.ts';
import type { BenchOptions } from './options.ts';
import type { Comparison } from './report.ts';
import { benchDatabaseAdminUrl } from './bench-database.ts';
import { type RunningServer, runCommand, startServer } from './serve-process.ts';
import { median } from './stats.ts';
import { errorMessage } from '../error-message.ts';

export const STORE_TARGETS = {
  /** import / raw-file load. */
  importVsRawLoad: 1.5,
  /** Replica joining an existing version / a snapshot load, start to ready. */
  joinVsSnapshot: 1.5,
  /** Seconds from sending a curation mutation to one replica until a second one serves its version (p99). */
  curationVisible: 2,
} as const;

interface MutationAnswer {
  readonly data?: Record<string, { id: string; networkVersion: string }>;
  readonly errors?: readonly { message: string }[];
}

async function postGraphql(url: string, query: string, token?: string): Promise<MutationAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as MutationAnswer;
}

/**
 * Sends curation mutations to replica `one` and measures, for each, the seconds from sending it until
 * replica `two` answers with the version it produced (polled every 20 ms).
 */
async function curationVisibility(
  one: RunningServer,
  two: RunningServer,
  token: string,
  log: (line: string) => void,
): Promise<number[]> {
  const top = await two.query<{ authors: { edges: { node: { id: string } }[] } }>(
    '{ authors(orderBy: PAPER_COUNT, first: 6) { edges { node { id } } } }',
  );
  const [a, b, c, d, e] = top.authors.edges.map((edge) => edge.node.id) as [string, string, string, string, string];
  const papersOfC = await two.query<{ author: { papers: { edges: { node: { id: string } }[] } } }>(
    `{ author(id: "${c}") { papers(first: 2) { edges { node { id } } } } }`,
  );
  const moved = JSON.stringify(papersOfC.author.papers.edges.map((edge) => edge.node.id));
  const entries: Record<string, string> = {};
  const mutations: [label: string, text: () => string][] = [
    ['rename', () => `renameAuthor(authorId: "${a}", name: "Renamed By The Bench")`],
    ['merge', () => `mergeAuthors(authorIds: ["${b}", "${c}"], note: "bench")`],
    ['split', () => `splitAuthor(authorId: "${b}", paperIds: ${moved}, name: "Split Off By The Bench")`],
    ['revert the split', () => `revertCuration(id: "${entries['split']}")`],
    ['reject', () => `rejectDuplicateCandidate(authorIds: ["${d}", "${e}"])`],
    ['revert the merge', () => `revertCuration(id: "${entries['merge']}")`],
  ];
  const seconds: number[] = [];
  for (const [label, text] of mutations) {
    const started = performance.now();
    const answer = await postGraphql(one.url, `mutation { m: ${text()} { id networkVersion } }`, token);
    const result = answer.data?.['m'];
    if (result === undefined) {
      log(`  (m) ${label}: the mutation failed: ${answer.errors?.map((error) => error.message).join('; ')}`);
      continue;
    }
    entries[label] = result.id;
    const answeredBy = (performance.now() - started) / 1000;
    for (;;) {
      const seen = await two.query<{ networkVersion: string }>('{ networkVersion }');
      if (seen.networkVersion === result.networkVersion) break;
      if (performance.now() - started > 600_000)
        throw new Error(`the second replica never served version ${result.networkVersion}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const visible = (performance.now() - started) / 1000;
    seconds.push(visible);
    // Its local metrics that need the whole network come later (stale meanwhile): the other replica notes when.
    let fresh = '';
    if (label !== 'reject') {
      const note = new RegExp(
        `local metrics of network version ${result.networkVersion} are computed \\(([\\d.]+) s after`,
        'u',
      );
      for (;;) {
        if (note.test(two.stderrTail())) {
          fresh = `; its local metrics fresh ${((performance.now() - started) / 1000).toFixed(2)} s after sending`;
          break;
        }
        if (performance.now() - started > 300_000) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    log(
      `  (m) ${label}: answered by the replica asked in ${answeredBy.toFixed(2)} s, served by the other ${visible.toFixed(2)} s after sending${fresh}`,
    );
  }
  return seconds;
}

const adminUrl = benchDatabaseAdminUrl;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function scratchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cg_bench_${label}_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Waits until a replica has saved the version's snapshot in the store (at most 10 minutes). */
async function untilSnapshotShared(url: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    while ((await client.query('SELECT 1 FROM version_snapshots')).rowCount === 0) {
      if (Date.now() > deadline) throw new Error('no replica saved the snapshot in the store within 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
}

/** Waits until a replica's cache folder holds a snapshot file (its download moved in whole; at most 10 minutes). */
async function untilCached(dir: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!readdirSync(dir).some((name) => name.endsWith('.cgsnap'))) {
    if (Date.now() > deadline) throw new Error(`no snapshot reached the cache ${dir} within 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `db migrate` and `import` of `data` into the empty store at `url`; the import's run (time, peak memory). */
async function importInto(url: string, data: string, maxAuthorsPerPaper: number) {
  await runCommand(['db', 'migrate', '--database', url]);
  return runCommand([
    'import',
    '--database',
    url,
    '--data',
    data,
    '--max-authors-per-paper',
    String(maxAuthorsPerPaper),
  ]);
}

/**
 * A replica of the store at `url` (`serve --database`), with its local cache in `cacheDir` (a new,
 * empty one under `scratch` when a prefix is given instead), quiet (`--log-level warn`).
 */
function startReplica(
  url: string,
  cache: { readonly dir: string } | { readonly scratch: string; readonly prefix: string },
  extraArgs: readonly string[] = [],
): Promise<RunningServer> {
  const dir = 'dir' in cache ? cache.dir : mkdtempSync(join(cache.scratch, cache.prefix));
  return startServer({
    data: { database: url },
    maxAuthorsPerPaper: null,
    cache: true,
    extraArgs: ['--cache-dir', dir, '--log-level', 'warn', ...extraArgs],
  });
}

/** The first replica of the store's new version: it builds the version from the rows and shares its snapshot; start to ready. */
async function firstReplica(url: string, scratch: string, prefix: string): Promise<number> {
  const first = await startReplica(url, { scratch, prefix });
  try {
    await untilSnapshotShared(url);
    return first.readySeconds;
  } finally {
    await first.stop();
  }
}

export async function storeSection(
  options: BenchOptions,
  data: string,
  scratch: string,
  log: (line: string) => void,
): Promise<Comparison[]> {
  const limit = String(options.maxAuthorsPerPaper);
  const imports: number[] = [];
  const rawLoads: number[] = [];
  const joins: number[] = [];
  const firstBuilds: number[] = [];
  const warmJoins: number[] = [];
  const snapshotLoads: number[] = [];
  const replicaKb: number[] = [];
  let importPeakKb: number | null = null;
  const snapshot = join(scratch, 'store-bench.cgsnap');
  log('  (j) building the snapshot the replicas are compared with');
  await runCommand(['build', '--data', data, '--max-authors-per-paper', limit, '--no-cache', '--out', snapshot]);
  let store: { url: string; drop(): Promise<void> } | null = null;
  try {
    for (let i = 0; i < options.repeat; i += 1) {
      log(`  (j) round ${i + 1}/${options.repeat}: raw-file load, import into an empty store`);
      rawLoads.push(
        (await runCommand(['check', '--data', data, '--max-authors-per-paper', limit, '--candidates', '0'])).seconds,
      );
      await store?.drop();
      store = await scratchDatabase('store');
      const run = await importInto(store.url, data, options.maxAuthorsPerPaper);
      imports.push(run.seconds);
      importPeakKb = run.peakKb;

      log(`  (j) round ${i + 1}/${options.repeat}: a replica joins; a snapshot is served`);
      firstBuilds.push(await firstReplica(store.url, scratch, 'first-cache-'));
      // A replica joining the existing version, its cache empty; then restarting with it in that cache.
      const cache = { dir: mkdtempSync(join(scratch, 'replica-cache-')) };
      const cold = await startReplica(store.url, cache);
      try {
        joins.push(cold.readySeconds);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const kb = cold.rssKb();
        if (kb !== null) replicaKb.push(kb);
        // Ready before its download is whole: the restart below is timed once the file is in the cache.
        await untilCached(cache.dir);
      } finally {
        await cold.stop();
      }
      const warm = await startReplica(store.url, cache);
      warmJoins.push(warm.readySeconds);
      await warm.stop();
      const fromSnapshot = await startServer({ data: { snapshot }, maxAuthorsPerPaper: null });
      snapshotLoads.push(fromSnapshot.readySeconds);
      await fromSnapshot.stop();
    }
  } finally {
    await store?.drop();
  }
  const m = (values: number[]) => (values.length === 0 ? null : median(values));
  return [
    {
      what: 'import into the store (parse + COPY, one transaction), start to exit',
      unit: 'seconds',
      ours: m(imports),
      peer: 'raw-file load (check: parse + build)',
      theirs: m(rawLoads),
      target: STORE_TARGETS.importVsRawLoad,
      note: importPeakKb === null ? '' : `import peak memory ${Math.round(importPeakKb / 1024)} MB`,
    },
    {
      what: 'first replica of a new version (builds it from the store rows), start to ready',
      unit: 'seconds',
      ours: m(firstBuilds),
      peer: 'serve --snapshot',
      theirs: m(snapshotLoads),
      target: null,
    },
    {
      what: 'replica joining an existing version (empty cache: the store snapshot), start to ready',
      unit: 'seconds',
      ours: m(joins),
      peer: 'serve --snapshot',
      theirs: m(snapshotLoads),
      target: STORE_TARGETS.joinVsSnapshot,
    },
    {
      what: 'replica restarting with the version in its local cache, start to ready',
      unit: 'seconds',
      ours: m(warmJoins),
      peer: 'serve --snapshot',
      theirs: m(snapshotLoads),
      target: STORE_TARGETS.joinVsSnapshot,
    },
    {
      what: 'replica resident memory at ready (one request worker)',
      unit: 'kilobytes',
      ours: m(replicaKb),
      peer: null,
      theirs: null,
      target: null,
    },
  ];
}

/** Section (m): see the header. */
export async function curationSection(
  options: BenchOptions,
  data: string,
  scratch: string,
  log: (line: string) => void,
): Promise<Comparison[]> {
  const joins: number[] = [];
  const snapshotLoads: number[] = [];
  const curationSeconds: number[] = [];
  // The two replicas the mutations go through: the second joins while the first runs its share of the pass.
  const curationJoins: number[] = [];
  const store = await scratchDatabase('curation');
  try {
    log('  (m) import into an empty store; the first replica builds the version and shares its snapshot');
    await importInto(store.url, data, options.maxAuthorsPerPaper);
    await firstReplica(store.url, scratch, 'curation-first-');
    // The snapshot the store shares, served as a file: what a joining replica is compared with.
    const snapshot = join(scratch, 'curation-version.cgsnap');
    const { rows } = await (async () => {
      const client = new pg.Client({ connectionString: store.url });
      await client.connect();
      try {
        return await client.query<{ version_id: string }>('SELECT version_id FROM version_snapshots LIMIT 1');
      } finally {
        await client.end();
      }
    })();
    const database = connectDatabase(store.url, { maxConnections: 1 });
    try {
      await fetchVersionSnapshot(database, Number(rows[0]?.version_id), snapshot);
    } finally {
      await database.end();
    }
    // A replica joining alone, alternated with the same snapshot served as a file: the two compared
    // under the same conditions (each with the machine to itself).
    for (let i = 0; i < options.repeat; i += 1) {
      try {
        const served = await startServer({ data: { snapshot }, maxAuthorsPerPaper: null });
        snapshotLoads.push(served.readySeconds);
        await served.stop();
      } catch (error) {
        log(`  (m) the store's snapshot could not be served as a file: ${errorMessage(error)}`);
      }
      const joining = await startReplica(store.url, { scratch, prefix: 'curation-join-' });
      joins.push(joining.readySeconds);
      await joining.stop();
    }
    const token = (await runCommand(['token', 'create', '--role', 'curator', '--database', store.url])).stdout
      .trim()
      .split('\n')
      .at(-1) as string;
    const replica = async () => {
      // A mutation answers once its replica serves the version it made: give it room on a busy machine.
      const started = await startReplica(store.url, { scratch, prefix: 'curation-cache-' }, ['--time-budget', '300']);
      curationJoins.push(started.readySeconds);
      return started;
    };
    log(
      '  (m) two replicas join the version (the store snapshot); mutations sent to one, timed until the other serves them',
    );
    const one = await replica();
    try {
      const two = await replica();
      try {
        curationSeconds.push(...(await curationVisibility(one, two, token, log)));
      } finally {
        await two.stop();
      }
    } finally {
      await one.stop();
    }
  } finally {
    await store.drop();
  }
  const m = (values: number[]) => (values.length === 0 ? null : median(values));
  return [
    {
      what: 'replica joining an existing version (empty cache: the store snapshot, binary COPY), start to ready',
      unit: 'seconds',
      ours: m(joins),
      peer: 'serve --snapshot (the same snapshot)',
      theirs: m(snapshotLoads),
      target: STORE_TARGETS.joinVsSnapshot,
      note: `each alone, alternated; the two replicas of the mutations joined in ${curationJoins.map((seconds) => `${seconds.toFixed(2)} s`).join(' and ')} (the second while the first ran its share of the pass)`,
    },
    {
      what: `curation mutation visible on a second replica, median of ${curationSeconds.length} (send to served)`,
      unit: 'seconds',
      ours: m(curationSeconds),
      peer: null,
      theirs: null,
      target: null,
    },
    {
      what: `curation mutation visible on a second replica, p99 (the slowest of ${curationSeconds.length})`,
      unit: 'seconds',
      ours: curationSeconds.length === 0 ? null : Math.max(...curationSeconds),
      peer: null,
      theirs: null,
      target: STORE_TARGETS.curationVisible,
    },
  ];
}
