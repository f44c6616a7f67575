/**
 * Collaboration paths over HTTP while the server's exact pass runs, against the same queries on the
 * same server once it is done: what the background pass costs interactive requests. Sequential
 * requests from one client on this machine; p50 and p99 of each phase.
 */
import type { RunningServer } from './serve-process.ts';

export interface LatencyPhase {
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
}

const PROGRESS = '{ graphStats { centralityProgress { phase } } }';

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] as number;
}

/** Times `rounds` passes over the pairs; null when the pass ended before the phase did (while-pass runs only). */
export async function timePaths(
  server: RunningServer,
  pairs: readonly (readonly [string, string])[],
  rounds: number,
  requirePass: boolean,
): Promise<LatencyPhase | null> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const [from, to] of pairs) {
      const query = `{ collaborationPath(from: ${JSON.stringify(from)}, to: ${JSON.stringify(to)}) { length steps { papers { id } } } }`;
      const started = process.hrtime.bigint();
      await server.query(query);
      times.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
  if (requirePass) {
    const { graphStats } = await server.query<{ graphStats: { centralityProgress: { phase: string } } }>(PROGRESS);
    if (graphStats.centralityProgress.phase !== 'EXACT_PASS') return null;
  }
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), count: times.length };
}
