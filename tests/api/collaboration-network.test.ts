import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { bundledApp, failure, query } from '../helpers/app.ts';

let app: App;
beforeAll(() => {
  app = bundledApp();
});

const networkQuery = `query($center: ID!, $depth: Int, $min: Int, $max: Int) {
  collaborationNetwork(center: $center, depth: $depth, minJointPapers: $min, maxNodes: $max) {
    center { id } truncated
    nodes { author { id } distance x y community }
    edges { source target jointPaperCount } } }`;

describe('collaborationNetwork', () => {
  it("draws Duvenaud's whole network of 30 people with every tie", async () => {
    const { collaborationNetwork: network } = await query(app, networkQuery, { center: 'david-duvenaud' });
    expect(network.center.id).toBe('david-duvenaud');
    expect(network.truncated).toBe(false);
    expect(network.nodes).toHaveLength(30);
    expect(network.nodes[0]).toMatchObject({ author: { id: 'david-duvenaud' }, distance: 0, x: 0, y: 0 });
    expect(network.nodes.filter((node: any) => node.distance === 1)).toHaveLength(29);
    expect(network.edges).toHaveLength(89); // every collaboration of the bundled data (NetworkX: 89 edges)
    for (const node of network.nodes) expect(Math.hypot(node.x, node.y)).toBeLessThanOrEqual(1 + 1e-9);
    for (const edge of network.edges) expect(edge.source < edge.target).toBe(true);
  });

  it('gives the same layout and communities on every request', async () => {
    const first = await query(app, networkQuery, { center: 'paul-vicol', depth: 2 });
    const fresh = bundledApp();
    const second = await query(fresh, networkQuery, { center: 'paul-vicol', depth: 2 });
    expect(second).toEqual(first);
    const communities = new Set<number>(first.collaborationNetwork.nodes.map((node: any) => node.community));
    expect(Math.min(...communities)).toBe(0);
    expect(communities.size).toBeGreaterThan(1);
  });

  it('follows only ties with enough joint papers', async () => {
    const { collaborationNetwork: network } = await query(app, networkQuery, {
      center: 'paul-vicol',
      depth: 1,
      min: 2,
    });
    expect(network.nodes.map((node: any) => node.author.id)).toEqual([
      'paul-vicol',
      'david-duvenaud',
      'jonathan-lorraine',
      'roger-grosse',
    ]);
    for (const edge of network.edges) expect(edge.jointPaperCount).toBeGreaterThanOrEqual(2);
  });

  it('stops at maxNodes, keeps the strongest ties first and says it truncated', async () => {
    const { collaborationNetwork: network } = await query(app, networkQuery, {
      center: 'paul-vicol',
      depth: 2,
      max: 4,
    });
    expect(network.truncated).toBe(true);
    // Vicol's co-authors with 2 joint papers come before those with 1 (Pedregosa, MacKay).
    expect(network.nodes.map((node: any) => node.author.id)).toEqual([
      'paul-vicol',
      'david-duvenaud',
      'jonathan-lorraine',
      'roger-grosse',
    ]);
    const exact = await query(app, networkQuery, { center: 'paul-vicol', depth: 1, max: 6 });
    expect(exact.collaborationNetwork.truncated).toBe(false);
    expect(exact.collaborationNetwork.nodes).toHaveLength(6);
  });

  it('rejects an unknown center, depth over 3, and out-of-range limits', async () => {
    expect(await failure(app, networkQuery, { center: 'nobody' })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'center' },
    ]);
    expect(await failure(app, networkQuery, { center: 'paul-vicol', depth: 4 })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'depth' },
    ]);
    expect(await failure(app, networkQuery, { center: 'paul-vicol', depth: -1 })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'depth' },
    ]);
    expect(await failure(app, networkQuery, { center: 'paul-vicol', max: 0 })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'maxNodes' },
    ]);
    expect(await failure(app, networkQuery, { center: 'paul-vicol', min: 0 })).toMatchObject([
      { code: 'BAD_USER_INPUT', argument: 'minJointPapers' },
    ]);
  });
});
