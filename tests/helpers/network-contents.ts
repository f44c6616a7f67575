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
