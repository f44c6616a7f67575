/** Collaboration paths: `CollaborationPath`, `CollaborationStep`, and the root fields that find them. */
import {
  type CollaborationHop,
  type CollaborationPath,
  bestCollaborationPathInSlices,
  rankedCollaborationPathsInSlices,
} from '../analysis/paths.ts';
import { papersByRecency } from '../graph/lookup.ts';
import type { Author } from '../graph/network.ts';
import { createHash } from 'node:crypto';
import { requireAuthor, requireAuthors, requirePapers } from './arguments.ts';
import { AuthorRef } from './author.ts';
import { type Context, builder } from './builder.ts';
import { jointPapersCost, pathCost, pathsCost, windowedCost } from './complexity.ts';
import { connectionArgs, defineConnection } from './connection.ts';
import { badUserInput } from './errors.ts';
import { CursorSpace, pageOf, pageWindow } from './pagination.ts';
import { PaperRef } from './paper.ts';
import { TieWeightingRef } from './tie-weighting.ts';
import { YearRangeRef, networkOf, yearsDescription } from './year-range.ts';

const pathYearsDescription = `${yearsDescription} Only ties with a joint paper in the window; each hop cites only those papers. Null (or empty) when either author has no paper there.`;

const pathWeightingDescription =
  'How ties are weighed when equally short chains are compared (TieWeighting): JOINT_PAPERS (the default) prefers the chain with the most joint papers over its hops; FRACTIONAL and ASSOCIATION_STRENGTH the one with the greatest total tie strength under that weighting.';

const authorOf = (context: Context, id: string): Author => context.data.network.authors.get(id) as Author;

/** How far into a ranked list of shortest paths a page may reach (each page lists every path before it). */
export const MAX_LISTED_PATHS = 10_000;

/**
 * `MAX_LISTED_PATHS` with its thousands grouped ("10,000"), written without `toLocaleString`: the
 * schema is built as the server starts, and the locale's number formats would page in about 5 MB
 * of ICU data that nothing else served at ready needs.
 */
const MAX_LISTED_PATHS_TEXT = String(MAX_LISTED_PATHS).replace(/\B(?=(?:\d{3})+$)/gu, ',');

/** Eight hex digits of the papers behind hops: avoided papers change a path's hops, so they change its id. */
function papersTag(hops: readonly CollaborationHop[]): string {
  const hash = createHash('sha256');
  for (const hop of hops) hash.update(`${hop.paperIds.join('\u0000')}\u0001`);
  return hash.digest('hex').slice(0, 8);
}

const CollaborationStepRef = builder.objectRef<CollaborationHop>('CollaborationStep').implement({
  description: 'One hop of a collaboration path: two co-authors and the papers they wrote together.',
  fields: (t) => ({
    id: t.id({
      description:
        'The hop and the papers behind it: "hop:<from id>><to id>#<tag of the papers>" (avoided papers change the tag).',
      resolve: (hop) => `hop:${hop.from}>${hop.to}#${papersTag([hop])}`,
    }),
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
    id: t.id({
      description:
        'The path\'s authors and the papers behind its hops: "path:<id>><id>>...#<tag of the papers>" (avoided papers change the tag).',
      resolve: (path) => `path:${path.authorIds.join('>')}#${papersTag(path.hops)}`,
    }),
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

const { connectionRef: CollaborationPathConnectionRef } = defineConnection<CollaborationPath, CollaborationPath>(
  'CollaborationPath',
  CollaborationPathRef,
  (path) => path,
  'Every shortest chain of co-authors between two authors, strongest first (most joint papers, then author ids).',
);

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
    resolve: async (_root, args, context) => {
      const [from, to] = endpoints(context, String(args.from), String(args.to));
      const avoidAuthors = requireAuthors(context, args.avoidAuthors?.map(String), 'avoidAuthors');
      if (avoidAuthors.includes(from) || avoidAuthors.includes(to))
        throw badUserInput('"avoidAuthors" cannot hold the start or the end of the path.', 'avoidAuthors');
      return bestCollaborationPathInSlices(
        await networkOf(context, args.years),
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
    type: CollaborationPathConnectionRef,
    complexity: windowedCost(pathsCost),
    description: `Every shortest chain of co-authors between two authors, strongest first (most joint papers, or the greatest total strength under \`weighting\`, then author ids), as a connection: \`first\`/\`after\` forward, \`last\`/\`before\` backward. \`totalCount\` counts them all without listing them; a page may reach the ${MAX_LISTED_PATHS_TEXT}th path at most (else BAD_USER_INPUT). Empty when no chain exists.`,
    args: {
      from: t.arg.id({ required: true, description: 'Id of the author to start from.' }),
      to: t.arg.id({ required: true, description: 'Id of the author to reach.' }),
      ...connectionArgs(t.arg, 10),
      weighting: t.arg({ type: TieWeightingRef, defaultValue: 'jointPapers', description: pathWeightingDescription }),
      years: t.arg({ type: YearRangeRef, description: pathYearsDescription }),
    },
    resolve: async (_root, args, context) => {
      const [from, to] = endpoints(context, String(args.from), String(args.to));
      const weighting = args.weighting ?? 'jointPapers';
      const cursors = new CursorSpace(JSON.stringify(['collaborationPaths', from, to, weighting, args.years ?? null]));
      pageWindow(0, args, cursors, 10); // wrong sizes or cursors are refused before the search
      const network = await networkOf(context, args.years);
      const ranked = await rankedCollaborationPathsInSlices(network, from, to, { weighting }, context.signal);
      const { start, end } = pageWindow(ranked.count, args, cursors, 10);
      if (end > MAX_LISTED_PATHS)
        throw badUserInput(
          `These authors are joined by ${ranked.count} shortest paths; a page can reach the ${MAX_LISTED_PATHS}th at most. Page from the start, or avoid authors with collaborationPath.`,
          args.last != null ? 'last' : 'after',
        );
      return pageOf(ranked.first(end).slice(start), start, ranked.count, cursors);
    },
  }),
}));
