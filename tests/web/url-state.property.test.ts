import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ExplorerState,
  defaultState,
  formatState,
  parseState,
  rankingMetrics,
  sizeMetrics,
  tabs,
} from '../../src/web/url-state.ts';
import { PROPERTY_TIMEOUT, anyText, check } from '../helpers/properties.ts';

/** An author id as the server makes them (a slug, with Unicode for good measure): no commas, no outer spaces. */
const id = fc.stringMatching(/^[a-z0-9ä李][a-z0-9ä李&=?#%+ -]{0,15}[a-z0-9ä李]$/u);

const state: fc.Arbitrary<ExplorerState> = fc.record({
  author: fc.option(id, { nil: null }),
  depth: fc.integer({ min: 1, max: 2 }),
  minJointPapers: fc.integer({ min: 1, max: 1000 }),
  maxNodes: fc.integer({ min: 1, max: 1000 }),
  size: fc.constantFrom(...sizeMetrics),
  selected: fc.option(id, { nil: null }),
  expanded: fc.array(id, { maxLength: 4 }),
  pathFrom: fc.option(id, { nil: null }),
  pathTo: fc.option(id, { nil: null }),
  tab: fc.constantFrom(...tabs),
  rankingMetric: fc.constantFrom(...rankingMetrics),
  rankingPage: fc.integer({ min: 0, max: 1_000_000 }),
});

/** An address as typed or mangled by hand: known keys with any values, and noise. */
const search = fc.oneof(
  anyText(80),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'author',
          'depth',
          'min',
          'max',
          'size',
          'select',
          'expand',
          'from',
          'to',
          'tab',
          'metric',
          'page',
          'x',
        ),
        fc.oneof(
          anyText(12),
          fc.constantFrom('1', '2', '0', '-1', '1e3', '99999999999999999999', 'pagerank', 'ranking', '%zz', ',,a, b ,'),
        ),
      ),
      { maxLength: 8 },
    )
    .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
);

describe("the explorer's address, as any visitor may type it", () => {
  it(
    'always reads to a valid state, which writes to an address that reads back the same',
    () => {
      check(
        fc.property(search, (text) => {
          const read = parseState(text);
          expect(read.depth >= 1 && read.depth <= 2 && Number.isInteger(read.depth)).toBe(true);
          expect(read.minJointPapers >= 1 && read.minJointPapers <= 1000).toBe(true);
          expect(read.maxNodes >= 1 && read.maxNodes <= 1000).toBe(true);
          expect(read.rankingPage >= 0 && read.rankingPage <= 1_000_000 && Number.isInteger(read.rankingPage)).toBe(
            true,
          );
          expect(sizeMetrics).toContain(read.size);
          expect(tabs).toContain(read.tab);
          expect(rankingMetrics).toContain(read.rankingMetric);
          for (const value of [read.author, read.selected, read.pathFrom, read.pathTo, ...read.expanded]) {
            if (value !== null) expect(value).toBe(value.trim());
            if (value !== null) expect(value).not.toBe('');
          }
          expect(parseState(formatState(read))).toEqual(read);
        }),
        1050,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads back every state it writes',
    () => {
      check(
        fc.property(state, (written) => {
          expect(parseState(formatState(written))).toEqual(written);
        }),
        350,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('writes nothing for the default view', () => {
    expect(formatState(parseState(''))).toBe('');
    expect(parseState('')).toEqual(defaultState);
  });
});
