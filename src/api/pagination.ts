/**
 * Relay cursor connections over a fully ordered list: `first`/`after` forward, `last`/`before`
 * backward (the Relay connection spec's algorithm: `after` and `before` bound the list, then `first`
 * keeps the head and `last` the tail of what remains), at most 100 items a page.
 *
 * A cursor is opaque and specific to its list: 11 bytes, base64url, holding a format byte, the first
 * six bytes of the SHA-256 of the list's key (e.g. `coauthors:david-duvenaud`) and the position. The
 * same item of the same list has the same cursor in every request; a cursor from another list (or
 * one that does not come from this API) is a `BAD_USER_INPUT` error naming the argument.
 */
import { createHash } from 'node:crypto';
import { checkPageSize, checkRange } from './arguments.ts';
import { badUserInput } from './errors.ts';

export interface PageArguments {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
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

/** A list that can be paged: an array, or a listing that decodes only the page it is asked for. */
export interface Pageable<T> {
  readonly length: number;
  slice(start: number, end: number): readonly T[];
}

const CURSOR_FORMAT = 1;
const LIST_TAG_BYTES = 6;
const CURSOR_BYTES = 1 + LIST_TAG_BYTES + 4;
const MAX_POSITION = 0xffff_ffff;

/** The cursors of one list: the list's key is hashed once per page. */
export class CursorSpace {
  readonly #tag: Buffer;

  constructor(listKey: string) {
    this.#tag = createHash('sha256').update(listKey, 'utf8').digest().subarray(0, LIST_TAG_BYTES);
  }

  encode(position: number): string {
    const bytes = Buffer.alloc(CURSOR_BYTES);
    bytes[0] = CURSOR_FORMAT;
    this.#tag.copy(bytes, 1);
    bytes.writeUInt32BE(position, 1 + LIST_TAG_BYTES);
    return bytes.toString('base64url');
  }

  /** The position a cursor stands for; `BAD_USER_INPUT` naming `argument` when it is not one of this list's. */
  decode(cursor: string, argument: string): number {
    const bytes = Buffer.from(cursor, 'base64url');
    const valid =
      bytes.length === CURSOR_BYTES &&
      bytes[0] === CURSOR_FORMAT &&
      bytes.subarray(1, 1 + LIST_TAG_BYTES).equals(this.#tag) &&
      bytes.toString('base64url') === cursor;
    if (!valid)
      throw badUserInput(
        `"${cursor}" is not a cursor from this list; pass a "startCursor", "endCursor" or edge "cursor" this list gave you.`,
        argument,
      );
    return bytes.readUInt32BE(1 + LIST_TAG_BYTES);
  }
}

/** Positions [start, end) of a list of `length` items that a page covers. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/**
 * The window `args` select in a list of `length` items (`defaultFirst` when neither `first` nor
 * `last` is given). `offset` is the deprecated way to start a page: it cannot be combined with cursors.
 */
export function pageWindow(
  length: number,
  args: PageArguments & { readonly offset?: number | null },
  cursors: CursorSpace,
  defaultFirst: number,
): Window {
  const first = args.first == null ? null : checkPageSize(args.first, 'first');
  const last = args.last == null ? null : checkPageSize(args.last, 'last');
  const offset = args.offset == null ? 0 : checkRange(args.offset, 'offset', 0, MAX_POSITION);
  if (offset > 0 && (args.after != null || args.before != null || last != null))
    throw badUserInput('"offset" is deprecated and cannot be combined with "after", "before" or "last".', 'offset');
  let start = args.after == null ? offset : Math.min(cursors.decode(args.after, 'after') + 1, length);
  let end = args.before == null ? length : Math.min(cursors.decode(args.before, 'before'), length);
  start = Math.min(start, length);
  if (end < start) end = start;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  if (first == null && last == null) end = Math.min(end, start + defaultFirst);
  return { start, end };
}

/** Refuses page arguments that no list could accept (sizes out of range, another list's cursors) before work starts. */
export function checkPageArguments(args: PageArguments & { readonly offset?: number | null }, listKey: string): void {
  pageWindow(0, args, new CursorSpace(listKey), 0);
}

/** The page of `items` that `args` select, with cursors from the list called `listKey`. */
export function paginate<T>(
  items: Pageable<T>,
  args: PageArguments & { readonly offset?: number | null },
  listKey: string,
  defaultFirst = 20,
): Page<T> {
  const cursors = new CursorSpace(listKey);
  const { start, end } = pageWindow(items.length, args, cursors, defaultFirst);
  return pageOf(items.slice(start, end), start, items.length, cursors);
}

/** A page of `nodes`, which stand at positions `start`, `start + 1`, ... of a list of `totalCount` items. */
export function pageOf<T>(nodes: readonly T[], start: number, totalCount: number, cursors: CursorSpace): Page<T> {
  const edges = nodes.map((node, i) => ({ cursor: cursors.encode(start + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: start + nodes.length < totalCount,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}
