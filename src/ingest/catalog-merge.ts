/**
 * The catalog's first pass: who is who, and which records are one paper (see src/ingest/catalog.ts for
 * the rules). Every byline position gets a person; a record with the same explicit id, or the same
 * normalized title and author list, as an earlier one is merged into it. Ids are assigned by the next
 * pass (src/ingest/catalog-ids.ts), so that an explicit source id always wins over a generated slug,
 * whatever the input order.
 */
import type { AliasTable } from './aliases.ts';
import type { AuthorOccurrence } from './catalog.ts';
import { cleanText, identityKey, searchKey } from './names.ts';
import { type ExternalId, type PaperRecord, type Problem, type SourceLocation, externalIdKey } from './records.ts';

/** A person, with every spelling, external id and byline position seen for them. */
export interface MergedAuthor {
  /** `id:<an external id of the person>` or `name:<name key>`. */
  readonly key: string;
  /** The alias file's canonical name for them, if it has one. */
  readonly aliasName: string | null;
  /** Spelling → bylines that used it, in order of first appearance. */
  readonly variants: ReadonlyMap<string, number>;
  readonly ids: ReadonlyMap<string, ExternalId>;
  readonly occurrences: readonly AuthorOccurrence[];
}

/** A paper: its first record, with what the records merged into it added. */
export interface MergedPaper {
  readonly record: PaperRecord;
  /** The first explicit source id among its records (null: none had one). */
  readonly explicitId: string | null;
  /** The other explicit ids of its records. */
  readonly otherIds: readonly string[];
  readonly byline: readonly MergedAuthor[];
  readonly sources: readonly SourceLocation[];
  /** Fields the first record lacks, from later records. */
  readonly fill: Partial<Pick<PaperRecord, 'abstract' | 'year' | 'venue' | 'url' | 'doi'>>;
  /** The byline is cut short in every record (one complete copy settles it). */
  readonly incomplete: boolean;
}

export interface MergedRecords {
  /** In input order. */
  readonly papers: readonly MergedPaper[];
  /** In order of first appearance. */
  readonly authors: readonly MergedAuthor[];
  /** How many records were merged into an earlier record of the same paper. */
  readonly duplicatesMerged: number;
  readonly problems: readonly Problem[];
}

interface PendingAuthor extends MergedAuthor {
  aliasName: string | null;
  readonly variants: Map<string, number>;
  readonly ids: Map<string, ExternalId>;
  readonly occurrences: AuthorOccurrence[];
}

interface PendingPaper extends MergedPaper {
  readonly record: PaperRecord;
  explicitId: string | null;
  otherIds: string[];
  contentKey: string;
  byline: PendingAuthor[];
  sources: SourceLocation[];
  fill: Partial<PaperRecord>;
  incomplete: boolean;
}

export function resolveAndMerge(records: readonly PaperRecord[], aliases: AliasTable): MergedRecords {
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
  const register = (record: PaperRecord, index: number): PendingAuthor => {
    const name = record.authors[index] as string;
    const key = people.personKey(record, index);
    const { aliasName, spelling } = nameKeyOf(name);
    let author = authorsByKey.get(key);
    if (!author) {
      author = { key, aliasName, variants: new Map(), ids: new Map(), occurrences: [] };
      authorsByKey.set(key, author);
    } else if (author.aliasName === null) {
      // The canonical spelling may be seen before any variant the alias file maps to it.
      author.aliasName = aliasName;
    }
    author.variants.set(spelling, (author.variants.get(spelling) ?? 0) + 1);
    for (const id of record.authorIdentities?.[index] ?? []) {
      const idKey = externalIdKey(id);
      if (!author.ids.has(idKey)) author.ids.set(idKey, id);
    }
    author.occurrences.push({ spelling, source: record.source });
    return author;
  };
  const registerAll = (record: PaperRecord): PendingAuthor[] =>
    record.authors.map((_, index) => register(record, index));

  const pending: PendingPaper[] = [];
  const byExplicitId = new Map<string, PendingPaper>();
  const byContent = new Map<string, PendingPaper>();
  let duplicatesMerged = 0;

  for (const record of records) {
    const bylineKeys = uniqueInOrder(record.authors.map((_, index) => people.personKey(record, index)));
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
      registerAll(record);
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
    const byline = uniqueInOrder(registerAll(record));
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

  return { papers: pending, authors: [...authorsByKey.values()], duplicatesMerged, problems };
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

/** The alias file's canonical name, else the most frequent spelling (the first seen on a tie). */
export function displayName(author: Pick<MergedAuthor, 'aliasName' | 'variants'>): string {
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
