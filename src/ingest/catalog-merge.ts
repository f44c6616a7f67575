/**
 * The catalog's first pass: who is who, and which records are one paper (see src/ingest/catalog.ts for
 * the rules). Every byline position gets a person; a record with the same explicit id, or the same
 * normalized title and author list, as an earlier one is merged into it. Ids are assigned by the next
 * pass (src/ingest/catalog-ids.ts), so that an explicit source id always wins over a generated slug,
 * whatever the input order.
 */
import type { AliasTable } from './aliases.ts';
import type { AuthorOccurrence } from './catalog.ts';
import { contentHashFrom, contentKey, titleKey, titleKeyHash } from './content-key.ts';
import { NameTable } from './name-table.ts';
import { cleanText, identityKey } from './names.ts';
import type { TitleHashes } from './title-hashes.ts';
import { type ExternalId, type PaperRecord, type Problem, type SourceLocation, externalIdKey } from './records.ts';

/** A person, with every spelling, external id and byline position seen for them. */
export interface MergedAuthor {
  /** `id:<an external id of the person>` or `name:<name key>`. */
  readonly key: string;
  /** The alias file's canonical name for them, if it has one. */
  readonly aliasName: string | null;
  /**
   * Most authors have one spelling and no external id, so the first spelling and its count are fields and
   * the maps are made only when they would hold something: read them through `variantsOf` and `idsOf`.
   */
  readonly firstSpelling: string;
  readonly firstCount: number;
  /** Spelling → bylines that used it, in order of first appearance, once a second spelling is seen (null until then). */
  readonly variants: ReadonlyMap<string, number> | null;
  /** External ids by key (null while there are none). */
  readonly ids: ReadonlyMap<string, ExternalId> | null;
  readonly occurrences: readonly AuthorOccurrence[];
}

/** Every spelling of an author with its count, in order of first appearance. */
export function variantsOf(
  author: Pick<MergedAuthor, 'firstSpelling' | 'firstCount' | 'variants'>,
): Iterable<[string, number]> {
  return author.variants ?? [[author.firstSpelling, author.firstCount]];
}

/** An author's external ids, in order of first appearance. */
export function idsOf(author: Pick<MergedAuthor, 'ids'>): ExternalId[] {
  return author.ids === null ? [] : [...author.ids.values()];
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

/**
 * Every byline position read, in input order, as integer columns (no object per position): the
 * person's row (`ResolvedAuthor.row`), the spelling (into `spellings`) and the record it came from
 * (into the records given to `resolveAndMerge`, whose `source` is the file and line).
 */
export class OccurrenceLog {
  count = 0;
  /** How many people have been given a row so far (rows are 0 .. authorCount − 1). */
  authorCount = 0;
  author = new Int32Array(1024);
  spelling = new Int32Array(1024);
  record = new Int32Array(1024);
  /** Occurrence numbers grouped by author (in input order within one), made on first use. */
  private byAuthor: { offsets: Int32Array; order: Int32Array; count: number } | null = null;

  constructor(
    readonly spellings: readonly string[],
    readonly records: readonly PaperRecord[],
  ) {}

  add(author: number, spelling: number, record: number): void {
    if (this.count === this.author.length) {
      const grow = (array: Int32Array) => {
        const larger = new Int32Array(array.length * 2);
        larger.set(array);
        return larger;
      };
      this.author = grow(this.author);
      this.spelling = grow(this.spelling);
      this.record = grow(this.record);
    }
    this.author[this.count] = author;
    this.spelling[this.count] = spelling;
    this.record[this.count] = record;
    this.count += 1;
  }

  /** Occurrence numbers grouped by author row: author `a`'s are `order[offsets[a] .. offsets[a+1])`. */
  grouped(authorCount: number): { offsets: Int32Array; order: Int32Array } {
    if (
      this.byAuthor !== null &&
      this.byAuthor.count === this.count &&
      this.byAuthor.offsets.length === authorCount + 1
    )
      return this.byAuthor;
    const offsets = new Int32Array(authorCount + 1);
    for (let k = 0; k < this.count; k += 1) {
      const next = (this.author[k] as number) + 1;
      offsets[next] = (offsets[next] as number) + 1;
    }
    for (let a = 0; a < authorCount; a += 1) offsets[a + 1] = (offsets[a + 1] as number) + (offsets[a] as number);
    const cursor = offsets.slice(0, authorCount);
    const order = new Int32Array(this.count);
    for (let k = 0; k < this.count; k += 1) {
      const a = this.author[k] as number;
      order[cursor[a] as number] = k;
      cursor[a] = (cursor[a] as number) + 1;
    }
    this.byAuthor = { offsets, order, count: this.count };
    return this.byAuthor;
  }
}

/** A person as resolveAndMerge makes them: a row, and occurrences read from the log when asked. */
class PendingAuthor implements MergedAuthor {
  firstCount = 1;
  variants: Map<string, number> | null = null;
  ids: Map<string, ExternalId> | null = null;

  constructor(
    readonly key: string,
    public aliasName: string | null,
    readonly firstSpelling: string,
    /** Order of first appearance: the author's row in the catalog and the columns. */
    readonly row: number,
    private readonly log: OccurrenceLog,
  ) {}

  get occurrences(): AuthorOccurrence[] {
    const { offsets, order } = this.log.grouped(this.log.authorCount);
    const occurrences: AuthorOccurrence[] = [];
    for (let k = offsets[this.row] as number; k < (offsets[this.row + 1] as number); k += 1) {
      const at = order[k] as number;
      occurrences.push({
        spelling: this.log.spellings[this.log.spelling[at] as number] as string,
        source: (this.log.records[this.log.record[at] as number] as PaperRecord).source,
      });
    }
    return occurrences;
  }
}

/** A person of `ResolvedRecords`: its row is its index in `authors`. */
export type ResolvedAuthor = MergedAuthor & { readonly row: number };

/** What resolveAndMerge gives: the merged records, with rows for the authors and the occurrences as a log. */
export interface ResolvedRecords extends MergedRecords {
  readonly authors: readonly ResolvedAuthor[];
  readonly papers: readonly (MergedPaper & { readonly byline: readonly ResolvedAuthor[] })[];
  readonly occurrenceLog: OccurrenceLog;
}

/** A paper's `fill` and `otherIds` until it has some: one shared empty value, not one per paper. */
const NO_FILL: Partial<PaperRecord> = Object.freeze({});
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];
const NO_EXTERNAL_IDS: readonly ExternalId[] = Object.freeze([]);

/** A paper as resolveAndMerge makes it: its first record, and what the records merged into it add. */
class PendingPaper implements MergedPaper {
  explicitId: string | null;
  otherIds: string[] = NO_IDS;
  fill: Partial<PaperRecord> = NO_FILL;
  incomplete: boolean;
  /**
   * The sources of the records merged into it (null while there are none, as for most papers: a
   * list of one per paper was 56 MB at 1 M synthetic papers).
   */
  private merged: SourceLocation[] | null = null;

  constructor(
    readonly record: PaperRecord,
    readonly byline: PendingAuthor[],
  ) {
    this.explicitId = record.id;
    this.incomplete = record.authorListIncomplete === true;
  }

  /** Where each of its records was read, the first record's first (a new list each time). */
  get sources(): SourceLocation[] {
    return this.merged === null ? [this.record.source] : [this.record.source, ...this.merged];
  }

  addSource(source: SourceLocation): void {
    (this.merged ??= []).push(source);
  }
}

/**
 * `titleHashes`, when given, has the title's part of each record's content hash made by a worker
 * (title-hashes.ts); a record it has none for gets its title key made here.
 */
export function resolveAndMerge(
  records: readonly PaperRecord[],
  aliases: AliasTable,
  names: NameTable = new NameTable(),
  titleHashes: TitleHashes | null = null,
): ResolvedRecords {
  const problems: Problem[] = [];
  // Names repeat across bylines: each distinct spelling is folded once, kept by its number in `names`.
  interface NameKeys {
    key: string;
    aliasName: string | null;
    spelling: string;
    /** Into `names.names`: the spelling interned. */
    spellingId: number;
    nameOnlyKey: string;
    /** The person `nameOnlyKey` names, once registered: most byline positions find their author here, not in a map. */
    author: PendingAuthor | null;
  }
  const keysByNumber = new Array<NameKeys | undefined>(names.names.length);
  const keysOf = (number: number): NameKeys => {
    let found = keysByNumber[number];
    if (found === undefined) {
      const name = names.names[number] as string;
      const nameKey = identityKey(name);
      const aliasName = aliases.canonicalByKey.get(nameKey) ?? null;
      const key = aliasName === null ? nameKey : identityKey(aliasName);
      // Readers give clean names; one made by hand may not be.
      const spelling = cleanText(name);
      const spellingId = spelling === name ? number : names.intern(spelling);
      // The person key of a name without ids, made once: a key built per byline costs a string each time.
      found = { key, aliasName, spelling, spellingId, nameOnlyKey: `name:${key}`, author: null };
      keysByNumber[number] = found;
    }
    return found;
  };
  const nameKeyOf = (name: string): NameKeys => keysOf(names.intern(name));
  const log = new OccurrenceLog(names.names, records);
  const people = resolvePeople(records, nameKeyOf, problems);

  const authorsByKey = new Map<string, PendingAuthor>();
  const register = (
    record: PaperRecord,
    recordIndex: number,
    index: number,
    key: string,
    name: NameKeys,
  ): PendingAuthor => {
    const { aliasName, spelling, spellingId } = name;
    const byName = key === name.nameOnlyKey;
    let author = byName && name.author !== null ? name.author : authorsByKey.get(key);
    if (!author) {
      // No closure over this function's scope is kept in an author: it would keep every map of the
      // merge (the papers by id and by content, the name keys) alive as long as the authors.
      author = new PendingAuthor(key, aliasName, spelling, authorsByKey.size, log);
      authorsByKey.set(key, author);
      log.authorCount = authorsByKey.size;
      if (byName) name.author = author;
    } else {
      if (byName) name.author = author;
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
    log.add(author.row, spellingId, recordIndex);
    return author;
  };
  // One record's byline, reused from record to record (no arrays per record): each position's name
  // and person key, made once for the duplicate check and the authors, and the distinct person keys.
  const bylineNames: NameKeys[] = [];
  const keys: string[] = [];
  const bylineKeys: string[] = [];
  // The record's title key, made only when its content key is (the hash needs none: `titleKeyHash`).
  let title: string | null = null;
  let recordTitle = '';
  let ownKey: string | null = null;
  const key = () => (ownKey ??= `${(title ??= titleKey(recordTitle))}|${bylineKeys.join('|')}`);
  // The record's distinct people, reused too: a paper keeps a copy of its exact length (an array grown
  // by pushing holds room for 17 people, 0.12 GB more at 1 M synthetic papers than the bylines need).
  const distinct: PendingAuthor[] = [];
  /** Registers every position of the byline read into the scratch above; the record's distinct people in order (until the next call). */
  const registerAll = (record: PaperRecord, recordIndex: number): readonly PendingAuthor[] => {
    distinct.length = 0;
    for (let index = 0; index < keys.length; index += 1)
      distinct.push(register(record, recordIndex, index, keys[index] as string, bylineNames[index] as NameKeys));
    return uniqueInPlace(distinct);
  };

  const pending: PendingPaper[] = [];
  const byExplicitId = new Map<string, PendingPaper>();
  // Papers by a hash of their content key (title key and person keys); the keys themselves are made
  // only to confirm a hit (a repeated paper, or two papers whose keys share a hash), so no key string
  // per paper stays in memory.
  const byContent = new Map<number, PendingPaper | PendingPaper[]>();
  const contentKeyOf = (paper: PendingPaper) =>
    contentKey(
      paper.record.title,
      paper.byline.map((author) => author.key),
    );
  const findByContent = (hash: number, key: () => string): PendingPaper | undefined => {
    const found = byContent.get(hash);
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return contentKeyOf(found) === key() ? found : undefined;
    return found.find((paper) => contentKeyOf(paper) === key());
  };
  let duplicatesMerged = 0;

  for (let recordIndex = 0; recordIndex < records.length; recordIndex += 1) {
    const record = records[recordIndex] as PaperRecord;
    // Each byline name is found once (by its number), for its person key and for the author it is registered with.
    bylineNames.length = 0;
    keys.length = 0;
    bylineKeys.length = 0;
    for (let index = 0; index < record.authors.length; index += 1) {
      const nameKeys = keysOf(names.nameOf(record, index));
      const personKey = people.personKey(record, index, nameKeys);
      bylineNames.push(nameKeys);
      keys.push(personKey);
      bylineKeys.push(personKey);
    }
    uniqueInPlace(bylineKeys);
    recordTitle = record.title;
    ownKey = null;
    const fromWorker = titleHashes === null ? -1 : titleHashes.at(recordIndex, record);
    title = null;
    const hash = contentHashFrom(fromWorker === -1 ? titleKeyHash(record.title) : fromWorker, bylineKeys);
    const sameId = record.id === null ? undefined : byExplicitId.get(record.id);
    if (sameId && contentKeyOf(sameId) !== key()) {
      problems.push({
        severity: 'warning',
        file: record.source.file,
        line: record.source.line,
        message: `id "${record.id}" was already read at ${sameId.record.source.file}:${sameId.record.source.line} with a different title or author list; that first record is kept and this one is not loaded`,
      });
      continue;
    }
    const earlier = sameId ?? findByContent(hash, key);
    if (earlier) {
      duplicatesMerged += 1;
      earlier.addSource(record.source);
      registerAll(record, recordIndex);
      if (record.id !== null && record.id !== earlier.explicitId) {
        if (earlier.explicitId === null) earlier.explicitId = record.id;
        else if (earlier.otherIds === NO_IDS) earlier.otherIds = [record.id];
        else earlier.otherIds.push(record.id);
        byExplicitId.set(record.id, earlier);
      }
      for (const field of ['abstract', 'year', 'venue', 'url', 'doi'] as const) {
        if (
          (earlier.record[field] ?? null) === null &&
          earlier.fill[field] == null &&
          (record[field] ?? null) !== null
        ) {
          if (earlier.fill === NO_FILL) earlier.fill = {};
          (earlier.fill as Record<string, unknown>)[field] = record[field];
        }
      }
      // A complete copy of the byline settles it.
      if (!record.authorListIncomplete) earlier.incomplete = false;
      continue;
    }
    const byline = registerAll(record, recordIndex).slice();
    const paper = new PendingPaper(record, byline);
    pending.push(paper);
    if (record.id !== null && !byExplicitId.has(record.id)) byExplicitId.set(record.id, paper);
    // No paper with this content key is there yet (findByContent found none).
    const bucket = byContent.get(hash);
    if (bucket === undefined) byContent.set(hash, paper);
    else if (Array.isArray(bucket)) bucket.push(paper);
    else byContent.set(hash, [bucket, paper]);
  }

  return {
    papers: pending,
    authors: [...authorsByKey.values()],
    duplicatesMerged,
    problems,
    occurrenceLog: log,
  };
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
): { personKey(record: PaperRecord, index: number, nameKeys: { key: string; nameOnlyKey: string }): string } {
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
  // A position without ids gets one shared empty list, not a new one per position (30 million at 7.5 M papers).
  const idsAt = (record: PaperRecord, index: number): readonly ExternalId[] =>
    record.authorIdentities?.[index] ?? NO_EXTERNAL_IDS;

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
    personKey(record, index, nameKeys) {
      const first = idsAt(record, index)[0];
      if (first !== undefined) return `id:${find(externalIdKey(first))}`;
      const name = record.authors[index] as string;
      const { key, nameOnlyKey } = nameKeys;
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
export function displayName(
  author: Pick<MergedAuthor, 'aliasName' | 'firstSpelling' | 'firstCount' | 'variants'>,
): string {
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

/** `list` without repeats, first ones kept, in order: the same array (a long one, a new one). */
function uniqueInPlace<T>(list: T[]): T[] {
  if (list.length > 16) {
    const unique = new Set(list);
    if (unique.size === list.length) return list;
    list.length = 0;
    for (const item of unique) list.push(item);
    return list;
  }
  // Bylines are short: a scan beats building a set.
  let kept = 0;
  for (let k = 0; k < list.length; k += 1) {
    const item = list[k] as T;
    let seen = false;
    for (let j = 0; j < kept && !seen; j += 1) seen = list[j] === item;
    if (!seen) list[kept++] = item;
  }
  list.length = kept;
  return list;
}
