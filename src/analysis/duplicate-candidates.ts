/**
 * Likely duplicate authors: pairs of authors the catalog kept apart whose names could be one person,
 * ranked by a score that combines name compatibility with evidence from the network.
 *
 *   score = name × (0.35 + 0.65 × evidence)
 *   evidence = 1 − (1 − coauthors)(1 − venues)(1 − years)
 *     coauthors = 1 − 0.5^shared co-authors   (1 shared: 0.5, 2: 0.75, 3: 0.875, ...)
 *     venues    = min(0.3, 0.1 × shared venues)
 *     years     = 0.15 when the years they published overlap (or touch), else 0
 *   Two authors on one byline are seldom one person: a pair that wrote together scores a fifth.
 *
 * Pairs whose external ids of the same scheme differ are different people and never suggested.
 * Candidates come from blocks of names sharing a blocking key (see `name-compatibility.ts`), so the
 * work grows with block sizes, not with the square of the number of authors. The ranking is total:
 * score, then the pair's ids.
 */
import type { Author, CoauthorNetwork } from '../graph/network.ts';
import { entryOf } from '../graph/compact-graph.ts';
import { compareIds } from '../graph/network.ts';
import { type ParsedName, blockingKeys, compareParsedNames, parseName } from './name-compatibility.ts';

export interface DuplicateCandidate {
  /** The pair, the author with more papers first (then the longer name, then by id). */
  readonly authors: readonly [Author, Author];
  readonly score: number;
  readonly nameScore: number;
  readonly nameReasons: readonly string[];
  readonly sharedCoauthorIds: readonly string[];
  readonly sharedVenues: readonly string[];
  /** The years both published in a span of, or null when their years do not overlap (or are unknown). */
  readonly overlappingYears: { readonly from: number; readonly to: number } | null;
  /** Papers the two wrote together (evidence against). */
  readonly jointPaperCount: number;
}

export interface DuplicateCandidateOptions {
  /** Candidates scoring below this are left out (default 0.2). */
  readonly minScore?: number;
  /** A block with more names than this is compared on its first names only (default 5000). */
  readonly maxBlockSize?: number;
}

const DEFAULTS = { minScore: 0.2, maxBlockSize: 5000 };
const cache = new WeakMap<CoauthorNetwork, readonly DuplicateCandidate[]>();

/** Every candidate of the network, best first; computed once per network and kept. */
export function duplicateCandidates(network: CoauthorNetwork): readonly DuplicateCandidate[] {
  let result = cache.get(network);
  if (result === undefined) {
    result = findDuplicateCandidates(network);
    cache.set(network, result);
  }
  return result;
}

export function findDuplicateCandidates(
  network: CoauthorNetwork,
  options: DuplicateCandidateOptions = {},
): DuplicateCandidate[] {
  const { minScore, maxBlockSize } = { ...DEFAULTS, ...options };
  // Each author's spellings, parsed once, and the blocking keys they are filed under (sorted).
  const names = new Map<string, { parsed: ParsedName[]; keys: string[] }>();
  const blocks = new Map<string, Author[]>();
  for (const author of network.authors.values()) {
    const parsed = spellingsOf(author)
      .map(parseName)
      .filter((name): name is ParsedName => name !== null);
    const keys = [...new Set(parsed.flatMap(blockingKeys))].sort(compareIds);
    names.set(author.id, { parsed, keys });
    for (const key of keys) {
      const block = blocks.get(key);
      if (block) block.push(author);
      else blocks.set(key, [author]);
    }
  }

  const profiles = new Map<string, Profile>();
  const profileOf = (author: Author) => {
    let profile = profiles.get(author.id);
    if (profile === undefined) profiles.set(author.id, (profile = buildProfile(network, author)));
    return profile;
  };
  const candidates: DuplicateCandidate[] = [];
  for (const [key, block] of blocks) {
    const members = block.length > maxBlockSize ? block.slice(0, maxBlockSize) : block;
    for (let i = 0; i < members.length; i += 1) {
      const a = members[i] as Author;
      const aNames = names.get(a.id) as { parsed: ParsedName[]; keys: string[] };
      for (let j = i + 1; j < members.length; j += 1) {
        const b = members[j] as Author;
        const bNames = names.get(b.id) as { parsed: ParsedName[]; keys: string[] };
        // A pair filed together under several keys is looked at once, under the first it shares.
        if (firstCommon(aNames.keys, bNames.keys) !== key) continue;
        if (conflictingIds(a, b)) continue;
        const name = bestNameComparison(aNames.parsed, bNames.parsed);
        if (name === null) continue;
        const candidate = scorePair(network, profileOf(a), profileOf(b), name);
        if (candidate.score >= minScore) candidates.push(candidate);
      }
    }
  }
  return candidates.sort(
    (x, y) =>
      y.score - x.score || compareIds(x.authors[0].id, y.authors[0].id) || compareIds(x.authors[1].id, y.authors[1].id),
  );
}

/** The first element two sorted lists share. */
function firstCommon(a: readonly string[], b: readonly string[]): string | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const order = compareIds(a[i] as string, b[j] as string);
    if (order === 0) return a[i];
    if (order < 0) i += 1;
    else j += 1;
  }
  return undefined;
}

interface Profile {
  readonly author: Author;
  readonly venues: ReadonlySet<string>;
  readonly firstYear: number | null;
  readonly lastYear: number | null;
}

function buildProfile(network: CoauthorNetwork, author: Author): Profile {
  const venues = new Set<string>();
  let firstYear: number | null = null;
  let lastYear: number | null = null;
  for (const id of author.paperIds) {
    const paper = network.papers.get(id);
    if (paper === undefined) continue;
    if (paper.venue !== null) venues.add(paper.venue);
    if (paper.year !== null) {
      firstYear = firstYear === null ? paper.year : Math.min(firstYear, paper.year);
      lastYear = lastYear === null ? paper.year : Math.max(lastYear, paper.year);
    }
  }
  return { author, venues, firstYear, lastYear };
}

function spellingsOf(author: Author): string[] {
  return [...new Set([author.name, ...author.nameVariants.map((variant) => variant.name)])];
}

/** The best comparison over the two authors' spellings. */
function bestNameComparison(
  a: readonly ParsedName[],
  b: readonly ParsedName[],
): { score: number; reasons: readonly string[] } | null {
  let best: { score: number; reasons: readonly string[] } | null = null;
  for (const left of a) {
    for (const right of b) {
      const comparison = compareParsedNames(left, right);
      if (comparison !== null && (best === null || comparison.score > best.score)) best = comparison;
    }
  }
  return best;
}

/** Two different ids of one scheme: two people, whatever their names say. */
function conflictingIds(a: Author, b: Author): boolean {
  return a.externalIds.some((left) =>
    b.externalIds.some((right) => left.scheme === right.scheme && left.value !== right.value),
  );
}

function scorePair(
  network: CoauthorNetwork,
  left: Profile,
  right: Profile,
  name: { score: number; reasons: readonly string[] },
): DuplicateCandidate {
  // On the compact graph: the graphology view is not built for this (it costs seconds on large networks).
  const { compact, authorIndex, authorIds } = network;
  const a = authorIndex.get(left.author.id) as number;
  const b = authorIndex.get(right.author.id) as number;
  const rowOf = (v: number) => compact.neighbors.subarray(compact.offsets[v], compact.offsets[v + 1]);
  const neighboursOfA = new Set(rowOf(a));
  const shared: string[] = [];
  for (const neighbor of rowOf(b))
    if (neighbor !== a && neighboursOfA.has(neighbor)) shared.push(authorIds[neighbor] as string);
  shared.sort(compareIds);
  const sharedVenues = [...left.venues].filter((venue) => right.venues.has(venue)).sort(compareIds);
  const overlappingYears =
    left.firstYear !== null &&
    left.lastYear !== null &&
    right.firstYear !== null &&
    right.lastYear !== null &&
    left.firstYear <= right.lastYear &&
    right.firstYear <= left.lastYear
      ? { from: Math.max(left.firstYear, right.firstYear), to: Math.min(left.lastYear, right.lastYear) }
      : null;
  const entry = entryOf(compact, a, b);
  const jointPaperCount = entry === -1 ? 0 : (compact.weights[entry] as number);

  const coauthorEvidence = 1 - 0.5 ** shared.length;
  const venueEvidence = Math.min(0.3, 0.1 * sharedVenues.length);
  const yearEvidence = overlappingYears === null ? 0 : 0.15;
  const evidence = 1 - (1 - coauthorEvidence) * (1 - venueEvidence) * (1 - yearEvidence);
  const score = name.score * (0.35 + 0.65 * evidence) * (jointPaperCount > 0 ? 0.2 : 1);

  // The better-established name first: more papers, then the fuller spelling, then by id.
  const byPapers = (x: Author, y: Author) =>
    y.paperIds.length - x.paperIds.length || y.name.length - x.name.length || compareIds(x.id, y.id);
  const pair = [left.author, right.author].sort(byPapers) as [Author, Author];
  return {
    authors: pair,
    score: Math.round(score * 10_000) / 10_000,
    nameScore: name.score,
    nameReasons: name.reasons,
    sharedCoauthorIds: shared,
    sharedVenues,
    overlappingYears,
    jointPaperCount,
  };
}
