/** `GraphStats` and the `graphStats` root field. */
import type { CentralityProgress } from '../analysis/analyzed-network.ts';
import type { GraphStats } from '../analysis/graph-stats.ts';
import { builder } from './builder.ts';

const CentralityPhaseRef = builder.enumType('CentralityPhase', {
  description: 'Where the computation of betweenness, closeness and harmonic centrality stands.',
  values: {
    ESTIMATING: { value: 'estimating', description: 'Sampled estimates are being computed (seconds after load); requests for these metrics wait for them.' },
    EXACT_PASS: { value: 'exact-pass', description: 'Estimates are served while the exact pass runs in the background (see sourcesDone / sourcesTotal).' },
    EXACT: { value: 'exact', description: 'Exact values are served.' },
    FAILED: { value: 'failed', description: 'The computation failed (see error); whatever was served before is still served.' },
  } as const,
});

const CentralityProgressRef = builder.objectRef<CentralityProgress>('CentralityProgress').implement({
  description: 'Progress of the all-pairs centrality metrics (betweenness, closeness, harmonic). Small networks are computed exactly at load; large ones are estimated first, then computed exactly in worker threads while the server answers.',
  fields: (t) => ({
    phase: t.field({ type: CentralityPhaseRef, description: 'The current phase.', resolve: (progress) => progress.phase }),
    sourcesDone: t.exposeInt('sourcesDone', { description: 'Breadth-first searches finished in the current pass.' }),
    sourcesTotal: t.exposeInt('sourcesTotal', { description: 'Breadth-first searches the current pass runs in all (authors whose searches can be derived from another\'s are skipped; see README).' }),
    fraction: t.float({ description: 'sourcesDone / sourcesTotal (1 when exact).', resolve: (progress) => (progress.phase === 'exact' ? 1 : progress.sourcesTotal === 0 ? 0 : progress.sourcesDone / progress.sourcesTotal) }),
    exactStartedAt: t.string({ nullable: true, description: 'When the exact pass started (ISO 8601, UTC); null before it starts or when the exact values came from the cache.', resolve: (progress) => progress.exactStartedAt?.toISOString() ?? null }),
    exactFinishedAt: t.string({ nullable: true, description: 'When the exact values were computed (ISO 8601, UTC), also for values read from the cache; null until then.', resolve: (progress) => progress.exactFinishedAt?.toISOString() ?? null }),
    fromCache: t.exposeBoolean('fromCache', { description: 'True when the exact values were read from the cache of an earlier run on the same inputs and options.' }),
    error: t.exposeString('error', { nullable: true, description: 'What went wrong, when the phase is FAILED (or when exact values could not be saved to the cache).' }),
  }),
});

const GraphStatsRef = builder.objectRef<GraphStats>('GraphStats').implement({
  description: 'Figures about the whole network, computed once per loaded network.',
  fields: (t) => ({
    paperCount: t.exposeInt('paperCount', { description: 'Distinct papers (the same paper from several records counts once).' }),
    authorCount: t.exposeInt('authorCount', { description: 'Distinct authors (nodes).' }),
    collaborationCount: t.exposeInt('collaborationCount', { description: 'Pairs of authors who wrote at least one paper together (edges).' }),
    componentCount: t.exposeInt('componentCount', { description: 'Connected components; an author with no co-author is a component alone.' }),
    largestComponentSize: t.exposeInt('largestComponentSize', { description: 'Authors in the largest connected component.' }),
    isolatedAuthorCount: t.exposeInt('isolatedAuthorCount', { description: 'Authors with no co-author.' }),
    singleAuthorPaperCount: t.exposeInt('singleAuthorPaperCount', { description: 'Papers with one author.' }),
    density: t.exposeFloat('density', { description: 'Edges / possible edges: 2E / (n(n − 1)). NetworkX: density(G).' }),
    averageDegree: t.exposeFloat('averageDegree', { description: 'Average number of distinct co-authors: 2E / n.' }),
    maxJointPapers: t.exposeInt('maxJointPapers', { description: 'The most papers any two authors wrote together.' }),
    maxAuthorsPerPaper: t.exposeInt('maxAuthorsPerPaper', { nullable: true, description: 'The --max-authors-per-paper limit the network was built with: papers with more authors are kept as papers of each author but add no collaborations. Null: no limit.' }),
    papersOverAuthorLimit: t.exposeInt('papersOverAuthorLimit', { description: 'Papers kept without collaborations because they have more authors than maxAuthorsPerPaper (0 without a limit).' }),
    centralityProgress: t.field({ type: CentralityProgressRef, description: 'Progress of betweenness, closeness and harmonic centrality (exact or estimated; see AuthorCentrality.exact).', resolve: (_stats, _args, { data }) => data.progress() }),
  }),
});

builder.queryField('graphStats', (t) => t.field({
  type: GraphStatsRef,
  description: 'Figures about the whole network.',
  resolve: (_root, _args, { data }) => data.stats,
}));
