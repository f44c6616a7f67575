/**
 * Collaboration paths over HTTP while the server's exact pass runs, against the same queries on the
 * same server once it is done: what the background pass costs interactive requests. Sequential
 * requests from one client on this machine. Each phase starts with one untimed round over the pairs
 * (warm-up: the same code paths compiled and the same answers' pages touched in both phases), then
 * times `rounds` rounds over the same pairs in the same order; a phase's p50 and p99 are the medians
 * of its rounds' own, so one round disturbed by another process on a shared machine moves neither.
 * The server must run without its response cache: the cache holds no answers while the pass runs,
 * and would answer every path from memory once it is done.
 */
import type { RunningServer } from './serve-process.ts';

export interface LatencyPhase {
  readonly p50: number;
  readonly p99: number;
  /** Timed requests (the warm-up round not counted). */
  readonly count: number;
  readonly rounds: number;
}

const PROGRESS = '{ graphStats { centralityProgress { phase } } }';

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] as number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(middle)] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The seconds each request of one round over the pairs took. */
async function round(server: RunningServer, pairs: readonly (readonly [string, string])[]): Promise<number[]> {
  const times: number[] = [];
  for (const [from, to] of pairs) {
    const query = `{ collaborationPath(from: ${JSON.stringify(from)}, to: ${JSON.stringify(to)}) { length steps { papers { id } } } }`;
    const started = process.hrtime.bigint();
    await server.query(query);
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return times;
}

/** A warm-up round, then `rounds` timed ones; null when the pass ended before the phase did (while-pass runs only). */
export async function timePaths(
  server: RunningServer,
  pairs: readonly (readonly [string, string])[],
  rounds: number,
  requirePass: boolean,
): Promise<LatencyPhase | null> {
  await round(server, pairs);
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const times = await round(server, pairs);
    p50s.push(percentile(times, 0.5));
    p99s.push(percentile(times, 0.99));
  }
  if (requirePass) {
    const { graphStats } = await server.query<{ graphStats: { centralityProgress: { phase: string } } }>(PROGRESS);
    if (graphStats.centralityProgress.phase !== 'EXACT_PASS') return null;
  }
  return { p50: median(p50s), p99: median(p99s), count: rounds * pairs.length, rounds };
}
