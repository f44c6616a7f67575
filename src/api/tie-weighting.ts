/** Tie strength: the `TieWeighting` enum and the centrality table a weighting asks for. */
import {
  type CentralityMetric,
  type CentralityTable,
  computeWeightedScores,
  computeWeightedStructure,
  isStructureMetric,
  isWeightedMetric,
  withWeightedScores,
} from '../analysis/centrality.ts';
import type { TieWeighting } from '../graph/tie-weighting.ts';
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

/** Tables with another weighting's scores, made once per table and weighting. */
const reweighted = new WeakMap<CentralityTable, Map<TieWeighting, Promise<CentralityTable>>>();

/** `table` as it is for joint papers, else with weighted degree, eigenvector and PageRank under `weighting`. */
export function tableWithWeighting(
  context: Context,
  table: CentralityTable,
  weighting: TieWeighting,
  window: Window | null = null,
): Promise<CentralityTable> {
  if (weighting === 'jointPapers') return Promise.resolve(table);
  let byWeighting = reweighted.get(table);
  if (byWeighting === undefined)
    reweighted.set(table, (byWeighting = new Map<TieWeighting, Promise<CentralityTable>>()));
  let result = byWeighting.get(weighting);
  if (result === undefined) {
    const { network } = context.data;
    // A window's weighted scores are computed here, over the window's (smaller) network.
    result =
      window === null
        ? offloaded(context.work.weightedScores(weighting, context.signal)).then((scores) =>
            withWeightedScores(network, table, scores),
          )
        : Promise.resolve().then(() =>
            withWeightedScores(window.network, table, computeWeightedScores(window.network, weighting)),
          );
    // A request that gave up must not leave its failure to the next one.
    result.catch(() => byWeighting.delete(weighting));
    byWeighting.set(weighting, result);
  }
  return result;
}

/** Tables with constraint and effective size under a weighting, made once per table and weighting. */
const restructured = new WeakMap<CentralityTable, Map<TieWeighting, Promise<CentralityTable>>>();

/** `table` with constraint and effective size weighted by `weighting` (NetworkX with weight="weight"). */
export function tableWithWeightedStructure(
  context: Context,
  table: CentralityTable,
  weighting: TieWeighting,
  window: Window | null = null,
): Promise<CentralityTable> {
  let byWeighting = restructured.get(table);
  if (byWeighting === undefined)
    restructured.set(table, (byWeighting = new Map<TieWeighting, Promise<CentralityTable>>()));
  let result = byWeighting.get(weighting);
  if (result === undefined) {
    const { network } = context.data;
    result =
      window === null
        ? offloaded(context.work.weightedStructure(weighting, context.signal)).then((scores) =>
            withWeightedScores(network, table, scores),
          )
        : Promise.resolve().then(() =>
            withWeightedScores(window.network, table, computeWeightedStructure(window.network, weighting)),
          );
    result.catch(() => byWeighting.delete(weighting));
    byWeighting.set(weighting, result);
  }
  return result;
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
