/**
 * Seeded synthetic co-authorship corpora for load-cost measurements at any size.
 *
 * Shaped like the ACL Anthology (papers from 2016 on), so cost grows the way it would on real data:
 * - Team sizes are drawn from ACL's distribution (1: 6.1 %, 2: 19.2 %, 3: 23.6 %, 4: 19.0 %, ... a
 *   tail to a few hundred authors, with about 1 paper in 4,000 above 50 authors).
 * - Productivity is heavy-tailed: each byline slot is a new author with probability `newAuthorShare`,
 *   otherwise an existing author, picked in proportion to their paper count with probability
 *   `preferentialShare` (a Yule–Simon process: paper counts follow a power law), else uniformly.
 *   ACL from 2016 on has 0.32 distinct authors per authorship and 60 % of authors with one paper; the
 *   defaults give 0.32 and 46 %, with the most productive author at about 290 papers per 100k papers.
 * - Collaborations repeat: after the first author, a slot goes with probability `repeatShare` to a
 *   co-author of the first author's most recent paper.
 * - Names are unique by construction ("Given Family" built from the author's number), so the identity
 *   rules neither merge nor split anyone: authors in the corpus = authors after loading.
 *
 * The same options give the same papers, byte for byte, on every machine.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import seedrandom from 'seedrandom';

export interface SyntheticCorpusOptions {
  readonly papers: number;
  readonly seed?: string;
  /** Share of byline slots taken by a first-time author, before clashes. Default 0.27 (ACL from 2016 on: 0.32 distinct authors per authorship). */
  readonly newAuthorShare?: number;
  /** Share of the slots after the first that repeat a co-author of the first author. Default 0.4. */
  readonly repeatShare?: number;
  /** Share of picks of an existing author made in proportion to their papers (the rest uniform). Default 0.65. */
  readonly preferentialShare?: number;
}

/** Records in DBLP (about 7.5 M, with about 3.7 M authors): the size `npm run bench -- --only dblp` builds. */
export const DBLP_PAPERS = 7_500_000;

/**
 * A corpus shaped like DBLP by its counts: about 0.49 distinct authors per paper (3.7 M over 7.5 M),
 * where the ACL defaults give 1.33. Team sizes stay ACL's (about 4.1 authors per paper, where DBLP
 * averages fewer), so the corpus has more authorships and ties per paper than DBLP: it errs on the
 * heavy side. The share was set by generating 200,000 papers (0.056 gives 0.485 authors per paper).
 */
export const DBLP_SHAPE = { newAuthorShare: 0.058 } as const satisfies Partial<SyntheticCorpusOptions>;

export interface SyntheticPaper {
  readonly id: string;
  readonly title: string;
  readonly authors: readonly string[];
  readonly year: number;
  readonly venue: string;
}

/**
 * Relative frequency of team sizes 1..15 among ACL Anthology papers from 2016 on (61,328 papers; counts
 * 3754, 11794, 14491, 11653, 7771, 4822, 2808, 1685, 906, 538, 301, 228, 116, 98, 48); the remaining
 * 0.51 % (315 papers) have 16 or more authors, 15 of them more than 50.
 */
export const ACL_TEAM_SIZE_COUNTS: readonly number[] = [
  3754, 11794, 14491, 11653, 7771, 4822, 2808, 1685, 906, 538, 301, 228, 116, 98, 48,
];
const ACL_TAIL_COUNT = 315;
const ACL_HYPER_COUNT = 15;
const ACL_PAPER_COUNT = 61_328;

const GIVEN = [
  'Ada',
  'Bo',
  'Chen',
  'Dana',
  'Emil',
  'Fatima',
  'Goran',
  'Hana',
  'Ivan',
  'Jun',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Vera',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoe',
];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vi', 'be', 'da', 'fo', 'gu', 'hi', 'ja', 'po', 'ze'];
const VENUES = ['acl', 'emnlp', 'naacl', 'coling', 'eacl', 'lrec', 'conll', 'ws'];
const TOPICS = [
  'parsing',
  'translation',
  'summarization',
  'dialogue',
  'retrieval',
  'tagging',
  'generation',
  'embeddings',
  'evaluation',
  'speech',
];

/** A unique, readable name for author number `index` (0-based). */
export function syntheticAuthorName(index: number): string {
  const given = GIVEN[index % GIVEN.length] as string;
  let rest = Math.floor(index / GIVEN.length);
  let family = '';
  do {
    family += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return `${given} ${family.charAt(0).toUpperCase()}${family.slice(1)}`;
}

/** Draws a team size with ACL's distribution from a uniform number in [0, 1). */
export function teamSizeFor(u: number): number {
  let threshold = u * ACL_PAPER_COUNT;
  for (let size = 1; size <= ACL_TEAM_SIZE_COUNTS.length; size += 1) {
    threshold -= ACL_TEAM_SIZE_COUNTS[size - 1] as number;
    if (threshold < 0) return size;
  }
  // The tail: 16..50 for most, 51..400 for the hyper-authored few; spread by the leftover fraction.
  const v = Math.min(threshold / ACL_TAIL_COUNT, 1 - Number.EPSILON);
  const regular = (ACL_TAIL_COUNT - ACL_HYPER_COUNT) / ACL_TAIL_COUNT;
  if (v < regular) return 16 + Math.floor(35 * (v / regular) ** 2);
  return 51 + Math.floor(350 * ((v - regular) / (1 - regular)) ** 2);
}

/** The papers of a corpus, generated lazily in order. */
export function* syntheticPapers(options: SyntheticCorpusOptions): Generator<SyntheticPaper> {
  const random = seedrandom(options.seed ?? 'coauthor-graph-bench');
  const newAuthorShare = options.newAuthorShare ?? 0.27;
  const repeatShare = options.repeatShare ?? 0.4;
  const preferentialShare = options.preferentialShare ?? 0.65;
  // Every authorship so far, as author numbers: picking a uniform entry picks an author in proportion to papers.
  let authorships: Int32Array<ArrayBuffer> = new Int32Array(1 << 16);
  let authorshipCount = 0;
  let lastPaperStart: Int32Array<ArrayBuffer> = new Int32Array(1 << 12); // per author: offset of their latest byline in `authorships`
  let lastPaperSize: Int32Array<ArrayBuffer> = new Int32Array(1 << 12);
  let authorCount = 0;

  const newAuthor = (): number => {
    if (authorCount === lastPaperStart.length) {
      lastPaperStart = grow(lastPaperStart);
      lastPaperSize = grow(lastPaperSize);
    }
    lastPaperStart[authorCount] = -1;
    authorCount += 1;
    return authorCount - 1;
  };
  // Mostly in proportion to papers (the rich get richer), else uniformly: a heavy tail about as steep as ACL's.
  const existingAuthor = (): number =>
    random() < preferentialShare
      ? (authorships[Math.floor(random() * authorshipCount)] as number)
      : Math.floor(random() * authorCount);

  for (let paper = 0; paper < options.papers; paper += 1) {
    const size = teamSizeFor(random());
    const byline: number[] = [];
    const taken = new Set<number>();
    const add = (author: number): boolean => {
      if (taken.has(author)) return false;
      taken.add(author);
      byline.push(author);
      return true;
    };
    add(authorshipCount === 0 || random() < newAuthorShare ? newAuthor() : existingAuthor());
    const lead = byline[0] as number;
    while (byline.length < size) {
      const u = random();
      let placed = false;
      const start = lastPaperStart[lead] as number;
      if (u < repeatShare && start >= 0) {
        const previous = authorships[start + Math.floor(random() * (lastPaperSize[lead] as number))] as number;
        placed = add(previous);
      } else if (u < repeatShare + (1 - repeatShare) * newAuthorShare || authorshipCount === 0) {
        placed = add(newAuthor());
      } else {
        placed = add(existingAuthor());
      }
      if (!placed && random() < 0.5) add(newAuthor()); // a clash: sometimes a newcomer instead, keeps sizes exact on average
    }
    const start = authorshipCount;
    while (authorshipCount + byline.length > authorships.length) authorships = grow(authorships);
    for (const author of byline) {
      authorships[authorshipCount] = author;
      authorshipCount += 1;
    }
    for (const author of byline) {
      lastPaperStart[author] = start;
      lastPaperSize[author] = byline.length;
    }
    const topic = TOPICS[Math.floor(random() * TOPICS.length)] as string;
    yield {
      id: `syn-${paper + 1}`,
      title: `Synthetic study ${paper + 1} of ${topic}`,
      authors: byline.map(syntheticAuthorName),
      year: 2016 + Math.floor(random() * 10),
      venue: VENUES[Math.floor(random() * VENUES.length)] as string,
    };
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Writes a corpus as JSON Lines; resolves with the number of papers, authorships and distinct authors. */
export async function writeSyntheticCorpus(
  path: string,
  options: SyntheticCorpusOptions,
): Promise<{ papers: number; authorships: number; authors: number }> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let papers = 0;
  let authorships = 0;
  const authors = new Set<string>();
  let buffer = '';
  for (const paper of syntheticPapers(options)) {
    papers += 1;
    authorships += paper.authors.length;
    for (const name of paper.authors) authors.add(name);
    buffer += `${JSON.stringify(paper)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return { papers, authorships, authors: authors.size };
}
