/**
 * The cost model of a query (`@pothos/plugin-complexity`): every field costs 1, and the selection
 * under a list costs once per item the list may hold on the loaded network. A page costs its
 * `first`, a network its `maxNodes`; lists without a size argument cost what they can hold in this
 * data (src/graph/network-bounds.ts): a byline its largest byline, a tie's or hop's papers the most
 * joint papers of any tie, a drawn network's edges `maxNodes` × the most ties per author any such
 * network can have. A search over the graph (a path, a distance) costs 10 by itself, a whole-network
 * export its authors and ties. So `coauthors(first: 100) { nodes { coauthors(first: 100) { ... } } }`
 * costs 100 × 100 × ..., known before anything runs. Arguments outside their range are clamped here:
 * the resolver rejects them with a `BAD_USER_INPUT` error that names the argument, which says more
 * than a cost would. Meta fields (`__typename`, introspection) cost nothing: src/http/query-cost.ts
 * leaves them out.
 *
 * The edges of a drawn network are priced per author of the network (the parent's multiplier): a
 * field's price cannot see its parent's arguments, and the plugin reuses the price of a fragment
 * wherever it is spread. So before pricing, `costContext` reads the `maxNodes` of every
 * `collaborationNetwork` in the operation, and each network's edges cost the largest ratio of ties to
 * authors among those sizes: exact for one network, an upper bound for each of several. When a size
 * cannot be read there (an argument of another shape), the ratio is the largest for any size.
 */
import { type DocumentNode, Kind, type OperationDefinitionNode, type ValueNode, visit } from 'graphql';
import { type NetworkBounds, networkBounds, tiesAmong } from '../graph/network-bounds.ts';
import { MAX_NETWORK_DEPTH, MAX_NETWORK_NODES, MAX_PAGE_SIZE } from './arguments.ts';
import type { Context } from './builder.ts';

/** What a list without a size argument and without a bound from the data is assumed to hold (a path's authors and hops). */
export const DEFAULT_LIST_MULTIPLIER = 10;

/** The context a price reads: the network served, and the sizes of the networks the operation draws. */
type CostContext = Pick<Context, 'data'> & { readonly drawnNetworkSizes?: readonly number[] | null };

const DEFAULT_MAX_NODES = 200;

/**
 * The context to price `operation` with: `context` plus the `maxNodes` of every network it draws
 * (null when one cannot be read from the document and the variables).
 */
export function costContext<C extends Pick<Context, 'data'>>(
  context: C,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): C & CostContext {
  const sizes: number[] = [];
  let readable = true;
  const defaults = new Map(
    (operation.variableDefinitions ?? []).map((definition) => [
      definition.variable.name.value,
      definition.defaultValue,
    ]),
  );
  /** A literal or a variable's value; null when absent (the default applies); undefined when unreadable. */
  const sizeOf = (value: ValueNode | null | undefined): number | null | undefined => {
    if (value === null || value === undefined || value.kind === Kind.NULL) return null;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return undefined;
    const given = variables[value.name.value];
    if (given === undefined || given === null) return sizeOf(defaults.get(value.name.value));
    return typeof given === 'number' ? given : undefined;
  };
  visit(document, {
    Field(node) {
      if (node.name.value !== 'collaborationNetwork') return;
      const size = sizeOf(node.arguments?.find((argument) => argument.name.value === 'maxNodes')?.value);
      if (size === undefined) readable = false;
      else sizes.push(size ?? DEFAULT_MAX_NODES);
    },
  });
  return { ...context, drawnNetworkSizes: readable ? sizes : null };
}

const boundsByData = new WeakMap<object, NetworkBounds>();

/** The bounds of a served network, computed once (the app asks before the first request, so no request pays). */
export function prepareQueryCosts(data: Context['data']): NetworkBounds {
  let bounds = boundsByData.get(data);
  if (bounds === undefined) boundsByData.set(data, (bounds = networkBounds(data.network, MAX_NETWORK_NODES)));
  return bounds;
}

function boundsOf(context: CostContext): NetworkBounds {
  return prepareQueryCosts(context.data);
}

/** What a search over the graph (a path, a breadth-first search) costs by itself. */
const SEARCH_COST = 10;

type FieldCost = { field: number; multiplier: number };

function clamp(value: number | null | undefined, fallback: number, min: number, max: number): number {
  const given = value ?? fallback;
  return Number.isFinite(given) ? Math.min(Math.max(given, min), max) : fallback;
}

/** The Relay size arguments of a connection page (`after`/`before` do not change its size). */
type PageSize = { first?: number | null; last?: number | null };

/**
 * The most items a page can hold: `first`, `last`, the smaller of the two when both are given, and
 * `fallback` (the connection's default page) when neither is.
 */
function pageSize(args: PageSize, fallback: number): number {
  if (args.first == null && args.last == null) return fallback;
  return Math.min(
    clamp(args.first, MAX_PAGE_SIZE, 0, MAX_PAGE_SIZE),
    clamp(args.last, MAX_PAGE_SIZE, 0, MAX_PAGE_SIZE),
  );
}

/** A page of a connection or a list of at most `first` (or `last`) items (`fallback`: the default page). */
export function pageCost(fallback: number): (args: PageSize) => FieldCost {
  return (args) => ({ field: 1, multiplier: pageSize(args, fallback) });
}

/** A page of shortest paths: one search, then each path's selection once per path the page can hold. */
export function pathsCost(args: PageSize): FieldCost {
  return { field: SEARCH_COST, multiplier: pageSize(args, 10) };
}

/** Nodes by id: one look-up each, the selection once per id. */
export function idsCost(args: { ids?: readonly unknown[] | null }): FieldCost {
  return { field: 1, multiplier: clamp(args.ids?.length, 0, 0, MAX_PAGE_SIZE) };
}

/** One shortest path, or one collaboration distance: one search. */
export const pathCost: FieldCost = { field: SEARCH_COST, multiplier: 1 };

/** A paper's byline: as many authors as the data's largest byline. */
export function bylineCost(_args: object, context: CostContext): FieldCost {
  return { field: 1, multiplier: Math.max(1, boundsOf(context).largestByline) };
}

/** The joint papers behind a tie or a hop: as many as the tie with the most. */
export function jointPapersCost(_args: object, context: CostContext): FieldCost {
  return { field: 1, multiplier: Math.max(1, boundsOf(context).mostJointPapers) };
}

/** A drawn network's ties, per author of the network (the network's multiplier is `maxNodes`). */
export function networkEdgesCost(_args: object, context: CostContext): FieldCost {
  const bounds = boundsOf(context);
  const sizes = context.drawnNetworkSizes;
  let perAuthor = bounds.tiesPerAuthor;
  if (sizes !== undefined && sizes !== null) {
    perAuthor = 0;
    for (const size of sizes) {
      const authors = clamp(Math.min(size, bounds.authorCount), 1, 1, MAX_NETWORK_NODES);
      perAuthor = Math.max(perAuthor, tiesAmong(bounds, authors) / authors);
    }
  }
  return { field: 1, multiplier: Math.max(1, Math.ceil(perAuthor)) };
}

/** The items of a connection or network, already counted by the parent field's multiplier. */
export const countedByParent: FieldCost = { field: 1, multiplier: 1 };

/** A list that always holds two items (a pair of authors). */
export const pairCost: FieldCost = { field: 1, multiplier: 2 };

/**
 * A network of at most `maxNodes` authors (and at most every author there is) within `depth` hops:
 * searching and laying it out costs `maxNodes` per hop, and the selection under its nodes and edges
 * counts `maxNodes` times.
 */
export function networkCost(
  args: { depth?: number | null; maxNodes?: number | null },
  context: CostContext,
): FieldCost {
  const maxNodes = Math.min(
    clamp(args.maxNodes, 200, 1, MAX_NETWORK_NODES),
    Math.max(1, boundsOf(context).authorCount),
  );
  return { field: maxNodes * Math.max(1, clamp(args.depth, 1, 0, MAX_NETWORK_DEPTH)), multiplier: maxNodes };
}

/** A network as a file: as `networkCost` around a center; the whole network by its size (an author or a tie each). */
export function exportCost(
  args: { center?: unknown; depth?: number | null; maxNodes?: number | null },
  context: CostContext,
): number {
  if (args.center !== null && args.center !== undefined) return networkCost(args, context).field;
  const { authorCount, tieCount } = boundsOf(context);
  return Math.max(MAX_NETWORK_NODES * MAX_NETWORK_DEPTH, authorCount + tieCount);
}

/**
 * What asking for a time window adds to a field: its network is built (in time linear in the
 * authorships and ties of the window's papers) and analysed once, then kept (api/year-range.ts), so a
 * window costs a fixed price rather than its size, enough that one query cannot ask for dozens.
 */
export const WINDOW_COST = 100;

type Priced<A> = FieldCost | ((args: A, context: CostContext) => FieldCost);

type YearsArgs = { years?: { from?: number | null; to?: number | null } | null };

/**
 * An author's timeline: a walk over the author's papers (a search's price), and one entry per year
 * the data holds within `years`, each entry's selection counted once per such year. Its ranks
 * (`AuthorYear.degreeRank`, `pagerankRank`) each cost a window: one cumulative network per year.
 */
export function timelineCost(args: YearsArgs, context: CostContext): FieldCost {
  const from = args.years?.from ?? Number.NEGATIVE_INFINITY;
  const to = args.years?.to ?? Number.POSITIVE_INFINITY;
  let years = 0;
  for (const year of boundsOf(context).years) if (year >= from && year <= to) years += 1;
  return { field: SEARCH_COST, multiplier: years };
}

/** `base`, plus `WINDOW_COST` when the field's `years` bounds a window. */
export function windowedCost<A extends object>(
  base: Priced<A>,
): (args: A & YearsArgs, context: CostContext) => FieldCost {
  return (args, context) => {
    const cost = typeof base === 'function' ? base(args, context) : base;
    const { years } = args;
    const bounded = years !== null && years !== undefined && (years.from != null || years.to != null);
    return bounded ? { ...cost, field: cost.field + WINDOW_COST } : cost;
  };
}
