/**
 * The explorer's only source of data: the server's public GraphQL API at /graphql. Each call sends
 * one named query; a GraphQL error becomes an `ApiError` with the server's message.
 *
 * Each query goes as its SHA-256 hash only (persisted queries: src/web/persisted-operations.json,
 * written by `npm run persisted:write`), so a server started with `--persisted-only` on that list
 * answers the explorer and nothing else. A server that does not know a hash says
 * PERSISTED_QUERY_NOT_FOUND, and the query is sent again with its text (which registers it).
 */
import persistedOperations from './persisted-operations.json';
import type { RankingMetric } from './url-state.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
}

const ENDPOINT = '/graphql';

const hashes = new Map(
  Object.entries(persistedOperations as Record<string, string>).map(([hash, text]) => [text, hash]),
);

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post<T>(payload: Record<string, unknown>, signal?: AbortSignal): Promise<Answer<T>> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(payload),
    ...(signal ? { signal } : {}),
  });
  try {
    return (await response.json()) as Answer<T>;
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a GraphQL result.`);
  }
}

async function request<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  const hash = hashes.get(query);
  const extensions = hash === undefined ? undefined : { persistedQuery: { version: 1, sha256Hash: hash } };
  let body =
    extensions === undefined
      ? await post<T>({ query, variables }, signal)
      : await post<T>({ variables, extensions }, signal);
  if (extensions !== undefined && body.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')
    body = await post<T>({ query, variables, extensions }, signal);
  if (body.errors && body.errors.length > 0) throw new ApiError(body.errors.map((error) => error.message).join(' '));
  if (body.data === undefined || body.data === null) throw new ApiError('The server sent no data.');
  return body.data;
}

export interface AuthorSummary {
  id: string;
  name: string;
  paperCount: number;
}

export interface Centrality {
  degree: number;
  weightedDegree: number;
  betweenness: number;
  closeness: number;
  harmonic: number;
  eigenvector: number;
  pagerank: number;
  /** False while betweenness, closeness and harmonic are estimates (large networks, until the exact pass is done). */
  exact: boolean;
}

export interface NetworkAuthor extends AuthorSummary {
  coauthorCount: number;
  centrality: Centrality;
}
export interface NetworkNode {
  author: NetworkAuthor;
  distance: number;
  x: number;
  y: number;
  community: number;
}
export interface NetworkEdge {
  source: string;
  target: string;
  jointPaperCount: number;
}
export interface Network {
  center: AuthorSummary;
  truncated: boolean;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface PaperSummary {
  id: string;
  title: string;
  year: number | null;
  venue: string | null;
  url: string | null;
}
export interface AuthorDetails extends NetworkAuthor {
  nameVariants: string[];
  papers: { totalCount: number; nodes: PaperSummary[] };
  coauthors: { totalCount: number; edges: { jointPaperCount: number; node: AuthorSummary }[] };
}

export interface PathStep {
  from: AuthorSummary;
  to: AuthorSummary;
  papers: PaperSummary[];
}
export interface CollaborationPath {
  length: number;
  authors: NetworkAuthor[];
  steps: PathStep[];
}
export interface RankedAuthor {
  rank: number;
  score: number;
  exact: boolean;
  author: AuthorSummary;
}
export interface Stats {
  paperCount: number;
  authorCount: number;
  collaborationCount: number;
}
export interface ExportFile {
  fileName: string;
  mediaType: string;
  content: string;
}
export type ExportFormat = 'GEXF' | 'GRAPHML' | 'VOSVIEWER' | 'NODES_CSV' | 'EDGES_CSV';

const CENTRALITY = 'centrality { degree weightedDegree betweenness closeness harmonic eigenvector pagerank exact }';
const PAPER = 'id title year venue url';

/** Every operation the explorer sends (shipped as a trusted-documents list: src/web/persisted-operations.json). */
export const explorerOperations = {
  search:
    'query ExplorerSearch($search: String!) { authors(search: $search, orderBy: PAPER_COUNT, first: 8) { nodes { id name paperCount } } }',
  network: `query ExplorerNetwork($center: ID!, $depth: Int!, $minJointPapers: Int!, $maxNodes: Int!) {
      collaborationNetwork(center: $center, depth: $depth, minJointPapers: $minJointPapers, maxNodes: $maxNodes) {
        center { id name paperCount }
        truncated
        nodes { distance x y community author { id name paperCount coauthorCount ${CENTRALITY} } }
        edges { source target jointPaperCount }
      }
    }`,
  author: `query ExplorerAuthor($id: ID!) {
      author(id: $id) {
        id name paperCount coauthorCount nameVariants ${CENTRALITY}
        papers(first: 100) { totalCount nodes { ${PAPER} } }
        coauthors(first: 10) { totalCount edges { jointPaperCount node { id name paperCount } } }
      }
    }`,
  path: `query ExplorerPath($from: ID!, $to: ID!) {
      collaborationPath(from: $from, to: $to) {
        length
        authors { id name paperCount coauthorCount ${CENTRALITY} }
        steps { from { id name paperCount } to { id name paperCount } papers { ${PAPER} } }
      }
    }`,
  ranking: `query ExplorerRanking($metric: CentralityMetric!, $first: Int!, $offset: Int!) {
      centralityRanking(metric: $metric, first: $first, offset: $offset) { rank score exact author { id name paperCount } }
      graphStats { paperCount authorCount collaborationCount }
    }`,
  stats: 'query ExplorerStats { graphStats { paperCount authorCount collaborationCount } }',
  export: `query ExplorerExport($format: NetworkExportFormat!, $center: ID, $depth: Int, $minJointPapers: Int, $maxNodes: Int) {
      networkExport(format: $format, center: $center, depth: $depth, minJointPapers: $minJointPapers, maxNodes: $maxNodes) { fileName mediaType content }
    }`,
} as const;

export interface NetworkRequest {
  center: string;
  depth: number;
  minJointPapers: number;
  maxNodes: number;
}

export function searchAuthors(search: string, signal?: AbortSignal): Promise<AuthorSummary[]> {
  return request<{ authors: { nodes: AuthorSummary[] } }>(explorerOperations.search, { search }, signal).then(
    (data) => data.authors.nodes,
  );
}

export function fetchNetwork(options: NetworkRequest): Promise<Network> {
  return request<{ collaborationNetwork: Network }>(explorerOperations.network, { ...options }).then(
    (data) => data.collaborationNetwork,
  );
}

export function fetchAuthor(id: string): Promise<AuthorDetails | null> {
  return request<{ author: AuthorDetails | null }>(explorerOperations.author, { id }).then((data) => data.author);
}

export function fetchPath(from: string, to: string): Promise<CollaborationPath | null> {
  return request<{ collaborationPath: CollaborationPath | null }>(explorerOperations.path, { from, to }).then(
    (data) => data.collaborationPath,
  );
}

export function fetchRanking(
  metric: RankingMetric,
  first: number,
  offset: number,
): Promise<{ ranking: RankedAuthor[]; stats: Stats }> {
  const enumValue = metric.replace(/[A-Z]/gu, (c) => `_${c}`).toUpperCase();
  return request<{ centralityRanking: RankedAuthor[]; graphStats: Stats }>(explorerOperations.ranking, {
    metric: enumValue,
    first,
    offset,
  }).then((data) => ({ ranking: data.centralityRanking, stats: data.graphStats }));
}

export function fetchStats(): Promise<Stats> {
  return request<{ graphStats: Stats }>(explorerOperations.stats, {}).then((data) => data.graphStats);
}

/** The drawn network around `options.center`, or the whole network when `options` is null. */
export function fetchExport(format: ExportFormat, options: NetworkRequest | null): Promise<ExportFile> {
  return request<{ networkExport: ExportFile }>(explorerOperations.export, { format, ...(options ?? {}) }).then(
    (data) => data.networkExport,
  );
}
