/** `CurationLogEntry` and `Query.curationLog`: every curation attempt, newest first, as a cursor connection. */
import type { LogEntry } from '../curation/store.ts';
import { authorsTouched } from '../ingest/identity-decisions.ts';
import { checkPageSize } from './arguments.ts';
import { type Context, builder } from './builder.ts';
import { countedByParent, pageCost } from './complexity.ts';
import { PageInfoRef } from './connection.ts';
import { badUserInput } from './errors.ts';
import { curationFailure } from './curation-errors.ts';

export const CurationLogEntryRef = builder.objectRef<LogEntry>('CurationLogEntry').implement({
  description:
    'One curation attempt: who (a token id and role, never the token), when, what, why, and whether it was applied.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The log entry: `revertCuration(id:)` undoes an applied one.' }),
    at: t.string({ description: 'When, ISO 8601 in UTC.', resolve: (entry) => entry.at.toISOString() }),
    actor: t.exposeString('actor', { description: 'Who: `token <id> (<role>)`.' }),
    kind: t.string({
      description: 'merge, split, rename, accept, reject or revert.',
      resolve: (entry) => entry.action.kind,
    }),
    authorIds: t.idList({
      description: 'The author ids the change was about, as given.',
      resolve: (entry) => authorsTouched(entry.action),
    }),
    action: t.string({
      description: 'The whole change as JSON (names, spellings, papers; for a revert the decision undone).',
      resolve: (entry) => JSON.stringify(entry.action),
    }),
    note: t.exposeString('note', { nullable: true, description: "Why: the curator's note." }),
    outcome: t.exposeString('outcome', {
      description: '`applied`, or `conflict` (another curator changed the same author at the same time).',
    }),
    message: t.exposeString('message', { nullable: true, description: 'Why it was not applied; null when applied.' }),
    networkVersion: t.exposeString('networkVersion', {
      nullable: true,
      description: 'The network version it produced (with a database); null without one, or when not applied.',
    }),
  }),
});

interface LogEdge {
  readonly cursor: string;
  readonly node: LogEntry;
}
interface LogConnection {
  readonly edges: readonly LogEdge[];
  readonly pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  readonly totalCount: number;
}

const CURSOR_PREFIX = 'log:';
const cursorOf = (id: string) => Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
function idOfCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.slice(CURSOR_PREFIX.length);
  if (!text.startsWith(CURSOR_PREFIX) || !/^\d{1,18}$/u.test(id) || cursorOf(id) !== cursor)
    throw badUserInput(`"${cursor}" is not a cursor of the curation log; pass an "endCursor" you received.`, 'after');
  return id;
}

const LogEdgeRef = builder.objectRef<LogEdge>('CurationLogEdge').implement({
  description: 'One entry of the curation log.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Pass it as `after` to continue after this entry.' }),
    node: t.field({ type: CurationLogEntryRef, description: 'The entry.', resolve: (edge) => edge.node }),
  }),
});

const LogConnectionRef = builder.objectRef<LogConnection>('CurationLogConnection').implement({
  description: 'The curation log, newest first.',
  fields: (t) => ({
    edges: t.field({
      type: [LogEdgeRef],
      complexity: countedByParent,
      description: 'The entries of this page.',
      resolve: (c) => c.edges,
    }),
    nodes: t.field({
      type: [CurationLogEntryRef],
      complexity: countedByParent,
      description: 'The entries of this page, without cursors.',
      resolve: (c) => c.edges.map((edge) => edge.node),
    }),
    pageInfo: t.field({ type: PageInfoRef, description: 'Where this page stands.', resolve: (c) => c.pageInfo }),
    totalCount: t.exposeInt('totalCount', { description: 'Entries in the whole log.' }),
  }),
});

builder.queryField('curationLog', (t) =>
  t.field({
    type: LogConnectionRef,
    complexity: pageCost(20),
    description:
      'Every curation attempt, newest first: applied changes and conflicts, with who, when, what and why. Empty on a server that does not curate.',
    args: {
      first: t.arg.int({ defaultValue: 20, description: 'Page size, 0 to 100.' }),
      after: t.arg.string({ description: 'Cursor to continue after.' }),
    },
    resolve: async (_root, args, context: Context) => {
      const first = checkPageSize(args.first ?? 20);
      const after = args.after == null ? null : idOfCursor(args.after);
      if (!context.curator)
        return {
          edges: [],
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          totalCount: 0,
        };
      const page = await context.curator.log(first, after).catch(curationFailure);
      const edges = page.entries.map((entry) => ({ cursor: cursorOf(entry.id), node: entry }));
      return {
        edges,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: after !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: page.total,
      };
    },
  }),
);
