/**
 * `npm run bench` section (g): author search on a million names, the trigram index
 * (src/graph/search-index.ts) against what the search did before it: test every spelling's key for
 * every term. Names come from the synthetic corpora's naming scheme ("Given Family", unique), keys
 * are their `searchKey`s; queries are what a typeahead sends, drawn (seeded) from the names.
 */
import seedrandom from 'seedrandom';
import { buildSearchIndex, searchIndex, searchIndexArrays } from '../graph/search-index.ts';
import { searchTerms } from '../graph/search-terms.ts';
import { searchKey } from '../ingest/names.ts';
import type { Comparison } from './report.ts';
import { median } from './stats.ts';
import { syntheticAuthorName } from './synthetic-corpus.ts';

export interface SearchBenchOptions {
  readonly authors: number;
  /** Queries per kind. */
  readonly queries: number;
  readonly seed: string;
  readonly log: (line: string) => void;
}

/** The kinds of query timed, each from a name picked at random. */
const QUERY_KINDS: readonly {
  readonly what: string;
  readonly query: (name: string, random: () => number) => string;
}[] = [
  {
    what: 'surname typed so far (3–5 letters)',
    query: (name, random) => (name.split(' ')[1] ?? name).slice(0, 3 + Math.floor(random() * 3)),
  },
  { what: 'whole surname', query: (name) => name.split(' ')[1] ?? name },
  { what: 'given name and surname', query: (name) => name },
  {
    what: "given name and a surname's start",
    query: (name) => `${name.split(' ')[0]} ${(name.split(' ')[1] ?? '').slice(0, 3)}`,
  },
  {
    what: 'one or two letters (no trigram: every key is checked)',
    query: (name, random) => (name.split(' ')[1] ?? name).slice(0, 1 + Math.floor(random() * 2)),
  },
];

/** What the search did before the index: every key tested for every term. */
function scan(keys: readonly string[], terms: readonly string[]): number {
  let found = 0;
  for (const key of keys) if (terms.every((term) => key.includes(term))) found += 1;
  return found;
}

function seconds(run: () => unknown): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function searchBench(options: SearchBenchOptions): Comparison[] {
  options.log(`  ${options.authors.toLocaleString('en')} synthetic names: keys and index`);
  const keys = Array.from({ length: options.authors }, (_, i) => searchKey(syntheticAuthorName(i)));
  let index = buildSearchIndex([]);
  const buildSeconds = seconds(() => {
    index = buildSearchIndex(keys);
  });
  const bytes = searchIndexArrays(index).reduce((sum, array) => sum + array.byteLength, 0);
  const postings = index.gramOffsets[index.grams.length] ?? 0;
  const postingBytes = [index.gramBlocks, index.blockFirst, index.blockAt, index.postingBytes].reduce(
    (sum, array) => sum + array.byteLength,
    0,
  );
  const random = seedrandom(`${options.seed}:search`);
  const rows: Comparison[] = [
    {
      what: `search index of ${options.authors.toLocaleString('en')} names, build`,
      unit: 'seconds',
      ours: buildSeconds,
      peer: null,
      theirs: null,
      target: null,
      note: `${(bytes / 1e6).toFixed(0)} MB of typed arrays (${index.grams.length.toLocaleString('en')} trigrams, ${postings.toLocaleString('en')} postings in ${(postingBytes / 1e6).toFixed(1)} MB, ${(postingBytes / Math.max(1, postings)).toFixed(2)} bytes each)`,
    },
  ];
  for (const kind of QUERY_KINDS) {
    const queries = Array.from({ length: options.queries }, () =>
      kind.query(syntheticAuthorName(Math.floor(random() * options.authors)), random),
    );
    options.log(`  search: ${kind.what}, ${queries.length} queries each way`);
    const ours: number[] = [];
    const before: number[] = [];
    let disagreements = 0;
    let matches = 0;
    for (const query of queries) {
      const terms = searchTerms(query);
      let found = 0;
      let scanned = 0;
      ours.push(
        seconds(() => {
          found = searchIndex(index, terms).length;
        }),
      );
      before.push(
        seconds(() => {
          scanned = scan(keys, terms);
        }),
      );
      if (found !== scanned) disagreements += 1;
      matches += found;
    }
    rows.push({
      what: `author search, ${kind.what}`,
      unit: 'seconds',
      ours: median(ours),
      peer: 'scan of every name (before)',
      theirs: median(before),
      target: null,
      note: `median of ${queries.length} (e.g. "${queries[0]}"); ${Math.round(matches / queries.length).toLocaleString('en')} names found on average${disagreements === 0 ? '; same answers' : `; ${disagreements} DIFFERENT answers`}`,
    });
  }
  return rows;
}
