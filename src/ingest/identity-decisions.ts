/**
 * Identity decisions: what curators decided about who is who, as data, and their effect on a catalog.
 *
 * The catalog build (catalog.ts) decides identity from the records and the alias table; this pass
 * then applies the curators' decisions, in decision-id order, to the authors it made. It is pure: the
 * same catalog and the same decisions give the same authors and bylines, whether the decisions came
 * from a curation file or from PostgreSQL.
 *
 * - merge: several authors become one person. The first author listed (after earlier decisions) keeps
 *   its id; the others' ids redirect to it. `name` sets the display name (default: the first's).
 * - split: the papers that belong to another person (given by id, or by the spellings used on them)
 *   move to a new author named `name`. The original id stays with the part that keeps the canonical
 *   name: the part left behind, unless `name` is the canonical name, then the part split off. The
 *   other part gets a new id (a slug of its name, made unique).
 * - rename: a new display name; the id stays.
 * - accept: a duplicate candidate pair accepted is a merge without a new name.
 * - reject: the pair is not one person; `duplicateAuthorCandidates` never suggests it again.
 * - revert: undoes an earlier decision (a revert reverted restores it).
 *
 * A decision that no longer applies (the data changed, an author is gone) is skipped and reported as a
 * problem naming it: the network is still built.
 */
import { cleanText, identityKey, slugify } from './names.ts';
import type { Catalog, CatalogAuthor, CatalogPaper, NameVariant } from './catalog.ts';
import type { SourceLocation } from './records.ts';

export type DecisionAction =
  | { readonly kind: 'merge'; readonly authorIds: readonly string[]; readonly name: string | null }
  | {
      readonly kind: 'split';
      readonly authorId: string;
      readonly spellings: readonly string[] | null;
      readonly paperIds: readonly string[] | null;
      readonly name: string;
    }
  | { readonly kind: 'rename'; readonly authorId: string; readonly name: string }
  | { readonly kind: 'accept'; readonly authorIds: readonly string[] }
  | { readonly kind: 'reject'; readonly authorIds: readonly string[] }
  | { readonly kind: 'revert'; readonly decisionId: number };

export interface IdentityDecision {
  /** Increasing: decisions apply in this order. */
  readonly id: number;
  readonly action: DecisionAction;
}

export interface DecisionProblem {
  readonly decisionId: number;
  readonly message: string;
}

/** What the decisions leave besides the catalog: old ids and rejected pairs. */
export interface IdentityOutcome {
  /** A merged-away author id → the id of the person it is now (followed to the end). */
  readonly redirects: ReadonlyMap<string, string>;
  /** Pairs never to suggest again, as `pairKey` of current ids. */
  readonly rejectedPairs: ReadonlySet<string>;
  /** Per decision applied: the author ids it resulted in (a split: both parts, the original first). */
  readonly results: ReadonlyMap<number, readonly string[]>;
}

export interface CuratedCatalog {
  readonly catalog: Catalog;
  readonly identity: IdentityOutcome;
  readonly problems: readonly DecisionProblem[];
}

export const noIdentity: IdentityOutcome = { redirects: new Map(), rejectedPairs: new Set(), results: new Map() };

/** The key of an unordered pair of author ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** The ids of the decisions in effect, reverts included: those no revert in effect undoes. */
export function decisionsInEffect(decisions: readonly IdentityDecision[]): Set<number> {
  const sorted = [...decisions].sort((a, b) => a.id - b.id);
  const reverted = new Set<number>();
  // A revert always comes after what it reverts: walking backwards, each revert's fate is known.
  for (let i = sorted.length - 1; i >= 0; i -= 1) {
    const decision = sorted[i] as IdentityDecision;
    if (reverted.has(decision.id)) continue;
    if (decision.action.kind === 'revert') reverted.add(decision.action.decisionId);
  }
  return new Set(sorted.filter((decision) => !reverted.has(decision.id)).map((decision) => decision.id));
}

/** The decisions that shape the network: in effect, reverts left out (a revert of a revert restores). */
export function effectiveDecisions(decisions: readonly IdentityDecision[]): IdentityDecision[] {
  const inEffect = decisionsInEffect(decisions);
  return [...decisions]
    .sort((a, b) => a.id - b.id)
    .filter((decision) => inEffect.has(decision.id) && decision.action.kind !== 'revert');
}

/** The papers of `author` that a split moves: those listed, and those on which it was spelled one of `spellings`. */
export function papersToMove(
  author: Pick<CatalogAuthor, 'paperIds' | 'occurrences'>,
  sourcesOf: (paperId: string) => readonly SourceLocation[] | undefined,
  spellings: readonly string[] | null,
  paperIds: readonly string[] | null,
): Set<string> {
  const moved = new Set<string>();
  const own = new Set(author.paperIds);
  for (const id of paperIds ?? []) if (own.has(id)) moved.add(id);
  if (spellings !== null && spellings.length > 0) {
    const wanted = new Set(spellings.map(cleanText));
    const at = new Set(
      author.occurrences
        .filter((occurrence) => wanted.has(occurrence.spelling))
        .map((occurrence) => locationKey(occurrence.source)),
    );
    for (const id of author.paperIds) {
      if ((sourcesOf(id) ?? []).some((source) => at.has(locationKey(source)))) moved.add(id);
    }
  }
  return moved;
}

function locationKey(source: SourceLocation): string {
  return `${source.file}\u0000${source.line}`;
}

interface WorkingAuthor {
  id: string;
  name: string;
  variants: NameVariant[];
  paperIds: string[];
  externalIds: CatalogAuthor['externalIds'];
  occurrences: CatalogAuthor['occurrences'];
}

export interface ApplyOptions {
  /**
   * Ids taken outside `catalog` (a split's new id avoids them): for applying a decision to part of a
   * network (graph/identity-patch.ts), whose other authors, papers and merged-away ids are not in it.
   */
  readonly isTaken?: (id: string) => boolean;
}

/**
 * Applies the decisions in effect to the catalog's authors and bylines. The authors keep the
 * catalog's order: a merge removes the others where they were, a split puts the new author right
 * after the one it was split from (so the order after a decision follows from the order before it:
 * what lets a replica apply a decision to the network it serves, graph/identity-patch.ts).
 */
export function applyIdentityDecisions(
  catalog: Catalog,
  decisions: readonly IdentityDecision[],
  options: ApplyOptions = {},
): CuratedCatalog {
  const effective = effectiveDecisions(decisions);
  if (effective.length === 0) return { catalog, identity: noIdentity, problems: [] };

  const paperOrder = new Map<string, number>();
  const papersById = new Map<string, CatalogPaper>();
  catalog.papers.forEach((paper, index) => {
    paperOrder.set(paper.id, index);
    papersById.set(paper.id, paper);
  });
  const bylines = new Map<string, string[]>(catalog.papers.map((paper) => [paper.id, [...paper.authorIds]]));
  const authors = new Map<string, WorkingAuthor>();
  // The authors' order as a linked list: a split inserts after an author, a merge unlinks.
  const next = new Map<string, string | null>();
  const previous = new Map<string, string | null>();
  let first: string | null = null;
  let last: string | null = null;
  for (const author of catalog.authors) {
    authors.set(author.id, {
      id: author.id,
      name: author.name,
      variants: [...author.nameVariants],
      paperIds: [...author.paperIds],
      externalIds: author.externalIds,
      occurrences: author.occurrences,
    });
    previous.set(author.id, last);
    next.set(author.id, null);
    if (last === null) first = author.id;
    else next.set(last, author.id);
    last = author.id;
  }
  const unlink = (id: string) => {
    const before = previous.get(id) ?? null;
    const after = next.get(id) ?? null;
    if (before === null) first = after;
    else next.set(before, after);
    if (after !== null) previous.set(after, before);
    next.delete(id);
    previous.delete(id);
  };
  const insertAfter = (anchor: string, id: string) => {
    const after = next.get(anchor) ?? null;
    next.set(anchor, id);
    previous.set(id, anchor);
    next.set(id, after);
    if (after !== null) previous.set(after, id);
  };
  const taken = new Set<string>([...authors.keys(), ...papersById.keys()]);
  for (const paper of catalog.papers) for (const id of paper.alternateIds) taken.add(id);
  const redirects = new Map<string, string>();
  const resolve = (id: string): string => {
    let current = id;
    for (let next = redirects.get(current); next !== undefined; next = redirects.get(current)) current = next;
    return current;
  };
  const claim = (name: string): string => {
    const root = slugify(name) || 'author';
    const isTaken = (candidate: string) => taken.has(candidate) || options.isTaken?.(candidate) === true;
    let id = root;
    for (let n = 2; isTaken(id); n += 1) id = `${root}-${n}`;
    taken.add(id);
    return id;
  };
  const rejected: [string, string][] = [];
  const results = new Map<number, string[]>();
  const problems: DecisionProblem[] = [];
  const byPaperOrder = (a: string, b: string) => (paperOrder.get(a) ?? 0) - (paperOrder.get(b) ?? 0);

  const merge = (decisionId: number, ids: readonly string[], name: string | null) => {
    const people = uniqueResolved(ids, resolve);
    const missing = people.filter((id) => !authors.has(id));
    if (missing.length > 0) return fail(decisionId, `no author with id ${missing.map(quote).join(', ')}`);
    if (people.length < 2) return fail(decisionId, 'the authors given are one person already');
    const [targetId, ...others] = people as [string, ...string[]];
    const target = authors.get(targetId) as WorkingAuthor;
    const variants = new Map(target.variants.map((variant) => [variant.name, variant]));
    const papers = new Set(target.paperIds);
    const externalIds = [...target.externalIds];
    const occurrences = [...target.occurrences];
    for (const otherId of others) {
      const other = authors.get(otherId) as WorkingAuthor;
      for (const variant of other.variants) {
        const known = variants.get(variant.name);
        variants.set(variant.name, known ? { ...known, count: known.count + variant.count } : variant);
      }
      for (const id of other.paperIds) {
        papers.add(id);
        const byline = bylines.get(id) as string[];
        const replaced = byline.map((author) => (author === otherId ? targetId : author));
        bylines.set(
          id,
          replaced.filter((author, index) => replaced.indexOf(author) === index),
        );
      }
      for (const id of other.externalIds) {
        if (!externalIds.some((known) => known.scheme === id.scheme && known.value === id.value)) externalIds.push(id);
      }
      occurrences.push(...other.occurrences);
      authors.delete(otherId);
      unlink(otherId);
      redirects.set(otherId, targetId);
    }
    target.variants = [...variants.values()];
    target.paperIds = [...papers].sort(byPaperOrder);
    target.externalIds = externalIds;
    target.occurrences = occurrences;
    if (name !== null) target.name = name;
    results.set(decisionId, [targetId]);
  };

  const fail = (decisionId: number, message: string) => {
    problems.push({ decisionId, message });
  };

  for (const { id: decisionId, action } of effective) {
    switch (action.kind) {
      case 'merge':
        merge(decisionId, action.authorIds, action.name === null ? null : cleanText(action.name) || null);
        break;
      case 'accept':
        merge(decisionId, action.authorIds, null);
        break;
      case 'reject': {
        const people = uniqueResolved(action.authorIds, resolve);
        const missing = people.filter((id) => !authors.has(id));
        if (missing.length > 0) {
          fail(decisionId, `no author with id ${missing.map(quote).join(', ')}`);
          break;
        }
        if (people.length < 2) {
          fail(decisionId, 'the authors given are one person');
          break;
        }
        for (let i = 0; i < people.length; i += 1)
          for (let j = i + 1; j < people.length; j += 1) rejected.push([people[i] as string, people[j] as string]);
        results.set(decisionId, people);
        break;
      }
      case 'rename': {
        const authorId = resolve(action.authorId);
        const author = authors.get(authorId);
        const name = cleanText(action.name);
        if (author === undefined) fail(decisionId, `no author with id ${quote(action.authorId)}`);
        else if (name === '') fail(decisionId, 'the new name is empty');
        else {
          author.name = name;
          results.set(decisionId, [authorId]);
        }
        break;
      }
      case 'revert':
        break; // reverts only remove decisions from the effective list
      case 'split': {
        const authorId = resolve(action.authorId);
        const author = authors.get(authorId);
        const name = cleanText(action.name);
        if (author === undefined) {
          fail(decisionId, `no author with id ${quote(action.authorId)}`);
          break;
        }
        if (name === '') {
          fail(decisionId, 'the name of the person split off is empty');
          break;
        }
        const moved = papersToMove(
          author,
          (paperId) => papersById.get(paperId)?.sources,
          action.spellings,
          action.paperIds,
        );
        if (moved.size === 0) {
          fail(decisionId, `none of ${quote(authorId)}'s papers match the spellings or papers given`);
          break;
        }
        if (moved.size === author.paperIds.length) {
          fail(decisionId, `every paper of ${quote(authorId)} would move: nothing is left to split from`);
          break;
        }
        const movedAt = new Set<string>();
        for (const paperId of moved)
          for (const source of papersById.get(paperId)?.sources ?? []) movedAt.add(locationKey(source));
        const leaving = author.occurrences.filter((occurrence) => movedAt.has(locationKey(occurrence.source)));
        const staying = author.occurrences.filter((occurrence) => !movedAt.has(locationKey(occurrence.source)));
        const reason = new Map(author.variants.map((variant) => [variant.name, variant.mergedBy]));
        const variantsOf = (occurrences: CatalogAuthor['occurrences']): NameVariant[] => {
          const counts = new Map<string, number>();
          for (const occurrence of occurrences)
            counts.set(occurrence.spelling, (counts.get(occurrence.spelling) ?? 0) + 1);
          return [...counts].map(([spelling, count]) => ({
            name: spelling,
            count,
            mergedBy: reason.get(spelling) ?? 'name',
          }));
        };
        // The part named as the canonical name keeps the id; the other part gets a new one.
        const splitOffKeepsId = identityKey(name) === identityKey(author.name);
        const restName = splitOffKeepsId ? mostFrequent(variantsOf(staying)) || author.name : author.name;
        const newId = claim(splitOffKeepsId ? restName : name);
        const [keptPapers, newPapers] = splitOffKeepsId
          ? [[...moved], author.paperIds.filter((id) => !moved.has(id))]
          : [author.paperIds.filter((id) => !moved.has(id)), [...moved]];
        const [keptOccurrences, newOccurrences] = splitOffKeepsId ? [leaving, staying] : [staying, leaving];
        for (const paperId of newPapers) {
          const byline = bylines.get(paperId) as string[];
          bylines.set(
            paperId,
            byline.map((id) => (id === authorId ? newId : id)),
          );
        }
        authors.set(newId, {
          id: newId,
          name: splitOffKeepsId ? restName : name,
          variants: variantsOf(newOccurrences),
          paperIds: newPapers.sort(byPaperOrder),
          // External ids joined this person: which part they belong to is not known, so neither keeps them.
          externalIds: [],
          occurrences: newOccurrences,
        });
        insertAfter(authorId, newId);
        author.name = splitOffKeepsId ? name : author.name;
        author.variants = variantsOf(keptOccurrences);
        author.paperIds = keptPapers.sort(byPaperOrder);
        author.occurrences = keptOccurrences;
        results.set(decisionId, [authorId, newId]);
        break;
      }
    }
  }

  const papers: CatalogPaper[] = catalog.papers.map((paper) => {
    const byline = bylines.get(paper.id) as string[];
    return sameList(byline, paper.authorIds) ? paper : { ...paper, authorIds: byline };
  });
  const ordered: WorkingAuthor[] = [];
  for (let id = first; id !== null; id = next.get(id) ?? null) ordered.push(authors.get(id) as WorkingAuthor);
  const curatedAuthors: CatalogAuthor[] = ordered.map((author) => ({
    id: author.id,
    name: author.name,
    nameVariants: author.variants,
    paperIds: author.paperIds,
    externalIds: author.externalIds,
    occurrences: author.occurrences,
  }));
  const finalRedirects = new Map<string, string>();
  for (const from of redirects.keys()) finalRedirects.set(from, resolve(from));
  const rejectedPairs = new Set<string>();
  for (const [a, b] of rejected) {
    const left = resolve(a);
    const right = resolve(b);
    if (left !== right) rejectedPairs.add(pairKey(left, right));
  }
  return {
    catalog: { ...catalog, papers, authors: curatedAuthors },
    identity: { redirects: finalRedirects, rejectedPairs, results },
    problems,
  };
}

function uniqueResolved(ids: readonly string[], resolve: (id: string) => string): string[] {
  return [...new Set(ids.map((id) => resolve(id)))];
}

function mostFrequent(variants: readonly NameVariant[]): string {
  let best = '';
  let count = 0;
  for (const variant of variants)
    if (variant.count > count) {
      best = variant.name;
      count = variant.count;
    }
  return best;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/**
 * Old ids and rejected pairs from the decisions alone (no catalog needed: a network read from the
 * snapshot cache gets them too). A merge redirects every id after the first to the first.
 */
export function identityFromDecisions(
  decisions: readonly IdentityDecision[],
): Pick<IdentityOutcome, 'redirects' | 'rejectedPairs'> {
  const redirects = new Map<string, string>();
  const resolve = (id: string): string => {
    let current = id;
    const seen = new Set<string>();
    for (let next = redirects.get(current); next !== undefined && !seen.has(next); next = redirects.get(current)) {
      seen.add(current);
      current = next;
    }
    return current;
  };
  const rejected: [string, string][] = [];
  for (const { action } of effectiveDecisions(decisions)) {
    if (action.kind === 'merge' || action.kind === 'accept') {
      const [first, ...others] = uniqueResolved(action.authorIds, resolve);
      if (first !== undefined) for (const other of others) redirects.set(other, first);
    } else if (action.kind === 'reject') {
      const people = uniqueResolved(action.authorIds, resolve);
      for (let i = 0; i < people.length; i += 1)
        for (let j = i + 1; j < people.length; j += 1) rejected.push([people[i] as string, people[j] as string]);
    }
  }
  const finalRedirects = new Map<string, string>();
  for (const from of redirects.keys()) finalRedirects.set(from, resolve(from));
  const rejectedPairs = new Set<string>();
  for (const [a, b] of rejected) if (resolve(a) !== resolve(b)) rejectedPairs.add(pairKey(resolve(a), resolve(b)));
  return { redirects: finalRedirects, rejectedPairs };
}

/** Checks the shape of a decision read from a file or a database row; throws with what is wrong. */
export function parseDecisionAction(value: unknown): DecisionAction {
  const object = value as Record<string, unknown> | null;
  const strings = (field: string, list: unknown): string[] => {
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
      throw new Error(`"${field}" must be a list of strings`);
    return list as string[];
  };
  const text = (field: string, item: unknown): string => {
    if (typeof item !== 'string') throw new Error(`"${field}" must be a string`);
    return item;
  };
  if (object === null || typeof object !== 'object') throw new Error('a decision must be an object');
  switch (object['kind']) {
    case 'merge':
      return {
        kind: 'merge',
        authorIds: strings('authorIds', object['authorIds']),
        name: object['name'] == null ? null : text('name', object['name']),
      };
    case 'split':
      return {
        kind: 'split',
        authorId: text('authorId', object['authorId']),
        spellings: object['spellings'] == null ? null : strings('spellings', object['spellings']),
        paperIds: object['paperIds'] == null ? null : strings('paperIds', object['paperIds']),
        name: text('name', object['name']),
      };
    case 'rename':
      return { kind: 'rename', authorId: text('authorId', object['authorId']), name: text('name', object['name']) };
    case 'accept':
    case 'reject':
      return { kind: object['kind'], authorIds: strings('authorIds', object['authorIds']) };
    case 'revert': {
      const id = object['decisionId'];
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new Error('"decisionId" must be an integer');
      return { kind: 'revert', decisionId: id };
    }
    default:
      throw new Error(`unknown decision kind ${JSON.stringify(object['kind'])}`);
  }
}

/** The author ids a decision is about (what two concurrent decisions conflict on). */
export function authorsTouched(action: DecisionAction): string[] {
  switch (action.kind) {
    case 'merge':
    case 'accept':
    case 'reject':
      return [...action.authorIds];
    case 'split':
    case 'rename':
      return [action.authorId];
    case 'revert':
      return [];
  }
}
