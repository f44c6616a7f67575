import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { bundledApp, failure, query } from '../helpers/app.ts';
import { workerThreadWork } from '../../src/work/request-work.ts';

const app = bundledApp();

describe('networkExport', () => {
  it('exports the network collaborationNetwork draws for the same arguments', async () => {
    const data = await query(
      app,
      `{
      networkExport(format: GEXF, center: "paul-vicol", depth: 2, maxNodes: 12) { fileName mediaType truncated content }
      collaborationNetwork(center: "paul-vicol", depth: 2, maxNodes: 12) { truncated nodes { author { id } } edges { source target jointPaperCount } }
    }`,
    );
    const { networkExport: file, collaborationNetwork: drawn } = data;
    expect(file).toMatchObject({
      fileName: 'paul-vicol-network.gexf',
      mediaType: 'application/gexf+xml',
      truncated: true,
    });
    expect(drawn.truncated).toBe(true);
    const graph = parseGexf(UndirectedGraph, file.content);
    expect(graph.nodes().sort()).toEqual(drawn.nodes.map((node: { author: { id: string } }) => node.author.id).sort());
    expect(graph.size).toBe(drawn.edges.length);
    for (const edge of drawn.edges)
      expect(graph.getEdgeAttribute(edge.source, edge.target, 'weight')).toBe(edge.jointPaperCount);
  });

  it('exports the whole network without a center, in every format', async () => {
    const data = await query(
      app,
      `{
      gexf: networkExport(format: GEXF) { fileName }
      graphml: networkExport(format: GRAPHML) { fileName mediaType }
      vos: networkExport(format: VOSVIEWER) { fileName content }
      nodes: networkExport(format: NODES_CSV) { fileName content }
      edges: networkExport(format: EDGES_CSV) { fileName mediaType content }
    }`,
    );
    expect(data.gexf.fileName).toBe('coauthor-network.gexf');
    expect(data.graphml).toEqual({ fileName: 'coauthor-network.graphml', mediaType: 'application/graphml+xml' });
    expect(data.vos.fileName).toBe('coauthor-network.json');
    expect(JSON.parse(data.vos.content).network.items).toHaveLength(30);
    expect(data.nodes.fileName).toBe('coauthor-network.nodes.csv');
    expect(data.nodes.content.trim().split('\r\n')).toHaveLength(31);
    expect(data.edges).toMatchObject({ fileName: 'coauthor-network.edges.csv', mediaType: 'text/csv' });
    expect(data.edges.content.trim().split('\r\n')).toHaveLength(90);
  });

  it('rejects an unknown center and out-of-range arguments with BAD_USER_INPUT', async () => {
    expect(await failure(app, '{ networkExport(format: GEXF, center: "nobody") { content } }')).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'center' }),
    ]);
    expect(await failure(app, '{ networkExport(format: GEXF, center: "paul-vicol", depth: 4) { content } }')).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'depth' }),
    ]);
    expect(
      await failure(app, '{ networkExport(format: GEXF, center: "paul-vicol", maxNodes: 0) { content } }'),
    ).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'maxNodes' })]);
  });

  it('refuses the whole network above maxExportAuthors with EXPORT_TOO_LARGE, and still exports around a center', async () => {
    const limited = bundledApp({ maxExportAuthors: 30 }); // the bundled network has 30 authors... and one more below
    expect((await query(limited, '{ networkExport(format: GRAPHML) { fileName } }')).networkExport.fileName).toBe(
      'coauthor-network.graphml',
    );
    const tight = bundledApp({ maxExportAuthors: 29 });
    const errors = await failure(tight, '{ networkExport(format: GRAPHML) { fileName } }');
    expect(errors).toEqual([expect.objectContaining({ code: 'EXPORT_TOO_LARGE' })]);
    expect(errors[0]?.message).toContain('The whole network has 30 authors, more than the 29');
    expect(
      (await query(tight, '{ networkExport(format: GRAPHML, center: "paul-vicol") { truncated } }')).networkExport
        .truncated,
    ).toBe(false);
  });

  it('sends a file made in a worker thread exactly as one made in this thread, whatever the client accepts', async () => {
    const text = '{ networkExport(format: GEXF) { fileName content } }';
    const expected = await query(app, text);
    const withWorkers = bundledApp({ work: (data) => workerThreadWork(data, { threads: 1 }) });
    try {
      expect(await query(withWorkers, text)).toEqual(expected);
      for (const accept of ['application/json', '*/*', 'multipart/mixed', 'text/event-stream']) {
        const response = await withWorkers.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body: JSON.stringify({ query: text }),
        });
        const body = await response.text();
        expect(response.status).toBe(200);
        expect(body).not.toContain('large-string');
        expect(body).toContain(JSON.stringify(expected.networkExport.content).slice(1, 200));
      }
    } finally {
      await withWorkers.dispose();
    }
  });
});
