/** `GraphStats` and the `graphStats` root field. */
import type { GraphStats } from '../analysis/graph-stats.ts';
import { builder } from './builder.ts';

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
  }),
});

builder.queryField('graphStats', (t) => t.field({
  type: GraphStatsRef,
  description: 'Figures about the whole network.',
  resolve: (_root, _args, { data }) => data.stats,
}));
