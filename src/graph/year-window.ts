/**
 * Time windows: the co-authorship network made of the papers of some years only.
 *
 * A window `{ from, to }` holds the papers whose year is in [from, to], both ends included; either end
 * may be open (null). A paper without a year is outside every bounded window: it has no place in time.
 * The window with both ends open is the whole network, papers without a year included.
 *
 * The windowed network is a network in its own right, as NetworkX would build it from those papers:
 * its authors are the authors of those papers (an author with no paper in the window is not in it, so
 * degree is normalised by the window's author count and PageRank teleports among the window's authors),
 * a tie exists when a joint paper falls inside, its weight counts those papers, and a hop's papers are
 * only those. It is built from the shared columns (bylines and years in typed arrays, nothing parsed
 * again): authors are renumbered 0..m−1 in the whole network's order, papers keep their rows, and the
 * compact graph is built by the same counting sort as the whole network's (compact-graph.ts).
 */
import { RowMap, type CoauthorNetwork, graphologyGraph, type CoauthorGraph } from './network.ts';
import { type CompactGraph, buildCompactGraph } from './compact-graph.ts';
import { NO_YEAR, type NetworkColumns } from './network-columns.ts';
import { sharedArray, sharedInt32 } from './columns.ts';

export interface YearRange {
  /** First year included (null: no lower bound). */
  readonly from: number | null;
  /** Last year included (null: no upper bound). */
  readonly to: number | null;
}

export class YearRangeError extends Error {
  override readonly name = 'YearRangeError';
}

/** Checks a range: `from` after `to` is an error (an empty window is almost always a typo). */
export function checkYearRange(range: YearRange): YearRange {
  if (range.from !== null && range.to !== null && range.from > range.to)
    throw new YearRangeError(`the window's "from" (${range.from}) is after its "to" (${range.to})`);
  return range;
}

/**
 * A window written on the command line, `FROM-TO` with either end left open: "2016-2019", "2016-" (from
 * 2016 on), "-2019" (up to 2019), "2017" (that year alone), "-" (every paper). Years have four digits.
 */
export function parseYearRange(text: string): YearRange {
  const trimmed = text.trim();
  const single = /^(\d{4})$/u.exec(trimmed);
  if (single !== null) return { from: Number(single[1]), to: Number(single[1]) };
  const match = /^(\d{4})?\s*-\s*(\d{4})?$/u.exec(trimmed);
  if (match === null)
    throw new YearRangeError(
      `"${text}" is not a window of years: write FROM-TO with four-digit years, either end left open (2016-2019, 2016-, -2019) or one year (2017)`,
    );
  return checkYearRange({
    from: match[1] === undefined ? null : Number(match[1]),
    to: match[2] === undefined ? null : Number(match[2]),
  });
}

export function isWholeRange(range: YearRange): boolean {
  return range.from === null && range.to === null;
}

/** Whether a paper of `year` (NO_YEAR: none) is in the window. */
export function yearInRange(year: number, range: YearRange): boolean {
  if (isWholeRange(range)) return true;
  if (year === NO_YEAR) return false;
  return (range.from === null || year >= range.from) && (range.to === null || year <= range.to);
}

/** A stable key for caches and version ids: "2016-2019", "2016-", "-2019", "-". */
export function rangeKey(range: YearRange): string {
  return `${range.from ?? ''}-${range.to ?? ''}`;
}

/** The network of a window, plus how its author rows map to the whole network's. */
export interface WindowedNetwork extends CoauthorNetwork {
  readonly range: YearRange;
  /** Window author row → whole-network author row. */
  readonly toWhole: Int32Array;
  /** The whole network's rows of the window's papers, ascending. */
  readonly windowPapers: Int32Array;
}

/**
 * What a window's network is made of, as plain typed arrays (the costly part to build, linear in the
 * whole network's authorships): it crosses a thread boundary, so a request worker builds it and the
 * server only assembles the network around it (`windowFromParts`, linear in the window's papers).
 */
export interface WindowParts {
  readonly range: YearRange;
  /** Window author row → whole-network author row. */
  readonly toWhole: Int32Array;
  /** The whole network's rows of the window's papers, ascending. */
  readonly windowPapers: Int32Array;
  readonly compact: CompactGraph<Uint32Array>;
  readonly papersOverAuthorLimit: number;
}

/** The papers of `range` and the compact graph they make (see the module comment). */
export interface WindowSource {
  readonly columns: Pick<NetworkColumns, 'year' | 'bylineOffsets' | 'byline' | 'maxAuthorsPerPaper'>;
  readonly compact: Pick<CompactGraph, 'order'>;
}

/** The columns a window is made from (shared memory: posting them to a thread copies nothing). */
export function windowSource(whole: Pick<CoauthorNetwork, 'columns' | 'compact'>): WindowSource {
  const { year, bylineOffsets, byline, maxAuthorsPerPaper } = whole.columns;
  return { columns: { year, bylineOffsets, byline, maxAuthorsPerPaper }, compact: { order: whole.compact.order } };
}

export function windowParts(whole: WindowSource, range: YearRange): WindowParts {
  const { columns } = whole;
  const paperCount = columns.year.length;
  const wholeAuthors = whole.compact.order;
  const toWindow = new Int32Array(wholeAuthors).fill(-1);
  const papers: number[] = [];
  for (let p = 0; p < paperCount; p += 1) {
    if (!yearInRange(columns.year[p] as number, range)) continue;
    papers.push(p);
    for (let k = columns.bylineOffsets[p] as number; k < (columns.bylineOffsets[p + 1] as number); k += 1)
      toWindow[columns.byline[k] as number] = 0;
  }
  let order = 0;
  for (let a = 0; a < wholeAuthors; a += 1) if (toWindow[a] === 0) toWindow[a] = order++;
  // On shared memory, as the compact graph is: a worker that keeps a window hands its parts to another
  // thread without a copy (a copy cost the event loop 40 ms for a window of 50,000 authors).
  const toWhole = sharedArray(Int32Array, order);
  for (let a = 0; a < wholeAuthors; a += 1) if ((toWindow[a] as number) >= 0) toWhole[toWindow[a] as number] = a;

  // The window's bylines in the window's author numbers; papers outside it have none.
  const offsets = new Int32Array(paperCount + 1);
  for (const p of papers)
    offsets[p + 1] = (columns.bylineOffsets[p + 1] as number) - (columns.bylineOffsets[p] as number);
  for (let p = 0; p < paperCount; p += 1) offsets[p + 1] = (offsets[p + 1] as number) + (offsets[p] as number);
  const values = new Int32Array(offsets[paperCount] as number);
  const limit = columns.maxAuthorsPerPaper ?? Number.POSITIVE_INFINITY;
  let papersOverAuthorLimit = 0;
  for (const p of papers) {
    const start = columns.bylineOffsets[p] as number;
    const end = columns.bylineOffsets[p + 1] as number;
    const at = (offsets[p] as number) - start;
    for (let k = start; k < end; k += 1) values[at + k] = toWindow[columns.byline[k] as number] as number;
    if (end - start > limit) papersOverAuthorLimit += 1;
  }
  const compact = buildCompactGraph({
    order,
    bylines: { offsets, values },
    maxAuthorsPerPaper: columns.maxAuthorsPerPaper,
  });
  return { range, toWhole, windowPapers: sharedInt32(papers), compact, papersOverAuthorLimit };
}

/** The papers of `range` and the network they make (see the module comment). */
export function windowNetwork(whole: CoauthorNetwork, range: YearRange): WindowedNetwork {
  return windowFromParts(whole, windowParts(whole, range));
}

/** The network of a window around its parts (built here or in a worker from the same columns). */
export function windowFromParts(whole: CoauthorNetwork, parts: WindowParts): WindowedNetwork {
  const { columns } = whole;
  const { range, toWhole, compact, papersOverAuthorLimit } = parts;
  const order = toWhole.length;
  const windowPapers = parts.windowPapers;
  // Both row lists ascend (authors keep the whole network's order; papers their rows): binary search.
  const windowRowOf = (wholeRow: number) => sortedIndexOf(toWhole, wholeRow);
  const rowOf = (id: string) => {
    const row = whole.authorIndex.get(id);
    return row === undefined ? -1 : windowRowOf(row);
  };
  const authorIdAt = (row: number) => whole.authorIdAt(toWhole[row] as number);
  const paperRowOf = (id: string) => {
    const row = whole.paperIndex.get(id);
    return row === undefined ? -1 : sortedIndexOf(windowPapers, row);
  };
  const positions = new Map<string, Int32Array>();
  let graph: CoauthorGraph | null = null;
  let authorIds: string[] | null = null;
  const network: WindowedNetwork = {
    range,
    toWhole,
    windowPapers,
    columns,
    get version() {
      return `${whole.version}@${rangeKey(range)}`;
    },
    get graph() {
      graph ??= graphologyGraph(this);
      return graph;
    },
    compact,
    get authorIds() {
      authorIds ??= Array.from({ length: order }, (_, row) => authorIdAt(row));
      return authorIds;
    },
    authorIndex: new RowMap(order, rowOf, authorIdAt, (row) => row),
    // Paper rows are the whole network's (the compact graph's joint papers are those rows).
    get paperIds() {
      return whole.paperIds;
    },
    paperIndex: whole.paperIndex,
    authors: new RowMap(order, rowOf, authorIdAt, (row) => whole.authorAt(toWhole[row] as number)),
    papers: new RowMap(
      windowPapers.length,
      paperRowOf,
      (k) => whole.paperIdAt(windowPapers[k] as number),
      (k) => whole.paperAt(windowPapers[k] as number),
    ),
    authorsByNameKey: whole.authorsByNameKey,
    paperIdAliases: whole.paperIdAliases,
    maxAuthorsPerPaper: whole.maxAuthorsPerPaper,
    papersOverAuthorLimit,
    authorIdAt,
    paperIdAt: whole.paperIdAt,
    positionIn(orderName) {
      if (orderName === 'recency') return whole.positionIn('recency');
      let position = positions.get(orderName);
      if (position === undefined) {
        const wholePosition = whole.positionIn(orderName);
        position = Int32Array.from(toWhole, (row) => wholePosition[row] as number);
        positions.set(orderName, position);
      }
      return position;
    },
    authorAt: (row) => whole.authorAt(toWhole[row] as number),
    paperAt: whole.paperAt,
  };
  return network;
}

/** The index of `value` in the ascending `values`, or −1. */
function sortedIndexOf(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return values.length > 0 && values[low] === value ? low : -1;
}
