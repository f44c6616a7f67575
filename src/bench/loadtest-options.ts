/** Command-line options of `npm run loadtest`. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA } from './options.ts';
import { errorMessage } from '../error-message.ts';

export interface LoadtestOptions {
  readonly data: string;
  /** Seconds of each query's run, of the baseline's and of the mix's. */
  readonly duration: number;
  readonly connections: number;
  /** Seconds of the soak (0: no soak). */
  readonly soak: number;
  /** Seconds of mixed load before the soak's start figure is read. */
  readonly soakWarmup: number;
  /** RSS growth over the soak must stay under this many percent. */
  readonly soakLimit: number;
  /** Query keys to run (null: all), plus "mix", "soak" and "targets"; the baseline always runs. */
  readonly only: ReadonlySet<string> | null;
  /** Authors with the most co-authors the queries draw from. */
  readonly pool: number;
  readonly seed: string;
  /** Seconds autocannon waits for a response before counting a timeout. */
  readonly timeout: number;
  readonly maxAuthorsPerPaper: number;
  /** Start the server with --no-cache (its exact centrality pass then runs during the test). */
  readonly noCache: boolean;
  /** Wait until the server's exact centrality pass is done before measuring. */
  readonly waitExact: boolean;
  /** Extra arguments for `coauthor-graph serve`. */
  readonly serverArgs: readonly string[];
}

export const loadtestUsage = `Usage: npm run loadtest -- [options]

Starts the installed server (coauthor-graph serve, bundle rebuilt first) on the ACL Anthology and drives
it with autocannon: the { __typename } baseline, then each query of the README's examples (authors
drawn per request from the best-connected authors of the largest component), then all of them mixed,
then a soak that reads the server's resident memory. Prints requests/s and latency per query with
their ratio to the baseline, and every error, non-2xx response and timeout; exits 1 when there is any,
or when memory grew by the limit or more over the soak.

  --data PATH                 JSON Lines corpus (default ../shared/datasets/acl-anthology-2025-11.jsonl
                              beside the repository)
  --duration S                seconds per run: the baseline, each query, the mix (default 30)
  --connections N             concurrent connections (default 50)
  --soak S                    seconds of mixed load while memory is watched (default 60; 0: no soak)
  --soak-warmup S             seconds of mixed load before the soak's start figure (default 10)
  --soak-limit P              resident memory may grow by less than P % over the soak (default 10)
  --only KEY,...              only these runs (the baseline always runs): query keys (see the report),
                              mix, soak, targets (the response cache and compression targets)
  --pool N                    authors with the most co-authors that requests draw from (default 200)
  --seed TEXT                 seed for the authors drawn (default coauthor-graph-loadtest)
  --timeout S                 seconds before autocannon counts a request as timed out (default 20)
  --max-authors-per-paper N   as for serve (default 50, as the bench)
  --no-cache                  serve with --no-cache: the exact centrality pass runs during the test
  --wait-exact                wait for the server's exact centrality pass before measuring (about 12
                              minutes on 2 cores the first time; with the cache, a second start reads it)
  --server-arg=ARG            pass ARG to coauthor-graph serve, one word each (--server-arg=--threads
                              --server-arg=1); the = is needed for words that start with a dash
  --help                      this text
`;

export class LoadtestUsageError extends Error {
  override readonly name = 'LoadtestUsageError';
}

export function parseLoadtestOptions(args: readonly string[], cwd = process.cwd()): LoadtestOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        soak: { type: 'string' },
        'soak-warmup': { type: 'string' },
        'soak-limit': { type: 'string' },
        only: { type: 'string' },
        pool: { type: 'string' },
        seed: { type: 'string' },
        timeout: { type: 'string' },
        'max-authors-per-paper': { type: 'string' },
        'no-cache': { type: 'boolean' },
        'wait-exact': { type: 'boolean' },
        'server-arg': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new LoadtestUsageError(errorMessage(error));
  }
  if (values.help) return 'help';
  return {
    data: values.data === undefined ? DEFAULT_DATA : resolve(cwd, values.data),
    duration: wholeNumber(values.duration, 30, '--duration', 1),
    connections: wholeNumber(values.connections, 50, '--connections', 1),
    soak: wholeNumber(values.soak, 60, '--soak', 0),
    soakWarmup: wholeNumber(values['soak-warmup'], 10, '--soak-warmup', 0),
    soakLimit: wholeNumber(values['soak-limit'], 10, '--soak-limit', 1),
    only: keyList(values.only),
    pool: wholeNumber(values.pool, 200, '--pool', 5),
    seed: values.seed ?? 'coauthor-graph-loadtest',
    timeout: wholeNumber(values.timeout, 20, '--timeout', 1),
    maxAuthorsPerPaper: wholeNumber(values['max-authors-per-paper'], 50, '--max-authors-per-paper', 2),
    noCache: values['no-cache'] ?? false,
    waitExact: values['wait-exact'] ?? false,
    serverArgs: values['server-arg'] ?? [],
  };
}

/** Checks --only against the known keys; returns the unknown ones. */
export function unknownKeys(only: ReadonlySet<string> | null, known: readonly string[]): string[] {
  if (only === null) return [];
  return [...only].filter((key) => !known.includes(key) && key !== 'mix' && key !== 'soak' && key !== 'targets');
}

function keyList(text: string | undefined): ReadonlySet<string> | null {
  if (text === undefined) return null;
  const keys = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  if (keys.length === 0) throw new LoadtestUsageError('--only needs at least one key');
  return new Set(keys);
}

function wholeNumber(text: string | undefined, fallback: number, flag: string, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/u.test(text.trim()) || value < min)
    throw new LoadtestUsageError(`${flag} needs a whole number of at least ${min}, got "${text}"`);
  return value;
}
