/**
 * The explorer's state in the address bar, so that a view can be bookmarked and shared:
 * `?author=ID&depth=2&min=1&max=200&size=pagerank&select=ID&expand=ID,ID&from=ID&to=ID&tab=ranking&metric=betweenness&page=0`.
 * Unknown or malformed values fall back to the defaults; the server checks ids.
 */
export const sizeMetrics = [
  'paperCount',
  'degree',
  'weightedDegree',
  'betweenness',
  'closeness',
  'harmonic',
  'eigenvector',
  'pagerank',
] as const;
export type SizeMetric = (typeof sizeMetrics)[number];
export type RankingMetric = Exclude<SizeMetric, 'paperCount'>;
export const rankingMetrics = sizeMetrics.filter((metric): metric is RankingMetric => metric !== 'paperCount');
export const tabs = ['author', 'people', 'ranking'] as const;
export type Tab = (typeof tabs)[number];

export interface ExplorerState {
  readonly author: string | null;
  readonly depth: number;
  readonly minJointPapers: number;
  readonly maxNodes: number;
  readonly size: SizeMetric;
  readonly selected: string | null;
  readonly expanded: readonly string[];
  readonly pathFrom: string | null;
  readonly pathTo: string | null;
  readonly tab: Tab;
  readonly rankingMetric: RankingMetric;
  readonly rankingPage: number;
}

export const defaultState: ExplorerState = {
  author: null,
  depth: 1,
  minJointPapers: 1,
  maxNodes: 200,
  size: 'pagerank',
  selected: null,
  expanded: [],
  pathFrom: null,
  pathTo: null,
  tab: 'author',
  rankingMetric: 'betweenness',
  rankingPage: 0,
};

function wholeNumber(text: string | null, min: number, max: number, fallback: number): number {
  if (text === null || !/^\d+$/u.test(text)) return fallback;
  const value = Number(text);
  return value >= min && value <= max ? value : fallback;
}

function oneOf<T extends string>(text: string | null, values: readonly T[], fallback: T): T {
  return values.includes(text as T) ? (text as T) : fallback;
}

function id(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text.trim();
}

export function parseState(search: string): ExplorerState {
  const params = new URLSearchParams(search);
  return {
    author: id(params.get('author')),
    depth: wholeNumber(params.get('depth'), 1, 2, defaultState.depth),
    minJointPapers: wholeNumber(params.get('min'), 1, 1000, defaultState.minJointPapers),
    maxNodes: wholeNumber(params.get('max'), 1, 1000, defaultState.maxNodes),
    size: oneOf(params.get('size'), sizeMetrics, defaultState.size),
    selected: id(params.get('select')),
    expanded: (params.get('expand') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
    pathFrom: id(params.get('from')),
    pathTo: id(params.get('to')),
    tab: oneOf(params.get('tab'), tabs, defaultState.tab),
    rankingMetric: oneOf(params.get('metric'), rankingMetrics, defaultState.rankingMetric),
    rankingPage: wholeNumber(params.get('page'), 0, 1_000_000, 0),
  };
}

/** Only what differs from the defaults goes into the address, in a fixed order. */
export function formatState(state: ExplorerState): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | null, fallback: string | number | null) => {
    if (value !== null && value !== fallback) params.set(key, String(value));
  };
  put('author', state.author, null);
  put('depth', state.depth, defaultState.depth);
  put('min', state.minJointPapers, defaultState.minJointPapers);
  put('max', state.maxNodes, defaultState.maxNodes);
  put('size', state.size, defaultState.size);
  put('select', state.selected, null);
  put('expand', state.expanded.join(','), '');
  put('from', state.pathFrom, null);
  put('to', state.pathTo, null);
  put('tab', state.tab, defaultState.tab);
  put('metric', state.rankingMetric, defaultState.rankingMetric);
  put('page', state.rankingPage, 0);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
