/**
 * Tie strength: how much a co-authorship tie weighs, under three models a bibliometrician cites.
 *
 * For authors i and j with joint papers P_ij (papers over `maxAuthorsPerPaper` add no ties, so they
 * are not among them), n_p the number of authors of paper p:
 * - `jointPapers`: c_ij = |P_ij|, the number of joint papers (full counting).
 * - `fractional`: Σ_{p ∈ P_ij} 1/(n_p − 1). Newman (2001, "Scientific collaboration networks. II"):
 *   each paper gives each of its authors one unit of collaboration, shared evenly among their n_p − 1
 *   co-authors, so a 300-author paper weighs 1/299 per tie and an author's weighted degree is the
 *   number of their papers with co-authors (fractional counting). NetworkX:
 *   `bipartite.collaboration_weighted_projected_graph(B, authors)`.
 * - `associationStrength`: 2m·c_ij / (k_i·k_j), k_i = Σ_j c_ij (the author's total joint papers, the
 *   total link strength), m = Σ_{i<j} c_ij. VOSviewer's normalisation (van Eck & Waltman 2009, "How to
 *   normalize cooccurrence data?"; Waltman, van Eck & Noyons 2010, "A unified approach to mapping and
 *   clustering of bibliometric networks"): the ratio of the joint papers observed to those expected if
 *   the two chose co-authors independently in proportion to their activity (1 = as expected).
 *
 * The weights are per adjacency entry of the compact graph (both directions of a tie get the same
 * value) and depend only on the network, so they are computed once per network and weighting.
 */
import type { CompactGraph, TieWeights } from './compact-graph.ts';

export const tieWeightings = ['jointPapers', 'fractional', 'associationStrength'] as const;
export type TieWeighting = (typeof tieWeightings)[number];

/** What tie weights are computed from: the compact graph and the byline lengths (`bylineOffsets` of the columns). */
export interface WeightingSource {
  readonly compact: CompactGraph<Uint32Array>;
  readonly bylineOffsets: Int32Array;
}

/** A weight per adjacency entry of `source.compact` under `weighting` (the stored weights for `jointPapers`). */
export function tieWeights(source: WeightingSource, weighting: Exclude<TieWeighting, 'jointPapers'>): Float64Array;
export function tieWeights(source: WeightingSource, weighting: TieWeighting): TieWeights;
export function tieWeights(source: WeightingSource, weighting: TieWeighting): TieWeights {
  const { compact, bylineOffsets } = source;
  if (weighting === 'jointPapers') return compact.weights;
  const entries = compact.neighbors.length;
  const weights = new Float64Array(entries);
  if (weighting === 'fractional') {
    for (let j = 0; j < entries; j += 1) {
      let sum = 0;
      for (let k = compact.paperOffsets[j] as number; k < (compact.paperOffsets[j + 1] as number); k += 1) {
        const paper = compact.papers[k] as number;
        sum += 1 / ((bylineOffsets[paper + 1] as number) - (bylineOffsets[paper] as number) - 1);
      }
      weights[j] = sum;
    }
    return weights;
  }
  // Association strength.
  const total = new Float64Array(compact.order);
  let twiceM = 0;
  for (let v = 0; v < compact.order; v += 1) {
    let sum = 0;
    for (let j = compact.offsets[v] as number; j < (compact.offsets[v + 1] as number); j += 1)
      sum += compact.weights[j] as number;
    total[v] = sum;
    twiceM += sum;
  }
  for (let v = 0; v < compact.order; v += 1) {
    for (let j = compact.offsets[v] as number; j < (compact.offsets[v + 1] as number); j += 1) {
      const w = compact.neighbors[j] as number;
      weights[j] = (twiceM * (compact.weights[j] as number)) / ((total[v] as number) * (total[w] as number));
    }
  }
  return weights;
}

const cache = new WeakMap<CompactGraph, Map<TieWeighting, TieWeights>>();

/** `tieWeights`, computed once per compact graph and weighting. */
export function cachedTieWeights(source: WeightingSource, weighting: TieWeighting): TieWeights {
  if (weighting === 'jointPapers') return source.compact.weights;
  let byWeighting = cache.get(source.compact);
  if (byWeighting === undefined) cache.set(source.compact, (byWeighting = new Map<TieWeighting, TieWeights>()));
  let weights = byWeighting.get(weighting);
  if (weights === undefined) byWeighting.set(weighting, (weights = tieWeights(source, weighting)));
  return weights;
}

/** The compact graph with its weights replaced by `weighting`'s (the same arrays otherwise). */
export function weightedCompact(source: WeightingSource, weighting: TieWeighting): CompactGraph {
  return weighting === 'jointPapers'
    ? source.compact
    : { ...source.compact, weights: cachedTieWeights(source, weighting) };
}

/**
 * The strength of a tie under `weighting` when only some of its joint papers count (a path that
 * avoids papers): `papers` are the papers that count, `entry` the tie's adjacency entry of author
 * `from` (whose normalisation association strength keeps: k and m are the whole network's).
 */
export function strengthOfPapers(
  source: WeightingSource,
  weighting: TieWeighting,
  entry: number,
  papers: readonly number[],
): number {
  const { compact, bylineOffsets } = source;
  if (weighting === 'jointPapers') return papers.length;
  if (weighting === 'fractional') {
    let sum = 0;
    for (const paper of papers)
      sum += 1 / ((bylineOffsets[paper + 1] as number) - (bylineOffsets[paper] as number) - 1);
    return sum;
  }
  const all = compact.weights[entry] as number;
  return all === 0 ? 0 : ((cachedTieWeights(source, weighting)[entry] as number) * papers.length) / all;
}

/** The weighting source of a network's columns and compact graph. */
export function weightingSource(network: {
  readonly compact: CompactGraph<Uint32Array>;
  readonly columns: { readonly bylineOffsets: Int32Array };
}): WeightingSource {
  return { compact: network.compact, bylineOffsets: network.columns.bylineOffsets };
}
