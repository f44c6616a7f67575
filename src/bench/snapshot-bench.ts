/**
 * `npm run bench` section (g): one network built once and shared.
 *
 * - `coauthor-graph build` on the corpus: time and peak memory;
 * - start to ready serving the snapshot, against NetworkX's parse+build measured in the same run;
 * - resident memory at ready serving the snapshot with one request worker, against the Python
 *   process holding the NetworkX graph; and what each further request worker adds (three workers
 *   against one);
 * - the first betweenness ranking asked right after ready.
 */
import { join } from 'node:path';
import type { BenchOptions } from './options.ts';
import { type PeerAvailability, runPeer } from './python-peer.ts';
import type { Comparison } from './report.ts';
import { runCommand, startServer } from './serve-process.ts';
import { median } from './stats.ts';
import { errorMessage } from '../error-message.ts';

export const SNAPSHOT_TARGETS = {
  /** Start to ready from the snapshot / NetworkX parse+build. */
  readyFromSnapshot: 0.15,
  /** Resident memory at ready (snapshot, one request worker) / the NetworkX process. */
  memory: 0.6,
  /** Resident memory each further request worker adds, in kB. */
  furtherWorkerKb: 20 * 1024,
  /** Seconds from ready to the first betweenness ranking. */
  firstRankingSeconds: 2,
} as const;

interface PeerReady {
  readonly peakKb: number | null;
  readonly rssKb?: number | null;
}

const RANKING =
  '{ centralityRanking(metric: BETWEENNESS, first: 10) { nodes { rank score exact sampleSize author { id } } } }';

export async function snapshotSection(
  options: BenchOptions,
  data: string,
  scratch: string,
  peers: PeerAvailability,
  log: (line: string) => void,
): Promise<Comparison[]> {
  const file = join(scratch, 'bench.cgsnap');
  log('  building the snapshot');
  const build = await runCommand([
    'build',
    '--data',
    data,
    '--max-authors-per-paper',
    String(options.maxAuthorsPerPaper),
    '--no-cache',
    '--out',
    file,
  ]);
  const rows: Comparison[] = [
    {
      what: 'build the snapshot (parse, network, local metrics, estimates, write)',
      unit: 'seconds',
      ours: build.seconds,
      peer: null,
      theirs: null,
      target: null,
      note: `peak memory ${Math.round((build.peakKb ?? 0) / 1024)} MB`,
    },
  ];

  const ready: number[] = [];
  const rss: number[] = [];
  const firstRanking: number[] = [];
  const networkx: number[] = [];
  let networkxKb: number | null = null;
  for (let i = 0; i < options.repeat; i += 1) {
    log(`  serving the snapshot: round ${i + 1}/${options.repeat}`);
    const server = await startServer({ data: { snapshot: file }, maxAuthorsPerPaper: null });
    try {
      ready.push(server.readySeconds);
      const started = process.hrtime.bigint();
      await server.query(RANKING);
      firstRanking.push(Number(process.hrtime.bigint() - started) / 1e9);
      // Resident memory once the process has settled (the first ranking sorted its scores).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const kb = server.rssKb();
      if (kb !== null) rss.push(kb);
    } finally {
      await server.stop();
    }
    if (peers.networkx !== null) {
      try {
        const run = await runPeer<PeerReady>(options.python, [
          'ready',
          '--lib',
          'networkx',
          '--data',
          data,
          '--max-authors-per-paper',
          String(options.maxAuthorsPerPaper),
        ]);
        networkx.push(run.firstLineSeconds);
        networkxKb = run.result.rssKb ?? run.result.peakKb;
      } catch (error) {
        log(`  NetworkX failed: ${errorMessage(error)}`);
      }
    }
  }
  log('  serving the snapshot with three request workers');
  const three = await startServer({
    data: { snapshot: file },
    maxAuthorsPerPaper: null,
    extraArgs: ['--request-threads', '3'],
  });
  let threeKb: number | null;
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    threeKb = three.rssKb();
  } finally {
    await three.stop();
  }
  const oneKb = rss.length === 0 ? null : median(rss);
  rows.push(
    {
      what: 'start to ready, serving the snapshot',
      unit: 'seconds',
      ours: median(ready),
      peer: 'NetworkX parse+build',
      theirs: networkx.length === 0 ? null : median(networkx),
      target: SNAPSHOT_TARGETS.readyFromSnapshot,
    },
    {
      what: 'resident memory at ready, snapshot, 1 request worker',
      unit: 'kilobytes',
      ours: oneKb,
      peer: 'NetworkX graph in Python',
      theirs: networkxKb,
      target: SNAPSHOT_TARGETS.memory,
    },
    {
      what: 'resident memory each further request worker adds',
      unit: 'kilobytes',
      ours: oneKb === null || threeKb === null ? null : (threeKb - oneKb) / 2,
      peer: null,
      theirs: null,
      target: SNAPSHOT_TARGETS.furtherWorkerKb,
      note: `1 worker ${Math.round((oneKb ?? 0) / 1024)} MB, 3 workers ${Math.round((threeKb ?? 0) / 1024)} MB`,
    },
    {
      what: 'first betweenness ranking after ready',
      unit: 'seconds',
      ours: median(firstRanking),
      peer: null,
      theirs: null,
      target: SNAPSHOT_TARGETS.firstRankingSeconds,
    },
  );
  return rows;
}
