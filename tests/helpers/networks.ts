/**
 * Shared fixtures for the tests below the API: the bundled data set as a network, and networks built
 * from hand-written edge lists or paper records (always through the real ingest → graph pipeline).
 */
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import type { AliasTable } from '../../src/ingest/aliases.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import type { PaperRecord } from '../../src/ingest/records.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';

export const SEED_DATA_FILE = fileURLToPath(new URL('../../data/duvenaud-publications.txt', import.meta.url));
export const SEED_ALIAS_FILE = fileURLToPath(new URL('../../data/aliases.json', import.meta.url));

/** The bundled data set with the bundled alias file, freshly built on every call. */
export function loadSeedNetwork(): CoauthorNetwork {
  const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
  return buildNetwork(catalog);
}

let line = 0;

/** A paper record with only the fields a test cares about; the rest null, a made-up source line. */
export function paperRecord(title: string, authors: readonly string[], fields: Partial<PaperRecord> = {}): PaperRecord {
  line += 1;
  return {
    id: null, title, authors, abstract: null, year: null, venue: null, url: null,
    source: { file: 'test.json', line }, ...fields,
  };
}

export function networkFromRecords(records: readonly PaperRecord[], aliases?: AliasTable): CoauthorNetwork {
  return buildNetwork(buildCatalog(records, aliases));
}

export type WeightedEdge = readonly [string, string, number];

/**
 * The network in which each edge `[a, b, w]` is `w` two-author papers by `a` and `b` (ids `a~b~1`, ...).
 * Author names are single lower-case letters or slugs, so each author's id is its name.
 */
export function networkFromEdges(edges: readonly WeightedEdge[], soloAuthors: readonly string[] = []): CoauthorNetwork {
  const records: PaperRecord[] = [];
  for (const [a, b, weight] of edges) {
    for (let k = 1; k <= weight; k += 1) records.push(paperRecord(`Paper ${a} ${b} ${k}`, [a, b], { id: `${a}~${b}~${k}` }));
  }
  for (const author of soloAuthors) records.push(paperRecord(`Solo ${author}`, [author], { id: `${author}~solo` }));
  return networkFromRecords(records);
}
