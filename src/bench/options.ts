/** Command-line options of `npm run bench`. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The repository root: the default corpus is found from here, wherever the bench is started. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_DATA = resolve(REPO_ROOT, '../shared/datasets/acl-anthology-2025-11.jsonl');

export interface BenchOptions {
  /** The JSON Lines corpus every comparison runs on. */
  readonly data: string;
  /** Runs per measurement; every figure is the median. */
  readonly repeat: number;
  /** Papers with more authors add no ties, for us and for the peers alike. */
  readonly maxAuthorsPerPaper: number;
  /** Years of the slice on which our exact pass races igraph's betweenness. */
  readonly sliceYears: readonly [number, number];
  /** Random author pairs for the path comparison. */
  readonly pairs: number;
  /** Also time our exact pass on the whole corpus (and the server's memory after it). Long. */
  readonly fullExact: boolean;
  /** Synthetic corpus sizes, in papers. */
  readonly syntheticSizes: readonly number[];
  readonly python: string;
  readonly seed: string;
  readonly quick: boolean;
  /** Names in the search section's index. */
  readonly searchAuthors: number;
  /** Sections to run (default every lettered one; `dblp` only when asked for). */
  readonly sections: ReadonlySet<BenchSection>;
  /** Sizes, in papers, of the DBLP-shaped corpora section `dblp` builds and serves. */
  readonly dblpSizes: readonly number[];
}

export const benchSections = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'dblp'] as const;
export type BenchSection = (typeof benchSections)[number];
/** Sections run without --only: all but the opt-in DBLP-scale one (it needs 14 GB free and most of an hour). */
export const defaultSections: readonly BenchSection[] = benchSections.filter((section) => section !== 'dblp');

export const benchUsage = `Usage: npm run bench -- [options]

Times coauthor-graph against NetworkX, igraph and graph-tool (run through Debian's /usr/bin/python3) on the same
co-author graph and prints medians and ratios (ours / theirs) next to the targets.

  --data PATH                 JSON Lines corpus (default ../shared/datasets/acl-anthology-2025-11.jsonl beside
                              the repository; when it is missing, a seeded synthetic corpus of 100,000 papers)
  --repeat N                  runs per measurement, the median is reported (default 3; --quick: 1)
  --max-authors-per-paper N   papers with more authors add no collaborations, same for every tool (default 50)
  --slice-years A-B           years for the exact pass vs igraph betweenness (default 2016-2019, about a
                              minute for igraph on a quiet 2-core machine; --quick: 2016-2017)
  --pairs N                   random author pairs in the largest component for paths (default 200)
  --full-exact                time our exact pass on the whole corpus and the server's memory after it
                              (on by default, some minutes on 2 cores; --quick turns it off)
  --no-full-exact             skip it
  --synthetic N,N,...         synthetic corpus sizes in papers (default 10000,100000,1000000; --quick: 10000,100000)
  --search-authors N          synthetic names in the search section (default 1000000)
  --python PATH               interpreter for the peers (default /usr/bin/python3)
  --seed TEXT                 seed for the random pairs and the synthetic corpora (default coauthor-graph-bench)
  --quick                     one run each, small slice, no full exact pass, no 1M corpus: a few minutes
  --only a,b,...              run only these sections: a start to ready, b paths, c exact pass vs igraph and graph-tool,
                              d PageRank, e memory (and the full exact pass), f synthetic corpora (1 M: from the raw file and from its snapshot, judged),
                              g author search (index vs scan), h the snapshot (build, start and
                              memory serving it, first ranking), i k-core, clustering and constraint
                              of every author, j the shared PostgreSQL store (import, replicas joining;
                              BENCH_DATABASE_URL, default the local server)
                              k time windows (a path in {from: 2016}, the PageRank ranking
                              of an unseen window vs igraph), l the exact pass shared by two processes through
                              PostgreSQL (the same server), m curation across two replicas (a
                              mutation on one until the other serves it; a replica joining vs the snapshot);
                              dblp (opt-in, never run by default) a seeded DBLP-shaped corpus built to a
                              snapshot and served from it
  --dblp-papers N,N,...       sizes for section dblp (default 7500000; e.g. 1000000,3000000 to see how
                              it scales on a machine without room for the whole)
  --help                      this text
`;

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export function parseBenchOptions(args: readonly string[], cwd = process.cwd()): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...args],
    options: {
      data: { type: 'string' },
      repeat: { type: 'string' },
      'max-authors-per-paper': { type: 'string' },
      'slice-years': { type: 'string' },
      pairs: { type: 'string' },
      'full-exact': { type: 'boolean' },
      'no-full-exact': { type: 'boolean' },
      synthetic: { type: 'string' },
      'search-authors': { type: 'string' },
      python: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean' },
      only: { type: 'string' },
      'dblp-papers': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  if (values['full-exact'] && values['no-full-exact'])
    throw new BenchUsageError('--full-exact and --no-full-exact contradict each other');
  return {
    data: values.data === undefined ? DEFAULT_DATA : resolve(cwd, values.data),
    repeat: positiveInteger(values.repeat, quick ? 1 : 3, '--repeat'),
    maxAuthorsPerPaper: positiveInteger(values['max-authors-per-paper'], 50, '--max-authors-per-paper'),
    sliceYears: yearRange(values['slice-years'] ?? (quick ? '2016-2017' : '2016-2019')),
    pairs: positiveInteger(values.pairs, 200, '--pairs'),
    fullExact: values['full-exact'] ?? (values['no-full-exact'] ? false : !quick),
    syntheticSizes: (values.synthetic ?? (quick ? '10000,100000' : '10000,100000,1000000'))
      .split(',')
      .filter((part) => part.trim() !== '')
      .map((part) => positiveInteger(part.trim(), 0, '--synthetic')),
    searchAuthors: positiveInteger(values['search-authors'], 1_000_000, '--search-authors'),
    python: values.python ?? '/usr/bin/python3',
    seed: values.seed ?? 'coauthor-graph-bench',
    quick,
    sections: sectionList(values.only),
    dblpSizes: (values['dblp-papers'] ?? '7500000')
      .split(',')
      .filter((part) => part.trim() !== '')
      .map((part) => positiveInteger(part.trim(), 0, '--dblp-papers')),
  };
}

function sectionList(text: string | undefined): ReadonlySet<BenchSection> {
  if (text === undefined) return new Set(defaultSections);
  const wanted = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  const unknown = wanted.filter((part) => !(benchSections as readonly string[]).includes(part));
  if (unknown.length > 0 || wanted.length === 0)
    throw new BenchUsageError(`--only takes sections of ${benchSections.join(', ')}, got "${text}"`);
  return new Set(wanted as BenchSection[]);
}

function positiveInteger(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new BenchUsageError(`${flag} needs a whole number of at least 1, got "${text}"`);
  return value;
}

function yearRange(text: string): readonly [number, number] {
  const match = /^(\d{4})(?:-(\d{4}))?$/u.exec(text.trim());
  if (match === null) throw new BenchUsageError(`--slice-years needs YEAR or YEAR-YEAR, got "${text}"`);
  const first = Number(match[1]);
  const last = Number(match[2] ?? match[1]);
  if (last < first) throw new BenchUsageError(`--slice-years: ${last} is before ${first}`);
  return [first, last];
}
