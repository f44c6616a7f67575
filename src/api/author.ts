/** The `Author` type and its root fields `author` and `authors`. */
import { collaborationDistanceInSlices } from '../analysis/paths.ts';
import {
  type Coauthor,
  findAuthorByName,
  listAuthors,
  listCoauthors,
  listPapers,
  papersByRecency,
} from '../graph/lookup.ts';
import { findAuthorById } from '../graph/curated-identity.ts';
import { type Author, type CoauthorNetwork, coauthorCount } from '../graph/network.ts';
import { cachedTieWeights, weightingSource } from '../graph/tie-weighting.ts';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS, MAX_SEARCH_TERM_LENGTH } from '../graph/search-terms.ts';
import { checkRange, checkSearch, requireAuthor } from './arguments.ts';
import { builder } from './builder.ts';
import { AuthorCentralityRef } from './centrality.ts';
import { jointPapersCost, pageCost, pathCost, windowedCost } from './complexity.ts';
import { connectionArgs, defineConnection } from './connection.ts';
import { badUserInput } from './errors.ts';
import { NodeRef } from './node.ts';
import { type Pageable, paginate } from './pagination.ts';
import { PaperConnectionRef, PaperRef, papersListKey } from './paper.ts';
import { TieWeightingRef, weightingDescription } from './tie-weighting.ts';
import { YearRangeRef, networkOf, windowOf, yearsDescription } from './year-range.ts';

export const AuthorRef = builder.objectRef<Author>('Author');

export const { connectionRef: AuthorConnectionRef } = defineConnection<Author, Author>(
  'Author',
  AuthorRef,
  (author) => author,
  'A page of authors.',
);

/** A co-author in the list of `listAuthorId`'s co-authors, with the network (whole, or a window's) whose tie it is. */
interface ListedCoauthor extends Coauthor {
  readonly listAuthorId: string;
  readonly network: CoauthorNetwork;
}

const { connectionRef: CoauthorConnectionRef, edgeRef: CoauthorEdgeRef } = defineConnection<ListedCoauthor, Author>(
  'Coauthor',
  AuthorRef,
  (coauthor, { data }) => data.network.authors.get(coauthor.authorId) as Author,
  'A page of co-authors: most joint papers first, then by name.',
);

/** The key of an author's list of co-authors: one list whatever `minJointPapers` (a filtered list is its prefix). */
const coauthorsListKey = (authorId: string) => JSON.stringify(['coauthors', authorId]);

function listedCoauthors(
  coauthors: readonly Coauthor[],
  listAuthorId: string,
  network: CoauthorNetwork,
): Pageable<ListedCoauthor> {
  return {
    length: coauthors.length,
    slice: (start, end) => coauthors.slice(start, end).map((coauthor) => ({ ...coauthor, listAuthorId, network })),
  };
}

builder.objectFields(CoauthorEdgeRef, (t) => ({
  id: t.id({
    description:
      'The tie seen from the list\'s author: "coauthorship:<author id>:<co-author id>" (the same in every list of that author\'s co-authors).',
    resolve: (edge) => `coauthorship:${edge.node.listAuthorId}:${edge.node.authorId}`,
  }),
  jointPaperCount: t.int({
    description: 'How many papers the two wrote together (the weight of their tie).',
    resolve: (edge) => edge.node.jointPaperIds.length,
  }),
  strength: t.float({
    description:
      "The strength of the tie under `weighting`: joint papers (JOINT_PAPERS, the default), Newman's fractional weight (FRACTIONAL) or VOSviewer's association strength (ASSOCIATION_STRENGTH); see TieWeighting.",
    args: {
      weighting: t.arg({ type: TieWeightingRef, defaultValue: 'jointPapers', description: weightingDescription }),
    },
    resolve: (edge, { weighting }) =>
      cachedTieWeights(weightingSource(edge.node.network), weighting ?? 'jointPapers')[edge.node.entry] as number,
  }),
  jointPapers: t.field({
    type: [PaperRef],
    complexity: jointPapersCost,
    description: 'The papers the two wrote together, newest first.',
    resolve: (edge, _args, { data }) => papersByRecency(data.network, edge.node.jointPaperIds),
  }),
}));

AuthorRef.implement({
  description:
    'A person who wrote at least one paper. Spellings of one person are merged: by external id (ORCID, DBLP, OpenAlex), else up to case, whitespace, accents and the punctuation of initials, and through the alias file.',
  interfaces: [NodeRef],
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'nameVariants' in value,
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Stable readable id: a slug of the canonical name, e.g. "david-duvenaud" (a suffix tells namesakes apart).',
    }),
    name: t.exposeString('name', {
      description: "Canonical display name (Unicode NFC): the alias file's name, else the most frequent spelling.",
    }),
    nameVariants: t.stringList({
      description:
        'Every spelling of this person seen in the sources, in order of first appearance (`nameVariantCounts` adds how often each was seen).',
      resolve: (author) => author.nameVariants.map((variant) => variant.name),
    }),
    paperCount: t.int({
      description: 'Number of papers this author wrote.',
      resolve: (author) => author.paperIds.length,
    }),
    coauthorCount: t.int({
      description: 'Number of distinct co-authors.',
      resolve: (author, _args, { data }) => coauthorCount(data.network, author.id),
    }),
    papers: t.field({
      type: PaperConnectionRef,
      complexity: pageCost(20),
      description: "This author's papers, newest first (papers without a year last), then by title.",
      args: connectionArgs(t.arg, 20),
      resolve: (author, args, { data }) =>
        paginate(listPapers(data.network, { authorId: author.id }), args, papersListKey({ authorId: author.id })),
    }),
    coauthors: t.field({
      type: CoauthorConnectionRef,
      complexity: windowedCost(pageCost(20)),
      description: 'People this author wrote with: most joint papers first, then by name.',
      args: {
        ...connectionArgs(t.arg, 20),
        minJointPapers: t.arg.int({
          defaultValue: 1,
          description: 'Only co-authors with at least this many joint papers (in the window, with `years`).',
        }),
        years: t.arg({
          type: YearRangeRef,
          description: `${yearsDescription} Co-authors with a joint paper in the window, their joint papers counted there.`,
        }),
      },
      resolve: async (author, args, context) => {
        const minJointPapers = checkRange(args.minJointPapers ?? 1, 'minJointPapers', 1, Number.MAX_SAFE_INTEGER);
        const network = await networkOf(context, args.years);
        return paginate(
          listedCoauthors(listCoauthors(network, author.id, minJointPapers), author.id, network),
          args,
          coauthorsListKey(author.id),
        );
      },
    }),
    centrality: t.field({
      type: AuthorCentralityRef,
      complexity: windowedCost({ field: 1, multiplier: 1 }),
      description:
        "This author's centrality in the whole network (definitions as in NetworkX 2.8; computed once per loaded network).",
      args: {
        years: t.arg({
          type: YearRangeRef,
          description: `${yearsDescription} In a window every metric is computed on request over its network (betweenness, closeness and harmonic exactly for a small window, else estimated from a sample: see exact and sampleSize); asking for an author with no paper in the window is a BAD_USER_INPUT error.`,
        }),
      },
      resolve: async (author, { years }, context) => ({ authorId: author.id, window: await windowOf(context, years) }),
    }),
    collaborationDistance: t.int({
      nullable: true,
      complexity: windowedCost(pathCost),
      description:
        'Fewest co-authorship hops to another author ("Erdős number" style): 0 to oneself, null when no chain of co-authors connects them.',
      args: {
        to: t.arg.id({ required: true, description: 'Id of the other author.' }),
        years: t.arg({
          type: YearRangeRef,
          description: `${yearsDescription} Hops over ties with a joint paper in the window; null when either author has no paper there.`,
        }),
      },
      resolve: async (author, { to, years }, context) =>
        collaborationDistanceInSlices(
          await networkOf(context, years),
          author.id,
          requireAuthor(context, String(to), 'to').id,
          context.signal,
        ),
    }),
  }),
});

export const AuthorOrderRef = builder.enumType('AuthorOrder', {
  description: 'How to order a list of authors. Ties are broken by name, then id.',
  values: {
    NAME: { value: 'name', description: 'By name (accent- and case-insensitive).' },
    PAPER_COUNT: { value: 'paperCount', description: 'Most papers first.' },
    COAUTHOR_COUNT: { value: 'coauthorCount', description: 'Most distinct co-authors first.' },
  } as const,
});

builder.queryFields((t) => ({
  author: t.field({
    type: AuthorRef,
    nullable: true,
    description:
      'One author, by id (an id merged away by curation finds the person it is now) or by name (any spelling seen, case- and accent-insensitive). Null when there is none. Give exactly one of the two.',
    args: {
      id: t.arg.id({ description: "The author's id." }),
      name: t.arg.string({
        description:
          'Any known spelling of the author\'s name, e.g. "jorn-henrik jacobsen" finds "Jörn-Henrik Jacobsen".',
      }),
    },
    resolve: (_root, { id, name }, { data }) => {
      if ((id == null) === (name == null)) throw badUserInput('Give exactly one of "id" and "name".');
      return id != null
        ? (findAuthorById(data.network, String(id)) ?? null)
        : findAuthorByName(data.network, name as string);
    },
  }),
  authors: t.field({
    type: AuthorConnectionRef,
    complexity: pageCost(20),
    description:
      'Authors, optionally filtered by a search on their names (every word must occur, case- and accent-insensitive).',
    args: {
      search: t.arg.string({
        description: `Words that must all occur in one of the author's spellings: at most ${MAX_SEARCH_LENGTH} characters, ${MAX_SEARCH_TERMS} different words of at most ${MAX_SEARCH_TERM_LENGTH} characters each (else BAD_USER_INPUT).`,
      }),
      orderBy: t.arg({ type: AuthorOrderRef, defaultValue: 'name', description: 'Order of the list.' }),
      ...connectionArgs(t.arg, 20),
    },
    resolve: (_root, args, { data }) => {
      const search = checkSearch(args.search); // before the network is touched
      const orderBy = args.orderBy ?? 'name';
      return paginate(listAuthors(data.network, search, orderBy), args, JSON.stringify(['authors', orderBy, search]));
    },
  }),
}));
