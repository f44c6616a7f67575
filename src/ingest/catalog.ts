/**
 * Turns the records of every input file into one catalog of distinct papers and distinct authors.
 *
 * This is the one place where identity is decided:
 * - Authors: spellings with the same `identityKey` (NFC, whitespace and case folded), after the alias
 *   table, are one person. The display name is the alias file's canonical name, else the most frequent
 *   spelling (the first seen on a tie). The same person twice on one byline counts once.
 * - Papers: a record with the same explicit id, or the same normalized title and author list, as an
 *   earlier one is the same paper: it is merged (missing fields filled in, every source kept), not
 *   added twice. When a repeated id comes with a different title or byline, the first record is
 *   kept and a warning names both places.
 * - Ids: papers keep their source id, else get a slug of the title; authors get a slug of their name.
 *   Paper and author ids never collide, so one `node(id)` lookup is unambiguous.
 */
import { type AliasTable, noAliases } from './aliases.ts';
import { cleanText, identityKey, searchKey, slugify } from './names.ts';
import type { PaperRecord, Problem, SourceLocation } from './records.ts';

export interface CatalogPaper {
  readonly id: string;
  readonly title: string;
  abstract: string | null;
  year: number | null;
  venue: string | null;
  url: string | null;
  /** Author ids in byline order, each once. */
  readonly authorIds: readonly string[];
  /** The first record that gave this paper. */
  readonly source: SourceLocation;
  /** Every record merged into this paper, in input order. */
  readonly sources: SourceLocation[];
  /** Other source ids of the records merged into this paper; they find it too. */
  readonly alternateIds: readonly string[];
}

export interface CatalogAuthor {
  readonly id: string;
  readonly name: string;
  /** Every spelling seen in the sources, in order of first appearance, with how often it was seen. */
  readonly nameVariants: readonly { readonly name: string; readonly count: number }[];
  /** Paper ids in input order. */
  readonly paperIds: readonly string[];
}

export interface Catalog {
  readonly papers: readonly CatalogPaper[];
  readonly authors: readonly CatalogAuthor[];
  /** How many records were merged into an earlier record of the same paper. */
  readonly duplicatesMerged: number;
  readonly problems: readonly Problem[];
}

interface PendingAuthor {
  readonly key: string;
  aliasName: string | null;
  readonly variants: Map<string, number>;
  readonly papers: CatalogPaper[];
}

export function buildCatalog(records: readonly PaperRecord[], aliases: AliasTable = noAliases): Catalog {
  const problems: Problem[] = [];
  const authorsByKey = new Map<string, PendingAuthor>();
  // Large inputs repeat each spelling many times: normalize each distinct string once.
  const resolved = new Map<string, { key: string; aliasName: string | null; spelling: string }>();
  const keyOf = (name: string): { key: string; aliasName: string | null; spelling: string } => {
    let entry = resolved.get(name);
    if (entry === undefined) {
      const aliasName = aliases.canonicalByKey.get(identityKey(name)) ?? null;
      entry = { key: identityKey(aliasName ?? name), aliasName, spelling: cleanText(name) };
      resolved.set(name, entry);
    }
    return entry;
  };
  const register = (name: string): PendingAuthor => {
    const { key, aliasName, spelling } = keyOf(name);
    let author = authorsByKey.get(key);
    if (!author) {
      author = { key, aliasName, variants: new Map(), papers: [] };
      authorsByKey.set(key, author);
    } else if (author.aliasName === null) {
      // The canonical spelling may be seen before any variant the alias file maps to it.
      author.aliasName = aliasName;
    }
    author.variants.set(spelling, (author.variants.get(spelling) ?? 0) + 1);
    return author;
  };

  // Pass 1: resolve bylines and merge duplicate records. Ids are assigned afterwards so that an
  // explicit source id always wins over a generated slug, whatever the input order.
  interface PendingPaper { record: PaperRecord; explicitId: string | null; otherIds: string[]; contentKey: string; byline: PendingAuthor[]; sources: SourceLocation[]; fill: Partial<PaperRecord> }
  const pending: PendingPaper[] = [];
  const byExplicitId = new Map<string, PendingPaper>();
  const byContent = new Map<string, PendingPaper>();
  let duplicatesMerged = 0;

  for (const record of records) {
    const bylineKeys = uniqueInOrder(record.authors.map((name) => keyOf(name).key));
    const contentKey = `${titleKey(record.title)}|${bylineKeys.join('|')}`;
    const sameId = record.id === null ? undefined : byExplicitId.get(record.id);
    const earlier = sameId ?? byContent.get(contentKey);
    if (earlier && earlier.contentKey !== contentKey) {
      problems.push({
        severity: 'warning', file: record.source.file, line: record.source.line,
        message: `id "${record.id}" was already read at ${earlier.record.source.file}:${earlier.record.source.line} with a different title or author list; that first record is kept and this one is not loaded`,
      });
      continue;
    }
    if (earlier) {
      duplicatesMerged += 1;
      earlier.sources.push(record.source);
      record.authors.forEach(register);
      if (record.id !== null && record.id !== earlier.explicitId) {
        if (earlier.explicitId === null) earlier.explicitId = record.id;
        else earlier.otherIds.push(record.id);
        byExplicitId.set(record.id, earlier);
      }
      for (const field of ['abstract', 'year', 'venue', 'url'] as const) {
        if (earlier.record[field] === null && earlier.fill[field] == null && record[field] !== null) {
          (earlier.fill as Record<string, unknown>)[field] = record[field];
        }
      }
      continue;
    }
    const byline = uniqueInOrder(record.authors.map(register));
    const paper: PendingPaper = { record, explicitId: record.id, otherIds: [], contentKey, byline, sources: [record.source], fill: {} };
    pending.push(paper);
    if (record.id !== null && !byExplicitId.has(record.id)) byExplicitId.set(record.id, paper);
    if (!byContent.has(contentKey)) byContent.set(contentKey, paper);
  }

  const takenIds = new Set<string>();
  const claim = (base: string, fallback: string): string => {
    const root = base === '' ? fallback : base;
    let id = root;
    for (let n = 2; takenIds.has(id); n += 1) id = `${root}-${n}`;
    takenIds.add(id);
    return id;
  };
  const paperIds = new Map<PendingPaper, string>();
  for (const paper of pending) {
    if (paper.explicitId !== null) paperIds.set(paper, claim(paper.explicitId, 'paper'));
  }
  for (const paper of pending) {
    if (!paperIds.has(paper)) paperIds.set(paper, claim(slugify(paper.record.title), 'paper'));
  }

  const authorIds = new Map<PendingAuthor, string>();
  for (const author of authorsByKey.values()) {
    authorIds.set(author, claim(slugify(displayName(author)), 'author'));
  }

  const papers: CatalogPaper[] = pending.map((paper) => {
    const { record, fill } = paper;
    const catalogPaper: CatalogPaper = {
      id: paperIds.get(paper) as string,
      title: record.title,
      abstract: record.abstract ?? fill.abstract ?? null,
      year: record.year ?? fill.year ?? null,
      venue: record.venue ?? fill.venue ?? null,
      url: record.url ?? fill.url ?? null,
      authorIds: paper.byline.map((author) => authorIds.get(author) as string),
      source: record.source,
      sources: paper.sources,
      // An id that names another paper or an author stays theirs.
      alternateIds: [...new Set(paper.otherIds)].filter((id) => !takenIds.has(id)),
    };
    for (const author of paper.byline) author.papers.push(catalogPaper);
    return catalogPaper;
  });

  const authors: CatalogAuthor[] = [...authorsByKey.values()].map((author) => ({
    id: authorIds.get(author) as string,
    name: displayName(author),
    nameVariants: [...author.variants].map(([name, count]) => ({ name, count })),
    paperIds: author.papers.map((paper) => paper.id),
  }));

  return { papers, authors, duplicatesMerged, problems };
}

function displayName(author: PendingAuthor): string {
  if (author.aliasName !== null) return author.aliasName;
  let best = '';
  let bestCount = 0;
  for (const [name, count] of author.variants) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

function uniqueInOrder<T>(items: readonly T[]): T[] {
  // Bylines are short: a scan beats building a set.
  if (items.length <= 16) return items.filter((item, i) => items.indexOf(item) === i);
  return [...new Set(items)];
}

/** A title for duplicate detection: search key with punctuation and spacing ignored. */
function titleKey(title: string): string {
  const key = searchKey(title);
  return (/^[\x20-\x7e]*$/u.test(key) ? key.replace(/[^a-z0-9]+/gu, ' ') : key.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
}
