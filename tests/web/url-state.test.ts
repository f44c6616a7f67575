import { describe, expect, it } from 'vitest';
import { defaultState, formatState, parseState } from '../../src/web/url-state.ts';

describe("the explorer's address", () => {
  it('is empty for the default view and keeps only what differs', () => {
    expect(formatState(defaultState)).toBe('');
    expect(formatState({ ...defaultState, author: 'paul-vicol', depth: 2, selected: 'roger-grosse' })).toBe(
      '?author=paul-vicol&depth=2&select=roger-grosse',
    );
  });

  it('reads back every part of the state it wrote', () => {
    const state = {
      author: 'jörn-henrik-jacobsen',
      depth: 2,
      minJointPapers: 3,
      maxNodes: 1000,
      size: 'betweenness',
      selected: 'a&b',
      expanded: ['x', 'y'],
      pathFrom: 'x',
      pathTo: 'z',
      tab: 'ranking',
      rankingMetric: 'pagerank',
      rankingPage: 4,
    } as const;
    expect(parseState(formatState(state))).toEqual(state);
  });

  it('falls back to the defaults for malformed or out-of-range values', () => {
    expect(
      parseState('?depth=7&min=0&max=5000&size=height&tab=nowhere&metric=paperCount&page=-1&author=%20&expand=,,'),
    ).toEqual(defaultState);
  });
});
