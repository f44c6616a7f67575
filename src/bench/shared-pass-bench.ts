/**
 * Section (l): the shared exact pass (src/db/shared-pass.ts) by two processes of one thread each,
 * against one process's pass with two threads, on the same network and the same 2 cores: the ratio is
 * what coordination through PostgreSQL costs (claims, leases, partial sums written and combined, the
 * plan made by one process and read by the other, the tail of the last chunks); the speed-up of the
 * shared pass comes from more machines, not from here. Each round uses a new version, so each shared pass starts from scratch.
 * Both sides run on pass threads started before the clock starts, and the network's estimates computed on
 * them and on the event loop first, as a replica does (its estimates ran on them first, and the exact
 * pass, its own or its share of the shared one, runs on the same threads): each round of either side
 * then runs on warm code, not the first round of one side alone. Both plan on a pass thread, as a
 * replica does (pass-plan.ts).
 * Needs PostgreSQL: BENCH_DATABASE_URL, else the server at PG_TEST_ADMIN_URL / 127.0.0.1:5432, where a
 * database of its own is created and dropped.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchDatabaseAdminUrl } from './bench-database.ts';
import pg from 'pg';
import { computePlannedAllPairsCentrality, estimateAllPairsCentrality } from '../analysis/all-pairs-centrality.ts';
import { prepareChunkedPass } from '../analysis/chunked-pass.ts';
import { connectDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import { openPassThreads } from '../work/pass-threads.ts';
import { planExactPass } from '../work/pass-plan.ts';
import type { BenchOptions } from './options.ts';
import type { Comparison } from './report.ts';
import { median } from './stats.ts';
import { errorMessage } from '../error-message.ts';

export const SHARED_PASS_TARGET = 1.15;

const CHILD = fileURLToPath(new URL('./shared-pass-child.ts', import.meta.url));
const adminUrl = benchDatabaseAdminUrl;

interface ChildResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly computedHere: number;
  readonly chunkCount: number;
  readonly computeSeconds: number;
}

function startChild(
  url: string,
  version: string,
  file: string,
  maxAuthors: number,
): { child: ChildProcess; ready: Promise<void>; result: Promise<ChildResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, version, file, String(maxAuthors), '1'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  const result = new Promise<ChildResult>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') onReady();
      else if (line.startsWith('{')) resolve(JSON.parse(line) as ChildResult);
    });
    child.once('exit', (code) => reject(new Error(`a shared-pass process exited with code ${code}`)));
  });
  return { child, ready, result };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function sharedPassSection(
  options: BenchOptions,
  sliceFile: string,
  slice: CoauthorNetwork,
  log: (line: string) => void,
): Promise<Comparison[]> {
  const what = `exact pass, papers of ${options.sliceYears.join('–')}: shared by 2 processes × 1 thread`;
  const name = `cg_bench_shared_pass_${randomBytes(4).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    return [
      {
        what,
        unit: 'seconds',
        ours: null,
        peer: 'one process × 2 threads',
        theirs: null,
        target: SHARED_PASS_TARGET,
        note: `no PostgreSQL at ${adminUrl} (${errorMessage(error)}); set BENCH_DATABASE_URL`,
      },
    ];
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = connectDatabase(url.toString());
  // The single process's pass threads, up before its first round (as the children's are before "ready").
  const pool = openPassThreads(2);
  try {
    await pool.whenReady();
    await estimateAllPairsCentrality(slice.compact, { pool, threads: 2 }).result;
    await migrate(database);
    const shared: number[] = [];
    const single: number[] = [];
    // CPU time (threads included): what the work costs, much less disturbed than wall time by other
    // processes on a busy machine.
    const sharedCpu: number[] = [];
    const singleCpu: number[] = [];
    const split: string[] = [];
    let chunkCount = 0;
    let computeSeconds = 0;
    // Where the overhead goes: one process plans the pass (renumbering, plan, fingerprint), the other reads it...
    const planStarted = process.hrtime.bigint();
    prepareChunkedPass(slice.compact);
    const planSeconds = Number(process.hrtime.bigint() - planStarted) / 1e9;
    // ...then per process: thread time in its chunks, and the rest of its wall time (claims, lease
    // renewals, writes, waiting for the other's last chunk, combining).
    const perProcess: string[] = [];
    for (let round = 0; round < options.repeat; round += 1) {
      log(`  shared pass on ${options.sliceYears.join('-')}: round ${round + 1}/${options.repeat}`);
      // One process, two threads (as a replica without a database runs it: planned on a pass thread).
      const started = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      const planned = await planExactPass(slice.compact, () => pool);
      await computePlannedAllPairsCentrality(planned, { threads: 2, pool }).result;
      single.push(Number(process.hrtime.bigint() - started) / 1e9);
      const cpu = process.cpuUsage(cpuStart);
      singleCpu.push((cpu.user + cpu.system) / 1e6);
      // Two processes of one thread, on a new version; timed from "go" (both hold the network) to both done.
      const { rows } = await database.query<{ id: string }>(
        `WITH i AS (INSERT INTO imports (input_key, files, paper_count) VALUES ('bench', '[]'::jsonb, 0) RETURNING id)
         INSERT INTO network_versions (import_id, reason) SELECT id, 'import' FROM i RETURNING id`,
      );
      const version = (rows[0] as { id: string }).id;
      const children = [0, 1].map(() => startChild(url.toString(), version, sliceFile, options.maxAuthorsPerPaper));
      try {
        await Promise.all(children.map((c) => c.ready));
        const go = process.hrtime.bigint();
        for (const c of children) c.child.stdin?.write('go\n');
        const results = await Promise.all(children.map((c) => c.result));
        shared.push(Number(process.hrtime.bigint() - go) / 1e9);
        sharedCpu.push(results.reduce((sum, r) => sum + r.cpuSeconds, 0));
        split.push(results.map((r) => r.computedHere).join('+'));
        chunkCount = results[0]?.chunkCount ?? 0;
        computeSeconds = results[0]?.computeSeconds ?? 0;
        const threadTime = await database.query<{ seconds: number }>(
          `SELECT sum(compute_seconds)::float8 AS seconds FROM shared_pass_chunks WHERE version_id = $1
            GROUP BY computed_by ORDER BY computed_by`,
          [version],
        );
        perProcess.push(
          `chunks ${threadTime.rows.map((row) => row.seconds.toFixed(1)).join(' + ')} s of thread time, walls ${results.map((r) => r.seconds.toFixed(1)).join(' / ')} s`,
        );
      } finally {
        for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
      }
    }
    const ours = median(shared);
    return [
      {
        what: `${what}: CPU time, both processes`,
        unit: 'seconds',
        ours: median(sharedCpu),
        peer: 'one process × 2 threads',
        theirs: median(singleCpu),
        target: SHARED_PASS_TARGET,
        note: `CPU runs ${sharedCpu.map((s) => s.toFixed(1)).join(', ')} s vs ${singleCpu.map((s) => s.toFixed(1)).join(', ')} s`,
      },
      {
        what,
        unit: 'seconds',
        ours,
        peer: 'one process × 2 threads',
        theirs: median(single),
        target: SHARED_PASS_TARGET,
        note: `${slice.compact.order.toLocaleString('en')} authors; ${chunkCount} chunks split ${split.join(', ')} between the processes; ${computeSeconds.toFixed(1)} s of thread time in all chunks (last round); shared runs ${shared.map((s) => s.toFixed(1)).join(', ')} s, single ${single.map((s) => s.toFixed(1)).join(', ')} s; planning ${planSeconds.toFixed(2)} s (one process plans, the other reads the plan); per process (round by round): ${perProcess.join('; ')}`,
      },
    ];
  } finally {
    await pool.close();
    await database.end();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
}
