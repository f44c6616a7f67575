/** Tie strength: the `TieWeighting` enum and the centrality table a weighting asks for. */
import {
  type CentralityMetric,
  type CentralityTable,
  isStructureMetric,
  isWeightedMetric,
  type StructureScores,
  type WeightedScores,
  withWeightedScores,
} from '../analysis/centrality.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
import type { YearRange } from '../graph/year-window.ts';
import type { Context } from './builder.ts';
import { builder } from './builder.ts';
import { offloaded } from './offload.ts';
import type { Window } from './year-range.ts';

export const TieWeightingRef = builder.enumType('TieWeighting', {
  description:
    'How strong a co-authorship tie is, for the measures that weigh ties (weighted degree, eigenvector, PageRank, the strongest-path tie-break, edge strengths, exports). c_ij = joint papers of i and j, n_p = authors of paper p.',
  values: {
    JOINT_PAPERS: {
      value: 'jointPapers',
      description: 'Full counting: the number of joint papers, c_ij.',
    },
    FRACTIONAL: {
      value: 'fractional',
      description:
        "Newman's collaboration weight (fractional counting): Σ over joint papers p of 1/(n_p − 1), so a 300-author paper adds 1/299 to each of its ties and an author's weighted degree is their number of papers with co-authors. NetworkX: bipartite.collaboration_weighted_projected_graph.",
    },
    ASSOCIATION_STRENGTH: {
      value: 'associationStrength',
      description:
        "VOSviewer's association strength: 2m·c_ij / (k_i·k_j), k_i = Σ_j c_ij (the author's total joint papers), m = Σ over ties of c_ij: joint papers observed over those expected if co-authors were chosen at random in proportion to activity (1 = as expected).",
    },
  } as const,
});

export const weightingDescription =
  'How ties are weighed (TieWeighting); JOINT_PAPERS, the number of joint papers, by default.';

/**
 * Tables with one kind of weighted scores (`kind`: weighted degree, eigenvector and PageRank; or constraint
 * and effective size), made once per table, kind and weighting, the scores computed in a request worker:
 * the whole network's, or a window's over the window's network (the worker keeps the windows it built).
 */
const reweighted = new WeakMap<CentralityTable, Map<string, Promise<CentralityTable>>>();

function tableWithScores(
  context: Context,
  table: CentralityTable,
  kind: string,
  weighting: TieWeighting,
  window: Window | null,
  compute: (range: YearRange | null) => Promise<WeightedScores | StructureScores>,
): Promise<CentralityTable> {
  let byKey = reweighted.get(table);
  if (byKey === undefined) reweighted.set(table, (byKey = new Map<string, Promise<CentralityTable>>()));
  const key = `${kind}:${weighting}`;
  let result = byKey.get(key);
  if (result === undefined) {
    const network = window?.network ?? context.data.network;
    result = offloaded(compute(window?.range ?? null)).then((scores) => withWeightedScores(network, table, scores));
    // A request that gave up must not leave its failure to the next one.
    result.catch(() => byKey.delete(key));
    byKey.set(key, result);
  }
  return result;
}

/** `table` as it is for joint papers, else with weighted degree, eigenvector and PageRank under `weighting`. */
export function tableWithWeighting(
  context: Context,
  table: CentralityTable,
  weighting: TieWeighting,
  window: Window | null = null,
): Promise<CentralityTable> {
  if (weighting === 'jointPapers') return Promise.resolve(table);
  return tableWithScores(context, table, 'weighted', weighting, window, (range) =>
    context.work.weightedScores(weighting, context.signal, range),
  );
}

/** `table` with constraint and effective size weighted by `weighting` (NetworkX with weight="weight"). */
export function tableWithWeightedStructure(
  context: Context,
  table: CentralityTable,
  weighting: TieWeighting,
  window: Window | null = null,
): Promise<CentralityTable> {
  return tableWithScores(context, table, 'structure', weighting, window, (range) =>
    context.work.weightedStructure(weighting, context.signal, range),
  );
}

/**
 * The table `metric` is read from under `weighting`. The weighting only matters for the weighted
 * metrics (left out: joint papers) and for constraint and effective size (left out: unweighted, as
 * NetworkX's defaults; given, joint papers included: weighted by those strengths).
 */
export async function tableFor(
  context: Context,
  metric: CentralityMetric,
  weighting: TieWeighting | null,
  window: Window | null = null,
): Promise<CentralityTable> {
  const table = window === null ? await context.data.centralityFor(metric) : await window.table(context);
  if (isStructureMetric(metric))
    return weighting === null ? table : tableWithWeightedStructure(context, table, weighting, window);
  return isWeightedMetric(metric) ? tableWithWeighting(context, table, weighting ?? 'jointPapers', window) : table;
}
