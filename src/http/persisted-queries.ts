/**
 * Persisted queries, in the protocol Apollo Client (`PersistedQueryLink`) and urql
 * (`persistedExchange`) speak: a request carries `extensions.persistedQuery.sha256Hash`, the
 * SHA-256 of the query text in hex.
 * - By default, automatic persisted queries (`@graphql-yoga/plugin-apq`): a hash the server does not
 *   know gets `PERSISTED_QUERY_NOT_FOUND`, the client sends the query with its hash, and the server
 *   keeps it (a hash that is not the query's is refused with `PERSISTED_QUERY_MISMATCH`). The store
 *   is bounded: at most `APQ_MAX_ENTRIES` queries, least recently used dropped first, and a query
 *   longer than `APQ_MAX_QUERY_LENGTH` characters runs but is not kept. The explorer's own operations
 *   are always known.
 * - With a trusted-documents list (`--persisted-only FILE`, `@graphql-yoga/plugin-persisted-operations`):
 *   only operations of the list run, asked by hash; a query text is refused with
 *   `PERSISTED_QUERY_REQUIRED`, an unknown hash with `PERSISTED_QUERY_NOT_IN_LIST`.
 * The list's format: a JSON object from each operation's hash to its text (as GraphQL Code
 * Generator's `persisted-documents.json`); src/web/persisted-operations.json is the explorer's.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import LRUMap from 'mnemonist/lru-map.js';
import { codedError, errors } from '../api/errors.ts';
import { webDirectory } from '../web/locations.ts';
import { errorMessage } from '../error-message.ts';

export const APQ_MAX_ENTRIES = 1000;
export const APQ_MAX_QUERY_LENGTH = 20_000;

/** An operation list: hash (SHA-256, hex) → query text. */
export type PersistedOperations = ReadonlyMap<string, string>;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The explorer's operations (src/web/persisted-operations.json). */
export const explorerOperationsFile = join(webDirectory, 'persisted-operations.json');

/** Reads a list; a file that is not such a list, or a hash that is not its text's, is an Error naming the file. */
export function readPersistedOperations(file: string): PersistedOperations {
  const name = file;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${name}: cannot read the persisted operations: ${errorMessage(error)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${name}: persisted operations must be a JSON object from SHA-256 hashes to query texts`);
  const operations = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    if (typeof text !== 'string') throw new Error(`${name}: the operation ${hash} is not a query text`);
    if (sha256Hex(text) !== hash.toLowerCase())
      throw new Error(`${name}: ${hash} is not the SHA-256 of its query text (it is ${sha256Hex(text)})`);
    operations.set(hash.toLowerCase(), text);
  }
  if (operations.size === 0) throw new Error(`${name}: the list of persisted operations is empty`);
  return operations;
}

/** The automatic persisted queries' store: pinned operations plus a bounded LRU of registered ones. */
function apqStore(pinned: PersistedOperations) {
  const registered = new LRUMap<string, string>(APQ_MAX_ENTRIES);
  return {
    get: (hash: string) => pinned.get(hash) ?? registered.get(hash) ?? null,
    set: (hash: string, query: string) => {
      if (!pinned.has(hash) && query.length <= APQ_MAX_QUERY_LENGTH) registered.set(hash, query);
    },
  };
}

const required = () => codedError(errors.persistedQueryRequired, {});

/** Automatic persisted queries (`allowList` null), or only the operations of `allowList`. */
export function usePersistedQueries(
  allowList: PersistedOperations | null,
  pinned: PersistedOperations = readPersistedOperations(explorerOperationsFile),
): Plugin {
  if (allowList === null) return useAPQ({ store: apqStore(pinned), hash: (query) => sha256Hex(query) });
  return usePersistedOperations({
    getPersistedOperation: (hash) => allowList.get(hash.toLowerCase()) ?? null,
    customErrors: {
      notFound: () => codedError(errors.persistedQueryNotInList, {}),
      keyNotFound: required,
      persistedQueryOnly: required,
    },
  });
}
