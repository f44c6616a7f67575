import { describe, expect, it } from 'vitest';
import {
  ConvergenceError,
  eigenvectorAndPagerank,
  eigenvectorScores,
  pagerankScores,
} from '../../src/analysis/power-iteration.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { networkFromEdges } from '../helpers/networks.ts';

/**
 * The power iterations reach the fixed point, not where NetworkX's default tolerance stops: checked on
 * graphs whose exact scores are known in closed form, to far tighter than NetworkX's default leaves.
 */

function byId(network: CoauthorNetwork, values: Float64Array): Record<string, number> {
  return Object.fromEntries(network.authorIds.map((id, i) => [id, values[i] as number]));
}

function expectRelative(actual: number | undefined, expected: number, tolerance: number, label: string): void {
  expect(Math.abs((actual as number) - expected) / expected, label).toBeLessThanOrEqual(tolerance);
}

describe('pagerankScores', () => {
  it('gives a star of three spokes its exact PageRank, 71/148 at the hub and 77/444 per spoke (a bipartite graph: the slowest case)', () => {
    // x_h = 0.85·3·x_s + 0.15/4 and x_s = 0.85·x_h/3 + 0.15/4 give x_s = 77/444, x_h = 1 − 3·77/444 = 71/148.
    const network = networkFromEdges([
      ['hub', 'p', 1],
      ['hub', 'q', 1],
      ['hub', 'r', 1],
    ]);
    const scores = byId(network, pagerankScores(network.compact));
    expectRelative(scores.hub, 71 / 148, 1e-13, 'hub');
    for (const spoke of ['p', 'q', 'r']) expectRelative(scores[spoke], 77 / 444, 1e-13, spoke);
  });

  it('spreads an author without co-authors evenly (dangling), as NetworkX: a pair and a loner', () => {
    // By symmetry x_a = x_b = y and x_c = z, 2y + z = 1; z = 0.85·z/3 + 0.15/3 gives z = 0.15/(3 − 0.85) = 3/43.
    const network = networkFromEdges([['a', 'b', 2]], ['c']);
    const scores = byId(network, pagerankScores(network.compact));
    expectRelative(scores.c, 3 / 43, 1e-13, 'c');
    expectRelative(scores.a, 20 / 43, 1e-13, 'a');
  });

  it('gives up with a ConvergenceError when told to stop too early', () => {
    const network = networkFromEdges([
      ['hub', 'p', 1],
      ['hub', 'q', 1],
      ['p', 'q', 3],
      ['q', 'r', 1],
    ]);
    expect(() => pagerankScores(network.compact, 0.85, { maxIterations: 2 })).toThrow(ConvergenceError);
  });
});

describe('eigenvectorScores', () => {
  it('gives a star of four spokes its exact principal eigenvector: 1/√2 at the hub, 1/(2√2) per spoke', () => {
    // Adjacency eigenvalue 2 = √4 with vector (2, 1, 1, 1, 1)/√8. A bipartite graph: NetworkX's A + I shift matters.
    const network = networkFromEdges([
      ['hub', 'p', 1],
      ['hub', 'q', 1],
      ['hub', 'r', 1],
      ['hub', 's', 1],
    ]);
    const scores = byId(network, eigenvectorScores(network.compact));
    expectRelative(scores.hub, Math.SQRT1_2, 1e-12, 'hub');
    for (const spoke of ['p', 'q', 'r', 's']) expectRelative(scores[spoke], 1 / (2 * Math.SQRT2), 1e-12, spoke);
  });

  it("lets a smaller component's scores decay to (nearly) 0, as NetworkX's iteration does", () => {
    // A triangle (eigenvalue 2) beside a pair (eigenvalue 1): the triangle holds the unit vector.
    const network = networkFromEdges([
      ['a', 'b', 1],
      ['b', 'c', 1],
      ['a', 'c', 1],
      ['x', 'y', 1],
    ]);
    const scores = byId(network, eigenvectorScores(network.compact));
    for (const id of ['a', 'b', 'c']) expectRelative(scores[id], 1 / Math.sqrt(3), 1e-12, id);
    for (const id of ['x', 'y']) expect(scores[id], id).toBeLessThan(1e-16);
  });

  it('reaches the principal eigenvector of a path of 30 authors, sin(πj/31) up to scale, in 300 rounds where plain power iteration needs over a thousand', () => {
    // A path's adjacency eigenvalues are 2·cos(kπ/31): the top two differ by 1.5%, and the bottom one
    // is −λ₁ (bipartite), so NetworkX's A + I iteration shrinks the error by only 0.99 per round. A pair
    // beside it (eigenvalue 1) decays to 0.
    const n = 30;
    const edges: [string, string, number][] = [];
    for (let j = 1; j < n; j += 1) edges.push([`a${j}`, `a${j + 1}`, 1]);
    edges.push(['x', 'y', 1]);
    const network = networkFromEdges(edges);
    const scores = byId(network, eigenvectorScores(network.compact, { maxIterations: 300 }));
    let squares = 0;
    for (let j = 1; j <= n; j += 1) squares += Math.sin((Math.PI * j) / (n + 1)) ** 2;
    for (let j = 1; j <= n; j += 1)
      expectRelative(scores[`a${j}`], Math.sin((Math.PI * j) / (n + 1)) / Math.sqrt(squares), 1e-12, `a${j}`);
    for (const id of ['x', 'y']) expect(scores[id], id).toBeLessThan(1e-16);
  });
});

describe('eigenvectorAndPagerank', () => {
  const path: [string, string, number][] = [];
  for (let j = 1; j < 30; j += 1) path.push([`a${j}`, `a${j + 1}`, j % 3 === 0 ? 2 : 1]);
  const networks = {
    // Eigenvector needs hundreds of rounds here, PageRank a few dozen: PageRank stops first.
    'a weighted path of 30 beside a pair and a loner': networkFromEdges([...path, ['x', 'y', 1]], ['z']),
    // Eigenvector's Lanczos steps end at once (a Krylov space of two dimensions): it stops first.
    'a pair': networkFromEdges([['a', 'b', 3]]),
    'a star of three spokes': networkFromEdges([
      ['hub', 'p', 1],
      ['hub', 'q', 1],
      ['hub', 'r', 1],
    ]),
    'no authors': networkFromEdges([]),
  };

  it.each(Object.entries(networks))('gives the scores each gives alone, bit for bit: %s', (_, network) => {
    const together = eigenvectorAndPagerank(network.compact);
    expect([...together.eigenvector]).toEqual([...eigenvectorScores(network.compact)]);
    expect([...together.pagerank]).toEqual([...pagerankScores(network.compact)]);
  });

  it('gives up with a ConvergenceError when told to stop too early, as each does alone', () => {
    const network = networks['a weighted path of 30 beside a pair and a loner'];
    expect(() => eigenvectorAndPagerank(network.compact, 0.85, { maxIterations: 20 })).toThrow(ConvergenceError);
  });
});
