import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CursorSpace, type Page, paginate } from '../../src/api/pagination.ts';
import { PROPERTY_TIMEOUT, anyText, check } from '../helpers/properties.ts';

const LIST = 'numbers';
const cursors = new CursorSpace(LIST);

/** A cursor as a client might send one: any text, base64 of anything, a readable offset, or a real cursor with an edit. */
const cursor = fc.oneof(
  anyText(40),
  fc.uint8Array({ maxLength: 30 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.string({ maxLength: 20 }).map((text) => Buffer.from(`offset:${text}`).toString('base64')),
  fc
    .tuple(fc.nat({ max: 0xffff_ffff }), fc.nat({ max: 20 }), fc.string({ maxLength: 2 }))
    .map(([offset, at, insert]) => {
      const real = cursors.encode(offset);
      return real.slice(0, at) + insert + real.slice(at + 1);
    }),
);

function badUserInput(run: () => unknown, argument: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
    expect((error as GraphQLError).extensions['argument']).toBe(argument);
    return;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('pagination cursors sent by clients', () => {
  it(
    'decode to the position they encode, and a cursor this list gave is the only kind accepted',
    () => {
      check(
        fc.property(cursor, (text) => {
          let position: number;
          try {
            position = cursors.decode(text, 'after');
          } catch (error) {
            expect(error).toBeInstanceOf(GraphQLError);
            expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
            return;
          }
          expect(Number.isSafeInteger(position) && position >= 0).toBe(true);
          expect(cursors.encode(position)).toBe(text);
        }),
        1050,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('are opaque, the same in every request, and refused by another list', () => {
    const cursor = new CursorSpace(LIST).encode(3);
    expect(cursor).toBe(cursors.encode(3));
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toMatch(/offset|3/u);
    badUserInput(() => new CursorSpace('other list').decode(cursor, 'before'), 'before');
    badUserInput(() => paginate([1, 2, 3], { after: cursor }, 'other list'), 'after');
  });

  it(
    'page forward from the start and backward from the end without skipping or repeating an item',
    () => {
      check(
        fc.property(
          fc.nat({ max: 0xffff_ffff }),
          fc.array(fc.nat(), { maxLength: 60 }),
          fc.integer({ min: 1, max: 100 }),
          (position, items, size) => {
            expect(cursors.decode(cursors.encode(position), 'after')).toBe(position);
            const forward: number[] = [];
            let after: string | null = null;
            for (;;) {
              const page: Page<number> = paginate(items, { first: size, after }, LIST);
              forward.push(...page.edges.map((edge) => edge.node));
              expect(page.totalCount).toBe(items.length);
              if (!page.pageInfo.hasNextPage) break;
              after = page.pageInfo.endCursor;
            }
            expect(forward).toEqual(items);
            const backward: number[] = [];
            let before: string | null = null;
            for (;;) {
              const page: Page<number> = paginate(items, { last: size, before }, LIST);
              backward.unshift(...page.edges.map((edge) => edge.node));
              if (!page.pageInfo.hasPreviousPage) break;
              before = page.pageInfo.startCursor;
            }
            expect(backward).toEqual(items);
            const from = cursors.encode(position);
            expect(paginate(items, { first: size, after: from }, LIST).edges.length).toBeLessThanOrEqual(size);
            expect(paginate(items, { last: size, before: from }, LIST).edges.length).toBeLessThanOrEqual(size);
          },
        ),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('follow the Relay algorithm: after and before bound the list, first keeps its head, last its tail', () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const nodes = (page: Page<number>) => page.edges.map((edge) => edge.node);
    expect(nodes(paginate(items, {}, LIST, 3))).toEqual([0, 1, 2]);
    expect(nodes(paginate(items, { last: 3 }, LIST))).toEqual([7, 8, 9]);
    const window = { after: cursors.encode(1), before: cursors.encode(8) };
    expect(nodes(paginate(items, window, LIST))).toEqual([2, 3, 4, 5, 6, 7]);
    expect(nodes(paginate(items, { ...window, first: 4, last: 2 }, LIST))).toEqual([4, 5]);
    const tail = paginate(items, { last: 3 }, LIST);
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(tail.pageInfo.startCursor).toBe(cursors.encode(7));
    expect(nodes(paginate(items, { offset: 4, first: 2 }, LIST))).toEqual([4, 5]);
    badUserInput(() => paginate(items, { offset: 4, after: cursors.encode(1) }, LIST), 'offset');
    badUserInput(() => paginate(items, { last: 101 }, LIST), 'last');
    badUserInput(() => paginate(items, { first: -1 }, LIST), 'first');
  });
});
