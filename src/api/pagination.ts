/**
 * Relay-style forward pagination over a fully ordered list: opaque offset cursors, `first` at most
 * 100, a cursor that does not come from this API is a `BAD_USER_INPUT` error.
 */
import { checkPageSize } from './arguments.ts';
import { badUserInput } from './errors.ts';

export interface PageArguments {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export interface Page<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number;
}

const DEFAULT_PAGE_SIZE = 20;
const CURSOR_PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  if (
    !text.startsWith(CURSOR_PREFIX) ||
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    encodeCursor(offset) !== cursor
  ) {
    throw badUserInput(
      `"${cursor}" is not a cursor from this list; pass an "endCursor" or edge "cursor" you received.`,
      'after',
    );
  }
  return offset;
}

/** A list that can be paged: an array, or a listing that decodes only the page it is asked for. */
export interface Pageable<T> {
  readonly length: number;
  slice(start: number, end: number): readonly T[];
}

export function paginate<T>(items: Pageable<T>, args: PageArguments): Page<T> {
  const first = checkPageSize(args.first ?? DEFAULT_PAGE_SIZE);
  const start = args.after == null ? 0 : decodeCursor(args.after) + 1;
  const edges = items.slice(start, start + first).map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: items.length,
  };
}
