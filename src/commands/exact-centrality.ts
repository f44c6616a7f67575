/**
 * For the commands that write files (report, export): exact centrality, waiting for the exact pass on
 * a large network (or reading it from the cache), with a line on stderr at the start and every
 * `PROGRESS_INTERVAL_MS` while it runs.
 */
import type { AnalyzedNetwork } from '../analysis/analyzed-network.ts';
import type { CentralityTable } from '../analysis/centrality.ts';
import type { CommandIO } from './io.ts';

const PROGRESS_INTERVAL_MS = 10_000;

/** `cached`: whether the exact values are saved in the cache (said on stderr); a window's are not. */
export async function exactCentrality(
  data: AnalyzedNetwork,
  io: CommandIO,
  command: string,
  options: { cached?: boolean } = {},
): Promise<CentralityTable> {
  if (data.progress().phase === 'exact') return data.whenExact();
  io.err(
    `${command}: the network is too large for an exact pass at load; computing exact betweenness, closeness and harmonic in worker threads${options.cached === false ? '' : ' (saved in the cache for next time)'}\n`,
  );
  const ticker = setInterval(() => {
    const { phase, sourcesDone, sourcesTotal } = data.progress();
    if (phase === 'exact-pass') io.err(`${command}: exact pass ${sourcesDone} / ${sourcesTotal} searches\n`);
  }, PROGRESS_INTERVAL_MS);
  try {
    return await data.whenExact();
  } finally {
    clearInterval(ticker);
  }
}
