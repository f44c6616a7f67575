import type { CoauthorNetwork } from '../../src/graph/network.ts';

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
