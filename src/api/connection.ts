/** The `PageInfo` type, a factory for Relay connection types (`XConnection`, `XEdge`) and their arguments. */
import type { ArgBuilder, ObjectRef } from '@pothos/core';
import { type Context, type SchemaTypes, builder } from './builder.ts';
import { countedByParent } from './complexity.ts';
import type { Edge, Page, PageInfo } from './pagination.ts';

export const PageInfoRef = builder.objectRef<PageInfo>('PageInfo').implement({
  description: 'Where a page stands in its list (Relay cursor connections).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more items follow this page.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Whether items precede this page.' }),
    startCursor: t.exposeString('startCursor', {
      nullable: true,
      description: 'Cursor of the first edge; null on an empty page.',
    }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Cursor of the last edge: pass it as `after` for the next page.',
    }),
  }),
});

/**
 * The Relay arguments of a connection: `first`/`after` page forward, `last`/`before` backward; with
 * neither `first` nor `last`, the first `defaultFirst` items (so `first` has no schema default: a
 * default would cut `last` pages short).
 */
export function connectionArgs(
  arg: ArgBuilder<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>>,
  defaultFirst: number,
) {
  return {
    first: arg.int({
      description: `Page size from the start (or from \`after\`), 0 to 100; ${defaultFirst} when neither \`first\` nor \`last\` is given.`,
    }),
    after: arg.string({ description: 'Cursor to continue after (an `endCursor` or edge `cursor` of this list).' }),
    last: arg.int({ description: 'Page size from the end (or from `before`), 0 to 100.' }),
    before: arg.string({
      description: 'Cursor to stop before (a `startCursor` or edge `cursor` of this list), to page backward.',
    }),
  };
}

/**
 * Defines `${name}Connection` and `${name}Edge` over items of type `Item`, whose `node` is
 * `toNode(item)`. Returns the refs so callers can add fields to the edge. (The `as never` casts only
 * quiet Pothos's conditional resolver types, which cannot be checked against a generic `NodeShape`.)
 */
export function defineConnection<Item, NodeShape>(
  name: string,
  nodeRef: ObjectRef<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>, NodeShape>,
  toNode: (item: Item, context: Context) => NodeShape,
  description: string,
) {
  const edgeRef = builder.objectRef<Edge<Item>>(`${name}Edge`).implement({
    description: `One item of a ${name}Connection.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description:
          'Opaque position of this edge in its list, the same in every request: pass it as `after` (or `before`) to continue from it.',
      }),
      node: t.field({
        type: nodeRef,
        description: 'The item.',
        resolve: (edge, _args, context) => toNode(edge.node, context) as never,
      }),
    }),
  });
  const connectionRef = builder.objectRef<Page<Item>>(`${name}Connection`).implement({
    description,
    fields: (t) => ({
      edges: t.field({
        type: [edgeRef],
        complexity: countedByParent,
        description: 'The items of this page, with their cursors.',
        resolve: (page) => page.edges,
      }),
      nodes: t.field({
        type: [nodeRef],
        complexity: countedByParent,
        description: 'The items of this page, without cursors.',
        resolve: (page, _args, context) => page.edges.map((edge) => toNode(edge.node, context)) as never,
      }),
      pageInfo: t.field({
        type: PageInfoRef,
        description: 'Where this page stands in the list.',
        resolve: (page) => page.pageInfo,
      }),
      totalCount: t.exposeInt('totalCount', { description: 'How many items the whole list has (all pages).' }),
    }),
  });
  return { edgeRef, connectionRef };
}
