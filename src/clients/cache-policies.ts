/**
 * Normalized-cache configuration for this schema, for Apollo Client and urql's graphcache: the
 * README's "Normalized caches" section shows this file, and tests/clients/normalized-caches.test.ts
 * runs both clients with it against the server. Nothing in the server imports it.
 *
 * Every type a client may want to find again has an `id` (authors, papers, an author's centrality,
 * a co-authorship seen from one author, ranking entries, paths and their hops, duplicate pairs, the
 * network's figures), unique across types, so both caches key them by `__typename` + `id` without
 * configuration. The rest are values that only exist inside their parent (a page's edges and
 * pageInfo, a drawn network's nodes, a source record...): an id there would be artificial, so they
 * are declared embedded (`keys: () => null` in graphcache; Apollo embeds them itself, and
 * `merge: true` lets a fresh answer update them in place, pages excepted). Connections merge their pages: Apollo's
 * `relayStylePagination` keeps `edges` and `pageInfo`, and `withNodes` derives the extra `nodes`
 * field from the merged edges (Apollo's policy would keep only the last page's `nodes`); graphcache's
 * `relayPagination` merges both.
 */
import type { FieldPolicy, Reference, TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import type { KeyingConfig, ResolverConfig } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';

/** Types that live inside their parent and have no id of their own. */
export const embeddedTypes = [
  'AliasSuggestion',
  'AuthorConnection',
  'AuthorEdge',
  'AuthorSource',
  'AuthorYear',
  'CentralityProgress',
  'CentralityProgressUpdate',
  'CoauthorConnection',
  'CollaborationNetwork',
  'CollaborationPathConnection',
  'CollaborationPathEdge',
  'CurationLogConnection',
  'CurationLogEdge',
  'DuplicateAuthorCandidateConnection',
  'DuplicateAuthorCandidateEdge',
  'ExternalId',
  'NameVariant',
  'NetworkEdge',
  'NetworkExport',
  'NetworkNode',
  'PageInfo',
  'PaperConnection',
  'PaperEdge',
  'RankedAuthorConnection',
  'RankedAuthorEdge',
  'SourceLocation',
  'YearSpan',
] as const;

/** Apollo's Relay pagination, with the connection's `nodes` read from the merged edges. */
function withNodes(keyArgs: string[] | false): FieldPolicy {
  const policy = relayStylePagination(keyArgs);
  return {
    ...policy,
    read(existing, options) {
      const page = (policy.read as (e: unknown, o: typeof options) => { edges: Reference[] } | undefined)(
        existing,
        options,
      );
      if (page === undefined) return undefined;
      return { ...page, nodes: page.edges.map((edge) => options.readField('node', edge)) };
    },
  };
}

export const apolloTypePolicies: TypePolicies = {
  Query: {
    fields: {
      authors: withNodes(['search', 'orderBy']),
      papers: withNodes(['search', 'author', 'yearFrom', 'yearTo']),
      centralityRanking: withNodes(['metric', 'weighting', 'years']),
      collaborationPaths: withNodes(['from', 'to', 'weighting', 'years']),
      duplicateAuthorCandidates: withNodes(false),
      curationLog: withNodes(false),
      // An author or paper already in the cache answers `author(id:)`, `paper(id:)` and `node(id:)` without a request.
      author: {
        read: (existing: Reference | undefined, { args, toReference }) =>
          existing ?? (args?.['id'] ? toReference({ __typename: 'Author', id: args['id'] as string }) : undefined),
      },
      paper: {
        read: (existing: Reference | undefined, { args, toReference }) =>
          existing ?? (args?.['id'] ? toReference({ __typename: 'Paper', id: args['id'] as string }) : undefined),
      },
    },
  },
  Author: {
    fields: {
      coauthors: withNodes(['minJointPapers', 'years']),
      papers: withNodes(false),
    },
  },
  // A fresh answer updates an embedded value in place. Not for pages: `relayStylePagination` merges
  // them, and a merged `PageInfo` would hand the first page's cursor to the next page's first edge.
  ...Object.fromEntries(
    embeddedTypes.filter((type) => !/PageInfo|(Connection|Edge)$/u.test(type)).map((type) => [type, { merge: true }]),
  ),
};

export const graphcacheKeys: KeyingConfig = Object.fromEntries(embeddedTypes.map((type) => [type, () => null]));

export const graphcacheResolvers: ResolverConfig = {
  Query: {
    authors: relayPagination(),
    papers: relayPagination(),
    centralityRanking: relayPagination(),
    collaborationPaths: relayPagination(),
    duplicateAuthorCandidates: relayPagination(),
    curationLog: relayPagination(),
    author: (_parent, args) => (args['id'] ? { __typename: 'Author', id: args['id'] as string } : undefined),
    paper: (_parent, args) => ({ __typename: 'Paper', id: args['id'] as string }),
  },
  Author: {
    coauthors: relayPagination(),
    papers: relayPagination(),
  },
};
