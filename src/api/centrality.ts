/** Centrality: the `CentralityMetric` enum, `AuthorCentrality`, and the `centralityRanking` root field. */
import type { CentralityScores, RankedAuthor } from '../analysis/centrality.ts';
import type { Author } from '../graph/network.ts';
import { MAX_PAGE_SIZE, checkRange } from './arguments.ts';
import { AuthorRef } from './author.ts';
import { builder } from './builder.ts';

/** What each metric means; shared by the enum values and the `AuthorCentrality` fields. */
const definitions = {
  degree: 'Degree centrality: distinct co-authors / (n − 1), n = number of authors. NetworkX: degree_centrality(G).',
  weightedDegree: 'Weighted degree: the sum of joint-paper counts over all co-authors (not normalized). NetworkX: G.degree(weight="weight").',
  betweenness: 'Betweenness centrality: the share of shortest paths (by number of hops) between other authors that pass through this one, normalized by (n − 1)(n − 2)/2. NetworkX: betweenness_centrality(G, normalized=True, weight=None).',
  closeness: 'Closeness centrality: (r − 1) / (sum of hop distances to the r − 1 reachable authors), scaled by (r − 1)/(n − 1) for disconnected networks (Wasserman–Faust). NetworkX: closeness_centrality(G).',
  harmonic: 'Harmonic centrality: the sum of 1/d over every other reachable author, d in hops (not normalized). NetworkX: harmonic_centrality(G).',
  eigenvector: 'Eigenvector centrality with joint papers as tie strength (unit Euclidean norm). NetworkX: eigenvector_centrality(G, weight="weight").',
  pagerank: 'PageRank with damping 0.85 and joint papers as tie strength (scores sum to 1). NetworkX: pagerank(G, alpha=0.85, weight="weight").',
} as const;

export const CentralityMetricRef = builder.enumType('CentralityMetric', {
  description: 'A centrality measure of authors in the co-authorship network. Definitions match NetworkX 2.8 defaults.',
  values: {
    DEGREE: { value: 'degree', description: definitions.degree },
    WEIGHTED_DEGREE: { value: 'weightedDegree', description: definitions.weightedDegree },
    BETWEENNESS: { value: 'betweenness', description: definitions.betweenness },
    CLOSENESS: { value: 'closeness', description: definitions.closeness },
    HARMONIC: { value: 'harmonic', description: definitions.harmonic },
    EIGENVECTOR: { value: 'eigenvector', description: definitions.eigenvector },
    PAGERANK: { value: 'pagerank', description: definitions.pagerank },
  } as const,
});

export const AuthorCentralityRef = builder.objectRef<CentralityScores>('AuthorCentrality').implement({
  description: 'An author\'s centrality scores in the whole network, computed once per loaded network.',
  fields: (t) => ({
    degree: t.exposeFloat('degree', { description: definitions.degree }),
    weightedDegree: t.exposeFloat('weightedDegree', { description: definitions.weightedDegree }),
    betweenness: t.exposeFloat('betweenness', { description: definitions.betweenness }),
    closeness: t.exposeFloat('closeness', { description: definitions.closeness }),
    harmonic: t.exposeFloat('harmonic', { description: definitions.harmonic }),
    eigenvector: t.exposeFloat('eigenvector', { description: definitions.eigenvector }),
    pagerank: t.exposeFloat('pagerank', { description: definitions.pagerank }),
  }),
});

const RankedAuthorRef = builder.objectRef<RankedAuthor>('RankedAuthor').implement({
  description: 'An author\'s place in a centrality ranking.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: '1-based rank; authors with equal scores share a rank ("1, 2, 2, 4").' }),
    author: t.field({ type: AuthorRef, description: 'The author.', resolve: (entry, _args, { data }) => data.network.authors.get(entry.authorId) as Author }),
    score: t.exposeFloat('score', { description: 'The author\'s score for the metric ranked.' }),
  }),
});

builder.queryField('centralityRanking', (t) => t.field({
  type: [RankedAuthorRef],
  description: 'Authors ranked by a centrality metric: highest score first, ties by id.',
  args: {
    metric: t.arg({ type: CentralityMetricRef, required: true, description: 'The metric to rank by.' }),
    first: t.arg.int({ defaultValue: 10, description: 'How many authors, 0 to 100.' }),
    offset: t.arg.int({ defaultValue: 0, description: 'How many top authors to skip (to read the ranking page by page).' }),
  },
  resolve: (_root, { metric, first, offset }, { data }) => {
    const start = checkRange(offset ?? 0, 'offset', 0, Number.MAX_SAFE_INTEGER);
    return data.centrality.ranking(metric).slice(start, start + checkRange(first ?? 10, 'first', 0, MAX_PAGE_SIZE));
  },
}));
