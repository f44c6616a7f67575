import { describe, expect, it } from 'vitest';
import { utf8Values } from '../../src/graph/columns.ts';
import { buildNetwork, compareIds, jointPaperIds } from '../../src/graph/network.ts';
import { searchKey } from '../../src/ingest/names.ts';
import { handMadeEdges, seedExpected } from '../reference/networkx-expected.ts';
import { loadSeedNetwork, networkFromEdges, networkFromRecords, paperRecord } from '../helpers/networks.ts';

const idOf = (name: string): string => {
  const id = (seedExpected.authorIds as Record<string, string>)[name];
  if (id === undefined) throw new Error(`no reference id for ${name}`);
  return id;
};

/** `[a, b, w]` with a < b, sorted, for comparing edge lists. */
function sortedEdges(edges: readonly (readonly [string, string, number])[]): [string, string, number][] {
  return edges
    .map(([a, b, w]): [string, string, number] => (compareIds(a, b) <= 0 ? [a, b, w] : [b, a, w]))
    .sort((x, y) => compareIds(x[0], y[0]) || compareIds(x[1], y[1]));
}

describe('buildNetwork on the bundled data', () => {
  const network = loadSeedNetwork();

  it('has a node per author and 89 collaborations, as NetworkX', () => {
    expect(network.graph.order).toBe(seedExpected.stats.authorCount);
    expect(network.graph.size).toBe(89);
    expect(network.graph.size).toBe(seedExpected.stats.collaborationCount);
    expect(network.papers.size).toBe(seedExpected.stats.paperCount);
  });

  it('weighs every edge by the number of joint papers, edge for edge as NetworkX', () => {
    const ours = network.graph.mapEdges(
      (_edge, attributes, source, target) => [source, target, attributes.weight] as const,
    );
    const expected = seedExpected.edges.map(
      ([a, b, w]) => [idOf(a as string), idOf(b as string), w as number] as const,
    );
    expect(sortedEdges(ours)).toEqual(sortedEdges(expected));
  });

  it("finds names through an index over the name keys' own column and author lists (one copy of each)", () => {
    const { columns } = network;
    expect(columns.authorSearch.keyBytes).toBe(columns.nameKey.bytes);
    expect(columns.authorSearch.keyOffsets.buffer).toBe(columns.nameKey.offsets.buffer);
    expect(columns.authorSearch.ownerOffsets.buffer).toBe(columns.nameKeyAuthorOffsets.buffer);
    expect(columns.authorSearch.owners.buffer).toBe(columns.nameKeyAuthors.buffer);
  });

  it("holds each distinct search key of the authors' names and spellings once, in code-unit order, with its authors by id", () => {
    const { columns } = network;
    // Worked out from the authors one by one: every search key of a name or spelling, and who has it.
    const owners = new Map<string, Set<string>>();
    for (let row = 0; row < network.authorIds.length; row += 1) {
      const author = network.authorAt(row);
      for (const spelling of [author.name, ...author.nameVariants.map((variant) => variant.name)]) {
        const key = searchKey(spelling);
        owners.set(key, (owners.get(key) ?? new Set()).add(author.id));
      }
    }
    const keys = utf8Values(columns.nameKey);
    expect(keys).toEqual([...owners.keys()].sort(compareIds));
    keys.forEach((key, k) => {
      const authors = Array.from(
        columns.nameKeyAuthors.subarray(columns.nameKeyAuthorOffsets[k], columns.nameKeyAuthorOffsets[k + 1]),
        (row) => network.authorIds[row] as string,
      );
      expect(authors).toEqual([...(owners.get(key as string) ?? [])].sort(compareIds));
    });
  });

  it('keeps on every edge the ids of the joint papers, in input order, as many as the weight', () => {
    const papers = [...network.papers.values()];
    network.graph.forEachEdge((_edge, attributes, source, target) => {
      const expected = papers
        .filter((paper) => paper.authorIds.includes(source) && paper.authorIds.includes(target))
        .map((paper) => paper.id);
      expect(attributes.jointPapers).toEqual(expected);
      expect(attributes.weight).toBe(attributes.jointPapers.length);
    });
    const titles = jointPaperIds(network, 'roger-grosse', 'jonathan-lorraine').map(
      (id) => network.papers.get(id)?.title,
    );
    expect(titles).toEqual([
      'On Implicit Bias in Overparameterized Bilevel Optimization',
      'Self-Tuning Networks: Bilevel Optimization of Hyperparameters using Structured Best-Response Functions',
    ]);
  });

  it('gives no joint papers for two authors who never wrote together', () => {
    expect(jointPaperIds(network, 'jimmy-ba', 'yang-song')).toEqual([]);
  });

  it('keeps authors and papers in input order', () => {
    expect([...network.authors.keys()].slice(0, 3)).toEqual(['paul-vicol', 'jonathan-lorraine', 'fabian-pedregosa']);
    expect([...network.papers.values()].map((paper) => paper.source.line)).toEqual(
      seedExpected.papers.map((paper) => paper.line),
    );
  });

  it('indexes every spelling of a name by its search key', () => {
    expect(network.authorsByNameKey.get('jon lorraine')?.map((author) => author.id)).toEqual(['jonathan-lorraine']);
    expect(network.authorsByNameKey.get('jonathan lorraine')?.map((author) => author.id)).toEqual([
      'jonathan-lorraine',
    ]);
    expect(network.authorsByNameKey.get('jorn-henrik jacobsen')?.map((author) => author.id)).toEqual([
      'jorn-henrik-jacobsen',
    ]);
  });
});

describe('buildNetwork on small inputs', () => {
  it('adds a node and no edge for a single-author paper', () => {
    const network = networkFromRecords([
      paperRecord('Alone', ['Ann Lee']),
      paperRecord('Together', ['Bo Chen', 'Cy Diaz']),
    ]);
    expect(network.graph.nodes()).toEqual(['ann-lee', 'bo-chen', 'cy-diaz']);
    expect(network.graph.degree('ann-lee')).toBe(0);
    expect(network.graph.size).toBe(1);
  });

  it('counts the same person twice on a byline once: no self loop, one joint paper', () => {
    const network = networkFromRecords([paperRecord('Twice', ['Ann Lee', 'Bo Chen', 'ANN LEE'])]);
    expect(network.graph.order).toBe(2);
    expect(network.graph.size).toBe(1);
    expect(jointPaperIds(network, 'ann-lee', 'bo-chen')).toEqual(['twice']);
    expect(network.graph.hasEdge('ann-lee', 'ann-lee')).toBe(false);
  });

  it('builds the hand-made graph with the reference weights', () => {
    const network = networkFromEdges(handMadeEdges);
    const ours = network.graph.mapEdges(
      (_edge, attributes, source, target) => [source, target, attributes.weight] as const,
    );
    expect(sortedEdges(ours)).toEqual(sortedEdges(handMadeEdges.map(([a, b, w]) => [a, b, w] as const)));
    expect(network.graph.order).toBe(9);
  });

  it('is empty for no papers', () => {
    const network = buildNetwork({ authors: [], papers: [] });
    expect(network.graph.order).toBe(0);
    expect(network.papers.size).toBe(0);
    expect(network.authorsByNameKey.size).toBe(0);
  });

  it('lists namesakes up to accents (told apart by external ids) by id', () => {
    const network = networkFromRecords([
      paperRecord('One', ['Jorn Jacobsen'], { authorIdentities: [[{ scheme: 'dblp', value: '1/1' }]] }),
      paperRecord('Two', ['Jörn Jacobsen'], { authorIdentities: [[{ scheme: 'dblp', value: '2/2' }]] }),
    ]);
    expect(network.authorsByNameKey.get('jorn jacobsen')?.map((author) => author.id)).toEqual([
      'jorn-jacobsen',
      'jorn-jacobsen-2',
    ]);
  });
});

describe('compareIds', () => {
  it('orders by code unit, independent of locale', () => {
    expect(['b', 'a-2', 'a', 'B', 'é'].sort(compareIds)).toEqual(['B', 'a', 'a-2', 'b', 'é']);
    expect(compareIds('x', 'x')).toBe(0);
  });
});
