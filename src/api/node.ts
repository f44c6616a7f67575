/** The `Node` interface and the `node(id)` root field: authors and papers share one id space. */
import { findAuthorById } from '../graph/curated-identity.ts';
import { findPaper } from '../graph/lookup.ts';
import type { Author, Paper } from '../graph/network.ts';
import { MAX_PAGE_SIZE } from './arguments.ts';
import { type Context, builder } from './builder.ts';
import { idsCost } from './complexity.ts';
import { badUserInput } from './errors.ts';

export type NodeShape = Author | Paper;

export const NodeRef = builder.interfaceRef<NodeShape>('Node').implement({
  description: 'Anything with a stable id: an author or a paper. Author and paper ids never collide.',
  resolveType: (value) => ('authorIds' in value ? 'Paper' : 'Author'),
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Stable, readable id (an author: slug of the name; a paper: the source id, DOI or a slug of the title).',
    }),
  }),
});

builder.queryField('node', (t) =>
  t.field({
    type: NodeRef,
    nullable: true,
    description:
      'The author or paper with this id (an id merged away by curation finds the person it is now); null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'An author or paper id.' }) },
    resolve: (_root, { id }, context) => findNode(context, String(id)),
  }),
);

function findNode(context: Context, id: string): NodeShape | null {
  return findAuthorById(context.data.network, id) ?? findPaper(context.data.network, id);
}

builder.queryField('nodes', (t) =>
  t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    complexity: idsCost,
    description: `The authors or papers with these ids, in the order given: null in place of an id that names none (Relay's \`nodes\`). At most ${MAX_PAGE_SIZE} ids.`,
    args: { ids: t.arg.idList({ required: true, description: `Author or paper ids, at most ${MAX_PAGE_SIZE}.` }) },
    resolve: (_root, { ids }, context) => {
      if (ids.length > MAX_PAGE_SIZE)
        throw badUserInput(`"ids" holds ${ids.length} ids; ask for at most ${MAX_PAGE_SIZE} at a time.`, 'ids');
      return ids.map((id) => findNode(context, String(id)));
    },
  }),
);
