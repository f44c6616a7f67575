/**
 * One process of the shared-pass bench (section l, shared-pass-bench.ts): loads the network, starts its
 * pass threads and computes the network's estimates on them (a replica holds them since its
 * estimates), opens its store connections (a replica holds them since it started), says "ready" on stdout, waits for "go" on
 * stdin, then joins the version's shared pass on those threads and prints one JSON line with its wall
 * time and CPU time (threads included, from "go" to the combined values) and the chunks it computed.
 *
 *   node --import tsx src/bench/shared-pass-child.ts DATABASE_URL VERSION DATA_FILE MAX_AUTHORS_PER_PAPER THREADS
 */
import { createInterface } from 'node:readline';
import { connectDatabase } from '../db/database.ts';
import { joinSharedPass } from '../db/shared-pass.ts';
import { loadData } from '../commands/load-data.ts';
import { progressBar } from '../commands/progress-bar.ts';
import { openPassThreads } from '../work/pass-threads.ts';
import { estimateAllPairsCentrality } from '../analysis/all-pairs-centrality.ts';

const [url, version, file, maxAuthors, threads] = process.argv.slice(2);
if (url === undefined || version === undefined || file === undefined) {
  process.stderr.write('usage: shared-pass-child.ts DATABASE_URL VERSION DATA_FILE MAX_AUTHORS_PER_PAPER THREADS\n');
  process.exit(2);
}
const { network } = loadData(
  {
    files: [file],
    aliasFile: null,
    inputFormat: null,
    maxAuthorsPerPaper: Number(maxAuthors ?? 50),
    snapshotFile: null,
  },
  progressBar(process.stderr, { minBytes: Number.POSITIVE_INFINITY }),
);
const database = connectDatabase(url, { applicationName: 'coauthor-graph bench shared pass', maxConnections: 6 });
const pool = openPassThreads(Number(threads ?? 1));
await pool.whenReady();
// The network's estimates, on these threads and this event loop, as a replica's ran before its share
// of the exact pass (the bench's one-process side does the same).
await estimateAllPairsCentrality(network.compact, { pool, threads: Number(threads ?? 1) }).result;
// Connected to the store, as a replica or a worker is by the time it joins a pass.
const connections = await Promise.all(Array.from({ length: 3 }, () => database.connect()));
for (const connection of connections) connection.release();
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let computedHere = 0;
const metrics = await joinSharedPass(database, version, network, {
  threads: Number(threads ?? 1),
  pool,
  onProgress: (progress) => {
    computedHere = progress.computedHere;
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds, computedHere, chunkCount: metrics.chunkCount, computeSeconds: metrics.computeSeconds })}\n`,
);
await pool.close();
await database.end();
process.exit(0);
