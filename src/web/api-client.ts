/**
 * The explorer's only source of data: the server's public GraphQL API at /graphql. Each call sends
 * one named query; a GraphQL error becomes an `ApiError` with the server's message.
 *
 * Each query goes as its SHA-256 hash only (persisted queries: src/web/persisted-operations.json,
 * written by `npm run persisted:write`), so a server started with `--persisted-only` on that list
 * answers the explorer and nothing else. A server that does not know a hash says
 * PERSISTED_QUERY_NOT_FOUND, and the query is sent again with its text (which registers it).
 */
import type {
  ExplorerAcceptDuplicateMutation,
  ExplorerAcceptDuplicateMutationVariables,
  ExplorerCurationResultFragment,
  ExplorerDuplicatesQuery,
  ExplorerDuplicatesQueryVariables,
  ExplorerMergeAuthorsMutation,
  ExplorerMergeAuthorsMutationVariables,
  ExplorerRejectDuplicateMutation,
  ExplorerRejectDuplicateMutationVariables,
  ExplorerRenameAuthorMutation,
  ExplorerRenameAuthorMutationVariables,
  ExplorerSplitAuthorMutation,
  ExplorerSplitAuthorMutationVariables,
  ExplorerAuthorQuery,
  ExplorerAuthorQueryVariables,
  ExplorerAuthorSummaryFragment,
  ExplorerCentralityFragment,
  ExplorerExportQuery,
  ExplorerExportQueryVariables,
  ExplorerNetworkAuthorFragment,
  ExplorerNetworkQuery,
  ExplorerNetworkQueryVariables,
  ExplorerPaperFragment,
  ExplorerPathQuery,
  ExplorerPathQueryVariables,
  ExplorerRankingQuery,
  ExplorerRankingQueryVariables,
  ExplorerSearchQuery,
  ExplorerSearchQueryVariables,
  ExplorerStatsQuery,
  ExplorerStatsQueryVariables,
  NetworkExportFormat,
} from './graphql-types.ts';
import persistedOperations from './persisted-operations.json';
import type { RankingMetric } from './url-state.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The server's `extensions.code` (UNAUTHENTICATED, FORBIDDEN, CONFLICT, RATE_LIMITED, ...), when it gave one. */
  readonly code: string | null;

  constructor(message: string, code: string | null = null) {
    super(message);
    this.code = code;
  }
}

const ENDPOINT = '/graphql';

const hashes = new Map(
  Object.entries(persistedOperations as Record<string, string>).map(([hash, text]) => [text, hash]),
);

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post<T>(payload: Record<string, unknown>, signal?: AbortSignal, token?: string): Promise<Answer<T>> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      // A curator's token goes only in this header, never in a cookie (so no other site can send it).
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(payload),
    ...(signal ? { signal } : {}),
  });
  try {
    return (await response.json()) as Answer<T>;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a GraphQL result.`);
  }
}

async function request<T, V extends Record<string, unknown>>(
  query: string,
  variables: V,
  signal?: AbortSignal,
  token?: string,
): Promise<T> {
  const hash = hashes.get(query);
  const extensions = hash === undefined ? undefined : { persistedQuery: { version: 1, sha256Hash: hash } };
  let body =
    extensions === undefined
      ? await post<T>({ query, variables }, signal, token)
      : await post<T>({ variables, extensions }, signal, token);
  if (extensions !== undefined && body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')
    body = await post<T>({ query, variables, extensions }, signal, token);
  if (body.errors && body.errors.length > 0)
    throw new ApiError(body.errors.map((error) => error.message).join(' '), body.errors[0]?.extensions?.code ?? null);
  if (body.data === undefined || body.data === null) throw new ApiError('The server sent no data.');
  return body.data;
}

// The response types come from the operations below, typed by GraphQL Code Generator from
// schema/schema.graphql (`npm run codegen` writes ./graphql-types.ts; CI fails when it is stale).
export type AuthorSummary = ExplorerAuthorSummaryFragment;
export type Centrality = ExplorerCentralityFragment['centrality'];
export type NetworkAuthor = ExplorerNetworkAuthorFragment;
export type Network = ExplorerNetworkQuery['collaborationNetwork'];
export type NetworkNode = Network['nodes'][number];
export type NetworkEdge = Network['edges'][number];
export type PaperSummary = ExplorerPaperFragment;
export type AuthorDetails = NonNullable<ExplorerAuthorQuery['author']>;
export type CollaborationPath = NonNullable<ExplorerPathQuery['collaborationPath']>;
export type PathStep = CollaborationPath['steps'][number];
export type RankedAuthor = ExplorerRankingQuery['centralityRanking']['nodes'][number];
export type Stats = ExplorerStatsQuery['graphStats'];
export type ExportFile = ExplorerExportQuery['networkExport'];
export type ExportFormat = NetworkExportFormat;
export type DuplicateCandidate = ExplorerDuplicatesQuery['duplicateAuthorCandidates']['nodes'][number];
export type CurationResult = ExplorerCurationResultFragment;

// Fragments are appended to each operation that spreads them, so every operation's text stands alone
// (it is also a persisted document). The `/* GraphQL */` tags let GraphQL Code Generator find them.
const AUTHOR_SUMMARY = /* GraphQL */ `
  fragment ExplorerAuthorSummary on Author {
    id
    name
    paperCount
  }
`;
const CENTRALITY = /* GraphQL */ `
  fragment ExplorerCentrality on Author {
    centrality {
      degree
      weightedDegree
      betweenness
      closeness
      harmonic
      eigenvector
      pagerank
      exact
    }
  }
`;
const NETWORK_AUTHOR = /* GraphQL */ `
  fragment ExplorerNetworkAuthor on Author {
    ...ExplorerAuthorSummary
    coauthorCount
    ...ExplorerCentrality
  }
`;
const PAPER = /* GraphQL */ `
  fragment ExplorerPaper on Paper {
    id
    title
    year
    venue
    url
  }
`;
const NETWORK_AUTHOR_FRAGMENTS = `${NETWORK_AUTHOR}\n${AUTHOR_SUMMARY}\n${CENTRALITY}`;
const CURATION_RESULT = /* GraphQL */ `
  fragment ExplorerCurationResult on CurationResult {
    id
    networkVersion
    author {
      ...ExplorerAuthorSummary
    }
    authors {
      ...ExplorerAuthorSummary
    }
  }
`;
const CURATION_FRAGMENTS = `${CURATION_RESULT}\n${AUTHOR_SUMMARY}`;

/** Every operation the explorer sends (shipped as a trusted-documents list: src/web/persisted-operations.json). */
export const explorerOperations = {
  search: /* GraphQL */ `
    query ExplorerSearch($search: String!) {
      authors(search: $search, orderBy: PAPER_COUNT, first: 8) {
        nodes {
          ...ExplorerAuthorSummary
        }
      }
    }
    ${AUTHOR_SUMMARY}
  `,
  network: /* GraphQL */ `
    query ExplorerNetwork($center: ID!, $depth: Int!, $minJointPapers: Int!, $maxNodes: Int!) {
      collaborationNetwork(center: $center, depth: $depth, minJointPapers: $minJointPapers, maxNodes: $maxNodes) {
        center {
          ...ExplorerAuthorSummary
        }
        truncated
        nodes {
          distance
          x
          y
          community
          author {
            ...ExplorerNetworkAuthor
          }
        }
        edges {
          source
          target
          jointPaperCount
        }
      }
    }
    ${NETWORK_AUTHOR_FRAGMENTS}
  `,
  author: /* GraphQL */ `
    query ExplorerAuthor($id: ID!) {
      author(id: $id) {
        ...ExplorerNetworkAuthor
        nameVariants
        papers(first: 100) {
          totalCount
          nodes {
            ...ExplorerPaper
          }
        }
        coauthors(first: 10) {
          totalCount
          edges {
            jointPaperCount
            node {
              ...ExplorerAuthorSummary
            }
          }
        }
      }
    }
    ${NETWORK_AUTHOR_FRAGMENTS}
    ${PAPER}
  `,
  path: /* GraphQL */ `
    query ExplorerPath($from: ID!, $to: ID!) {
      collaborationPath(from: $from, to: $to) {
        length
        authors {
          ...ExplorerNetworkAuthor
        }
        steps {
          from {
            ...ExplorerAuthorSummary
          }
          to {
            ...ExplorerAuthorSummary
          }
          papers {
            ...ExplorerPaper
          }
        }
      }
    }
    ${NETWORK_AUTHOR_FRAGMENTS}
    ${PAPER}
  `,
  // Pages are addressed by number in the explorer's URL, so the ranking is read by offset.
  ranking: /* GraphQL */ `
    query ExplorerRanking($metric: CentralityMetric!, $first: Int!, $offset: Int!) {
      centralityRanking(metric: $metric, first: $first, offset: $offset) {
        nodes {
          rank
          score
          exact
          author {
            ...ExplorerAuthorSummary
          }
        }
      }
      graphStats {
        paperCount
        authorCount
        collaborationCount
      }
    }
    ${AUTHOR_SUMMARY}
  `,
  stats: /* GraphQL */ `
    query ExplorerStats {
      graphStats {
        paperCount
        authorCount
        collaborationCount
      }
    }
  `,
  export: /* GraphQL */ `
    query ExplorerExport(
      $format: NetworkExportFormat!
      $center: ID
      $depth: Int
      $minJointPapers: Int
      $maxNodes: Int
    ) {
      networkExport(
        format: $format
        center: $center
        depth: $depth
        minJointPapers: $minJointPapers
        maxNodes: $maxNodes
      ) {
        fileName
        mediaType
        content
      }
    }
  `,
  // Curation (shown to curators only; each mutation needs a bearer token, see `curate`).
  duplicates: /* GraphQL */ `
    query ExplorerDuplicates($first: Int!) {
      duplicateAuthorCandidates(first: $first) {
        nodes {
          id
          score
          nameEvidence
          jointPaperCount
          authors {
            ...ExplorerAuthorSummary
          }
          sharedCoauthors {
            id
          }
        }
      }
    }
    ${AUTHOR_SUMMARY}
  `,
  mergeAuthors: /* GraphQL */ `
    mutation ExplorerMergeAuthors($authorIds: [ID!]!, $name: String, $note: String) {
      mergeAuthors(authorIds: $authorIds, name: $name, note: $note) {
        ...ExplorerCurationResult
      }
    }
    ${CURATION_FRAGMENTS}
  `,
  acceptDuplicate: /* GraphQL */ `
    mutation ExplorerAcceptDuplicate($authorIds: [ID!]!) {
      acceptDuplicateCandidate(authorIds: $authorIds) {
        ...ExplorerCurationResult
      }
    }
    ${CURATION_FRAGMENTS}
  `,
  rejectDuplicate: /* GraphQL */ `
    mutation ExplorerRejectDuplicate($authorIds: [ID!]!) {
      rejectDuplicateCandidate(authorIds: $authorIds) {
        ...ExplorerCurationResult
      }
    }
    ${CURATION_FRAGMENTS}
  `,
  splitAuthor: /* GraphQL */ `
    mutation ExplorerSplitAuthor(
      $authorId: ID!
      $name: String!
      $spellings: [String!]
      $paperIds: [ID!]
      $note: String
    ) {
      splitAuthor(authorId: $authorId, name: $name, spellings: $spellings, paperIds: $paperIds, note: $note) {
        ...ExplorerCurationResult
      }
    }
    ${CURATION_FRAGMENTS}
  `,
  renameAuthor: /* GraphQL */ `
    mutation ExplorerRenameAuthor($authorId: ID!, $name: String!) {
      renameAuthor(authorId: $authorId, name: $name) {
        ...ExplorerCurationResult
      }
    }
    ${CURATION_FRAGMENTS}
  `,
} as const;

export interface NetworkRequest {
  center: string;
  depth: number;
  minJointPapers: number;
  maxNodes: number;
}

export function searchAuthors(search: string, signal?: AbortSignal): Promise<AuthorSummary[]> {
  return request<ExplorerSearchQuery, ExplorerSearchQueryVariables>(explorerOperations.search, { search }, signal).then(
    (data) => data.authors.nodes,
  );
}

export function fetchNetwork(options: NetworkRequest, signal?: AbortSignal): Promise<Network> {
  return request<ExplorerNetworkQuery, ExplorerNetworkQueryVariables>(
    explorerOperations.network,
    { ...options },
    signal,
  ).then((data) => data.collaborationNetwork);
}

export function fetchAuthor(id: string, signal?: AbortSignal): Promise<AuthorDetails | null> {
  return request<ExplorerAuthorQuery, ExplorerAuthorQueryVariables>(explorerOperations.author, { id }, signal).then(
    (data) => data.author ?? null,
  );
}

export function fetchPath(from: string, to: string, signal?: AbortSignal): Promise<CollaborationPath | null> {
  return request<ExplorerPathQuery, ExplorerPathQueryVariables>(explorerOperations.path, { from, to }, signal).then(
    (data) => data.collaborationPath ?? null,
  );
}

export function fetchRanking(
  metric: RankingMetric,
  first: number,
  offset: number,
  signal?: AbortSignal,
): Promise<{ ranking: RankedAuthor[]; stats: Stats }> {
  const enumValue = metric.replace(/[A-Z]/gu, (c) => `_${c}`).toUpperCase() as ExplorerRankingQueryVariables['metric'];
  return request<ExplorerRankingQuery, ExplorerRankingQueryVariables>(
    explorerOperations.ranking,
    { metric: enumValue, first, offset },
    signal,
  ).then((data) => ({ ranking: data.centralityRanking.nodes, stats: data.graphStats }));
}

export function fetchStats(): Promise<Stats> {
  return request<ExplorerStatsQuery, ExplorerStatsQueryVariables>(explorerOperations.stats, {}).then(
    (data) => data.graphStats,
  );
}

/** The drawn network around `options.center`, or the whole network when `options` is null. */
export function fetchExport(format: ExportFormat, options: NetworkRequest | null): Promise<ExportFile> {
  return request<ExplorerExportQuery, ExplorerExportQueryVariables>(explorerOperations.export, {
    format,
    ...(options ?? {}),
  }).then((data) => data.networkExport);
}

export function fetchDuplicates(first: number, signal?: AbortSignal): Promise<DuplicateCandidate[]> {
  return request<ExplorerDuplicatesQuery, ExplorerDuplicatesQueryVariables>(
    explorerOperations.duplicates,
    { first },
    signal,
  ).then((data) => data.duplicateAuthorCandidates.nodes);
}

/** One curation change, sent with the curator's bearer token. */
export type CurationChange =
  | { kind: 'merge'; authorIds: string[]; name: string | null; note: string | null }
  | { kind: 'accept'; authorIds: string[] }
  | { kind: 'reject'; authorIds: string[] }
  | {
      kind: 'split';
      authorId: string;
      name: string;
      spellings: string[] | null;
      paperIds: string[] | null;
      note: string | null;
    }
  | { kind: 'rename'; authorId: string; name: string };

export async function curate(change: CurationChange, token: string): Promise<CurationResult> {
  switch (change.kind) {
    case 'merge':
      return (
        await request<ExplorerMergeAuthorsMutation, ExplorerMergeAuthorsMutationVariables>(
          explorerOperations.mergeAuthors,
          { authorIds: change.authorIds, name: change.name, note: change.note },
          undefined,
          token,
        )
      ).mergeAuthors;
    case 'accept':
      return (
        await request<ExplorerAcceptDuplicateMutation, ExplorerAcceptDuplicateMutationVariables>(
          explorerOperations.acceptDuplicate,
          { authorIds: change.authorIds },
          undefined,
          token,
        )
      ).acceptDuplicateCandidate;
    case 'reject':
      return (
        await request<ExplorerRejectDuplicateMutation, ExplorerRejectDuplicateMutationVariables>(
          explorerOperations.rejectDuplicate,
          { authorIds: change.authorIds },
          undefined,
          token,
        )
      ).rejectDuplicateCandidate;
    case 'split':
      return (
        await request<ExplorerSplitAuthorMutation, ExplorerSplitAuthorMutationVariables>(
          explorerOperations.splitAuthor,
          {
            authorId: change.authorId,
            name: change.name,
            spellings: change.spellings,
            paperIds: change.paperIds,
            note: change.note,
          },
          undefined,
          token,
        )
      ).splitAuthor;
    case 'rename':
      return (
        await request<ExplorerRenameAuthorMutation, ExplorerRenameAuthorMutationVariables>(
          explorerOperations.renameAuthor,
          { authorId: change.authorId, name: change.name },
          undefined,
          token,
        )
      ).renameAuthor;
  }
}
