import { expect } from 'vitest';
import { centralityMetrics, computeCentrality } from '../../src/analysis/centrality.ts';
import { computeGraphStats } from '../../src/analysis/graph-stats.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import type { SnapshotContent } from '../../src/snapshot/snapshot-file.ts';

/** Every author, spelling, id, provenance, tie, paper and paper list of a network, as plain data (to compare two). */
export function networkContents(network: CoauthorNetwork) {
  return {
    authors: [...network.authors.values()].map((author) => ({ ...author, occurrences: author.occurrences })),
    papers: [...network.papers.values()],
    ties: network.graph.mapEdges((_edge, attributes, source, target) => [
      source,
      target,
      attributes.weight,
      attributes.jointPapers,
    ]),
    names: [...network.authorsByNameKey.entries()].map(([key, authors]) => [key, authors.map((author) => author.id)]),
    aliases: [...network.paperIdAliases.entries()],
    counts: [network.maxAuthorsPerPaper, network.papersOverAuthorLimit],
  };
}

/** What `build` writes for `network`: its columns, statistics and every metric (exact, at a fixed time). */
export function snapshotContentOf(network: CoauthorNetwork): SnapshotContent {
  const { scores } = computeCentrality(network).columns();
  const origin = { exact: true, sampleSize: null, computedAt: '2026-11-30T00:00:00.000Z' };
  return {
    inputKey: 'test-key',
    columns: network.columns,
    stats: computeGraphStats(network),
    duplicatesMerged: 0,
    metrics: { scores, origins: Object.fromEntries(centralityMetrics.map((metric) => [metric, origin])) },
  };
}

/**
 * Two networks' columns equal, entry by entry: typed arrays compared by type and bytes (vitest's deep
 * equality walks a typed array element by element, seconds on a network of 100,000 authors); only a
 * difference is then shown by `toEqual`, with the column's name.
 */
export function expectSameColumns(actual: object, expected: object, path = 'columns'): void {
  expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(actual)) {
    const other = (expected as Record<string, unknown>)[key];
    const at = `${path}.${key}`;
    if (ArrayBuffer.isView(value) && ArrayBuffer.isView(other)) {
      const bytes = (view: ArrayBufferView) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      if (value.constructor !== other.constructor || !bytes(value).equals(bytes(other)))
        expect(value, at).toEqual(other);
    } else if (value !== null && typeof value === 'object' && other !== null && typeof other === 'object')
      expectSameColumns(value, other, at);
    else expect(value, at).toEqual(other);
  }
}
