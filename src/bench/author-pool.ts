/**
 * The authors the load test's queries are about: the served network's most connected authors (most
 * distinct co-authors), kept only when they are in one connected component with the first of them
 * (on the ACL Anthology, the largest component), read from the running server through its API.
 * Each request then draws its authors from this pool with a seeded random generator, so runs repeat
 * and yet most requests ask about a different author or pair than the request before.
 */
import seedrandom from 'seedrandom';
import type { PoolAuthor } from './query-mix.ts';

export interface GraphQLClient {
  query<T>(text: string): Promise<T>;
}

interface AuthorPage {
  readonly authors: {
    readonly nodes: PoolAuthor[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

export interface AuthorPool {
  readonly authors: readonly PoolAuthor[];
  /** Candidates read before the connectivity check. */
  readonly candidates: number;
}

/** The `size` authors with the most co-authors that are connected to the first of them. */
export async function fetchAuthorPool(client: GraphQLClient, size: number): Promise<AuthorPool> {
  const candidates: PoolAuthor[] = [];
  let after: string | null = null;
  while (candidates.length < size) {
    const page: AuthorPage = await client.query<AuthorPage>(
      `{ authors(orderBy: COAUTHOR_COUNT, first: 100${after === null ? '' : `, after: ${JSON.stringify(after)}`}) { nodes { id name } pageInfo { hasNextPage endCursor } } }`,
    );
    candidates.push(...page.authors.nodes);
    if (!page.authors.pageInfo.hasNextPage) break;
    after = page.authors.pageInfo.endCursor;
  }
  const chosen = candidates.slice(0, size);
  const first = chosen[0];
  if (first === undefined) throw new Error('the server has no authors');
  const connected: PoolAuthor[] = [first];
  for (const author of chosen.slice(1)) {
    const result = await client.query<{ author: { collaborationDistance: number | null } | null }>(
      `{ author(id: ${JSON.stringify(first.id)}) { collaborationDistance(to: ${JSON.stringify(author.id)}) } }`,
    );
    if (result.author?.collaborationDistance !== null && result.author?.collaborationDistance !== undefined)
      connected.push(author);
  }
  return { authors: connected, candidates: chosen.length };
}

/** Draws `count` distinct authors per call, reproducibly for a given seed. */
export function authorPicker(pool: readonly PoolAuthor[], seed: string): (count: number) => PoolAuthor[] {
  const random = seedrandom(seed);
  return (count) => {
    if (count > pool.length) throw new Error(`cannot draw ${count} distinct authors from a pool of ${pool.length}`);
    const picked = new Set<number>();
    while (picked.size < count) picked.add(Math.floor(random() * pool.length));
    return [...picked].map((index) => pool[index] as PoolAuthor);
  };
}
