/**
 * `npm run loadtest`: the installed server on the ACL Anthology under autocannon.
 *
 *   1. start `coauthor-graph serve` (bundle rebuilt first) on a free port and wait for its ready line;
 *   2. draw the authors the queries are about: the best-connected authors of the largest component;
 *   3. send every query once (lazy first-use work such as the duplicate-author list happens here);
 *   4. `{ __typename }` for --duration at --connections: the baseline;
 *   5. each query alone, the same way, then the baseline again (to show drift on a shared machine);
 *   6. all queries mixed (each request picks one at random);
 *   7. the targets: a repeated author query (the response cache) against the baseline, and the network
 *      and export queries with and without compression (sizes and p99), each judged met or missed;
 *   8. the soak: mixed load while the server's resident memory (VmRSS) is read every second.
 * Every response is checked (2xx, JSON, no `errors`, `data` present). Progress goes to stderr, the
 * report to stdout; the exit code is 1 when any request failed or memory grew by the limit or more.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import seedrandom from 'seedrandom';
import { authorPicker, fetchAuthorPool } from './author-pool.ts';
import { EXACT_PROGRESS_QUERY } from './exact-progress.ts';
import {
  type MeasuredQuery,
  compressionTargets,
  failureCount,
  formatMixTable,
  formatMs,
  formatQueryTable,
  formatSoak,
  passed,
  responseCacheTarget,
} from './load-report.ts';
import { type LoadResult, type LoadSettings, type RequestPlan, bodyProblem, runLoad } from './load-run.ts';
import {
  type LoadtestOptions,
  LoadtestUsageError,
  loadtestUsage,
  parseLoadtestOptions,
  unknownKeys,
} from './loadtest-options.ts';
import { type RssSample, judgeSoak, residentKb } from './process-memory.ts';
import { type MixQuery, bindSlots, queryMix, variablesFor } from './query-mix.ts';
import { CLI, type RunningServer, buildServerBundle, startServer } from './serve-process.ts';
import { formatKilobytes, formatSeconds } from './stats.ts';

const README = new URL('../../README.md', import.meta.url);
const BASELINE_KEY = '{ __typename }';
const BASELINE_BODY = JSON.stringify({ query: '{ __typename }' });

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const print = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

interface Progress {
  readonly phase: string;
  readonly sourcesDone: number;
  readonly sourcesTotal: number;
  readonly fromCache: boolean;
}

async function main(args: readonly string[]): Promise<number> {
  let options: LoadtestOptions;
  let mix: MixQuery[];
  try {
    const parsed = parseLoadtestOptions(args);
    if (parsed === 'help') {
      process.stdout.write(loadtestUsage);
      return 0;
    }
    options = parsed;
    mix = queryMix(readFileSync(README, 'utf8'));
    const unknown = unknownKeys(
      options.only,
      mix.map((query) => query.key),
    );
    if (unknown.length > 0)
      throw new LoadtestUsageError(
        `--only: unknown ${unknown.join(', ')}; the keys are ${mix.map((query) => query.key).join(', ')}, mix, soak`,
      );
    if (!existsSync(options.data))
      throw new LoadtestUsageError(
        `${options.data} not found: give the ACL Anthology JSON Lines file (or another corpus) with --data PATH`,
      );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${loadtestUsage}`);
    return error instanceof LoadtestUsageError ? 2 : 1;
  }

  const bundle = buildServerBundle();
  log(`starting coauthor-graph serve on ${options.data}...`);
  const server = await startServer({
    data: options.data,
    maxAuthorsPerPaper: options.maxAuthorsPerPaper,
    timeoutSeconds: 900,
    cache: !options.noCache,
    extraArgs: options.serverArgs,
  });
  const stop = (): void => {
    void server.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  try {
    return await runLoadtest(options, mix, server, bundle);
  } catch (error) {
    const exit = server.exitStatus();
    process.stderr.write(
      `loadtest failed: ${error instanceof Error ? error.message : String(error)}${exit === null ? '' : `\nthe server ${exit}`}\n`,
    );
    return 1;
  } finally {
    process.removeListener('SIGINT', stop);
    await server.stop();
  }
}

async function centralityPhase(server: RunningServer): Promise<string> {
  try {
    const progress = (await server.query<{ graphStats: { centralityProgress: Progress } }>(EXACT_PROGRESS_QUERY))
      .graphStats.centralityProgress;
    if (progress.phase === 'EXACT')
      return progress.fromCache ? 'EXACT (read from the cache)' : 'EXACT (computed by this server)';
    if (progress.phase === 'EXACT_PASS')
      return `EXACT_PASS running in worker threads (${progress.sourcesDone.toLocaleString('en')} of ${progress.sourcesTotal.toLocaleString('en')} sources)`;
    return progress.phase;
  } catch (error) {
    return `unknown (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function waitForExact(server: RunningServer): Promise<void> {
  let lastLog = 0;
  for (;;) {
    const phase = await centralityPhase(server);
    if (phase.startsWith('EXACT ') || phase.startsWith('FAILED') || phase.startsWith('unknown')) return;
    if (Date.now() - lastLog > 30_000) {
      log(`  waiting for the exact pass: ${phase}`);
      lastLog = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function autocannonVersion(): string {
  try {
    return (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function machine(): string {
  const [one, five] = loadavg();
  return `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 1e9).toFixed(1)} GB; load average ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min)`;
}

/** A request of one query, its slots bound to authors freshly drawn. */
function planner(
  query: MixQuery,
  draw: (count: number) => ReturnType<ReturnType<typeof authorPicker>>,
): () => RequestPlan {
  return () => ({
    kind: query.key,
    body: JSON.stringify({
      query: query.query,
      variables: variablesFor(query, bindSlots(query.slots, draw(query.slots.length))),
    }),
  });
}

async function warmUp(server: RunningServer, query: MixQuery, next: () => RequestPlan): Promise<string> {
  // Lazy first-use work (the duplicate-author list takes seconds on the ACL Anthology) must not land
  // in the measured runs; a request that fails here (say, past the server's time budget) is retried.
  const started = Date.now();
  let lastProblem = '';
  while (Date.now() - started < 180_000) {
    const sentAt = Date.now();
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: next().body,
      });
      const text = await response.text();
      const problem = response.ok ? bodyProblem(text) : `HTTP ${response.status}`;
      if (problem === null)
        return `${formatSeconds((Date.now() - sentAt) / 1000)}${lastProblem === '' ? '' : ` (after retrying: ${lastProblem})`}`;
      lastProblem = `${problem}: ${text.slice(0, 300)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    log(`  warm-up of ${query.key} failed, retrying: ${lastProblem}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return `FAILED for 180 s: ${lastProblem}`;
}

/**
 * Requests still queued in the server when autocannon stops are answered after the run; the next run
 * starts only when `{ __typename }` is answered within 250 ms again (or after two minutes), so one
 * query's backlog does not land on the next query's figures. Returns the seconds waited.
 */
async function waitUntilIdle(server: RunningServer): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    const sentAt = Date.now();
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BASELINE_BODY,
      });
      await response.text();
      if (response.ok && Date.now() - sentAt < 250) break;
    } catch {
      // The server may have died: the caller checks.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return (Date.now() - started) / 1000;
}

async function runLoadtest(
  options: LoadtestOptions,
  mix: MixQuery[],
  server: RunningServer,
  bundle: string | null,
): Promise<number> {
  const selected = options.only === null ? mix : mix.filter((query) => options.only?.has(query.key));
  const mixQueries = selected.length > 0 ? selected : mix;
  const wants = (key: 'mix' | 'soak' | 'targets'): boolean => options.only === null || options.only.has(key);
  const settings = (durationSeconds: number): LoadSettings => ({
    url: server.url,
    connections: options.connections,
    durationSeconds,
    timeoutSeconds: options.timeout,
  });
  const alive = (): void => {
    const exit = server.exitStatus();
    if (exit !== null) throw new Error(`the server ${exit}`);
  };

  print('coauthor-graph load test');
  print(
    `  machine: ${machine()}; Node ${process.versions.node}; autocannon ${autocannonVersion()} in this process (it shares the cores with the server)`,
  );
  print(`  data: ${options.data} (${(statSync(options.data).size / 1e6).toFixed(1)} MB)`);
  print(
    `  server: ${CLI} serve --data <data> --port 0 --max-authors-per-paper ${options.maxAuthorsPerPaper}${options.noCache ? ' --no-cache' : ''}${options.serverArgs.length === 0 ? '' : ` ${options.serverArgs.join(' ')}`} (pid ${server.pid})`,
  );
  print(
    `    ${bundle === null ? 'bundle rebuilt first (src/bin/build-server.js), so the installed command runs' : `! bundle not rebuilt (${bundle}): the server runs from the TypeScript sources`}`,
  );
  print(
    `    ready in ${formatSeconds(server.readySeconds)}; resident memory at ready ${formatKilobytes(residentKb(server.pid))}`,
  );
  print(`  centrality at start: ${await centralityPhase(server)}`);
  if (options.waitExact) {
    log('waiting for the exact centrality pass (--wait-exact)...');
    const started = Date.now();
    await waitForExact(server);
    print(
      `  --wait-exact: waited ${formatSeconds((Date.now() - started) / 1000)}; centrality now: ${await centralityPhase(server)}`,
    );
  }
  print(
    `  load: ${options.connections} connections, ${options.duration} s per run, autocannon timeout ${options.timeout} s; soak ${options.soak === 0 ? 'off' : `${options.soak} s after ${options.soakWarmup} s of warm-up`}`,
  );

  log(`reading the ${options.pool} authors with the most co-authors...`);
  const pool = await fetchAuthorPool(server, options.pool);
  print(
    `  authors: the ${pool.candidates} with the most distinct co-authors (authors(orderBy: COAUTHOR_COUNT)), ${pool.authors.length} of them connected to ${pool.authors[0]?.name} (the largest component);`,
  );
  print(
    `    every request draws its authors from these at random (seed "${options.seed}"), e.g. ${pool.authors
      .slice(0, 4)
      .map((author) => author.name)
      .join(', ')}`,
  );
  const drawFor = (key: string): ReturnType<typeof authorPicker> =>
    authorPicker(pool.authors, `${options.seed}:${key}`);

  print('');
  print(
    'queries (README examples with their authors as variables; README API list; `npm run loadtest -- --only KEY,...`)',
  );
  for (const query of mix) print(`  ${query.key.padEnd(11)} ${query.source.padEnd(17)} ${query.title}`);
  print('');

  print('warm-up: each query once, one at a time');
  let failed = false;
  const firstFailures: string[] = [];
  for (const query of selected) {
    const outcome = await warmUp(server, query, planner(query, drawFor(`warm-up:${query.key}`)));
    print(`  ${query.key.padEnd(11)} ${outcome}`);
    if (outcome.startsWith('FAILED')) {
      failed = true;
      firstFailures.push(`warm-up of ${query.key}: ${outcome}`);
    }
  }
  print('');

  const drains: string[] = [];
  const measure = async (
    key: string,
    durationSeconds: number,
    next: () => RequestPlan,
    drain = true,
    extra: Partial<LoadSettings> = {},
  ): Promise<LoadResult> => {
    log(`  ${key}: ${options.connections} connections for ${durationSeconds} s...`);
    const result = await runLoad({ ...settings(durationSeconds), ...extra }, next);
    alive();
    log(
      `    ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${formatMs(result.p50Ms)}, p99 ${formatMs(result.p99Ms)}, failures ${failureCount(result)}`,
    );
    if (!passed(result)) {
      failed = true;
      firstFailures.push(
        `${key}: ${result.completed === 0 ? 'no request was answered within the run' : (result.firstFailure ?? 'no response to show')}`,
      );
      log(`    first failure: ${firstFailures.at(-1)}`);
    }
    if (drain) {
      const waited = await waitUntilIdle(server);
      alive();
      if (waited >= 1) drains.push(`${key} ${formatSeconds(waited)}`);
    }
    return result;
  };

  const baseline = await measure(BASELINE_KEY, options.duration, () => ({ kind: BASELINE_KEY, body: BASELINE_BODY }));
  const rows: MeasuredQuery[] = [{ key: BASELINE_KEY, title: 'baseline', result: baseline }];
  for (const query of selected) {
    rows.push({
      key: query.key,
      title: query.title,
      result: await measure(query.key, options.duration, planner(query, drawFor(query.key))),
    });
  }
  const again =
    selected.length > 0
      ? await measure(`${BASELINE_KEY} again`, options.duration, () => ({ kind: BASELINE_KEY, body: BASELINE_BODY }))
      : null;
  if (again !== null) rows.push({ key: `${BASELINE_KEY} again`, title: 'baseline, after the queries', result: again });

  print(
    `each query alone: ${options.connections} connections, ${options.duration} s; ratios are query ÷ baseline (first row)`,
  );
  print(formatQueryTable(baseline, rows));
  if (again !== null) {
    const drift = ((again.requestsPerSecond - baseline.requestsPerSecond) / baseline.requestsPerSecond) * 100;
    print(
      `  the baseline measured again after the queries: ${drift >= 0 ? '+' : ''}${drift.toFixed(1)} % req/s (other work on the machine moves these figures)`,
    );
  }
  print('  requests still queued in the server when a run ends are answered before the next run starts: the load test');
  print(
    `  waits until { __typename } is answered within 250 ms (waits of 1 s or more: ${drains.length === 0 ? 'none' : drains.join(', ')})`,
  );
  print('');

  if (wants('mix')) {
    const random = seedrandom(`${options.seed}:mix`);
    const plans = mixQueries.map((query) => planner(query, drawFor(`mix:${query.key}`)));
    const mixResult = await measure('mix', options.duration, () =>
      (plans[Math.floor(random() * plans.length)] as () => RequestPlan)(),
    );
    print(
      `the mix: ${options.connections} connections, ${options.duration} s, each request one of ${mixQueries.length} queries at random`,
    );
    print(
      `  ${mixResult.requestsPerSecond.toFixed(1)} req/s (${formatRatioText(mixResult.requestsPerSecond, baseline.requestsPerSecond)} the baseline), p50 ${formatMs(mixResult.p50Ms)}, p99 ${formatMs(mixResult.p99Ms)} (${formatRatioText(mixResult.p99Ms, baseline.p99Ms)} the baseline's);` +
        ` ${mixResult.completed} answered; errors ${mixResult.errors}, GraphQL errors ${mixResult.graphqlErrors}, non-2xx ${mixResult.non2xx}, timeouts ${mixResult.timeouts}`,
    );
    print(
      formatMixTable(
        mixResult,
        mixQueries.map((query) => query.key),
      ),
    );
    print(
      '  (per query: latency from send to response on one connection; failures are answers with errors or a non-2xx',
    );
    print('  status; a timeout or connection error has no answer and is counted only in the line above)');
    print('');
  }

  if (wants('targets')) {
    const lines: string[] = [];
    const author = selected.find((query) => query.key === 'author');
    if (author !== undefined) {
      const same = planner(author, drawFor('targets:author'))(); // one set of variables, every request
      const repeated = await measure('author repeated', options.duration, () => same);
      lines.push(responseCacheTarget(repeated, baseline));
    }
    for (const key of ['network', 'export']) {
      const query = selected.find((candidate) => candidate.key === key);
      if (query === undefined) continue;
      const plain = await measure(`${key} uncompressed`, options.duration, planner(query, drawFor(`targets:${key}`)));
      const compressed = await measure(
        `${key} compressed`,
        options.duration,
        planner(query, drawFor(`targets:${key}`)),
        true,
        { headers: { 'accept-encoding': 'br, gzip' }, checkBodies: false },
      );
      lines.push(...compressionTargets(key, plain, compressed));
    }
    if (lines.length > 0) {
      print(
        `targets: ${options.connections} connections, ${options.duration} s per run; sizes are bytes received per answer, headers included`,
      );
      for (const line of lines) print(line);
      print('');
    }
  }

  let soakPassed: boolean | null = null;
  if (wants('soak') && options.soak > 0) {
    const random = seedrandom(`${options.seed}:soak`);
    const plans = mixQueries.map((query) => planner(query, drawFor(`soak:${query.key}`)));
    const next = (): RequestPlan => (plans[Math.floor(random() * plans.length)] as () => RequestPlan)();
    const phaseBefore = await centralityPhase(server);
    if (options.soakWarmup > 0) await measure('soak warm-up', options.soakWarmup, next, false);
    const samples: RssSample[] = [];
    const started = Date.now();
    const sample = (): void => {
      const kb = residentKb(server.pid);
      if (kb !== null) samples.push({ seconds: (Date.now() - started) / 1000, kb });
    };
    sample();
    const timer = setInterval(sample, 1000);
    let soakResult: LoadResult;
    try {
      soakResult = await measure('soak', options.soak, next);
    } finally {
      clearInterval(timer);
    }
    sample();
    const verdict = judgeSoak(samples, options.soakLimit);
    print(
      `the soak: the mix for ${options.soak} s at ${options.connections} connections; RSS (VmRSS, worker threads included) read every second`,
    );
    print(
      `  "start" is read after ${options.soakWarmup} s of the same mixed load (and after every run above), so memory allocated on first use is not counted as growth`,
    );
    print(`  centrality during the soak: ${phaseBefore} → ${await centralityPhase(server)}`);
    print(
      `  ${soakResult.requestsPerSecond.toFixed(1)} req/s, p50 ${formatMs(soakResult.p50Ms)}, p99 ${formatMs(soakResult.p99Ms)}; ${soakResult.completed} answered; errors ${soakResult.errors}, GraphQL errors ${soakResult.graphqlErrors}, non-2xx ${soakResult.non2xx}, timeouts ${soakResult.timeouts}`,
    );
    print(
      `  RSS every 10 s: ${samples
        .filter((_, i) => i % 10 === 0 || i === samples.length - 1)
        .map((s) => `${s.seconds.toFixed(0)} s ${formatKilobytes(s.kb)}`)
        .join(', ')}`,
    );
    if (verdict === null) {
      print('  ! no RSS figures (/proc not readable): the soak cannot be judged');
      soakPassed = false;
    } else {
      print(formatSoak(verdict));
      soakPassed = verdict.passed;
    }
    print('');
  }

  print(`centrality at end: ${await centralityPhase(server)}; load average at end ${loadavg()[0]?.toFixed(2)} (1 min)`);
  for (const failure of firstFailures) print(`  first failure in ${failure}`);
  const ok = !failed && soakPassed !== false;
  print(
    `result: ${failed ? 'FAIL (see the failures above)' : 'no errors, non-2xx responses or timeouts'}${soakPassed === null ? '' : `; soak ${soakPassed ? 'PASS' : 'FAIL'}`}`,
  );
  return ok ? 0 : 1;
}

function formatRatioText(ours: number, base: number): string {
  return base === 0 || !Number.isFinite(base) ? '– ×' : `${(ours / base).toPrecision(3)}×`;
}

process.exitCode = await main(process.argv.slice(2));
