/**
 * The curation mutations: each records one identity decision (one transaction with a database),
 * logs it, produces a new network version and answers from it. Who may: a bearer token with the
 * curator or admin role, checked by the HTTP layer before any of this runs (http/curation-auth.ts).
 */
import type { CurationOutcome } from '../curation/curator.ts';
import type { DecisionAction } from '../ingest/identity-decisions.ts';
import { type Context, builder } from './builder.ts';
import { curationFailure } from './curation-errors.ts';
import { CurationResultRef } from './curation-result.ts';
import { badUserInput, codedError, errors } from './errors.ts';

export const MAX_NOTE_LENGTH = 2000;
const MAX_IDS = 100;

builder.mutationType({
  description:
    'Curation of author identity: merge, split, rename, accept or reject duplicate candidates, revert. Each needs `Authorization: Bearer <token>` (role curator or admin), is logged (`curationLog`) and produces a new network version.',
});

async function curate(
  context: Context,
  action: DecisionAction,
  note: string | null | undefined,
): Promise<CurationOutcome> {
  const { curator, writer } = context;
  if (!curator) throw codedError(errors.notCurating, {});
  if (!writer) throw codedError(errors.tokenMissing, {});
  const cleanNote = note == null || note.trim() === '' ? null : note.trim();
  if (cleanNote !== null && cleanNote.length > MAX_NOTE_LENGTH)
    throw badUserInput(`The note is ${cleanNote.length} characters; at most ${MAX_NOTE_LENGTH}.`, 'note');
  const outcome = await curator.mutate(action, cleanNote, `token ${writer.id} (${writer.role})`).catch(curationFailure);
  // The rest of this answer (the result's authors, their co-authors) comes from the network the change produced.
  (context as { data: Context['data'] }).data = outcome.data;
  return outcome;
}

function ids(list: readonly (string | number)[], argument: string, least: number): string[] {
  const unique = [...new Set(list.map(String))];
  if (unique.length < least) throw badUserInput(`Give at least ${least} different author ids.`, argument);
  if (unique.length > MAX_IDS) throw badUserInput(`At most ${MAX_IDS} ids.`, argument);
  return unique;
}

function name(value: string, argument: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 500) throw badUserInput('A name is 1 to 500 characters.', argument);
  return trimmed;
}

builder.mutationFields((t) => ({
  mergeAuthors: t.field({
    type: CurationResultRef,
    description:
      'One person from several: the first id is kept, the others redirect to it (`author(id:)` and `node` find the person by any of them).',
    args: {
      authorIds: t.arg.idList({ required: true, description: 'The authors, 2 to 100; the first keeps its id.' }),
      name: t.arg.string({ description: "The person's display name (default: the first author's)." }),
      note: t.arg.string({ description: 'Why (kept in the log).' }),
    },
    resolve: (_root, args, context) =>
      curate(
        context,
        {
          kind: 'merge',
          authorIds: ids(args.authorIds, 'authorIds', 2),
          name: args.name == null ? null : name(args.name, 'name'),
        },
        args.note,
      ),
  }),
  splitAuthor: t.field({
    type: CurationResultRef,
    description:
      'Separates a wrongly merged person: the papers given (or those on which one of the spellings given was used) go to a new author named `name`. The original id stays with the part that keeps the canonical name.',
    args: {
      authorId: t.arg.id({ required: true, description: 'The author to split.' }),
      spellings: t.arg.stringList({ description: 'Spellings of the other person (see `Author.nameVariants`).' }),
      paperIds: t.arg.idList({ description: "The other person's papers." }),
      name: t.arg.string({ required: true, description: 'The name of the person split off.' }),
      note: t.arg.string({ description: 'Why (kept in the log).' }),
    },
    resolve: (_root, args, context) => {
      if ((args.spellings ?? []).length === 0 && (args.paperIds ?? []).length === 0)
        throw badUserInput('Give the spellings or the papers that belong to the other person.', 'spellings');
      return curate(
        context,
        {
          kind: 'split',
          authorId: String(args.authorId),
          spellings: args.spellings?.length ? args.spellings.slice(0, MAX_IDS) : null,
          paperIds: args.paperIds?.length ? args.paperIds.slice(0, 10_000).map(String) : null,
          name: name(args.name, 'name'),
        },
        args.note,
      );
    },
  }),
  renameAuthor: t.field({
    type: CurationResultRef,
    description: 'A new display name; the id stays.',
    args: {
      authorId: t.arg.id({ required: true, description: 'The author.' }),
      name: t.arg.string({ required: true, description: 'The new display name.' }),
    },
    resolve: (_root, args, context) =>
      curate(context, { kind: 'rename', authorId: String(args.authorId), name: name(args.name, 'name') }, null),
  }),
  acceptDuplicateCandidate: t.field({
    type: CurationResultRef,
    description: 'A duplicate candidate pair is one person: merged, the first id kept.',
    args: {
      authorIds: t.arg.idList({ required: true, description: 'The pair (`DuplicateAuthorCandidate.authors`).' }),
    },
    resolve: (_root, args, context) =>
      curate(context, { kind: 'accept', authorIds: ids(args.authorIds, 'authorIds', 2) }, null),
  }),
  rejectDuplicateCandidate: t.field({
    type: CurationResultRef,
    description: 'A duplicate candidate pair is two people: `duplicateAuthorCandidates` never suggests it again.',
    args: {
      authorIds: t.arg.idList({ required: true, description: 'The pair (`DuplicateAuthorCandidate.authors`).' }),
    },
    resolve: (_root, args, context) =>
      curate(context, { kind: 'reject', authorIds: ids(args.authorIds, 'authorIds', 2) }, null),
  }),
  revertCuration: t.field({
    type: CurationResultRef,
    description:
      "Undoes an applied change, given its log entry id (a revert reverted restores the change). A curator may revert its own changes; reverting another token's takes the admin role.",
    args: { id: t.arg.id({ required: true, description: 'The log entry (`CurationResult.id`, `curationLog`).' }) },
    resolve: async (_root, args, context) => {
      const entry = await context.curator?.logEntry(String(args.id)).catch(curationFailure);
      if (context.curator && (entry == null || entry.decisionId === null))
        throw badUserInput(`Log entry "${args.id}" is not an applied change.`, 'id');
      const { writer } = context;
      if (entry && writer && writer.role !== 'admin' && !entry.actor.startsWith(`token ${writer.id} `))
        throw codedError(errors.revertForbidden, { entryId: String(args.id), actor: entry.actor });
      return curate(context, { kind: 'revert', decisionId: entry?.decisionId ?? 0 }, null);
    },
  }),
}));
