/** Centrality: the `CentralityMetric` enum, `AuthorCentrality`, and the `centralityRanking` root field. */
import type {
  CentralityMetric,
  CentralityScores,
  CentralityTable,
  MetricOrigin,
  RankedAuthor,
} from '../analysis/centrality.ts';
import { allPairsMetrics } from '../analysis/centrality.ts';
import type { Author } from '../graph/network.ts';
import { AuthorRef } from './author.ts';
import { allPairsStale } from '../analysis/stale-centrality.ts';
import { builder } from './builder.ts';
import { pageCost, windowedCost } from './complexity.ts';
import { connectionArgs, defineConnection } from './connection.ts';
import { type Pageable, checkPageArguments, paginate } from './pagination.ts';
import { TieWeightingRef, tableFor, weightingDescription } from './tie-weighting.ts';
import { type Window, YearRangeRef, allPairsStaleIn, windowOf, yearsDescription } from './year-range.ts';
import type { Context } from './builder.ts';
import { badUserInput } from './errors.ts';
import { rangeKey } from '../graph/year-window.ts';

/** What each metric means; shared by the enum values and the `AuthorCentrality` fields. */
const definitions = {
  degree: 'Degree centrality: distinct co-authors / (n − 1), n = number of authors. NetworkX: degree_centrality(G).',
  weightedDegree:
    'Weighted degree: the sum of tie strengths over all co-authors (not normalized): joint papers by default, see `weighting`. NetworkX: G.degree(weight="weight").',
  betweenness:
    'Betweenness centrality: the share of shortest paths (by number of hops) between other authors that pass through this one, normalized by (n − 1)(n − 2)/2. NetworkX: betweenness_centrality(G, normalized=True, weight=None).',
  closeness:
    'Closeness centrality: (r − 1) / (sum of hop distances to the r − 1 reachable authors), scaled by (r − 1)/(n − 1) for disconnected networks (Wasserman–Faust). NetworkX: closeness_centrality(G).',
  harmonic:
    'Harmonic centrality: the sum of 1/d over every other reachable author, d in hops (not normalized). NetworkX: harmonic_centrality(G).',
  eigenvector:
    'Eigenvector centrality with the tie strength as weight (joint papers by default, see `weighting`; unit Euclidean norm), iterated to the fixed point (every score within 1e-10 relative; scores below 1e-6 within 1e-16 absolute), not stopped at NetworkX\'s default tolerance. NetworkX: eigenvector_centrality(G, weight="weight") run to convergence.',
  pagerank:
    'PageRank with damping 0.85 and the tie strength as weight (joint papers by default, see `weighting`; scores sum to 1), iterated to the fixed point (every score within 1e-10 relative), not stopped at NetworkX\'s default tolerance. NetworkX: pagerank(G, alpha=0.85, weight="weight") run to convergence.',
  coreness:
    'Coreness (k-core number): the largest k such that the author belongs to a group in which everyone has at least k co-authors within the group. 0 without co-authors. NetworkX: core_number(G).',
  clustering:
    "Local clustering coefficient, unweighted: the share of pairs of the author's co-authors who also wrote together, 2T / (d(d − 1)); 0 with fewer than two co-authors. NetworkX: clustering(G).",
  constraint:
    "Burt's constraint: Σ over co-authors j of (p_ij + Σ_q p_iq·p_qj)². Unweighted unless a `weighting` is given (NetworkX's default): p_ij = 1/(co-authors of i), NetworkX constraint(G); with a weighting, p_ij = w_ij / Σ_k w_ik with that weighting's tie strengths, NetworkX constraint(G, weight=\"weight\"). Low = a broker between co-authors who do not know each other; high = a closed circle. Ranked lowest first. An author without co-authors gets 1 (NetworkX: NaN).",
  effectiveSize:
    'Burt\'s effective size: co-authors less their redundancy. Unweighted unless a `weighting` is given (NetworkX\'s default): d − 2t/d (t = ties among the co-authors), NetworkX effective_size(G); with a weighting, Σ_j (1 − Σ_q p_iq·m_jq), p_iq = w_iq / Σ_k w_ik, m_jq = w_jq / max_k w_jk, NetworkX effective_size(G, weight="weight"). An author without co-authors gets 0 (NetworkX: NaN).',
} as const;

/** GraphQL's name of each metric (`weightedDegree` → WEIGHTED_DEGREE), for ids. */
const metricName = (metric: CentralityMetric): string => metric.replace(/[A-Z]/gu, (c) => `_${c}`).toUpperCase();

export const CentralityMetricRef = builder.enumType('CentralityMetric', {
  description:
    'A centrality or structure measure of authors in the co-authorship network. Definitions match NetworkX 2.8 defaults (eigenvector and PageRank run to the fixed point).',
  values: {
    DEGREE: { value: 'degree', description: definitions.degree },
    WEIGHTED_DEGREE: { value: 'weightedDegree', description: definitions.weightedDegree },
    BETWEENNESS: { value: 'betweenness', description: definitions.betweenness },
    CLOSENESS: { value: 'closeness', description: definitions.closeness },
    HARMONIC: { value: 'harmonic', description: definitions.harmonic },
    EIGENVECTOR: { value: 'eigenvector', description: definitions.eigenvector },
    PAGERANK: { value: 'pagerank', description: definitions.pagerank },
    CORENESS: { value: 'coreness', description: definitions.coreness },
    CLUSTERING: { value: 'clustering', description: definitions.clustering },
    CONSTRAINT: { value: 'constraint', description: definitions.constraint },
    EFFECTIVE_SIZE: { value: 'effectiveSize', description: definitions.effectiveSize },
  } as const,
});

/** An author whose centrality is asked for; each field reads the table it needs when it needs it. */
export interface AuthorCentralityShape {
  readonly authorId: string;
  /** The time window asked for (null: the whole network). */
  readonly window: Window | null;
}

/** An author's scores in a table; an author with no paper in the window asked for is a client error. */
function scoresIn(table: CentralityTable, { authorId, window }: AuthorCentralityShape): CentralityScores {
  const scores = table.scoresOf(authorId);
  if (scores === undefined)
    throw badUserInput(
      `The author "${authorId}" has no paper in the window ${window === null ? '' : rangeKey(window.range)}, so no centrality there.`,
      'years',
    );
  return scores;
}

const exactDescription =
  'True when betweenness, closeness and harmonic are exact; false while they are estimates from a sample (large networks, until the exact pass finishes; see graphStats.centralityProgress). The other metrics are always exact.';
const sampleSizeDescription =
  'When estimated: the number of authors sampled as sources in each large connected component (components no larger are computed exactly). Null when exact.';
const computedAtDescription =
  'When these values were computed (ISO 8601, UTC); for exact values read from the cache, when the run that saved them finished.';

export const AuthorCentralityRef = builder.objectRef<AuthorCentralityShape>('AuthorCentrality').implement({
  description:
    "An author's centrality and structure scores in the whole network, computed once per loaded network. Degree, weighted degree, eigenvector, PageRank, coreness, clustering, constraint and effective size are ready at load; on a large network, betweenness, closeness and harmonic wait (seconds after load) for the first estimates.",
  fields: (t) => {
    const id = t.id({
      description: 'The author\'s scores: "centrality:<author id>" (`Author.centrality` of that author).',
      resolve: ({ authorId }) => `centrality:${authorId}`,
    });
    // Every author of the network has scores; the parent is always one of its authors.
    const score = (metric: CentralityMetric) =>
      t.float({
        description: definitions[metric],
        resolve: async (shape, _args, context) =>
          scoresIn(await tableFor(context, metric, 'jointPapers', shape.window), shape)[metric],
      });
    // The metrics that weigh ties take the weighting; their tables under other weightings are computed on first request.
    const weightedScore = (metric: 'weightedDegree' | 'eigenvector' | 'pagerank') =>
      t.float({
        description: definitions[metric],
        args: {
          weighting: t.arg({ type: TieWeightingRef, defaultValue: 'jointPapers', description: weightingDescription }),
        },
        resolve: async (shape, { weighting }, context) =>
          scoresIn(await tableFor(context, metric, weighting ?? 'jointPapers', shape.window), shape)[metric],
      });
    // Burt's measures: unweighted when no weighting is given, as NetworkX's defaults.
    const structureScore = (metric: 'constraint' | 'effectiveSize') =>
      t.float({
        description: definitions[metric],
        args: {
          weighting: t.arg({
            type: TieWeightingRef,
            description: `How ties are weighed (TieWeighting); left out, unweighted (every tie counts 1, NetworkX's default). JOINT_PAPERS weighs by joint papers.`,
          }),
        },
        resolve: async (shape, { weighting }, context) =>
          scoresIn(await tableFor(context, metric, weighting ?? null, shape.window), shape)[metric],
      });
    const origin = async ({ window }: AuthorCentralityShape, context: Context) =>
      (window === null ? await context.data.centrality() : await window.table(context)).originOf(allPairsMetrics[0]);
    return {
      id,
      degree: score('degree'),
      weightedDegree: weightedScore('weightedDegree'),
      betweenness: score('betweenness'),
      closeness: score('closeness'),
      harmonic: score('harmonic'),
      eigenvector: weightedScore('eigenvector'),
      pagerank: weightedScore('pagerank'),
      coreness: t.int({
        description: definitions.coreness,
        resolve: async (shape, _args, context) =>
          scoresIn(await tableFor(context, 'coreness', 'jointPapers', shape.window), shape).coreness,
      }),
      clustering: score('clustering'),
      constraint: structureScore('constraint'),
      effectiveSize: structureScore('effectiveSize'),
      exact: t.boolean({
        description: exactDescription,
        resolve: async (shape, _args, context) => (await origin(shape, context)).exact,
      }),
      sampleSize: t.int({
        nullable: true,
        description: sampleSizeDescription,
        resolve: async (shape, _args, context) => (await origin(shape, context)).sampleSize,
      }),
      computedAt: t.string({
        description:
          'When betweenness, closeness and harmonic were computed (ISO 8601, UTC); for exact values read from the cache, when the run that saved them finished.',
        resolve: async (shape, _args, context) => (await origin(shape, context)).computedAt.toISOString(),
      }),
      stale: t.boolean({
        description:
          "True while some of these scores are the previous network version's, carried over by author id after a curation change (an author new in this version scores 0 until then): betweenness, closeness and harmonic until the new version's pass finishes; eigenvector, PageRank, coreness, clustering, constraint and effective size (joint papers as tie strength) for the seconds their computation over the whole network takes. Degree and weighted degree are always this version's. In a window (`years`): true while the window's betweenness, closeness and harmonic are the previous version's (a window listed at start, serve --windows, until this version's pass over it finishes); its other metrics are always this version's.",
        resolve: async ({ window }, _args, context) =>
          window === null
            ? allPairsStale(context.data) || context.data.localStale()
            : allPairsStaleIn(await window.table(context)),
      }),
    };
  },
});

interface RankedEntry extends RankedAuthor {
  readonly metric: CentralityMetric;
  readonly origin: MetricOrigin;
}

const RankedAuthorRef = builder.objectRef<RankedEntry>('RankedAuthor').implement({
  description: "An author's place in a centrality ranking.",
  fields: (t) => ({
    id: t.id({
      description:
        'The author\'s entry in the ranking by one metric: "ranked:<METRIC>:<author id>" (one entry per author and metric).',
      resolve: (entry) => `ranked:${metricName(entry.metric)}:${entry.authorId}`,
    }),
    rank: t.exposeInt('rank', { description: '1-based rank; authors with equal scores share a rank ("1, 2, 2, 4").' }),
    author: t.field({
      type: AuthorRef,
      description: 'The author.',
      resolve: (entry, _args, { data }) => data.network.authors.get(entry.authorId) as Author,
    }),
    score: t.exposeFloat('score', { description: "The author's score for the metric ranked." }),
    exact: t.boolean({
      description:
        'True when the score (and so the ranking) is exact; false while it is an estimate from a sample (betweenness, closeness and harmonic on large networks, until the exact pass finishes).',
      resolve: (entry) => entry.origin.exact,
    }),
    sampleSize: t.int({
      nullable: true,
      description: sampleSizeDescription,
      resolve: (entry) => entry.origin.sampleSize,
    }),
    computedAt: t.string({
      description: computedAtDescription,
      resolve: (entry) => entry.origin.computedAt.toISOString(),
    }),
  }),
});

const { connectionRef: RankedAuthorConnectionRef } = defineConnection<RankedEntry, RankedEntry>(
  'RankedAuthor',
  RankedAuthorRef,
  (entry) => entry,
  'A page of a centrality ranking, highest score first (CONSTRAINT: lowest first), ties by id.',
);

/** A ranking as a list to page, each entry with how its score was obtained (decoded a page at a time). */
export function rankingList(table: CentralityTable, metric: CentralityMetric): Pageable<RankedEntry> {
  const origin = table.originOf(metric);
  const ranking = table.rankingList(metric);
  return {
    length: ranking.length,
    slice: (start, end) => ranking.slice(start, end).map((entry) => ({ ...entry, metric, origin })),
  };
}

builder.queryField('centralityRanking', (t) =>
  t.field({
    type: RankedAuthorConnectionRef,
    complexity: windowedCost(pageCost(10)),
    description:
      'Authors ranked by a centrality metric: highest score first (CONSTRAINT: lowest first, brokers at the top), ties by id, as a connection (`first`/`after` forward, `last`/`before` backward). On a large network, betweenness, closeness and harmonic are estimates until the exact pass finishes (each entry says so).',
    args: {
      metric: t.arg({ type: CentralityMetricRef, required: true, description: 'The metric to rank by.' }),
      ...connectionArgs(t.arg, 10),
      offset: t.arg.int({
        description: 'How many top authors to skip before `first` (not with `after`, `before` or `last`).',
        deprecationReason: 'Page with `after` (the `endCursor` of the page before) or `last`/`before`.',
      }),
      weighting: t.arg({
        type: TieWeightingRef,
        description: `${weightingDescription} Changes WEIGHTED_DEGREE, EIGENVECTOR and PAGERANK (left out: JOINT_PAPERS), and CONSTRAINT and EFFECTIVE_SIZE (left out: unweighted, as NetworkX's defaults; given, weighted by these strengths); no other metric.`,
      }),
      years: t.arg({
        type: YearRangeRef,
        description: `${yearsDescription} In a window every metric is computed on request over its network; betweenness, closeness and harmonic exactly for a small window, else estimated from a sample (exact: false, sampleSize).`,
      }),
    },
    resolve: async (_root, args, context) => {
      const weighting = args.weighting ?? null;
      // One list per metric, weighting and window: a cursor from another is refused.
      const listKey = JSON.stringify(['centralityRanking', args.metric, weighting, args.years ?? null]);
      checkPageArguments(args, listKey); // before a window is analysed
      const window = await windowOf(context, args.years);
      return paginate(
        rankingList(await tableFor(context, args.metric, weighting, window), args.metric),
        args,
        listKey,
        10,
      );
    },
  }),
);
