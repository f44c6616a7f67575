/**
 * The co-authorship network: one node per author and one tie per pair of co-authors, plus the lookup
 * indexes every query needs.
 *
 * Two views of the same network:
 * - `compact`: typed arrays (see compact-graph.ts), built at load; every path search and whole-graph
 *   metric runs on it. Author `i` is `authorIds[i]`, paper `p` is `paperIds[p]`.
 * - `graph`: an undirected graphology graph with edge attributes `weight` = number of joint papers (a
 *   tie strength, never a distance) and `jointPapers` = their ids in input order. Built on first use
 *   (drawing, export), so a large network is ready without paying for it.
 *
 * A single-author paper adds a node and no tie. With `maxAuthorsPerPaper`, a paper with more authors
 * stays a paper of each of them but adds no ties (hyper-authored papers would otherwise join hundreds
 * of people who may never have met into one clique).
 */
import { UndirectedGraph } from 'graphology';
import type { Catalog, CatalogAuthor, CatalogPaper } from '../ingest/catalog.ts';
import { searchKey } from '../ingest/names.ts';
import { type CompactGraph, buildCompactGraph, entryOf } from './compact-graph.ts';

export type Author = CatalogAuthor;
export type Paper = CatalogPaper;

export interface CollaborationAttributes {
  weight: number;
  jointPapers: string[];
}

export type CoauthorGraph = UndirectedGraph<Record<string, never>, CollaborationAttributes>;

export interface NetworkOptions {
  /** Papers with more authors than this add no ties (null: no limit). */
  readonly maxAuthorsPerPaper?: number | null;
}

export interface CoauthorNetwork {
  /** The graphology graph, built on first access. */
  readonly graph: CoauthorGraph;
  readonly compact: CompactGraph;
  /** Author index in `compact` → author id (input order). */
  readonly authorIds: readonly string[];
  readonly authorIndex: ReadonlyMap<string, number>;
  /** Paper index in `compact` → paper id (input order). */
  readonly paperIds: readonly string[];
  readonly paperIndex: ReadonlyMap<string, number>;
  /** In input order (first appearance). */
  readonly authors: ReadonlyMap<string, Author>;
  /** In input order. */
  readonly papers: ReadonlyMap<string, Paper>;
  /** `searchKey` of every name variant → the authors who were seen with it (by id order). */
  readonly authorsByNameKey: ReadonlyMap<string, readonly Author[]>;
  /** Other source ids of merged papers → the paper's id. */
  readonly paperIdAliases: ReadonlyMap<string, string>;
  /** The limit the ties were built with (null: none). */
  readonly maxAuthorsPerPaper: number | null;
  /** Papers kept without ties because they have more authors than `maxAuthorsPerPaper`. */
  readonly papersOverAuthorLimit: number;
}

export function buildNetwork(catalog: Pick<Catalog, 'authors' | 'papers'>, options: NetworkOptions = {}): CoauthorNetwork {
  const maxAuthorsPerPaper = options.maxAuthorsPerPaper ?? null;
  if (maxAuthorsPerPaper !== null && !(Number.isInteger(maxAuthorsPerPaper) && maxAuthorsPerPaper >= 2)) {
    throw new RangeError(`network: maxAuthorsPerPaper must be a whole number of at least 2, got ${maxAuthorsPerPaper}`);
  }
  const authors = new Map<string, Author>();
  const authorIds: string[] = [];
  const authorIndex = new Map<string, number>();
  const authorsByNameKey = new Map<string, Author[]>();
  for (const author of catalog.authors) {
    authorIndex.set(author.id, authorIds.length);
    authorIds.push(author.id);
    authors.set(author.id, author);
    const keys = new Set([author.name, ...author.nameVariants.map((variant) => variant.name)].map(searchKey));
    for (const key of keys) {
      const list = authorsByNameKey.get(key);
      if (list) list.push(author);
      else authorsByNameKey.set(key, [author]);
    }
  }
  for (const list of authorsByNameKey.values()) if (list.length > 1) list.sort((a, b) => compareIds(a.id, b.id));

  const papers = new Map<string, Paper>();
  const paperIds: string[] = [];
  const paperIndex = new Map<string, number>();
  const paperIdAliases = new Map<string, string>();
  const bylines: Int32Array[] = [];
  let papersOverAuthorLimit = 0;
  for (const paper of catalog.papers) {
    papers.set(paper.id, paper);
    paperIndex.set(paper.id, paperIds.length);
    paperIds.push(paper.id);
    for (const id of paper.alternateIds) paperIdAliases.set(id, paper.id);
    bylines.push(Int32Array.from(paper.authorIds, (id) => authorIndex.get(id) as number));
    if (maxAuthorsPerPaper !== null && paper.authorIds.length > maxAuthorsPerPaper) papersOverAuthorLimit += 1;
  }
  const compact = buildCompactGraph({ order: authorIds.length, bylines, maxAuthorsPerPaper });

  let graph: CoauthorGraph | null = null;
  return {
    get graph() {
      graph ??= graphologyGraph(compact, authorIds, paperIds);
      return graph;
    },
    compact, authorIds, authorIndex, paperIds, paperIndex, authors, papers, authorsByNameKey, paperIdAliases,
    maxAuthorsPerPaper, papersOverAuthorLimit,
  };
}

function graphologyGraph(compact: CompactGraph, authorIds: readonly string[], paperIds: readonly string[]): CoauthorGraph {
  const graph: CoauthorGraph = new UndirectedGraph({ allowSelfLoops: false });
  for (const id of authorIds) graph.addNode(id);
  const { offsets, neighbors, weights } = compact;
  for (let a = 0; a < compact.order; a += 1) {
    for (let j = offsets[a] as number; j < (offsets[a + 1] as number); j += 1) {
      const b = neighbors[j] as number;
      if (b > a) {
        graph.addUndirectedEdge(authorIds[a] as string, authorIds[b] as string, {
          weight: weights[j] as number,
          jointPapers: entryPaperIds(compact, paperIds, j),
        });
      }
    }
  }
  return graph;
}

export function entryPaperIds(compact: CompactGraph, paperIds: readonly string[], entry: number): string[] {
  const ids: string[] = [];
  for (let k = compact.paperOffsets[entry] as number; k < (compact.paperOffsets[entry + 1] as number); k += 1) {
    ids.push(paperIds[compact.papers[k] as number] as string);
  }
  return ids;
}

export interface CoauthorTie {
  readonly authorId: string;
  /** In input order. */
  readonly jointPaperIds: readonly string[];
}

/** Every co-author of an author with the joint papers (in order of first joint paper). */
export function coauthorTies(network: CoauthorNetwork, authorId: string): CoauthorTie[] {
  const a = network.authorIndex.get(authorId);
  if (a === undefined) return [];
  const { compact, authorIds, paperIds } = network;
  const ties: CoauthorTie[] = [];
  for (let j = compact.offsets[a] as number; j < (compact.offsets[a + 1] as number); j += 1) {
    ties.push({ authorId: authorIds[compact.neighbors[j] as number] as string, jointPaperIds: entryPaperIds(compact, paperIds, j) });
  }
  return ties;
}

/** Distinct co-authors of an author. */
export function coauthorCount(network: CoauthorNetwork, authorId: string): number {
  const a = network.authorIndex.get(authorId);
  return a === undefined ? 0 : (network.compact.offsets[a + 1] as number) - (network.compact.offsets[a] as number);
}

/** Code-unit order: the total order every list uses to break ties, the same in every locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The joint paper ids of two authors (empty when they never wrote together). */
export function jointPaperIds(network: CoauthorNetwork, a: string, b: string): readonly string[] {
  const from = network.authorIndex.get(a);
  const to = network.authorIndex.get(b);
  if (from === undefined || to === undefined) return [];
  const entry = entryOf(network.compact, from, to);
  return entry === -1 ? [] : entryPaperIds(network.compact, network.paperIds, entry);
}
