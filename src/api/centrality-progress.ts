/**
 * The `centralityProgress` subscription: the all-pairs pass's progress as server-sent events (graphql-yoga
 * serves subscriptions over SSE: GraphiQL, graphql-sse's client, urql's subscription exchange), ending
 * with the exact values' `computedAt`. The stream is analysis/progress-stream.ts.
 */
import { type ProgressUpdate, progressStream } from '../analysis/progress-stream.ts';
import { builder } from './builder.ts';
import { checkRange } from './arguments.ts';
import { CentralityProgressRef } from './graph-stats.ts';
import type { CentralityProgress } from '../analysis/analyzed-network.ts';
import { isWholeRange, rangeKey } from '../graph/year-window.ts';
import { badUserInput } from './errors.ts';
import { YearRangeRef, rangeOf } from './year-range.ts';

builder.subscriptionType({
  description: 'Long work, observable: updates pushed to the client as server-sent events.',
});

const CentralityProgressUpdateRef = builder.objectRef<ProgressUpdate>('CentralityProgressUpdate').implement({
  description: "One update of the all-pairs pass's progress (betweenness, closeness, harmonic).",
  fields: (t) => ({
    progress: t.field({
      type: CentralityProgressRef,
      description: 'Where the pass stands: phase, sources done and in all.',
      resolve: (update) => update.progress,
    }),
    secondsLeft: t.float({
      nullable: true,
      description:
        "Estimated seconds until the exact values are in: the exact pass's rate so far over the sources left. Null while estimating or before the first source is done; 0 once exact.",
      resolve: (update) => update.secondsLeft,
    }),
    computedAt: t.string({
      nullable: true,
      description:
        'When the exact values were computed (ISO 8601, UTC): set on the last update, null before (and when the pass failed).',
      resolve: (update) => update.computedAt?.toISOString() ?? null,
    }),
    done: t.exposeBoolean('done', {
      description: 'True on the last update (exact values in, or the pass failed); the stream ends after it.',
    }),
  }),
});

builder.subscriptionField('centralityProgress', (t) =>
  t.field({
    type: CentralityProgressUpdateRef,
    description:
      "The exact all-pairs pass's progress, as server-sent events: an update now, then every `every` seconds while it runs, and a last one (done: true, with computedAt) when the exact values are in. When they are already in, one update and the end.",
    args: {
      every: t.arg.float({ defaultValue: 1, description: 'Seconds between updates, 0.1 to 60.' }),
      years: t.arg({
        type: YearRangeRef,
        description:
          "A window listed at start (serve --windows): that window's exact pass, which runs after the whole network's. Any other bounded window is BAD_USER_INPUT (its betweenness, closeness and harmonic are estimates on request: no pass to follow). Leave out for the whole network.",
      }),
    },
    subscribe: (_root, args, context) => {
      const intervalMs = checkRange(args.every ?? 1, 'every', 0.1, 60) * 1000;
      const range = rangeOf(args.years);
      const { data } = context;
      if (isWholeRange(range)) return progressStream(data, { intervalMs, signal: context.signal });
      const exact = data.whenWindowExact(range);
      if (exact === null)
        throw badUserInput(
          `The window ${rangeKey(range)} is not listed (serve --windows): its betweenness, closeness and harmonic are estimates made on request, with no pass to follow.`,
          'years',
        );
      const source = { progress: () => data.windowProgress(range) as CentralityProgress, whenExact: () => exact };
      return progressStream(source, { intervalMs, signal: context.signal });
    },
    resolve: (update) => update,
  }),
);
