/**
 * Every export format, parsed back with an independent reader and compared with the network it came
 * from: the whole bundled network, a drawn network around one author, and names that need escaping.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { type AnalyzedNetwork, analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { communityColor } from '../../src/export/community-colors.ts';
import { toEdgesCsv, toNodesCsv } from '../../src/export/csv.ts';
import { type ExportableNetwork, egoNetworkExport, wholeNetworkExport } from '../../src/export/exportable-network.ts';
import { toGexf } from '../../src/export/gexf.ts';
import { toGraphml } from '../../src/export/graphml.ts';
import { toVosviewerMap, toVosviewer } from '../../src/export/vosviewer.ts';
import { loadSeedNetwork, networkFromRecords, paperRecord } from '../helpers/networks.ts';

const seed = analyzeNetwork(loadSeedNetwork());
const scores = await seed.whenExact();
const whole = wholeNetworkExport(seed, scores);
const ego = egoNetworkExport(seed, scores, 'paul-vicol', { depth: 1, minJointPapers: 1, maxNodes: 200 });

const tricky = analyzeNetwork(
  networkFromRecords([
    paperRecord('A & B', ['Zoë "Zed" O\'Brien, Jr.', 'Ana <Ruiz>', 'Li\u0007 Wei']),
    paperRecord('C', ['Zoë "Zed" O\'Brien, Jr.', 'Ana <Ruiz>']),
    paperRecord('Alone', ['Solo Author']),
  ]),
);
const trickyWhole = wholeNetworkExport(tricky, await tricky.whenExact());

/** The network's own ties as "a|b" → weight, to compare with what a reader got back. */
function tiesOf(data: AnalyzedNetwork, members?: ReadonlySet<string>): Map<string, number> {
  const ties = new Map<string, number>();
  data.network.graph.forEachEdge((_edge, attributes, a, b) => {
    if (members && !(members.has(a) && members.has(b))) return;
    ties.set([a, b].sort().join('|'), attributes.weight);
  });
  return ties;
}

function tiesFromGraph(
  graph: UndirectedGraph | import('graphology').default,
  weight: (attributes: Record<string, unknown>) => number,
): Map<string, number> {
  const ties = new Map<string, number>();
  graph.forEachEdge((_edge, attributes, a, b) => {
    ties.set([a, b].sort().join('|'), weight(attributes));
  });
  return ties;
}

describe('the exportable network', () => {
  it('holds every author and every tie of the whole network, with their figures', () => {
    expect(whole.nodes).toHaveLength(30);
    expect(whole.edges).toHaveLength(89);
    expect(whole.centerId).toBeNull();
    const duvenaud = whole.nodes.find((node) => node.id === 'david-duvenaud')!;
    expect(duvenaud).toMatchObject({ label: 'David Duvenaud', paperCount: 10, distance: null, x: null, y: null });
    expect(duvenaud.centrality).toEqual(scores.scoresOf('david-duvenaud'));
    expect(new Map(whole.edges.map((edge) => [`${edge.source}|${edge.target}`, edge.weight]))).toEqual(tiesOf(seed));
    expect(whole.edges.every((edge) => edge.jointPapers.length === edge.weight)).toBe(true);
  });

  it('holds exactly the drawn network around a center, with its layout and communities', () => {
    const drawn = seed.egoNetwork('paul-vicol', { depth: 1, minJointPapers: 1, maxNodes: 200 });
    expect(ego.nodes.map((node) => [node.id, node.distance, node.x, node.y, node.community])).toEqual(
      drawn.nodes.map((node) => [node.authorId, node.distance, node.x, node.y, node.community]),
    );
    expect(ego.edges.map((edge) => [edge.source, edge.target, edge.weight])).toEqual(
      drawn.edges.map((edge) => [edge.source, edge.target, edge.jointPaperCount]),
    );
    expect(ego.description).toContain('Collaboration network of Paul Vicol');
  });
});

describe('GEXF', () => {
  it('reads back (graphology-gexf) as the same authors, labels, ties and weights', () => {
    const graph = parseGexf(UndirectedGraph, toGexf(whole));
    expect(graph.order).toBe(30);
    expect(tiesFromGraph(graph, (attributes) => attributes.weight as number)).toEqual(tiesOf(seed));
    const duvenaud = graph.getNodeAttributes('david-duvenaud');
    expect(duvenaud.label).toBe('David Duvenaud');
    expect(duvenaud.paperCount).toBe(10);
    expect(duvenaud.betweenness).toBeCloseTo(scores.scoresOf('david-duvenaud')!.betweenness, 12);
    expect(duvenaud.community).toBe(whole.nodes.find((node) => node.id === 'david-duvenaud')!.community);
    const hex = communityColor(duvenaud.community as number);
    expect(duvenaud.color).toBe(`rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(',')})`);
  });

  it('keeps the drawn layout (scaled for Gephi) and the distance from the center', () => {
    const graph = parseGexf(UndirectedGraph, toGexf(ego));
    expect(graph.order).toBe(ego.nodes.length);
    for (const node of ego.nodes) {
      const attributes = graph.getNodeAttributes(node.id);
      expect(attributes.x).toBeCloseTo(node.x! * 1000, 6);
      expect(attributes.y).toBeCloseTo(node.y! * 1000, 6);
      expect(attributes.distance).toBe(node.distance);
    }
  });

  it('escapes names and drops characters XML cannot hold', () => {
    const text = toGexf(trickyWhole);
    expect(text).not.toContain('\u0007');
    const graph = parseGexf(UndirectedGraph, text);
    const labels = graph.mapNodes((_node, attributes) => attributes.label).sort();
    expect(labels).toEqual(['Ana <Ruiz>', 'Li Wei', 'Solo Author', 'Zoë "Zed" O\'Brien, Jr.']);
    expect(graph.size).toBe(3);
  });
});

describe('GraphML', () => {
  it('reads back (graphology-graphml) as the same authors, labels, ties and typed figures', () => {
    const graph = parseGraphml(UndirectedGraph, toGraphml(whole));
    expect(graph.order).toBe(30);
    expect(tiesFromGraph(graph, (attributes) => attributes.weight as number)).toEqual(tiesOf(seed));
    const vicol = graph.getNodeAttributes('paul-vicol');
    expect(vicol.label).toBe('Paul Vicol');
    expect(vicol.paperCount).toBe(2);
    expect(vicol.pagerank).toBeCloseTo(scores.scoresOf('paul-vicol')!.pagerank, 12);
    expect(vicol).not.toHaveProperty('x');
  });

  it('carries the layout and distance of a drawn network, and escapes names', () => {
    const graph = parseGraphml(UndirectedGraph, toGraphml(ego));
    for (const node of ego.nodes) {
      expect(graph.getNodeAttribute(node.id, 'x')).toBeCloseTo(node.x!, 12);
      expect(graph.getNodeAttribute(node.id, 'distance')).toBe(node.distance);
    }
    expect(toGraphml(trickyWhole)).not.toContain('\u0007');
    const tricky = parseGraphml(UndirectedGraph, toGraphml(trickyWhole));
    expect(tricky.mapNodes((_node, attributes) => attributes.label).sort()).toEqual([
      'Ana <Ruiz>',
      'Li Wei',
      'Solo Author',
      'Zoë "Zed" O\'Brien, Jr.',
    ]);
  });
});

describe('VOSviewer JSON', () => {
  it('has an item per author (id, label, cluster from 1, weights) and a link per tie with strength = joint papers', () => {
    const map = JSON.parse(toVosviewer(whole)) as ReturnType<typeof toVosviewerMap>;
    const items = map.network.items;
    expect(items).toHaveLength(30);
    expect(new Set(items.map((item) => item.id)).size).toBe(30);
    const idToAuthor = new Map(items.map((item, i) => [item.id, whole.nodes[i]!.id]));
    for (const [i, item] of items.entries()) {
      const node = whole.nodes[i]!;
      expect(item.label).toBe(node.label);
      expect(item.cluster).toBe(node.community + 1);
      expect(item.weights.Documents).toBe(node.paperCount);
      expect(item.weights.Links).toBe(seed.network.graph.degree(node.id));
      expect(item.weights['Total link strength']).toBe(scores.scoresOf(node.id)!.weightedDegree);
      expect(item).not.toHaveProperty('x');
    }
    const ties = new Map(
      map.network.links.map((link) => [
        [idToAuthor.get(link.source_id), idToAuthor.get(link.target_id)].sort().join('|'),
        link.strength,
      ]),
    );
    expect(ties).toEqual(tiesOf(seed));
    expect(map.config).toMatchObject({ terminology: { item: 'Author', link: 'Co-authorship link' } });
  });

  it('gives items of a drawn network their x/y', () => {
    const map = toVosviewerMap(ego);
    expect(map.network.items.map((item) => [item.x, item.y])).toEqual(ego.nodes.map((node) => [node.x, node.y]));
  });
});

describe('CSV', () => {
  const rows = (text: string) => parseCsv(text, { columns: true }) as Record<string, string>[];

  it('writes a node table and an edge table Gephi can import, which read back as the network', () => {
    const nodes = rows(toNodesCsv(whole));
    expect(nodes).toHaveLength(30);
    expect(Object.keys(nodes[0]!)).toEqual([
      'Id',
      'Label',
      'PaperCount',
      'Community',
      'Distance',
      'X',
      'Y',
      'Degree',
      'WeightedDegree',
      'Betweenness',
      'Closeness',
      'Harmonic',
      'Eigenvector',
      'Pagerank',
      'Coreness',
      'Clustering',
      'Constraint',
      'EffectiveSize',
    ]);
    const duvenaud = nodes.find((row) => row.Id === 'david-duvenaud')!;
    expect(duvenaud).toMatchObject({ Label: 'David Duvenaud', PaperCount: '10', Distance: '', X: '' });
    expect(Number(duvenaud.Closeness)).toBe(scores.scoresOf('david-duvenaud')!.closeness);
    const edges = rows(toEdgesCsv(whole));
    expect(new Map(edges.map((row) => [`${row.Source}|${row.Target}`, Number(row.Weight)]))).toEqual(tiesOf(seed));
    for (const row of edges) {
      expect(row.Type).toBe('Undirected');
      expect(row.JointPapers!.split(';')).toHaveLength(Number(row.Weight));
      expect(row.JointPapers!.split(';')).toEqual(
        seed.network.graph.getEdgeAttribute(row.Source!, row.Target!, 'jointPapers'),
      );
    }
  });

  it('quotes names with commas and quotes', () => {
    const nodes = rows(toNodesCsv(trickyWhole));
    expect(nodes.map((row) => row.Label).sort()).toEqual([
      'Ana <Ruiz>',
      'Li\u0007 Wei',
      'Solo Author',
      'Zoë "Zed" O\'Brien, Jr.',
    ]);
    const edges = rows(toEdgesCsv(trickyWhole));
    expect(edges).toHaveLength(3);
  });

  it('fills distance and position for a drawn network', () => {
    const nodes = rows(toNodesCsv(ego));
    expect(nodes.map((row) => [row.Id, Number(row.Distance), Number(row.X), Number(row.Y)])).toEqual(
      ego.nodes.map((node) => [node.id, node.distance, node.x, node.y]),
    );
  });
});

export type { ExportableNetwork };
