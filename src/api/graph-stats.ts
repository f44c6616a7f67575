/** `GraphStats` and the `graphStats` root field. */
import type { CentralityProgress } from '../analysis/analyzed-network.ts';
import type { GraphStats } from '../analysis/graph-stats.ts';
import type { YearRange } from '../graph/year-window.ts';
import type { CentralityTable } from '../analysis/centrality.ts';
import { type Context, builder } from './builder.ts';
import { windowedCost } from './complexity.ts';
import { YearRangeRef, windowOf, yearsDescription } from './year-range.ts';

const CentralityPhaseRef = builder.enumType('CentralityPhase', {
  description: 'Where the computation of betweenness, closeness and harmonic centrality stands.',
  values: {
    ESTIMATING: {
      value: 'estimating',
      description:
        'Sampled estimates are being computed (seconds after load); requests for these metrics wait for them.',
    },
    EXACT_PASS: {
      value: 'exact-pass',
      description: 'Estimates are served while the exact pass runs in the background (see sourcesDone / sourcesTotal).',
    },
    EXACT: { value: 'exact', description: 'Exact values are served.' },
    FAILED: {
      value: 'failed',
      description: 'The computation failed (see error); whatever was served before is still served.',
    },
  } as const,
});

export const CentralityProgressRef = builder.objectRef<CentralityProgress>('CentralityProgress').implement({
  description:
    'Progress of the all-pairs centrality metrics (betweenness, closeness, harmonic). Small networks are computed exactly at load; large ones are estimated first, then computed exactly in worker threads while the server answers.',
  fields: (t) => ({
    phase: t.field({
      type: CentralityPhaseRef,
      description: 'The current phase.',
      resolve: (progress) => progress.phase,
    }),
    sourcesDone: t.exposeInt('sourcesDone', { description: 'Breadth-first searches finished in the current pass.' }),
    sourcesTotal: t.exposeInt('sourcesTotal', {
      description:
        "Breadth-first searches the current pass runs in all (authors whose searches can be derived from another's are skipped; see README).",
    }),
    fraction: t.float({
      description: 'sourcesDone / sourcesTotal (1 when exact).',
      resolve: (progress) =>
        progress.phase === 'exact' ? 1 : progress.sourcesTotal === 0 ? 0 : progress.sourcesDone / progress.sourcesTotal,
    }),
    exactStartedAt: t.string({
      nullable: true,
      description:
        'When the exact pass started (ISO 8601, UTC); null before it starts or when the exact values came from the cache.',
      resolve: (progress) => progress.exactStartedAt?.toISOString() ?? null,
    }),
    exactFinishedAt: t.string({
      nullable: true,
      description:
        'When the exact values were computed (ISO 8601, UTC), also for values read from the cache; null until then.',
      resolve: (progress) => progress.exactFinishedAt?.toISOString() ?? null,
    }),
    fromCache: t.exposeBoolean('fromCache', {
      description:
        'True when the exact values were read from the cache of an earlier run on the same inputs and options.',
    }),
    stale: t.boolean({
      description:
        "True while the all-pairs values served are the previous network version's (after a curation change), until this version's exact pass finishes.",
      resolve: (progress) => (progress as { stale?: boolean }).stale === true,
    }),
    error: t.exposeString('error', {
      nullable: true,
      description: 'What went wrong, when the phase is FAILED (or when exact values could not be saved to the cache).',
    }),
  }),
});

/** Figures of the whole network, or of a window with the table its path figures come from. */
type StatsShape = GraphStats & {
  readonly windowTable?: () => Promise<CentralityTable>;
  /** The window's range, when these are a window's figures. */
  readonly windowRange?: YearRange;
};
const tableOf = (stats: StatsShape, data: Context['data']) => (stats.windowTable ?? data.centrality)();

const GraphStatsRef = builder.objectRef<StatsShape>('GraphStats').implement({
  description: 'Figures about the whole network, computed once per loaded network.',
  fields: (t) => ({
    id: t.id({
      description:
        'The figures of one version of the network: "graph-stats:<networkVersion>" (a new network, new figures).',
      resolve: (_stats, _args, { data }) => `graph-stats:${data.network.version}`,
    }),
    paperCount: t.exposeInt('paperCount', {
      description: 'Distinct papers (the same paper from several records counts once).',
    }),
    authorCount: t.exposeInt('authorCount', { description: 'Distinct authors (nodes).' }),
    collaborationCount: t.exposeInt('collaborationCount', {
      description: 'Pairs of authors who wrote at least one paper together (edges).',
    }),
    componentCount: t.exposeInt('componentCount', {
      description: 'Connected components; an author with no co-author is a component alone.',
    }),
    largestComponentSize: t.exposeInt('largestComponentSize', {
      description: 'Authors in the largest connected component.',
    }),
    isolatedAuthorCount: t.exposeInt('isolatedAuthorCount', { description: 'Authors with no co-author.' }),
    singleAuthorPaperCount: t.exposeInt('singleAuthorPaperCount', { description: 'Papers with one author.' }),
    density: t.exposeFloat('density', {
      description: 'Edges / possible edges: 2E / (n(n − 1)). NetworkX: density(G).',
    }),
    averageDegree: t.exposeFloat('averageDegree', { description: 'Average number of distinct co-authors: 2E / n.' }),
    maxJointPapers: t.exposeInt('maxJointPapers', { description: 'The most papers any two authors wrote together.' }),
    maxAuthorsPerPaper: t.exposeInt('maxAuthorsPerPaper', {
      nullable: true,
      description:
        'The --max-authors-per-paper limit the network was built with: papers with more authors are kept as papers of each author but add no collaborations. Null: no limit.',
    }),
    papersOverAuthorLimit: t.exposeInt('papersOverAuthorLimit', {
      description:
        'Papers kept without collaborations because they have more authors than maxAuthorsPerPaper (0 without a limit).',
    }),
    degeneracy: t.exposeInt('degeneracy', {
      description:
        "The largest coreness of any author (the network's degeneracy). NetworkX: max(core_number(G).values()).",
    }),
    transitivity: t.exposeFloat('transitivity', {
      description:
        'Global clustering: 3 × triangles / connected triples of authors (0 without triangles). NetworkX: transitivity(G).',
    }),
    averageClustering: t.exposeFloat('averageClustering', {
      description:
        'The mean local clustering coefficient over all authors, those with fewer than two co-authors counted as 0. NetworkX: average_clustering(G).',
    }),
    degreeAssortativity: t.float({
      nullable: true,
      description:
        'Degree assortativity: the Pearson correlation of the co-author counts at the two ends of a collaboration. Null where undefined (no collaborations, or every one joins authors with equally many co-authors; NetworkX gives NaN). NetworkX: degree_assortativity_coefficient(G).',
      resolve: (stats) => stats.degreeAssortativity,
    }),
    largestComponentShare: t.exposeFloat('largestComponentShare', {
      description: 'The share of all authors in the largest connected component, 0 to 1.',
    }),
    averageShortestPathLength: t.float({
      nullable: true,
      description:
        'The mean hop distance over all ordered pairs of authors of the largest connected component (the first found when several are as large). Exact once the exact all-pairs pass has run (see figuresExact); until then the mean over the sampled authors of that component. Null for an empty network. NetworkX: average_shortest_path_length(G.subgraph(C)).',
      resolve: async (stats, _args, { data }) =>
        stats.authorCount === 0
          ? null
          : ((await tableOf(stats, data)).pathFigures()?.averageShortestPathLength ?? null),
    }),
    diameter: t.int({
      nullable: true,
      description:
        'The largest hop distance between two authors of the largest connected component. Exact once the exact all-pairs pass has run (see figuresExact); until then the largest eccentricity among the sampled authors, a lower bound. Null for an empty network. NetworkX: diameter(G.subgraph(C)).',
      resolve: async (stats, _args, { data }) =>
        stats.authorCount === 0 ? null : ((await tableOf(stats, data)).pathFigures()?.diameter ?? null),
    }),
    figuresExact: t.boolean({
      description:
        'True when averageShortestPathLength and diameter are exact (from a search from every author of the largest component); false while they are estimates.',
      resolve: async (stats, _args, { data }) => (await tableOf(stats, data)).pathFigures()?.exact ?? true,
    }),
    centralityProgress: t.field({
      type: CentralityProgressRef,
      description:
        "Progress of betweenness, closeness and harmonic centrality (exact or estimated; see AuthorCentrality.exact): a listed window's own (serve --windows), else the whole network's.",
      resolve: (stats, _args, { data }) =>
        (stats.windowRange === undefined ? null : data.windowProgress(stats.windowRange)) ?? data.progress(),
    }),
  }),
});

builder.queryField('graphStats', (t) =>
  t.field({
    type: GraphStatsRef,
    complexity: windowedCost({ field: 1, multiplier: 1 }),
    description: 'Figures about the whole network, or about the network of a time window (`years`).',
    args: {
      years: t.arg({
        type: YearRangeRef,
        description: `${yearsDescription} The window's figures are computed on request (in a request worker) and kept; its path figures are exact for a small window, else estimates (figuresExact). centralityProgress is a listed window's own (serve --windows), else the whole network's.`,
      }),
    },
    resolve: async (_root, { years }, context) => {
      const window = await windowOf(context, years);
      if (window === null) return context.data.stats;
      return { ...(await window.stats(context)), windowTable: () => window.table(context), windowRange: window.range };
    },
  }),
);
