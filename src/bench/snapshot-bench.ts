/**
 * `npm run bench` section (h): one network built once and shared.
 *
 * Two snapshots of the corpus are served, because what runs at ready differs:
 * - built as `coauthor-graph build` makes it by default, holding estimates of betweenness, closeness
 *   and harmonic: the server starts the exact pass once it is ready, so its threads (and their memory)
 *   come right after the ready line;
 * - built with `--exact`: the exact values are in the file and no pass runs.
 * For each: `build`'s time and peak memory; start to ready, against NetworkX's parse+build measured in
 * the same run; resident memory (the whole process: main thread, request worker, pass threads) at the
 * ready line and once settled (after the first ranking and half a second more; with estimates, the exact
 * pass is running by then), against the Python process holding the NetworkX graph; the first
 * betweenness ranking asked right after ready. What each further request worker adds is measured on
 * the exact snapshot (no pass threads coming and going): three workers against one.
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
  const kinds: SnapshotKind[] = [
    { name: 'estimates', file: join(scratch, 'bench.cgsnap'), exact: false, ...emptyRuns() },
    { name: 'exact', file: join(scratch, 'bench-exact.cgsnap'), exact: true, ...emptyRuns() },
  ];
  const rows: Comparison[] = [];
  for (const kind of kinds) {
    log(`  building the snapshot${kind.exact ? ' with --exact (the exact pass runs in the build)' : ''}`);
    const build = await runCommand([
      'build',
      '--data',
      data,
      '--max-authors-per-paper',
      String(options.maxAuthorsPerPaper),
      '--no-cache',
      ...(kind.exact ? ['--exact'] : []),
      '--out',
      kind.file,
    ]);
    rows.push({
      what: kind.exact
        ? 'build the snapshot with --exact (parse, network, local metrics, exact pass, write)'
        : 'build the snapshot (parse, network, local metrics, estimates, write)',
      unit: 'seconds',
      ours: build.seconds,
      peer: null,
      theirs: null,
      target: null,
      note: `peak memory ${Math.round((build.peakKb ?? 0) / 1024)} MB`,
    });
  }

  const networkx: number[] = [];
  let networkxKb: number | null = null;
  for (let i = 0; i < options.repeat; i += 1) {
    for (const kind of kinds) {
      log(`  serving the snapshot with ${kind.name}: round ${i + 1}/${options.repeat}`);
      const server = await startServer({ data: { snapshot: kind.file }, maxAuthorsPerPaper: null });
      try {
        kind.ready.push(server.readySeconds);
        if (server.readyRssKb !== null) kind.readyKb.push(server.readyRssKb);
        const started = process.hrtime.bigint();
        await server.query(RANKING);
        kind.firstRanking.push(Number(process.hrtime.bigint() - started) / 1e9);
        // Once the process has settled: the first ranking sorted its scores; with estimates, the
        // exact pass has started.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const kb = server.rssKb();
        if (kb !== null) kind.settledKb.push(kb);
      } finally {
        await server.stop();
      }
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
  const exact = kinds[1] as SnapshotKind;
  log('  serving the snapshot with exact values with three request workers');
  const three = await startServer({
    data: { snapshot: exact.file },
    maxAuthorsPerPaper: null,
    extraArgs: ['--request-threads', '3'],
  });
  let threeReadyKb: number | null;
  let threeSettledKb: number | null;
  try {
    threeReadyKb = three.readyRssKb;
    await new Promise((resolve) => setTimeout(resolve, 500));
    threeSettledKb = three.rssKb();
  } finally {
    await three.stop();
  }
  const nx = networkx.length === 0 ? null : median(networkx);
  const mb = (kb: number | null) => `${Math.round((kb ?? 0) / 1024)} MB`;
  for (const kind of kinds) {
    const held = kind.exact ? 'exact values: no pass runs' : 'estimates: the exact pass starts at ready';
    const readyKb = kind.readyKb.length === 0 ? null : median(kind.readyKb);
    const settledKb = kind.settledKb.length === 0 ? null : median(kind.settledKb);
    rows.push(
      {
        what: `start to ready, serving the snapshot (${held})`,
        unit: 'seconds',
        ours: median(kind.ready),
        peer: 'NetworkX parse+build',
        theirs: nx,
        target: SNAPSHOT_TARGETS.readyFromSnapshot,
      },
      {
        what: `resident memory at the ready line, snapshot (${held}), 1 request worker`,
        unit: 'kilobytes',
        ours: readyKb,
        peer: 'NetworkX graph in Python',
        theirs: networkxKb,
        target: SNAPSHOT_TARGETS.memory,
      },
      {
        what: `resident memory settled (first ranking + 0.5 s${kind.exact ? '' : ', the exact pass running'}), snapshot (${held}), 1 request worker`,
        unit: 'kilobytes',
        ours: settledKb,
        peer: 'NetworkX graph in Python',
        theirs: networkxKb,
        target: SNAPSHOT_TARGETS.memory,
      },
      {
        what: `first betweenness ranking after ready (${held})`,
        unit: 'seconds',
        ours: median(kind.firstRanking),
        peer: null,
        theirs: null,
        target: SNAPSHOT_TARGETS.firstRankingSeconds,
      },
    );
  }
  const oneReadyKb = exact.readyKb.length === 0 ? null : median(exact.readyKb);
  const oneSettledKb = exact.settledKb.length === 0 ? null : median(exact.settledKb);
  rows.push(
    {
      what: 'resident memory each further request worker adds (exact snapshot, at the ready line)',
      unit: 'kilobytes',
      ours: oneReadyKb === null || threeReadyKb === null ? null : (threeReadyKb - oneReadyKb) / 2,
      peer: null,
      theirs: null,
      target: SNAPSHOT_TARGETS.furtherWorkerKb,
      note: `1 worker ${mb(oneReadyKb)}, 3 workers ${mb(threeReadyKb)}`,
    },
    {
      what: 'resident memory each further request worker adds (exact snapshot, settled)',
      unit: 'kilobytes',
      ours: oneSettledKb === null || threeSettledKb === null ? null : (threeSettledKb - oneSettledKb) / 2,
      peer: null,
      theirs: null,
      target: SNAPSHOT_TARGETS.furtherWorkerKb,
      note: `1 worker ${mb(oneSettledKb)}, 3 workers ${mb(threeSettledKb)}`,
    },
  );
  return rows;
}

interface SnapshotKind {
  readonly name: string;
  readonly file: string;
  /** Built with --exact: no pass runs when it is served. */
  readonly exact: boolean;
  readonly ready: number[];
  /** VmRSS at the ready line. */
  readonly readyKb: number[];
  /** VmRSS after the first ranking and half a second more. */
  readonly settledKb: number[];
  readonly firstRanking: number[];
}

function emptyRuns(): Pick<SnapshotKind, 'ready' | 'readyKb' | 'settledKb' | 'firstRanking'> {
  return { ready: [], readyKb: [], settledKb: [], firstRanking: [] };
}
