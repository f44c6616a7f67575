/**
 * The GEXF and GraphML exports as NetworkX 2.8 (the project's reference, /usr/bin/python3) reads them:
 * the same undirected network, weights and figures. See tests/reference/read_exports.py.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../src/analysis/analyzed-network.ts';
import { egoNetworkExport, wholeNetworkExport } from '../../src/export/exportable-network.ts';
import { toGexf } from '../../src/export/gexf.ts';
import { toGraphml } from '../../src/export/graphml.ts';
import { tempFiles } from '../helpers/files.ts';
import { PYTHON, networkxAvailable } from '../helpers/python.ts';
import { loadSeedNetwork } from '../helpers/networks.ts';

const seed = analyzeNetwork(loadSeedNetwork());
const scores = await seed.whenExact();
const script = fileURLToPath(new URL('../reference/read_exports.py', import.meta.url));

interface ReadBack {
  directed: boolean;
  nodes: Record<string, Record<string, unknown>>;
  ties: Record<string, number>;
}

describe.skipIf(!networkxAvailable())('exports read by NetworkX', () => {
  it('GEXF and GraphML come back as the same network with the same figures', () => {
    const ego = egoNetworkExport(seed, scores, 'paul-vicol', { depth: 2, minJointPapers: 1, maxNodes: 200 });
    const files = tempFiles({
      'whole.gexf': toGexf(wholeNetworkExport(seed, scores)),
      'whole.graphml': toGraphml(wholeNetworkExport(seed, scores)),
      'ego.graphml': toGraphml(ego),
    });
    const read = JSON.parse(execFileSync(PYTHON, [script, ...Object.values(files)], { encoding: 'utf8' })) as Record<
      string,
      ReadBack
    >;
    const ties: Record<string, number> = {};
    seed.network.graph.forEachEdge((_edge, attributes, a, b) => {
      ties[[a, b].sort().join('|')] = attributes.weight;
    });
    for (const name of ['whole.gexf', 'whole.graphml']) {
      const graph = read[files[name]!]!;
      expect(graph.directed).toBe(false);
      expect(Object.keys(graph.nodes).sort()).toEqual([...seed.network.authors.keys()].sort());
      expect(graph.ties).toEqual(ties);
      const duvenaud = graph.nodes['david-duvenaud']!;
      expect(duvenaud).toMatchObject({ label: 'David Duvenaud', paperCount: 10 });
      expect(duvenaud.pagerank).toBeCloseTo(scores.scoresOf('david-duvenaud')!.pagerank, 12);
    }
    const drawn = read[files['ego.graphml']!]!;
    expect(Object.keys(drawn.nodes)).toHaveLength(ego.nodes.length);
    expect(drawn.nodes['paul-vicol']).toMatchObject({ distance: 0, x: 0, y: 0 });
  });
});
