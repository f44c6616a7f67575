/** `Author.timeline`: an author's collaborations year by year (analysis/timeline.ts). */
import { type AuthorYear, authorTimeline } from '../analysis/timeline.ts';
import { AuthorRef } from './author.ts';
import { builder } from './builder.ts';
import { WINDOW_COST, timelineCost } from './complexity.ts';
import { offloaded } from './offload.ts';
import { YearRangeRef, rangeOf } from './year-range.ts';

const AuthorYearRef = builder.objectRef<AuthorYear>('AuthorYear').implement({
  description:
    "One year of an author's collaborations (a year in which the author has a paper). Papers without a year are on no timeline.",
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year.' }),
    paperCount: t.exposeInt('paperCount', { description: "The author's papers of the year." }),
    coauthorCount: t.exposeInt('coauthorCount', {
      description: "Distinct co-authors on the year's papers (papers over the author limit add none).",
    }),
    newCoauthors: t.exposeInt('newCoauthors', {
      description: 'Co-authors whose first joint paper (in the window asked for) is in this year.',
    }),
    lastJointYearCoauthors: t.exposeInt('lastJointYearCoauthors', {
      description:
        'Co-authors whose latest joint paper so far (in the window asked for, up to the last year of the data) is in this year: the collaborations that end here.',
    }),
    cumulativeCoauthorCount: t.exposeInt('cumulativeCoauthorCount', {
      description: 'Distinct co-authors with a joint paper in the window up to and including this year.',
    }),
    degreeRank: t.int({
      complexity: WINDOW_COST,
      description:
        "The author's rank by degree (distinct co-authors) in the cumulative network: the papers of the window up to this year. 1-based; ties share a rank. Asking for a rank builds that network (once per year and window start, then kept), so it is priced as a window.",
      resolve: async (entry) => (await offloaded(entry.ranks())).degreeRank,
    }),
    pagerankRank: t.int({
      complexity: WINDOW_COST,
      description:
        "The author's rank by PageRank (alpha 0.85, joint papers as weight, to the fixed point) in the cumulative network: the papers of the window up to this year. 1-based; ties share a rank. Priced as a window, as degreeRank (the two share one network).",
      resolve: async (entry) => (await offloaded(entry.ranks())).pagerankRank,
    }),
  }),
});

builder.objectField(AuthorRef, 'timeline', (t) =>
  t.field({
    type: [AuthorYearRef],
    complexity: timelineCost,
    description:
      "The author's collaborations year by year, one entry per year with papers, oldest first: enough to draw a career's collaboration curve in one query. The ranks of each year come from the cumulative network up to it, built only when a rank is asked for (once per year in a request worker, then kept). Priced per year the data holds in the window.",
    args: {
      years: t.arg({
        type: YearRangeRef,
        description:
          'Only these years (YearRange); also the start of every cumulative network. Leave out for every year with papers.',
      }),
    },
    resolve: (author, { years }, context) => {
      const range = rangeOf(years);
      return authorTimeline(context.data.network, author.id, range, (year) =>
        context.work.cumulativeRanks({ from: range.from, to: year }, context.signal),
      );
    },
  }),
);
