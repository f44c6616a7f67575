/**
 * Turns the records of every input file into one catalog of distinct papers and distinct authors.
 *
 * This is the one place where identity is decided:
 * - Authors with external ids (ORCID, DBLP person id, OpenAlex id): one occurrence's ids are one
 *   person, so ids seen together join (an OpenAlex author with an ORCID is one person with both), and
 *   every spelling carried by an id belongs to that person. Different ids of one registry with the
 *   same name stay different people: ids disambiguate namesakes. Ids of different registries under
 *   one name (a DBLP pid, an OpenAlex id) join (see `resolvePeople`).
 * - Names without ids: spellings with the same `identityKey` (NFC, case, whitespace, accents and the
 *   punctuation of initials folded), after the alias table, are one person. Such a name joins the
 *   person with ids who was seen under it when there is exactly one; when several people with ids
 *   share it, it stays a person of its own and a warning says so.
 * - The display name is the alias file's canonical name, else the most frequent spelling (the first
 *   seen on a tie). The same person twice on one byline counts once. Every author keeps each
 *   spelling with its count and each record it came from (provenance).
 * - Papers: a record with the same explicit id, or the same normalized title and author list, as an
 *   earlier one is the same paper: it is merged (missing fields filled in, every source kept), not
 *   added twice. When a repeated id comes with a different title or byline, the first record is
 *   kept and a warning names both places.
 * - Ids: papers keep their source id, else get a slug of the title; authors get a slug of their name.
 *   Paper and author ids never collide, so one `node(id)` lookup is unambiguous.
 */
import { type AliasTable, noAliases } from './aliases.ts';
import { cleanText, identityKey, searchKey, slugify } from './names.ts';
import { type ExternalId, type PaperRecord, type Problem, type SourceLocation, externalIdKey } from './records.ts';

export interface CatalogPaper {
  readonly id: string;
  readonly title: string;
  abstract: string | null;
  year: number | null;
  venue: string | null;
  url: string | null;
  doi: string | null;
  /** Author ids in byline order, each once. */
  readonly authorIds: readonly string[];
  /** True when a source says the byline is cut short (`and others`, a truncated list). */
  readonly authorListIncomplete: boolean;
  /** The first record that gave this paper. */
  readonly source: SourceLocation;
  /** Every record merged into this paper, in input order. */
  readonly sources: SourceLocation[];
  /** Other source ids of the records merged into this paper; they find it too. */
  readonly alternateIds: readonly string[];
}

/** How a spelling came to belong to an author. */
export type MergeReason = 'name' | 'alias' | 'external-id';

export interface NameVariant {
  readonly name: string;
  /** How many bylines used this spelling for this author. */
  readonly count: number;
  /** `name`: same name up to case, accents, spacing and initials' punctuation as the display name;
   * `alias`: the alias file maps it; `external-id`: an external id carried it. */
  readonly mergedBy: MergeReason;
}

/** One byline position this author was read from. */
export interface AuthorOccurrence {
  readonly spelling: string;
  readonly source: SourceLocation;
}

export interface CatalogAuthor {
  readonly id: string;
  readonly name: string;
  /** Every spelling seen in the sources, in order of first appearance, with how often it was seen. */
  readonly nameVariants: readonly NameVariant[];
  /** Paper ids in input order. */
  readonly paperIds: readonly string[];
  /** ORCID, DBLP and OpenAlex ids seen for this person, in order of first appearance. */
  readonly externalIds: readonly ExternalId[];
  /** Every record (file and line) this author was read from, with the spelling used there. */
  readonly occurrences: readonly AuthorOccurrence[];
}

export interface Catalog {
  readonly papers: readonly CatalogPaper[];
  readonly authors: readonly CatalogAuthor[];
  /** How many records were merged into an earlier record of the same paper. */
  readonly duplicatesMerged: number;
  readonly problems: readonly Problem[];
}

/**
 * An author while the records are read. Most authors have one spelling and no external id, so the
 * first spelling is kept in fields and the maps are made only when they would hold something.
 */
interface PendingAuthor {
  readonly key: string;
  aliasName: string | null;
  readonly firstSpelling: string;
  firstCount: number;
  /** Every spelling with its count, once a second spelling is seen (null until then). */
  variants: Map<string, number> | null;
  readonly papers: CatalogPaper[];
  /** External ids by key (null while there are none). */
  ids: Map<string, ExternalId> | null;
  readonly occurrences: AuthorOccurrence[];
}

/** Every spelling of an author with its count, in order of first appearance. */
function variantsOf(author: PendingAuthor): Iterable<[string, number]> {
  return author.variants ?? [[author.firstSpelling, author.firstCount]];
}

export function buildCatalog(records: readonly PaperRecord[], aliases: AliasTable = noAliases): Catalog {
  const problems: Problem[] = [];
  // Names repeat across bylines: each distinct spelling is folded once.
  const nameKeys = new Map<string, { key: string; aliasName: string | null; spelling: string; nameOnlyKey: string }>();
  const nameKeyOf = (
    name: string,
  ): { key: string; aliasName: string | null; spelling: string; nameOnlyKey: string } => {
    let found = nameKeys.get(name);
    if (found === undefined) {
      const aliasName = aliases.canonicalByKey.get(identityKey(name)) ?? null;
      const key = identityKey(aliasName ?? name);
      // The person key of a name without ids, made once: a key built per byline costs a string each time.
      found = { key, aliasName, spelling: cleanText(name), nameOnlyKey: `name:${key}` };
      nameKeys.set(name, found);
    }
    return found;
  };
  const people = resolvePeople(records, nameKeyOf, problems);

  const authorsByKey = new Map<string, PendingAuthor>();
  const register = (record: PaperRecord, index: number, key: string): PendingAuthor => {
    const name = record.authors[index] as string;
    const { aliasName, spelling } = nameKeyOf(name);
    let author = authorsByKey.get(key);
    if (!author) {
      author = {
        key,
        aliasName,
        firstSpelling: spelling,
        firstCount: 1,
        variants: null,
        papers: [],
        ids: null,
        occurrences: [],
      };
      authorsByKey.set(key, author);
    } else {
      // The canonical spelling may be seen before any variant the alias file maps to it.
      if (author.aliasName === null) author.aliasName = aliasName;
      if (author.variants === null && spelling === author.firstSpelling) author.firstCount += 1;
      else {
        author.variants ??= new Map([[author.firstSpelling, author.firstCount]]);
        author.variants.set(spelling, (author.variants.get(spelling) ?? 0) + 1);
      }
    }
    const ids = record.authorIdentities?.[index];
    if (ids !== undefined && ids.length > 0) {
      author.ids ??= new Map();
      for (const id of ids) {
        const idKey = externalIdKey(id);
        if (!author.ids.has(idKey)) author.ids.set(idKey, id);
      }
    }
    author.occurrences.push({ spelling, source: record.source });
    return author;
  };
  // Each byline position's person key is made once per record (`keys`), for the duplicate check and the authors.
  const registerAll = (record: PaperRecord, keys: readonly string[]): PendingAuthor[] =>
    record.authors.map((_, index) => register(record, index, keys[index] as string));

  // Pass 1: resolve bylines and merge duplicate records. Ids are assigned afterwards so that an
  // explicit source id always wins over a generated slug, whatever the input order.
  interface PendingPaper {
    record: PaperRecord;
    explicitId: string | null;
    otherIds: string[];
    contentKey: string;
    byline: PendingAuthor[];
    sources: SourceLocation[];
    fill: Partial<PaperRecord>;
    incomplete: boolean;
  }
  const pending: PendingPaper[] = [];
  const byExplicitId = new Map<string, PendingPaper>();
  const byContent = new Map<string, PendingPaper>();
  let duplicatesMerged = 0;

  for (const record of records) {
    const keys = record.authors.map((_, index) => people.personKey(record, index));
    const bylineKeys = uniqueInOrder(keys);
    const contentKey = `${titleKey(record.title)}|${bylineKeys.join('|')}`;
    const sameId = record.id === null ? undefined : byExplicitId.get(record.id);
    const earlier = sameId ?? byContent.get(contentKey);
    if (earlier && earlier.contentKey !== contentKey) {
      problems.push({
        severity: 'warning',
        file: record.source.file,
        line: record.source.line,
        message: `id "${record.id}" was already read at ${earlier.record.source.file}:${earlier.record.source.line} with a different title or author list; that first record is kept and this one is not loaded`,
      });
      continue;
    }
    if (earlier) {
      duplicatesMerged += 1;
      earlier.sources.push(record.source);
      registerAll(record, keys);
      if (record.id !== null && record.id !== earlier.explicitId) {
        if (earlier.explicitId === null) earlier.explicitId = record.id;
        else earlier.otherIds.push(record.id);
        byExplicitId.set(record.id, earlier);
      }
      for (const field of ['abstract', 'year', 'venue', 'url', 'doi'] as const) {
        if (
          (earlier.record[field] ?? null) === null &&
          earlier.fill[field] == null &&
          (record[field] ?? null) !== null
        ) {
          (earlier.fill as Record<string, unknown>)[field] = record[field];
        }
      }
      // A complete copy of the byline settles it.
      if (!record.authorListIncomplete) earlier.incomplete = false;
      continue;
    }
    const byline = uniqueInOrder(registerAll(record, keys));
    const paper: PendingPaper = {
      record,
      explicitId: record.id,
      otherIds: [],
      contentKey,
      byline,
      sources: [record.source],
      fill: {},
      incomplete: record.authorListIncomplete === true,
    };
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
      doi: record.doi ?? fill.doi ?? null,
      authorIds: paper.byline.map((author) => authorIds.get(author) as string),
      authorListIncomplete: paper.incomplete,
      source: record.source,
      sources: paper.sources,
      // An id that names another paper or an author stays theirs.
      alternateIds: [...new Set(paper.otherIds)].filter((id) => !takenIds.has(id)),
    };
    for (const author of paper.byline) author.papers.push(catalogPaper);
    return catalogPaper;
  });

  const authors: CatalogAuthor[] = [...authorsByKey.values()].map((author) => {
    const name = displayName(author);
    const nameKey = identityKey(name);
    return {
      id: authorIds.get(author) as string,
      name,
      nameVariants: [...variantsOf(author)].map(([spelling, count]) => ({
        name: spelling,
        count,
        mergedBy:
          identityKey(spelling) === nameKey
            ? 'name'
            : aliases.canonicalByKey.has(identityKey(spelling))
              ? 'alias'
              : 'external-id',
      })),
      paperIds: author.papers.map((paper) => paper.id),
      externalIds: author.ids === null ? [] : [...author.ids.values()],
      occurrences: author.occurrences,
    };
  });

  return { papers, authors, duplicatesMerged, problems };
}

/**
 * Who is who, in three steps:
 * 1. External ids seen on one byline position are one person (union-find over ids).
 * 2. People with ids who share a name key are one person unless their ids conflict: both have an id
 *    of the same registry and the ids differ (two ORCIDs, two DBLP pids or homonym numbers). A DBLP
 *    pid and an OpenAlex id under one name do not conflict: they are two registries' names for one
 *    person. When the name already belongs to namesakes told apart by ids, a person who could be
 *    either stays apart.
 * 3. A byline position without ids joins the one person with ids seen under its name key; with none
 *    it is a person by name; with several (namesakes told apart by ids) it stays apart, with a warning.
 * Every byline position gets a person key: `id:<an id of the person>` or `name:<name key>`.
 */
function resolvePeople(
  records: readonly PaperRecord[],
  nameKeyOf: (name: string) => { key: string; nameOnlyKey: string },
  problems: Problem[],
): { personKey(record: PaperRecord, index: number): string } {
  const parent = new Map<string, string>();
  /** Per root: registry → the ids of that registry the person has. */
  const registries = new Map<string, Map<string, Set<string>>>();
  const find = (id: string): string => {
    let root = id;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next;
    // Path compression keeps later look-ups short.
    for (
      let node = id, next = parent.get(node);
      next !== undefined && next !== root;
      node = next, next = parent.get(node)
    )
      parent.set(node, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const rootA = find(a);
    const rootB = find(b);
    if (rootA === rootB) return;
    parent.set(rootB, rootA);
    const into = registries.get(rootA) as Map<string, Set<string>>;
    for (const [registry, values] of registries.get(rootB) ?? []) {
      const set = into.get(registry) ?? new Set<string>();
      for (const value of values) set.add(value);
      into.set(registry, set);
    }
    registries.delete(rootB);
  };
  const conflict = (a: string, b: string): boolean => {
    const left = registries.get(find(a));
    const right = registries.get(find(b));
    if (!left || !right) return false;
    for (const [registry, values] of left) {
      const other = right.get(registry);
      if (other !== undefined && ![...values].some((value) => other.has(value))) return true;
    }
    return false;
  };
  const idsAt = (record: PaperRecord, index: number): readonly ExternalId[] => record.authorIdentities?.[index] ?? [];

  // Step 1.
  for (const record of records) {
    if (record.authorIdentities === undefined) continue;
    record.authors.forEach((_, index) => {
      const ids = idsAt(record, index);
      for (const id of ids) {
        const key = externalIdKey(id);
        if (!parent.has(key)) {
          parent.set(key, key);
          registries.set(key, new Map([[registryOf(id), new Set([id.value])]]));
        }
      }
      for (const id of ids.slice(1)) union(externalIdKey(ids[0] as ExternalId), externalIdKey(id));
    });
  }

  // Step 2: the people with ids seen under each name key, in order of appearance.
  const idPeopleByName = new Map<string, string[]>();
  for (const record of records) {
    if (record.authorIdentities === undefined) continue;
    record.authors.forEach((name, index) => {
      const first = idsAt(record, index)[0];
      if (first === undefined) return;
      const key = nameKeyOf(name).key;
      const list = idPeopleByName.get(key) ?? [];
      if (list.length === 0) idPeopleByName.set(key, list);
      const id = externalIdKey(first);
      if (!list.includes(id)) list.push(id);
    });
  }
  for (const people of idPeopleByName.values()) {
    const groups: string[] = [];
    for (const person of people) {
      if (groups.some((group) => find(group) === find(person))) continue;
      // Join the one person it could be; next to namesakes it could join either, so it stays apart.
      const homes = groups.filter((group) => !conflict(group, person));
      if (homes.length === 1) union(homes[0] as string, person);
      else groups.push(person);
    }
  }
  const peopleByName = new Map<string, Set<string>>();
  for (const [key, people] of idPeopleByName) peopleByName.set(key, new Set(people.map(find)));

  // Step 3.
  const reportedAmbiguous = new Set<string>();
  return {
    personKey(record, index) {
      const first = idsAt(record, index)[0];
      if (first !== undefined) return `id:${find(externalIdKey(first))}`;
      const name = record.authors[index] as string;
      const { key, nameOnlyKey } = nameKeyOf(name);
      const withIds = peopleByName.size === 0 ? undefined : peopleByName.get(key);
      if (withIds === undefined) return nameOnlyKey;
      if (withIds.size === 1) return `id:${[...withIds][0] as string}`;
      if (!reportedAmbiguous.has(key)) {
        reportedAmbiguous.add(key);
        problems.push({
          severity: 'warning',
          file: record.source.file,
          line: record.source.line,
          message: `"${name}" has no external id here and ${withIds.size} different people with ids carry that name; it is kept as a separate author (add an alias to merge it)`,
        });
      }
      return nameOnlyKey;
    },
  };
}

/** DBLP pids and DBLP homonym numbers are one registry: two of them that differ are two people. */
function registryOf(id: ExternalId): string {
  return id.scheme === 'dblp-name' ? 'dblp' : id.scheme;
}

function displayName(author: PendingAuthor): string {
  if (author.aliasName !== null) return author.aliasName;
  let best = '';
  let bestCount = 0;
  for (const [name, count] of variantsOf(author)) {
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
