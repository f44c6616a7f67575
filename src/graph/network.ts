/**
 * The co-authorship network: an undirected graphology graph with one node per author and one edge
 * per pair of co-authors, plus the lookup indexes every query needs.
 *
 * Edge attributes: `weight` = number of joint papers (a tie strength, never a distance) and
 * `jointPapers` = their ids in input order. A single-author paper adds a node and no edge.
 */
import { UndirectedGraph } from 'graphology';
import type { Catalog, CatalogAuthor, CatalogPaper } from '../ingest/catalog.ts';
import { searchKey } from '../ingest/names.ts';

export type Author = CatalogAuthor;
export type Paper = CatalogPaper;

export interface CollaborationAttributes {
  weight: number;
  jointPapers: string[];
}

export type CoauthorGraph = UndirectedGraph<Record<string, never>, CollaborationAttributes>;

export interface CoauthorNetwork {
  readonly graph: CoauthorGraph;
  /** In input order (first appearance). */
  readonly authors: ReadonlyMap<string, Author>;
  /** In input order. */
  readonly papers: ReadonlyMap<string, Paper>;
  /** `searchKey` of every name variant → the authors who were seen with it (by id order). */
  readonly authorsByNameKey: ReadonlyMap<string, readonly Author[]>;
  /** Other source ids of merged papers → the paper's id. */
  readonly paperIdAliases: ReadonlyMap<string, string>;
}

export function buildNetwork(catalog: Pick<Catalog, 'authors' | 'papers'>): CoauthorNetwork {
  const graph: CoauthorGraph = new UndirectedGraph({ allowSelfLoops: false });
  const authors = new Map<string, Author>();
  const authorsByNameKey = new Map<string, Author[]>();
  for (const author of catalog.authors) {
    authors.set(author.id, author);
    graph.addNode(author.id);
    const keys = new Set([author.name, ...author.nameVariants.map((variant) => variant.name)].map(searchKey));
    for (const key of keys) {
      const list = authorsByNameKey.get(key);
      if (list) list.push(author);
      else authorsByNameKey.set(key, [author]);
    }
  }
  for (const list of authorsByNameKey.values()) list.sort((a, b) => compareIds(a.id, b.id));

  const papers = new Map<string, Paper>();
  const paperIdAliases = new Map<string, string>();
  for (const paper of catalog.papers) {
    papers.set(paper.id, paper);
    for (const id of paper.alternateIds) paperIdAliases.set(id, paper.id);
    const ids = paper.authorIds;
    for (let i = 0; i < ids.length; i += 1) {
      for (let j = i + 1; j < ids.length; j += 1) {
        const a = ids[i] as string;
        const b = ids[j] as string;
        const edge = graph.undirectedEdge(a, b);
        if (edge === undefined) {
          graph.addUndirectedEdge(a, b, { weight: 1, jointPapers: [paper.id] });
        } else {
          const attributes = graph.getEdgeAttributes(edge);
          attributes.weight += 1;
          attributes.jointPapers.push(paper.id);
        }
      }
    }
  }
  return { graph, authors, papers, authorsByNameKey, paperIdAliases };
}

/** Code-unit order: the total order every list uses to break ties, the same in every locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The joint paper ids of two authors (empty when they never wrote together). */
export function jointPaperIds(network: CoauthorNetwork, a: string, b: string): readonly string[] {
  const edge = network.graph.undirectedEdge(a, b);
  return edge === undefined ? [] : network.graph.getEdgeAttribute(edge, 'jointPapers');
}
