/** A listed window's exact all-pairs values computed from scratch, the reference for the listed-windows tests. */
import { computeAllPairsCentralitySync } from '../../src/analysis/all-pairs-centrality.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import { type YearRange, windowNetwork } from '../../src/graph/year-window.ts';
import { type IdentityDecision, applyIdentityDecisions } from '../../src/ingest/identity-decisions.ts';
import { loadFiles } from '../../src/ingest/load.ts';

export type AllPairsValues = { betweenness: number; closeness: number; harmonic: number };

/** The window's betweenness, closeness and harmonic by author id: `files` loaded, `decisions` applied, the exact pass run here. */
export function windowFromScratch(
  files: string[],
  range: YearRange,
  decisions: readonly IdentityDecision[] = [],
): Map<string, AllPairsValues> {
  const catalog = applyIdentityDecisions(loadFiles({ files, aliasFile: null }).catalog, decisions).catalog;
  const window = windowNetwork(buildNetwork(catalog), range);
  const scores = computeAllPairsCentralitySync(window.compact);
  const byId = new Map<string, AllPairsValues>();
  for (let row = 0; row < window.compact.order; row += 1)
    byId.set(window.authorIdAt(row), {
      betweenness: scores.betweenness[row] as number,
      closeness: scores.closeness[row] as number,
      harmonic: scores.harmonic[row] as number,
    });
  return byId;
}
