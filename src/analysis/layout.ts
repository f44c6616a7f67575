/**
 * A deterministic ForceAtlas2 layout for a (small) network to be drawn.
 *
 * Start positions come from a seeded random generator, so the same graph (same nodes in the same
 * order, same edges) always gets the same picture. Coordinates are then moved so that `anchor` sits at
 * (0, 0) and scaled so that the farthest node is at distance 1: clients can draw them as they come.
 */
import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import random from 'graphology-layout/random.js';
import seedrandom from 'seedrandom';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutOptions {
  /** The node placed at the origin. */
  readonly anchor: string;
  /** ForceAtlas2 rounds. */
  readonly iterations?: number;
  readonly seed?: string;
}

export function forceLayout(graph: Graph, options: LayoutOptions): Map<string, Point> {
  const { anchor, iterations = 150, seed = 'coauthor-graph' } = options;
  const positions = new Map<string, Point>();
  if (graph.order === 0) return positions;
  random.assign(graph, { rng: seedrandom(seed), center: 0, scale: 10 });
  const raw =
    graph.size === 0
      ? Object.fromEntries(
          graph.mapNodes((node, attributes) => [node, { x: attributes.x as number, y: attributes.y as number }]),
        )
      : forceAtlas2(graph, {
          iterations,
          getEdgeWeight: 'weight',
          settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: false },
        });
  const origin = raw[anchor] ?? { x: 0, y: 0 };
  let radius = 0;
  for (const point of Object.values(raw)) radius = Math.max(radius, Math.hypot(point.x - origin.x, point.y - origin.y));
  const scale = radius > 0 ? 1 / radius : 1;
  for (const [node, point] of Object.entries(raw)) {
    positions.set(node, { x: (point.x - origin.x) * scale, y: (point.y - origin.y) * scale });
  }
  return positions;
}
