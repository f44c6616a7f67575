/** Collaboration paths: `CollaborationPath`, `CollaborationStep`, and the root fields that find them. */
import {
  type CollaborationHop,
  type CollaborationPath,
  bestCollaborationPathInSlices,
  shortestCollaborationPathsInSlices,
} from '../analysis/paths.ts';
import { papersByRecency } from '../graph/lookup.ts';
import type { Author } from '../graph/network.ts';
import { MAX_PAGE_SIZE, checkRange, requireAuthor, requireAuthors, requirePapers } from './arguments.ts';
import { AuthorRef } from './author.ts';
import { type Context, builder } from './builder.ts';
import { jointPapersCost, pathCost, pathsCost, windowedCost } from './complexity.ts';
import { badUserInput } from './errors.ts';
import { PaperRef } from './paper.ts';
import { TieWeightingRef } from './tie-weighting.ts';
import { YearRangeRef, windowOf, yearsDescription } from './year-range.ts';

const pathYearsDescription = `${yearsDescription} Only ties with a joint paper in the window; each hop cites only those papers. Null (or empty) when either author has no paper there.`;

const pathWeightingDescription =
  'How ties are weighed when equally short chains are compared (TieWeighting): JOINT_PAPERS (the default) prefers the chain with the most joint papers over its hops; FRACTIONAL and ASSOCIATION_STRENGTH the one with the greatest total tie strength under that weighting.';

const authorOf = (context: Context, id: string): Author => context.data.network.authors.get(id) as Author;

const CollaborationStepRef = builder.objectRef<CollaborationHop>('CollaborationStep').implement({
  description: 'One hop of a collaboration path: two co-authors and the papers they wrote together.',
  fields: (t) => ({
    from: t.field({
      type: AuthorRef,
      description: 'The author this hop starts from.',
      resolve: (hop, _args, context) => authorOf(context, hop.from),
    }),
    to: t.field({
      type: AuthorRef,
      description: 'The author this hop reaches.',
      resolve: (hop, _args, context) => authorOf(context, hop.to),
    }),
    papers: t.field({
      type: [PaperRef],
      complexity: jointPapersCost,
      description: 'The joint papers behind the hop, newest first (avoided papers left out).',
      resolve: (hop, _args, { data }) => papersByRecency(data.network, hop.paperIds),
    }),
    jointPaperCount: t.int({
      description: 'How many joint papers stand behind the hop.',
      resolve: (hop) => hop.paperIds.length,
    }),
  }),
});

const CollaborationPathRef = builder.objectRef<CollaborationPath>('CollaborationPath').implement({
  description: 'A shortest chain of co-authors from one author to another, with the papers behind each hop.',
  fields: (t) => ({
    length: t.int({
      description: 'Number of hops (the collaboration distance); 0 from an author to themself.',
      resolve: (path) => path.hops.length,
    }),
    authors: t.field({
      type: [AuthorRef],
      description: 'The authors along the path, from the start to the end.',
      resolve: (path, _args, context) => path.authorIds.map((id) => authorOf(context, id)),
    }),
    steps: t.field({ type: [CollaborationStepRef], description: 'The hops, in order.', resolve: (path) => path.hops }),
    totalJointPapers: t.int({
      description: 'Joint papers summed over the hops: among equally short paths, more is a stronger chain.',
      resolve: (path) => path.weight,
    }),
    totalStrength: t.float({
      description:
        'Tie strengths summed over the hops, under the `weighting` the path was chosen with (equal to totalJointPapers for JOINT_PAPERS).',
      resolve: (path) => path.strength,
    }),
  }),
});

function endpoints(context: Context, from: string, to: string): [string, string] {
  return [requireAuthor(context, from, 'from').id, requireAuthor(context, to, 'to').id];
}

builder.queryFields((t) => ({
  collaborationPath: t.field({
    type: CollaborationPathRef,
    nullable: true,
    complexity: windowedCost(pathCost),
    description:
      'The shortest chain of co-authors between two authors (fewest hops); among equally short chains, the one with the most joint papers over its hops, then by author ids. Null when no chain exists (with the avoided authors and papers taken out).',
    args: {
      from: t.arg.id({ required: true, description: 'Id of the author to start from.' }),
      to: t.arg.id({ required: true, description: 'Id of the author to reach.' }),
      avoidAuthors: t.arg.idList({ description: 'Ids of authors the chain must not pass through.' }),
      avoidPapers: t.arg.idList({
        description: 'Ids of papers that must not count as a link (a hop with no other joint paper disappears).',
      }),
      weighting: t.arg({ type: TieWeightingRef, defaultValue: 'jointPapers', description: pathWeightingDescription }),
      years: t.arg({ type: YearRangeRef, description: pathYearsDescription }),
    },
    resolve: (_root, args, context) => {
      const [from, to] = endpoints(context, String(args.from), String(args.to));
      const avoidAuthors = requireAuthors(context, args.avoidAuthors?.map(String), 'avoidAuthors');
      if (avoidAuthors.includes(from) || avoidAuthors.includes(to))
        throw badUserInput('"avoidAuthors" cannot hold the start or the end of the path.', 'avoidAuthors');
      return bestCollaborationPathInSlices(
        windowOf(context, args.years)?.network ?? context.data.network,
        from,
        to,
        {
          avoidAuthors,
          avoidPapers: requirePapers(context, args.avoidPapers?.map(String), 'avoidPapers'),
          weighting: args.weighting ?? 'jointPapers',
        },
        context.signal,
      );
    },
  }),
  collaborationPaths: t.field({
    type: [CollaborationPathRef],
    complexity: windowedCost(pathsCost),
    description:
      'All shortest chains of co-authors between two authors, strongest first (most joint papers, or the greatest total strength under `weighting`, then author ids), at most `first`. Empty when no chain exists.',
    args: {
      from: t.arg.id({ required: true, description: 'Id of the author to start from.' }),
      to: t.arg.id({ required: true, description: 'Id of the author to reach.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many paths at most, 0 to 100.' }),
      weighting: t.arg({ type: TieWeightingRef, defaultValue: 'jointPapers', description: pathWeightingDescription }),
      years: t.arg({ type: YearRangeRef, description: pathYearsDescription }),
    },
    resolve: (_root, args, context) =>
      shortestCollaborationPathsInSlices(
        windowOf(context, args.years)?.network ?? context.data.network,
        ...endpoints(context, String(args.from), String(args.to)),
        checkRange(args.first ?? 10, 'first', 0, MAX_PAGE_SIZE),
        { weighting: args.weighting ?? 'jointPapers' },
        context.signal,
      ),
  }),
}));
