/**
 * The cost model of a query (`@pothos/plugin-complexity`): every field costs 1, and the selection
 * under a list costs once per item the list may hold. A page costs its `first`, a network its
 * `maxNodes`; other lists (a paper's byline, a hop's papers) count as 10 items. So
 * `coauthors(first: 100) { nodes { coauthors(first: 100) { ... } } }` costs 100 × 100 × ..., known
 * before anything runs. Arguments outside their range are clamped here: the resolver rejects them with
 * a `BAD_USER_INPUT` error that names the argument, which says more than a cost would.
 * Meta fields (`__typename`, introspection) cost nothing: src/http/query-cost.ts leaves them out.
 */
import { MAX_NETWORK_DEPTH, MAX_NETWORK_NODES, MAX_PAGE_SIZE } from './arguments.ts';

/** What a list without a size argument is assumed to hold. */
export const DEFAULT_LIST_MULTIPLIER = 10;

/** What a search over the graph (a path, a breadth-first search) costs by itself. */
const SEARCH_COST = 10;

type FieldCost = { field: number; multiplier: number };

function clamp(value: number | null | undefined, fallback: number, min: number, max: number): number {
  const given = value ?? fallback;
  return Number.isFinite(given) ? Math.min(Math.max(given, min), max) : fallback;
}

/** A page or list of at most `first` items (`fallback` is the argument's default). */
export function pageCost(fallback: number): (args: { first?: number | null }) => FieldCost {
  return (args) => ({ field: 1, multiplier: clamp(args.first, fallback, 0, MAX_PAGE_SIZE) });
}

/** A list of `first` shortest paths: one search, then each path's selection `first` times. */
export function pathsCost(args: { first?: number | null }): FieldCost {
  return { field: SEARCH_COST, multiplier: clamp(args.first, 10, 0, MAX_PAGE_SIZE) };
}

/** One shortest path: one search. */
export const pathCost: FieldCost = { field: SEARCH_COST, multiplier: 1 };

/** The items of a connection or network, already counted by the parent field's multiplier. */
export const countedByParent: FieldCost = { field: 1, multiplier: 1 };

/** A list that always holds two items (a pair of authors). */
export const pairCost: FieldCost = { field: 1, multiplier: 2 };

/**
 * A network of at most `maxNodes` authors within `depth` hops: searching and laying it out costs
 * `maxNodes` per hop, and the selection under its nodes and edges counts `maxNodes` times.
 */
export function networkCost(args: { depth?: number | null; maxNodes?: number | null }): FieldCost {
  const maxNodes = clamp(args.maxNodes, 200, 1, MAX_NETWORK_NODES);
  return { field: maxNodes * Math.max(1, clamp(args.depth, 1, 0, MAX_NETWORK_DEPTH)), multiplier: maxNodes };
}

/** A network as a file: as `networkCost` around a center; the whole network as the largest network drawn. */
export function exportCost(args: { center?: unknown; depth?: number | null; maxNodes?: number | null }): number {
  return args.center === null || args.center === undefined ? MAX_NETWORK_NODES * MAX_NETWORK_DEPTH : networkCost(args).field;
}
