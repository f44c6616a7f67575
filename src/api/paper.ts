/** The `Paper` type and its root fields `paper` and `papers`. */
import { basename } from 'node:path';
import { findPaper, listPapers } from '../graph/lookup.ts';
import type { Author, Paper } from '../graph/network.ts';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_TERMS, MAX_SEARCH_TERM_LENGTH } from '../graph/search-terms.ts';
import type { SourceLocation } from '../ingest/records.ts';
import { checkSearch, requireAuthor } from './arguments.ts';
import { AuthorRef } from './author.ts';
import { builder } from './builder.ts';
import { bylineCost, pageCost } from './complexity.ts';
import { connectionArgs, defineConnection } from './connection.ts';
import { badUserInput } from './errors.ts';
import { NodeRef } from './node.ts';
import { paginate } from './pagination.ts';

export const PaperRef = builder.objectRef<Paper>('Paper');

/** The key of a list of papers (its cursors' scope): `Author.papers` is the list `papers(author:)` gives. */
export function papersListKey(filter: {
  search?: string | null;
  authorId?: string | null;
  yearFrom?: number | null;
  yearTo?: number | null;
}): string {
  return JSON.stringify([
    'papers',
    filter.search ?? null,
    filter.authorId ?? null,
    filter.yearFrom ?? null,
    filter.yearTo ?? null,
  ]);
}

export const { connectionRef: PaperConnectionRef } = defineConnection<Paper, Paper>(
  'Paper',
  PaperRef,
  (paper) => paper,
  'A page of papers.',
);

const SourceLocationRef = builder.objectRef<SourceLocation>('SourceLocation').implement({
  description: 'Where a paper was read: a data file and the line its record starts on.',
  fields: (t) => ({
    file: t.string({
      description: "The data file's name (without its directory).",
      resolve: (source) => basename(source.file),
    }),
    line: t.exposeInt('line', { description: '1-based line number of the record in that file.' }),
  }),
});

PaperRef.implement({
  description: 'A paper and its byline.',
  interfaces: [NodeRef],
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'authorIds' in value,
  fields: (t) => ({
    id: t.exposeID('id', {
      description: "Stable id: the source's id or DOI when it has one, else a slug of the title.",
    }),
    title: t.exposeString('title', { description: 'Title (Unicode NFC, whitespace folded).' }),
    abstract: t.exposeString('abstract', { nullable: true, description: 'Abstract, when the source has one.' }),
    year: t.exposeInt('year', { nullable: true, description: 'Publication year, when the source has one.' }),
    venue: t.exposeString('venue', {
      nullable: true,
      description: 'Venue (journal, conference), when the source has one.',
    }),
    url: t.exposeString('url', { nullable: true, description: 'Link to the paper, when the source has one.' }),
    doi: t.exposeString('doi', {
      nullable: true,
      description: 'DOI (lower case, without https://doi.org/), when a source gives one.',
    }),
    authorListIncomplete: t.exposeBoolean('authorListIncomplete', {
      description:
        'True when the source cuts the byline short (BibTeX "and others", a truncated OpenAlex list): the paper has more authors than listed.',
    }),
    authors: t.field({
      type: [AuthorRef],
      complexity: bylineCost,
      description: 'Authors in byline order; a person listed twice counts once.',
      resolve: (paper, _args, { data }) => paper.authorIds.map((id) => data.network.authors.get(id) as Author),
    }),
    alternateIds: t.exposeIDList('alternateIds', {
      description:
        'Other ids this paper was read under (duplicate records merged into it); `paper(id:)` finds it by them too.',
    }),
    authorCount: t.int({ description: 'Number of distinct authors.', resolve: (paper) => paper.authorIds.length }),
    source: t.field({
      type: SourceLocationRef,
      description: 'The first record this paper was read from.',
      resolve: (paper) => paper.source,
    }),
    sources: t.field({
      type: [SourceLocationRef],
      description: 'Every record merged into this paper (the same paper found in several files counts once).',
      resolve: (paper) => paper.sources,
    }),
  }),
});

builder.queryFields((t) => ({
  paper: t.field({
    type: PaperRef,
    nullable: true,
    description: 'One paper by id (or by the id of a duplicate record merged into it); null when there is none.',
    args: { id: t.arg.id({ required: true, description: "The paper's id." }) },
    resolve: (_root, { id }, { data }) => findPaper(data.network, String(id)),
  }),
  papers: t.field({
    type: PaperConnectionRef,
    complexity: pageCost(20),
    description: 'Papers matching every given filter, newest first (papers without a year last), then by title.',
    args: {
      search: t.arg.string({
        description: `Words that must all occur in the title (case- and accent-insensitive): at most ${MAX_SEARCH_LENGTH} characters, ${MAX_SEARCH_TERMS} different words of at most ${MAX_SEARCH_TERM_LENGTH} characters each (else BAD_USER_INPUT).`,
      }),
      author: t.arg.id({ description: 'Only papers by this author (id).' }),
      yearFrom: t.arg.int({ description: 'Only papers from this year on (papers without a year are left out).' }),
      yearTo: t.arg.int({ description: 'Only papers up to this year (papers without a year are left out).' }),
      ...connectionArgs(t.arg, 20),
    },
    resolve: (_root, args, context) => {
      const search = checkSearch(args.search);
      if (args.yearFrom != null && args.yearTo != null && args.yearFrom > args.yearTo)
        throw badUserInput('"yearFrom" must not be after "yearTo".', 'yearFrom');
      const authorId = args.author == null ? null : requireAuthor(context, String(args.author), 'author').id;
      return paginate(
        listPapers(context.data.network, { search, authorId, yearFrom: args.yearFrom, yearTo: args.yearTo }),
        args,
        papersListKey({ search, authorId, yearFrom: args.yearFrom, yearTo: args.yearTo }),
      );
    },
  }),
}));
