/**
 * `npm run bench`: coauthor-graph against NetworkX and igraph on the same co-author graph, in one run.
 *
 * Sections (see `npm run bench -- --help` for the options):
 *   (a) process start to ready: our `serve` vs a Python process that parses the file and builds the graph;
 *   (b) median collaboration-path time over random pairs in the largest component vs NetworkX shortest_path;
 *   (c) our exact fused pass vs igraph betweenness() and graph-tool's betweenness() (2 threads) on a range
 *       of years;
 *   (d) PageRank vs igraph's (PRPACK), and whether our top 10 equals igraph's, in order;
 *   (e) peak memory (VmHWM) of our server after ready and after the exact pass vs a Python process
 *       holding the NetworkX graph; our exact pass on the whole corpus (in the server, target 5 min);
 *   (f) load time and memory on seeded synthetic corpora of growing size, the 1 M one also from its snapshot;
 *   (g) author search on a million synthetic names: the trigram index vs a scan of every name;
 *   (h) the snapshot: build, start to ready and resident memory serving it, further request workers,
 *       the first betweenness ranking after ready (snapshot-bench.ts);
 *   (i) k-core, local clustering and Burt's constraint of every author vs igraph's coreness(),
 *       transitivity_local_undirected() and constraint();
 *   (j) the shared PostgreSQL store: import vs the raw-file load, a replica joining a version vs a
 *       snapshot load, a replica's memory (store-bench.ts).
 *   (k) time windows: a collaboration path in {from: 2016} vs the unwindowed one, and the PageRank
 *       ranking of an unseen window (built on request) vs igraph's PageRank on that window's graph;
 *   (l) the exact pass shared by two processes through PostgreSQL vs one process with two threads
 *       (shared-pass-bench.ts);
 *   (m) curation across replicas: a mutation sent to one replica until another serves its version,
 *       against 2 s; a replica joining the version vs serving the same snapshot file (store-bench.ts).
 * Every figure is a median of `--repeat` runs; comparisons are printed as ours / theirs next to the target.
 * Progress goes to stderr, the report to stdout.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { computeAllPairsCentrality } from '../analysis/all-pairs-centrality.ts';
import { LOWEST_PRIORITY, servingPassThreads } from '../analysis/thread-priority.ts';
import { localClustering } from '../analysis/clustering.ts';
import { coreNumbers } from '../analysis/coreness.ts';
import { pagerankScores } from '../analysis/power-iteration.ts';
import { constraint } from '../analysis/structural-holes.ts';
import { countTriangles } from '../analysis/triangles.ts';
import { bestCollaborationPath } from '../analysis/paths.ts';
import { loadData } from '../commands/load-data.ts';
import type { CoauthorNetwork } from '../graph/network.ts';
import { windowNetwork } from '../graph/year-window.ts';
import { rank } from '../analysis/centrality.ts';
import { identityKey } from '../ingest/names.ts';
import { type BenchOptions, type BenchSection, BenchUsageError, benchUsage, parseBenchOptions } from './options.ts';
import { type PeerAvailability, probePeers, runPeer } from './python-peer.ts';
import { largestComponent, randomPairs } from './random-pairs.ts';
import { type Comparison, formatComparisons, verdict } from './report.ts';
import { buildCommand, buildServerBundle, runCommand, startServer } from './serve-process.ts';
import { formatKilobytes, formatSeconds, median } from './stats.ts';
import { errorMessage } from '../error-message.ts';
import { searchBench } from './search-bench.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { dblpSection } from './dblp-bench.ts';
import { waitForExactPass, waitForPassStart } from './exact-progress.ts';
import { snapshotSection } from './snapshot-bench.ts';
import { curationSection, storeSection } from './store-bench.ts';
import { timePaths } from './paths-during-pass.ts';
import { sharedPassSection } from './shared-pass-bench.ts';

/** The issue's targets: ours / theirs at most this much (or, for a figure alone, below this). */
export const TARGETS = {
  startToReady: 1.0,
  /** From the raw file, no cache, against igraph's parse+build. */
  startToReadyIgraph: 1.0,
  path: 0.5,
  fusedPass: 1.0,
  /** Our fused pass (every all-pairs figure) / graph-tool's betweenness() alone on as many threads. */
  fusedPassGraphTool: 0.1,
  fullExactSeconds: 5 * 60,
  pagerank: 2.0,
  memory: 1.5,
  /** Paths over HTTP while the exact pass runs / the same once it is done. */
  pathDuringPassP50: 1.2,
  pathDuringPassP99: 1.5,
  structure: 1.0,
  /** A path in the window {from: 2016} (window built and kept, as the API does) / the same pairs unwindowed. */
  windowedPath: 1.5,
  /** A PageRank ranking of an unseen window, window built included / igraph building that window's graph and running PageRank. */
  windowedPagerank: 0.5,
} as const;

interface ReadyResult {
  readonly nodes: number;
  readonly edges: number;
  readonly papers: number;
  readonly peakKb: number | null;
  readonly parseSeconds: number;
  readonly buildSeconds: number;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(args: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    const parsed = parseBenchOptions(args);
    if (parsed === 'help') {
      process.stdout.write(benchUsage);
      return 0;
    }
    options = parsed;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${benchUsage}`);
    return error instanceof BenchUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }

  const scratch = mkdtempSync(join(tmpdir(), 'coauthor-graph-bench-'));
  const cleanUp = (): void => rmSync(scratch, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    return await runBench(options, scratch);
  } catch (error) {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    cleanUp();
  }
}

async function runBench(options: BenchOptions, scratch: string): Promise<number> {
  const peers = await probePeers(options.python);
  let data = options.data;
  let dataNote = '';
  if (!existsSync(data)) {
    data = join(scratch, 'synthetic-100k.jsonl');
    log(`${options.data} not found: generating a synthetic corpus of 100,000 papers instead`);
    await writeSyntheticCorpus(data, { papers: 100_000, seed: options.seed });
    dataNote = ` (${options.data} not found: seeded synthetic corpus of 100,000 papers)`;
  }
  const out: string[] = [];
  const print = (text: string): void => {
    out.push(text);
    process.stdout.write(`${text}\n`);
  };
  print('coauthor-graph bench');
  print(`  data: ${data}${dataNote}`);
  print(
    `  machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 1e9).toFixed(1)} GB, Node ${process.versions.node}`,
  );
  print(
    `  peers: Python ${peers.python ?? 'missing'}, NetworkX ${peers.networkx ?? 'missing'}, igraph ${peers.igraph ?? 'missing'}, graph-tool ${peers.graphTool ?? 'missing'} (${options.python})`,
  );
  for (const problem of peers.problems) print(`  ! ${problem}: those comparisons show our figures alone`);
  if (['a', 'e', 'f', 'h', 'dblp'].some((name) => options.sections.has(name as BenchSection))) {
    const failure = buildServerBundle();
    print(
      failure === null
        ? '  our server: bundle rebuilt first (src/bin/build-server.js, as npm install does), so the installed command is timed'
        : `  ! could not build the server bundle (${failure}): our server runs from the TypeScript sources`,
    );
  }
  print(
    `  every tool: papers with more than ${options.maxAuthorsPerPaper} authors add no collaborations; figures are medians of ${options.repeat} run(s)${options.quick ? ' (--quick)' : ''}`,
  );
  print('');

  const all: Comparison[] = [];
  const section = (title: string, rows: Comparison[]): void => {
    all.push(...rows);
    print(title);
    print(formatComparisons(rows));
    print('');
  };

  const only = options.sections;
  if (only.has('a'))
    section(
      '(a) process start to ready (lookups, search and paths answered)',
      await startToReady(options, data, peers),
    );
  const network =
    only.has('b') || only.has('d') || only.has('i') || only.has('k') || (only.has('e') && options.fullExact)
      ? timedLoad(data, options.maxAuthorsPerPaper)
      : null;
  if (network !== null && only.has('b'))
    section(
      '(b) collaboration path between random authors of the largest component, median per pair',
      await paths(options, data, network, scratch, peers),
    );
  if (only.has('c'))
    section(
      `(c) exact betweenness + closeness + harmonic (ours, fused, ${availableParallelism()} threads) vs igraph and graph-tool betweenness() alone`,
      await exactPass(options, data, scratch, peers),
    );
  if (network !== null && only.has('d'))
    section(
      '(d) PageRank (alpha 0.85, joint-paper weights) on the whole graph',
      await pagerank(options, data, network, peers),
    );
  if (network !== null && only.has('i'))
    section(
      '(i) k-core, clustering and constraint of every author (unweighted) on the whole graph',
      await structure(options, data, network, peers),
    );
  if (network !== null && only.has('k'))
    section(
      '(k) time windows: paths in a window, and the PageRank ranking of an unseen window',
      await windows(options, data, network, peers),
    );
  if (only.has('f'))
    section(
      '(f) synthetic corpora: our start to ready and peak memory as the corpus grows; at 1 M papers, also serving its snapshot',
      await synthetic(options, scratch),
    );
  if (only.has('g'))
    section(
      `(g) author search on ${options.searchAuthors.toLocaleString('en')} synthetic names, median per query`,
      searchBench({ authors: options.searchAuthors, queries: options.quick ? 51 : 201, seed: options.seed, log }),
    );
  if (only.has('h'))
    section('(h) one network built once: the snapshot', await snapshotSection(options, data, scratch, peers, log));
  if (only.has('j'))
    section('(j) the shared PostgreSQL store: import and replicas', await storeSection(options, data, scratch, log));
  if (only.has('m'))
    section(
      '(m) curation across replicas: a mutation on one, served by another; a replica joining the version',
      await curationSection(options, data, scratch, log),
    );
  if (only.has('l')) {
    const sliceFile = join(scratch, `shared-slice-${options.sliceYears[0]}-${options.sliceYears[1]}.jsonl`);
    writeYearSlice(data, options.sliceYears, sliceFile);
    section(
      '(l) the exact pass shared through PostgreSQL (chunks, leases) vs one process, on the same 2 cores',
      await sharedPassSection(options, sliceFile, timedLoad(sliceFile, options.maxAuthorsPerPaper), log),
    );
  }
  if (only.has('dblp'))
    section(
      `(dblp) DBLP-shaped synthetic corpora (${options.dblpSizes.map((size) => size.toLocaleString('en')).join(', ')} papers): build the snapshot, serve from it`,
      await dblpSection(options.dblpSizes, options, scratch, log),
    );
  if (only.has('e'))
    section(
      '(e) peak memory (VmHWM) vs a Python process holding the NetworkX graph; full exact pass; paths while it runs',
      await memoryAndFullExact(options, data, peers, network),
    );

  print('targets');
  const judged = all.filter((row) => verdict(row) !== '');
  for (const row of judged)
    print(`  ${verdict(row).padEnd(6)} ${row.what}${row.peer === null ? '' : ` vs ${row.peer}`}`);
  const missed = judged.filter((row) => verdict(row) === 'MISSED').length;
  print(`  ${judged.length - missed} of ${judged.length} targets met`);
  return 0;
}

function timedLoad(data: string, maxAuthorsPerPaper: number): CoauthorNetwork {
  log(`loading ${data} in the bench process...`);
  const loaded = loadData({ files: [data], aliasFile: null, inputFormat: null, maxAuthorsPerPaper });
  return loaded.network;
}

async function repeatRuns<T>(count: number, label: string, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < count; i += 1) {
    log(`  ${label}: run ${i + 1}/${count}`);
    results.push(await run(i));
  }
  return results;
}

async function tryPeer<T>(
  available: string | null,
  what: () => Promise<T>,
): Promise<{ value: T | null; note: string }> {
  if (available === null) return { value: null, note: 'peer missing' };
  try {
    return { value: await what(), note: '' };
  } catch (error) {
    log(`  peer failed: ${error instanceof Error ? error.message : String(error)}`);
    return { value: null, note: 'peer failed (see stderr)' };
  }
}

function peerArgs(options: BenchOptions, data: string, years?: readonly [number, number]): string[] {
  const args = ['--data', data, '--max-authors-per-paper', String(options.maxAuthorsPerPaper)];
  if (years !== undefined) args.push('--years', `${years[0]}-${years[1]}`);
  return args;
}

// ----------------------------------------------------------------------------------------------- (k)

/** The unseen window of the PageRank comparison (the papers of 2016–2019, as section c). */
const UNSEEN_WINDOW = [2016, 2019] as const;

async function windows(
  options: BenchOptions,
  data: string,
  network: CoauthorNetwork,
  peers: PeerAvailability,
): Promise<Comparison[]> {
  // Paths: the same pairs (of the window's largest component) in the window {from: 2016}, built once and
  // kept as the API keeps it, and in the whole network.
  const window = windowNetwork(network, { from: 2016, to: null });
  const members = largestComponent(window.compact);
  const pairs = randomPairs(members, options.pairs, `${options.seed}:window-paths`).map(
    ([a, b]) => [window.authorIds[a] as string, window.authorIds[b] as string] as const,
  );
  // Both sides warm, as section b's paths are (untimed passes over the pairs on each network), then
  // timed in turn, so neither is measured while V8 still compiles or while the other's garbage is swept.
  const pairMedian = (on: CoauthorNetwork): number => {
    const times: number[] = [];
    for (const [a, b] of pairs) {
      const started = process.hrtime.bigint();
      bestCollaborationPath(on, a, b);
      times.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return median(times);
  };
  for (let pass = 0; pass < PATH_WARM_UP_PASSES; pass += 1) {
    pairMedian(window);
    pairMedian(network);
  }
  const windowed: number[] = [];
  const whole: number[] = [];
  await repeatRuns(options.repeat, `bestCollaborationPath x ${pairs.length}, windowed and whole`, async () => {
    windowed.push(pairMedian(window));
    whole.push(pairMedian(network));
  });

  // PageRank ranking of an unseen window: the window's network built, PageRank, ranked.
  const [from, to] = UNSEEN_WINDOW;
  const ours = await repeatRuns(options.repeat, `our windowed PageRank ranking ${from}-${to}`, async () => {
    const started = process.hrtime.bigint();
    const unseen = windowNetwork(network, { from, to });
    rank(pagerankScores(unseen.compact), unseen.authorIds, false);
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
  const { value, note } = await tryPeer(
    peers.igraph,
    async () =>
      (
        await runPeer<{ seconds: number[]; buildSeconds: number }>(options.python, [
          'pagerank',
          '--repeat',
          String(options.repeat),
          ...peerArgs(options, data, UNSEEN_WINDOW),
        ])
      ).result,
  );
  return [
    {
      what: 'path in the window {from: 2016}, median per pair',
      unit: 'seconds',
      ours: median(windowed),
      peer: 'the same pairs, unwindowed',
      theirs: median(whole),
      target: TARGETS.windowedPath,
      note: `window: ${window.compact.order.toLocaleString('en')} authors, largest component ${members.length.toLocaleString('en')}; ${pairs.length} pairs`,
    },
    {
      what: `PageRank ranking of the unseen window ${from}-${to}, window built included`,
      unit: 'seconds',
      ours: median(ours),
      peer: 'igraph build + pagerank() of that window',
      theirs: value === null ? null : value.buildSeconds + median(value.seconds),
      target: TARGETS.windowedPagerank,
      note: note || 'igraph: graph built from the parsed papers of the window (parsing not counted), then PRPACK',
    },
  ];
}

// ----------------------------------------------------------------------------------------------- (a)

async function startToReady(options: BenchOptions, data: string, peers: PeerAvailability): Promise<Comparison[]> {
  // Runs are interleaved (ours, NetworkX, igraph, ours, ...) so that load from other processes on a
  // shared machine falls on every tool alike.
  const libs = (['networkx', 'igraph'] as const).filter((lib) => peers[lib] !== null);
  const ours: number[] = [];
  const theirs: Record<'networkx' | 'igraph', number[]> = { networkx: [], igraph: [] };
  const failed: Record<'networkx' | 'igraph', string> = { networkx: '', igraph: '' };
  for (let i = 0; i < options.repeat; i += 1) {
    log(`  start to ready: round ${i + 1}/${options.repeat}`);
    const server = await startServer({ data, maxAuthorsPerPaper: options.maxAuthorsPerPaper });
    await server.stop();
    ours.push(server.readySeconds);
    for (const lib of libs) {
      if (failed[lib] !== '') continue;
      const { value, note } = await tryPeer(
        peers[lib],
        async () =>
          (await runPeer<ReadyResult>(options.python, ['ready', '--lib', lib, ...peerArgs(options, data)]))
            .firstLineSeconds,
      );
      if (value === null) failed[lib] = note;
      else theirs[lib].push(value);
    }
  }
  return (['networkx', 'igraph'] as const).map((lib) => ({
    what: 'start to ready',
    unit: 'seconds',
    ours: median(ours),
    peer: `${lib === 'networkx' ? 'NetworkX' : 'igraph'} parse+build`,
    theirs: theirs[lib].length === 0 ? null : median(theirs[lib]),
    target: lib === 'networkx' ? TARGETS.startToReady : TARGETS.startToReadyIgraph,
    note: peers[lib] === null ? 'peer missing' : failed[lib] || 'from the raw file, no cache',
  }));
}

// ----------------------------------------------------------------------------------------------- (b)

/** Untimed passes over the pairs before our paths are timed (see `paths`). */
const PATH_WARM_UP_PASSES = 10;

async function paths(
  options: BenchOptions,
  data: string,
  network: CoauthorNetwork,
  scratch: string,
  peers: PeerAvailability,
): Promise<Comparison[]> {
  const members = largestComponent(network.compact);
  const pairs = randomPairs(members, options.pairs, `${options.seed}:paths`);
  const ids = network.authorIds;
  const ourLengths: number[] = [];
  // Untimed passes first: a server answers paths all day, so what counts is a warm process (compiled
  // code, the load's garbage collected), not the first few thousand calls. V8 settles on its optimized
  // code after about 1,500 calls here (medians per pass of 200: 140, 73, 66, 60, 48, 46 µs, then
  // flat), so ours gets ten passes; NetworkX, interpreted, gets one (python-peer `paths`).
  for (let pass = 0; pass < PATH_WARM_UP_PASSES; pass += 1)
    for (const [a, b] of pairs) bestCollaborationPath(network, ids[a] as string, ids[b] as string);
  const perRun = await repeatRuns(options.repeat, `our bestCollaborationPath x ${pairs.length}`, async (run) => {
    const times: number[] = [];
    for (const [a, b] of pairs) {
      const started = process.hrtime.bigint();
      const path = bestCollaborationPath(network, ids[a] as string, ids[b] as string);
      times.push(Number(process.hrtime.bigint() - started) / 1e9);
      if (run === 0) ourLengths.push(path === null ? -1 : path.authorIds.length - 1);
    }
    return median(times);
  });
  const keyPairs = pairs.map(([a, b]) => [
    identityKey(network.authors.get(ids[a] as string)?.name ?? ''),
    identityKey(network.authors.get(ids[b] as string)?.name ?? ''),
  ]);
  const pairsFile = join(scratch, 'pairs.json');
  writeFileSync(pairsFile, JSON.stringify(keyPairs));
  const { value, note } = await tryPeer(peers.networkx, async () => {
    const { result } = await runPeer<{ seconds: (number | null)[][]; lengths: (number | null)[] }>(options.python, [
      'paths',
      '--pairs',
      pairsFile,
      '--repeat',
      String(options.repeat),
      ...peerArgs(options, data),
    ]);
    const medians = result.seconds.map((run) => median(run.filter((time): time is number => time !== null)));
    const agree = result.lengths.filter((length, i) => length === ourLengths[i]).length;
    return { median: median(medians), agree };
  });
  return [
    {
      what: `path, median of ${pairs.length} pairs`,
      unit: 'seconds',
      ours: median(perRun),
      peer: 'NetworkX shortest_path',
      theirs: value?.median ?? null,
      target: TARGETS.path,
      note:
        note ||
        `largest component ${members.length.toLocaleString('en')} authors; hop counts agree on ${value?.agree}/${pairs.length} pairs`,
    },
  ];
}

// ----------------------------------------------------------------------------------------------- (c)

function writeYearSlice(data: string, years: readonly [number, number], file: string): number {
  const kept: string[] = [];
  for (const line of readFileSync(data, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const year = (JSON.parse(line) as { year?: unknown }).year;
    if (typeof year === 'number' && year >= years[0] && year <= years[1]) kept.push(line);
  }
  writeFileSync(file, `${kept.join('\n')}\n`);
  return kept.length;
}

/** graph-tool's OpenMP threads in section (c): as many as our pass gets on this machine's two cores. */
export const GRAPH_TOOL_THREADS = 2;

async function exactPass(
  options: BenchOptions,
  data: string,
  scratch: string,
  peers: PeerAvailability,
): Promise<Comparison[]> {
  const sliceFile = join(scratch, `slice-${options.sliceYears[0]}-${options.sliceYears[1]}.jsonl`);
  const records = writeYearSlice(data, options.sliceYears, sliceFile);
  const slice = timedLoad(sliceFile, options.maxAuthorsPerPaper);
  let ourMax = 0;
  // Interleaved rounds (ours, then igraph, then graph-tool), as in (a): the three see the same machine,
  // at the same priority (nice 19, as our pass's threads).
  const ours: number[] = [];
  const peerRuns = {
    igraph: { available: peers.igraph, seconds: [] as number[], max: null as number | null, note: '' },
    graphTool: { available: peers.graphTool, seconds: [] as number[], max: null as number | null, note: '' },
  };
  for (const peer of Object.values(peerRuns)) if (peer.available === null) peer.note = 'peer missing';
  for (let i = 0; i < options.repeat; i += 1) {
    log(`  exact pass on ${options.sliceYears.join('-')}: round ${i + 1}/${options.repeat}`);
    const started = process.hrtime.bigint();
    const result = await computeAllPairsCentrality(slice.compact).result;
    ours.push(Number(process.hrtime.bigint() - started) / 1e9);
    ourMax = result.betweenness.reduce((max, value) => Math.max(max, value), 0);
    for (const [name, peer] of Object.entries(peerRuns)) {
      if (peer.note !== '') continue;
      const lib = name === 'graphTool' ? ['--lib', 'graph-tool', '--threads', String(GRAPH_TOOL_THREADS)] : [];
      const { value: run, note } = await tryPeer(
        peer.available,
        async () =>
          (
            await runPeer<{ seconds: number[]; maxNormalized: number }>(
              options.python,
              ['betweenness', '--repeat', '1', ...lib, ...peerArgs(options, data, options.sliceYears)],
              // Our pass's threads run at the lowest priority: the peers get the same share of a busy machine.
              { nice: LOWEST_PRIORITY },
            )
          ).result,
      );
      if (run === null) peer.note = note;
      else {
        peer.seconds.push(...run.seconds);
        peer.max = run.maxNormalized;
      }
    }
  }
  const size = `${records.toLocaleString('en')} records, ${slice.compact.order.toLocaleString('en')} authors, ${slice.compact.edgeCount.toLocaleString('en')} collaborations`;
  const row = (
    peer: (typeof peerRuns)[keyof typeof peerRuns],
    label: string,
    target: number,
    detail: string,
  ): Comparison => ({
    what: `exact pass, papers of ${options.sliceYears.join('–')}`,
    unit: 'seconds',
    ours: median(ours),
    peer: label,
    theirs: peer.seconds.length === 0 ? null : median(peer.seconds),
    target,
    note:
      peer.note ||
      `${detail}largest betweenness ${ourMax.toPrecision(6)} vs ${peer.max === null ? '?' : peer.max.toPrecision(6)}`,
  });
  return [
    row(peerRuns.igraph, 'igraph betweenness()', TARGETS.fusedPass, `${size}; `),
    row(
      peerRuns.graphTool,
      `graph-tool betweenness(), ${GRAPH_TOOL_THREADS} threads`,
      TARGETS.fusedPassGraphTool,
      'ours: betweenness + closeness + harmonic + path figures, fused; ',
    ),
  ];
}

// ----------------------------------------------------------------------------------------------- (d)

async function pagerank(
  options: BenchOptions,
  data: string,
  network: CoauthorNetwork,
  peers: PeerAvailability,
): Promise<Comparison[]> {
  let top: string[] = [];
  const ours = await repeatRuns(options.repeat, 'our PageRank', async () => {
    const started = process.hrtime.bigint();
    const scores = pagerankScores(network.compact);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    top = Array.from(scores.keys())
      .sort((a, b) => (scores[b] as number) - (scores[a] as number))
      .slice(0, 10)
      .map((i) => identityKey(network.authors.get(network.authorIds[i] as string)?.name ?? ''));
    return seconds;
  });
  const { value, note } = await tryPeer(
    peers.igraph,
    async () =>
      (
        await runPeer<{ seconds: number[]; top: [string, number][] }>(options.python, [
          'pagerank',
          '--repeat',
          String(options.repeat),
          ...peerArgs(options, data),
        ])
      ).result,
  );
  const shared = value === null ? 0 : value.top.filter(([key]) => top.includes(key)).length;
  // Our iteration runs to the fixed point, igraph's PRPACK solves exactly: the top 10 must agree, in order.
  const sameOrder =
    value === null ? null : value.top.length === top.length && value.top.every(([key], i) => key === top[i]);
  const firstDifference = value === null || sameOrder === true ? -1 : value.top.findIndex(([key], i) => key !== top[i]);
  return [
    {
      what: 'PageRank, whole graph',
      unit: 'seconds',
      ours: median(ours),
      peer: 'igraph pagerank()',
      theirs: value === null ? null : median(value.seconds),
      target: TARGETS.pagerank,
      note: note || `${network.compact.order.toLocaleString('en')} authors; top 10 shared with igraph: ${shared}/10`,
    },
    {
      what: 'PageRank top 10, in order',
      unit: 'seconds',
      ours: null,
      peer: 'igraph PRPACK top 10',
      theirs: null,
      target: null,
      met: sameOrder,
      note:
        note ||
        (sameOrder === true
          ? 'identical, in order'
          : `differs from place ${firstDifference + 1}: ours ${top.join(', ')}`),
    },
  ];
}

// ----------------------------------------------------------------------------------------------- (g)

async function structure(
  options: BenchOptions,
  data: string,
  network: CoauthorNetwork,
  peers: PeerAvailability,
): Promise<Comparison[]> {
  const graph = network.compact;
  const timed = <T>(run: () => T): [number, T] => {
    const started = process.hrtime.bigint();
    const result = run();
    return [Number(process.hrtime.bigint() - started) / 1e9, result];
  };
  // Each measure timed from the compact graph, with everything it needs (the triangles included).
  const ours = { coreness: [] as number[], clustering: [] as number[], constraint: [] as number[] };
  const sums = { coreness: 0, clustering: 0, constraint: 0 };
  const tiedSum = (values: ArrayLike<number>) => {
    let sum = 0;
    for (let v = 0; v < graph.order; v += 1) if (graph.offsets[v + 1] !== graph.offsets[v]) sum += values[v] as number;
    return sum;
  };
  // Each measure: one run first, not counted in the median (the JIT compiles the loops; igraph's C needs
  // no warm-up) but shown in the note, then `runs` timed runs back to back, so one measure's garbage is
  // not collected in another's time. These take tens of milliseconds, where three runs' median moves
  // with the machine by a fifth, so both sides run at least STRUCTURE_RUNS times.
  const runs = Math.max(options.repeat, STRUCTURE_RUNS);
  const first = { coreness: 0, clustering: 0, constraint: 0 };
  const measures: Record<keyof typeof ours, () => ArrayLike<number>> = {
    coreness: () => coreNumbers(graph),
    clustering: () => localClustering(graph, countTriangles(graph, { tieSums: false })),
    constraint: () => constraint(graph, countTriangles(graph)),
  };
  for (const metric of Object.keys(measures) as (keyof typeof ours)[]) {
    const [seconds, values] = timed(measures[metric]);
    first[metric] = seconds;
    sums[metric] = tiedSum(values);
    await repeatRuns(runs, `our ${metric}`, async () => {
      const [seconds] = timed(measures[metric]);
      ours[metric].push(seconds);
    });
  }
  const { value, note } = await tryPeer(
    peers.igraph,
    async () =>
      (
        await runPeer<{ seconds: Record<keyof typeof ours, number[]>; sums: Record<keyof typeof ours, number> }>(
          options.python,
          ['structure', '--repeat', String(runs), ...peerArgs(options, data)],
        )
      ).result,
  );
  const rows: [keyof typeof ours, string, string][] = [
    ['coreness', 'k-core (coreness), every author', 'igraph coreness()'],
    ['clustering', 'local clustering, every author', 'igraph transitivity_local_undirected()'],
    ['constraint', 'Burt constraint, every author', 'igraph constraint()'],
  ];
  return rows.map(([metric, what, peer]) => {
    const theirSum = value?.sums[metric];
    const agree =
      theirSum === undefined
        ? ''
        : Math.abs(sums[metric] - theirSum) <= 1e-9 * Math.max(1, Math.abs(theirSum))
          ? 'values agree (sums over authors with co-authors)'
          : `VALUES DIFFER: sum ${sums[metric]} vs ${theirSum}`;
    return {
      what,
      unit: 'seconds',
      ours: median(ours[metric]),
      peer,
      theirs: value === null ? null : median(value.seconds[metric]),
      target: TARGETS.structure,
      note: `${note || agree}; medians of ${runs} runs, ours after a first run of ${formatSeconds(first[metric])}`,
    } satisfies Comparison;
  });
}

/** Timed runs of each measure of section i, on both sides, whatever `--repeat` says (a floor). */
const STRUCTURE_RUNS = 11;

// ----------------------------------------------------------------------------------------------- (e) + full exact

async function memoryAndFullExact(
  options: BenchOptions,
  data: string,
  peers: PeerAvailability,
  network: CoauthorNetwork | null,
): Promise<Comparison[]> {
  const { value: networkxKb, note } = await tryPeer(
    peers.networkx,
    async () =>
      (await runPeer<ReadyResult>(options.python, ['ready', '--lib', 'networkx', ...peerArgs(options, data)])).result
        .peakKb,
  );
  // The whole corpus's exact pass on every core (as `build --exact` runs it, or `serve --threads N`),
  // in this process before the server starts, so the two do not share the cores.
  let everyCore: number | null = null;
  if (options.fullExact && network !== null) {
    log(`  exact pass on the whole corpus, ${availableParallelism()} threads, in the bench process`);
    const started = process.hrtime.bigint();
    await computeAllPairsCentrality(network.compact, { threads: availableParallelism() }).result;
    everyCore = Number(process.hrtime.bigint() - started) / 1e9;
  }
  log('  our serve: peak memory at ready' + (options.fullExact ? ', then waiting for the full exact pass' : ''));
  // Without the response cache: it holds no answers while the pass runs (they may change), and would
  // answer every path after it from memory, so the two phases would not do the same work.
  const server = await startServer({
    data,
    maxAuthorsPerPaper: options.maxAuthorsPerPaper,
    extraArgs: options.fullExact ? ['--no-response-cache'] : [],
  });
  const rows: Comparison[] = [
    ...(everyCore === null
      ? []
      : [
          {
            what: `exact pass, whole corpus, ${availableParallelism()} threads`,
            unit: 'seconds',
            ours: everyCore,
            peer: null,
            theirs: null,
            target: TARGETS.fullExactSeconds,
            note: 'our figure alone, every all-pairs value (NetworkX: about 30 h, igraph about 30 min, graph-tool about 24 min on 2 threads)',
          } satisfies Comparison,
        ]),
    {
      what: 'peak memory, serving, at ready',
      unit: 'kilobytes',
      ours: server.readyPeakKb,
      peer: 'NetworkX graph in Python',
      theirs: networkxKb,
      target: TARGETS.memory,
      note,
    },
  ];
  try {
    if (options.fullExact) {
      // Paths while the pass runs, and again once it is done (same server, same pairs).
      const pathPairs =
        network === null
          ? []
          : randomPairs(largestComponent(network.compact), options.quick ? 50 : 200, `${options.seed}:http-paths`).map(
              ([a, b]) => [network.authorIdAt(a), network.authorIdAt(b)] as const,
            );
      // A warm-up round, then medians of several rounds' p50 and p99 (paths-during-pass.ts).
      const pathRounds = options.quick ? 3 : 5;
      log('  paths over HTTP while the exact pass runs');
      const during =
        pathPairs.length === 0 || !(await waitForPassStart(server))
          ? null
          : await timePaths(server, pathPairs, pathRounds, true);
      const duringLoad = loadavg()[0] as number;
      const started = process.hrtime.bigint();
      let lastProgress = '';
      let timing: Awaited<ReturnType<typeof waitForExactPass>>;
      try {
        timing = await waitForExactPass(server, (done, total) => {
          lastProgress = `${done.toLocaleString('en')}/${total.toLocaleString('en')} sources after ${formatSeconds(Number(process.hrtime.bigint() - started) / 1e9)}`;
          log(`  exact pass in the server: ${lastProgress}`);
        });
      } catch (error) {
        // Keep what was measured: the memory so far and how far the pass got.
        rows.push({
          what: 'exact pass, whole corpus (in the server)',
          unit: 'seconds',
          ours: null,
          peer: null,
          theirs: null,
          target: null,
          note: `not finished: ${error instanceof Error ? error.message : String(error)}${lastProgress === '' ? '' : `; reached ${lastProgress}`}; peak memory so far ${formatKilobytes(server.peakKb())}`,
        });
        return rows;
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      log('  paths over HTTP once the exact pass is done');
      const after = pathPairs.length === 0 ? null : await timePaths(server, pathPairs, pathRounds, false);
      const afterLoad = loadavg()[0] as number;
      const pathNote =
        during === null
          ? 'the pass ended before the paths were timed (or no pairs)'
          : `${during.count} requests per phase (a warm-up round, then medians of ${during.rounds} rounds), sequential, no response cache; load average ${duringLoad.toFixed(1)} during, ${afterLoad.toFixed(1)} after`;
      rows.push(
        {
          what: 'path over HTTP while the exact pass runs, p50',
          unit: 'seconds',
          ours: during?.p50 ?? null,
          peer: 'same, pass done',
          theirs: after?.p50 ?? null,
          target: TARGETS.pathDuringPassP50,
          note: pathNote,
        },
        {
          what: 'path over HTTP while the exact pass runs, p99',
          unit: 'seconds',
          ours: during?.p99 ?? null,
          peer: 'same, pass done',
          theirs: after?.p99 ?? null,
          target: TARGETS.pathDuringPassP99,
          note: pathNote,
        },
      );
      rows.push({
        what: 'peak memory, serving, after the exact pass',
        unit: 'kilobytes',
        ours: server.peakKb(),
        peer: 'NetworkX graph in Python',
        theirs: networkxKb,
        target: TARGETS.memory,
        note,
      });
      rows.push({
        what: 'exact pass, whole corpus, in the server while it serves',
        unit: 'seconds',
        ours: timing.serverSeconds ?? seconds,
        peer: null,
        theirs: null,
        target: null,
        note: `${servingPassThreads()} pass thread(s) by default (one per core but one: the event loop keeps a core); ready to exact values ${formatSeconds(seconds)}`,
      });
    } else {
      rows.push({
        what: 'peak memory after the exact pass; exact pass on the whole corpus',
        unit: 'seconds',
        ours: null,
        peer: null,
        theirs: null,
        target: null,
        note: 'skipped: run with --full-exact (takes some minutes)',
      });
    }
  } finally {
    await server.stop();
  }
  return rows;
}

// ----------------------------------------------------------------------------------------------- (f)

/**
 * The issue's targets at 1 M synthetic papers: from the raw file, ready within 45 s at a peak of 1.5 GB
 * (decimal, as the figures print: 1.5·10⁹ bytes); from its snapshot, ready within 5 s.
 */
export const MILLION_TARGETS = {
  papers: 1_000_000,
  rawSeconds: 45,
  rawPeakKb: 1.5e9 / 1024,
  snapshotSeconds: 5,
} as const;

async function synthetic(options: BenchOptions, scratch: string): Promise<Comparison[]> {
  const rows: Comparison[] = [];
  for (const papers of options.syntheticSizes) {
    const judged = papers === MILLION_TARGETS.papers;
    const file = join(scratch, `synthetic-${papers}.jsonl`);
    log(`  generating a synthetic corpus of ${papers.toLocaleString('en')} papers`);
    const corpus = await writeSyntheticCorpus(file, { papers, seed: options.seed });
    const runs = await repeatRuns(
      options.repeat,
      `our serve on ${papers.toLocaleString('en')} synthetic papers`,
      async () => {
        const server = await startServer({
          data: file,
          maxAuthorsPerPaper: options.maxAuthorsPerPaper,
          timeoutSeconds: 1800,
        });
        await server.stop();
        return { seconds: server.readySeconds, kb: server.readyPeakKb };
      },
    );
    const detail = `${corpus.authors.toLocaleString('en')} authors, ${corpus.authorships.toLocaleString('en')} authorships`;
    rows.push({
      what: `start to ready, ${papers.toLocaleString('en')} papers`,
      unit: 'seconds',
      ours: median(runs.map((run) => run.seconds)),
      peer: null,
      theirs: null,
      target: judged ? MILLION_TARGETS.rawSeconds : null,
      note: `from the raw file, no cache (runs: ${runs.map((run) => formatSeconds(run.seconds)).join(', ')}); ${detail}`,
    });
    const kbs = runs.map((run) => run.kb).filter((kb): kb is number => kb !== null);
    rows.push({
      what: `peak memory at ready, ${papers.toLocaleString('en')} papers`,
      unit: 'kilobytes',
      ours: kbs.length === 0 ? null : median(kbs),
      peer: null,
      theirs: null,
      target: judged ? MILLION_TARGETS.rawPeakKb : null,
      note: `from the raw file (VmHWM at the ready line; runs: ${kbs.map((kb) => `${Math.round(kb / 1024)} MiB`).join(', ')})`,
    });
    if (judged) rows.push(await servedFromSnapshot(options, file, scratch, papers));
    rmSync(file, { force: true });
  }
  return rows;
}

/** The corpus built to a snapshot (`coauthor-graph build`), then served from it: start to ready. */
async function servedFromSnapshot(
  options: BenchOptions,
  file: string,
  scratch: string,
  papers: number,
): Promise<Comparison> {
  const snapshot = join(scratch, `synthetic-${papers}.snapshot`);
  const what = `start to ready serving its snapshot, ${papers.toLocaleString('en')} papers`;
  try {
    log(`  building the snapshot of ${papers.toLocaleString('en')} synthetic papers`);
    const built = await runCommand(buildCommand(file, options.maxAuthorsPerPaper, snapshot));
    const runs = await repeatRuns(options.repeat, `our serve of that snapshot`, async () => {
      const server = await startServer({ data: { snapshot }, maxAuthorsPerPaper: null, timeoutSeconds: 600 });
      await server.stop();
      return server.readySeconds;
    });
    return {
      what,
      unit: 'seconds',
      ours: median(runs),
      peer: null,
      theirs: null,
      target: MILLION_TARGETS.snapshotSeconds,
      note: `built in ${formatSeconds(built.seconds)} (peak ${formatKilobytes(built.peakKb)})`,
    };
  } catch (error) {
    return { what, unit: 'seconds', ours: null, peer: null, theirs: null, target: null, note: errorMessage(error) };
  } finally {
    rmSync(snapshot, { force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
