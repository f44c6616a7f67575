/** A listed window's exact all-pairs values computed from scratch, the reference for the listed-windows tests. */
import { expect } from 'vitest';
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

/** A window's served all-pairs values equal the from-scratch ones (`windowFromScratch`) to 1e-12, relative above 1. */
export function expectWindowValues(now: AllPairsValues, wanted: AllPairsValues | undefined, id: string): void {
  expect(wanted, id).toBeDefined();
  for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
    expect(Math.abs(now[metric] - wanted![metric]), `${metric} of ${id}`).toBeLessThanOrEqual(
      1e-12 * Math.max(1, wanted![metric]),
    );
}
