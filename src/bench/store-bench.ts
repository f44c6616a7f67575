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
 * The store is a scratch database created on the server of bench-database.ts and dropped afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { BenchOptions } from './options.ts';
import type { Comparison } from './report.ts';
import { benchDatabaseAdminUrl } from './bench-database.ts';
import { runCommand, startServer } from './serve-process.ts';
import { median } from './stats.ts';

export const STORE_TARGETS = {
  /** import / raw-file load. */
  importVsRawLoad: 1.5,
  /** Replica joining an existing version / a snapshot load, start to ready. */
  joinVsSnapshot: 1.5,
} as const;

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
      await runCommand(['db', 'migrate', '--database', store.url]);
      const run = await runCommand([
        'import',
        '--database',
        store.url,
        '--data',
        data,
        '--max-authors-per-paper',
        limit,
      ]);
      imports.push(run.seconds);
      importPeakKb = run.peakKb;

      log(`  (j) round ${i + 1}/${options.repeat}: a replica joins; a snapshot is served`);
      const cache = mkdtempSync(join(scratch, 'replica-cache-'));
      const replicaArgs = ['--cache-dir', cache, '--log-level', 'warn'];
      // The first replica of a new version builds it from the store's rows and shares its snapshot.
      const first = await startServer({
        data: { database: store.url },
        maxAuthorsPerPaper: null,
        cache: true,
        extraArgs: ['--cache-dir', mkdtempSync(join(scratch, 'first-cache-')), '--log-level', 'warn'],
      });
      try {
        firstBuilds.push(first.readySeconds);
        await untilSnapshotShared(store.url);
      } finally {
        await first.stop();
      }
      // A replica joining the existing version, its cache empty.
      const cold = await startServer({
        data: { database: store.url },
        maxAuthorsPerPaper: null,
        cache: true,
        extraArgs: replicaArgs,
      });
      try {
        joins.push(cold.readySeconds);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const kb = cold.rssKb();
        if (kb !== null) replicaKb.push(kb);
      } finally {
        await cold.stop();
      }
      const warm = await startServer({
        data: { database: store.url },
        maxAuthorsPerPaper: null,
        cache: true,
        extraArgs: replicaArgs,
      });
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
