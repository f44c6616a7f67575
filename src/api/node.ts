/** The `Node` interface and the `node(id)` root field: authors and papers share one id space. */
import { findAuthorById } from '../graph/curated-identity.ts';
import { findPaper } from '../graph/lookup.ts';
import type { Author, Paper } from '../graph/network.ts';
import { builder } from './builder.ts';

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
    resolve: (_root, { id }, { data }) =>
      findAuthorById(data.network, String(id)) ?? findPaper(data.network, String(id)),
  }),
);
