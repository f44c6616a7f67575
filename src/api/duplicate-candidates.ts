/** `DuplicateAuthorCandidate` and the `duplicateAuthorCandidates` root field. */
import type { DuplicateCandidate } from '../analysis/duplicate-candidates.ts';
import type { Author } from '../graph/network.ts';
import { isRejectedPair } from '../graph/curated-identity.ts';
import { AuthorRef } from './author.ts';
import { builder } from './builder.ts';
import { pageCost, pairCost } from './complexity.ts';
import { connectionArgs, defineConnection } from './connection.ts';
import { offloaded } from './offload.ts';
import { checkPageArguments, paginate } from './pagination.ts';

const LIST_KEY = 'duplicateAuthorCandidates';

const YearSpanRef = builder.objectRef<{ from: number; to: number }>('YearSpan').implement({
  description: 'A span of years, both ends included.',
  fields: (t) => ({
    from: t.exposeInt('from', { description: 'First year.' }),
    to: t.exposeInt('to', { description: 'Last year.' }),
  }),
});

const AliasSuggestionRef = builder.objectRef<{ variant: string; canonical: string }>('AliasSuggestion').implement({
  description:
    'An alias file entry that would merge a candidate pair: `coauthor-graph alias add "variant" "canonical"`.',
  fields: (t) => ({
    variant: t.exposeString('variant', {
      description: 'The spelling to map (the name of the author with fewer papers).',
    }),
    canonical: t.exposeString('canonical', {
      description: 'The name to map it to (the name of the author with more papers).',
    }),
  }),
});

const DuplicateCandidateRef = builder.objectRef<DuplicateCandidate>('DuplicateAuthorCandidate').implement({
  description: 'Two authors kept apart who may be one person, with the evidence for it.',
  fields: (t) => ({
    id: t.id({
      description: 'The pair: "duplicate:<id of the author with more papers>+<id of the other>".',
      resolve: (candidate) => `duplicate:${candidate.authors[0].id}+${candidate.authors[1].id}`,
    }),
    authors: t.field({
      type: [AuthorRef],
      complexity: pairCost,
      description: 'The pair: the author with more papers first.',
      resolve: (candidate) => [...candidate.authors],
    }),
    score: t.exposeFloat('score', {
      description:
        'How likely the two are one person, 0 to 1: name compatibility × (0.35 + 0.65 × network evidence); a fifth of that when they wrote together.',
    }),
    nameScore: t.exposeFloat('nameScore', {
      description: 'How compatible the names are, 0 to 1 (1: the same name up to case, accents and punctuation).',
    }),
    nameEvidence: t.stringList({
      description:
        'Why the names could be one person (short forms, initials, accents, hyphens, transliterations, name order).',
      resolve: (candidate) => [...candidate.nameReasons],
    }),
    sharedCoauthors: t.field({
      type: [AuthorRef],
      description: 'People who wrote with both, by id.',
      resolve: (candidate, _args, { data }) =>
        candidate.sharedCoauthorIds.map((id) => data.network.authors.get(id) as Author),
    }),
    sharedVenues: t.stringList({
      description: 'Venues both published in.',
      resolve: (candidate) => [...candidate.sharedVenues],
    }),
    overlappingYears: t.field({
      type: YearSpanRef,
      nullable: true,
      description: 'The years in which both published; null when they do not overlap or are unknown.',
      resolve: (candidate) => candidate.overlappingYears,
    }),
    jointPaperCount: t.exposeInt('jointPaperCount', {
      description: 'Papers the two wrote together: evidence that they are two people.',
    }),
    suggestedAlias: t.field({
      type: AliasSuggestionRef,
      description: 'The alias file entry that would merge them.',
      resolve: (candidate) => ({ variant: candidate.authors[1].name, canonical: candidate.authors[0].name }),
    }),
  }),
});

const { connectionRef: DuplicateCandidateConnectionRef } = defineConnection<DuplicateCandidate, DuplicateCandidate>(
  'DuplicateAuthorCandidate',
  DuplicateCandidateRef,
  (candidate) => candidate,
  'A page of pairs of authors who may be one person, most likely first (then by id).',
);

builder.queryField('duplicateAuthorCandidates', (t) =>
  t.field({
    type: DuplicateCandidateConnectionRef,
    complexity: pageCost(20),
    description:
      'Pairs of authors who were not merged but may be one person, most likely first (then by id), as a connection (`first`/`after` forward, `last`/`before` backward). Computed once per loaded network, on first request.',
    args: connectionArgs(t.arg, 20),
    resolve: async (_root, args, { data, work, signal }) => {
      checkPageArguments(args, LIST_KEY); // before the list is computed
      // Pairs curators rejected are never suggested again.
      const candidates = (await offloaded(work.duplicateCandidates(signal))).filter(
        (candidate) => !isRejectedPair(data.network, candidate.authors[0].id, candidate.authors[1].id),
      );
      return paginate(candidates, args, LIST_KEY);
    },
  }),
);
