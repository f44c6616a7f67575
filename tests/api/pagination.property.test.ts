import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type Page, decodeCursor, encodeCursor, paginate } from '../../src/api/pagination.ts';
import { PROPERTY_TIMEOUT, anyText, check } from '../helpers/properties.ts';

/** A cursor as a client might send one: any text, base64 of anything, or a real cursor with an edit. */
const cursor = fc.oneof(
  anyText(40),
  fc.uint8Array({ maxLength: 30 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  fc.string({ maxLength: 20 }).map((text) => Buffer.from(`offset:${text}`).toString('base64')),
  fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.string({ maxLength: 2 })).map(([offset, at, insert]) => {
    const real = encodeCursor(offset);
    return real.slice(0, at) + insert + real.slice(at + 1);
  }),
);

describe('pagination cursors sent by clients', () => {
  it(
    'decode to the offset they encode, and a cursor this API gave is the only kind accepted',
    () => {
      check(
        fc.property(cursor, (text) => {
          let offset: number;
          try {
            offset = decodeCursor(text);
          } catch (error) {
            expect(error).toBeInstanceOf(GraphQLError);
            expect((error as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
            return;
          }
          expect(Number.isSafeInteger(offset) && offset >= 0).toBe(true);
          expect(encodeCursor(offset)).toBe(text);
        }),
        1050,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'round-trip every offset, and page on from any cursor without skipping or repeating an item',
    () => {
      check(
        fc.property(
          fc.nat({ max: Number.MAX_SAFE_INTEGER }),
          fc.array(fc.nat(), { maxLength: 60 }),
          fc.integer({ min: 1, max: 100 }),
          (offset, items, first) => {
            expect(decodeCursor(encodeCursor(offset))).toBe(offset);
            const seen: number[] = [];
            let after: string | null = null;
            for (;;) {
              const page: Page<number> = paginate(items, { first, after });
              seen.push(...page.edges.map((edge) => edge.node));
              if (!page.pageInfo.hasNextPage) break;
              after = page.pageInfo.endCursor;
            }
            expect(seen).toEqual(items);
            expect(paginate(items, { first, after: encodeCursor(offset) }).edges.length).toBeLessThanOrEqual(first);
          },
        ),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
