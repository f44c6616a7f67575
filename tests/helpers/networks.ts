/**
 * Shared fixtures for the tests below the API: the bundled data set as a network, and networks built
 * from hand-written edge lists or paper records (always through the real ingest → graph pipeline).
 */
import { fileURLToPath } from 'node:url';
import { syntheticPapers } from '../../src/bench/synthetic-corpus.ts';
import { buildCatalog } from '../../src/ingest/catalog.ts';
import type { AliasTable } from '../../src/ingest/aliases.ts';
import { loadFiles } from '../../src/ingest/load.ts';
import type { PaperRecord } from '../../src/ingest/records.ts';
import { buildNetwork } from '../../src/graph/network.ts';
import type { CoauthorNetwork } from '../../src/graph/network.ts';
import { tempFiles } from './files.ts';

export const SEED_DATA_FILE = fileURLToPath(new URL('../../data/duvenaud-publications.txt', import.meta.url));
export const SEED_ALIAS_FILE = fileURLToPath(new URL('../../data/aliases.json', import.meta.url));

/** The bundled data set with the bundled alias file, freshly built on every call. */
export function loadSeedNetwork(): CoauthorNetwork {
  const { catalog } = loadFiles({ files: [SEED_DATA_FILE], aliasFile: SEED_ALIAS_FILE });
  return buildNetwork(catalog);
}

let line = 0;

/** A paper record with only the fields a test cares about; the rest null, a made-up source line. */
/** A paper of 2020 with its own id as title, read from file `f` at `line` (the curation-step tests' records). */
export function curationRecord(id: string, authors: string[], line: number): PaperRecord {
  return { id, title: id, authors, abstract: null, year: 2020, venue: null, url: null, source: { file: 'f', line } };
}

export function paperRecord(title: string, authors: readonly string[], fields: Partial<PaperRecord> = {}): PaperRecord {
  line += 1;
  return {
    id: null,
    title,
    authors,
    abstract: null,
    year: null,
    venue: null,
    url: null,
    source: { file: 'test.json', line },
    ...fields,
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
    for (let k = 1; k <= weight; k += 1)
      records.push(paperRecord(`Paper ${a} ${b} ${k}`, [a, b], { id: `${a}~${b}~${k}` }));
  }
  for (const author of soloAuthors) records.push(paperRecord(`Solo ${author}`, [author], { id: `${author}~solo` }));
  return networkFromRecords(records);
}

/**
 * A seeded random co-authorship network shaped like real ones: teams of 1–6 drawn mostly from
 * earlier authors (preferential attachment), so there are hubs, leaves (one co-author), closed twins
 * (one-paper authors of the same paper) and several components.
 */
export function syntheticNetwork(
  seed: number,
  paperCount: number,
  options: { newAuthorShare?: number } = {},
): CoauthorNetwork {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const newAuthorShare = options.newAuthorShare ?? 0.45;
  const authorships: string[] = [];
  let authorCount = 0;
  const records: PaperRecord[] = [];
  for (let p = 0; p < paperCount; p += 1) {
    const size = 1 + Math.floor(random() ** 2 * 6);
    const team = new Set<string>();
    while (team.size < size) {
      const fresh = authorships.length === 0 || random() < newAuthorShare;
      team.add(
        fresh ? `author ${(authorCount += 1)}` : (authorships[Math.floor(random() * authorships.length)] as string),
      );
    }
    authorships.push(...team);
    records.push(paperRecord(`Synthetic paper ${p}`, [...team], { id: `synthetic-${p}` }));
  }
  return networkFromRecords(records);
}

/**
 * Options that make a load of `syntheticPapersJsonl(7, 4000)` (about 5,000 authors: estimates in the
 * background) serve a first estimate of 5 sources, then the whole sample's 20, on one pass thread.
 */
export const STAGED_ESTIMATES = ['--threads', '1', '--sample-size', '20', '--first-sample-size', '5'] as const;

/**
 * A seeded random input file (JSON lines) of `paperCount` papers in the same manner: teams of 1–6,
 * each member a new author ("Author N") with probability 0.4, else one drawn by authorship; years
 * 2000–2019. Used where a test needs more authors than the exact pass computes at load.
 */
export function syntheticPapersJsonl(seed: number, paperCount: number): string {
  let state = seed;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines: string[] = [];
  let authors = 0;
  const pool: string[] = [];
  for (let p = 0; p < paperCount; p += 1) {
    const team = new Set<string>();
    const size = 1 + Math.floor(random() ** 2 * 6);
    while (team.size < size)
      team.add(
        pool.length === 0 || random() < 0.4
          ? `Author ${(authors += 1)}`
          : (pool[Math.floor(random() * pool.length)] as string),
      );
    pool.push(...team);
    lines.push(JSON.stringify({ id: `p${p}`, title: `Paper ${p}`, authors: [...team], year: 2000 + (p % 20) }));
  }
  return `${lines.join('\n')}\n`;
}

/** Hop distances from `source` to every author it reaches (itself at 0), by a plain breadth-first search: the definition, nothing skipped. */
export function bruteDistances(network: CoauthorNetwork, source: number): Map<number, number> {
  const { compact } = network;
  const distance = new Map([[source, 0]]);
  const queue = [source];
  for (let head = 0; head < queue.length; head += 1) {
    const v = queue[head] as number;
    for (let j = compact.offsets[v] as number; j < (compact.offsets[v + 1] as number); j += 1) {
      const w = compact.neighbors[j] as number;
      if (!distance.has(w)) {
        distance.set(w, (distance.get(v) as number) + 1);
        queue.push(w);
      }
    }
  }
  return distance;
}

/** A seeded synthetic corpus of `papers` papers shaped like the ACL Anthology (src/bench/synthetic-corpus.ts), as a JSONL file. */
export function syntheticCorpusFile(papers: number, seed: string): string {
  const lines = [...syntheticPapers({ papers, seed })].map((paper) => JSON.stringify(paper));
  return tempFiles({ 'synthetic.jsonl': `${lines.join('\n')}\n` })['synthetic.jsonl'] as string;
}

/** The network of `syntheticCorpusFile(papers, seed)`. */
export function syntheticCorpusNetwork(papers: number, seed: string): CoauthorNetwork {
  return buildNetwork(loadFiles({ files: [syntheticCorpusFile(papers, seed)], aliasFile: null }).catalog);
}
