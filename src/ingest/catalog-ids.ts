/**
 * The catalog's second pass: ids. Papers keep their explicit source id (claimed first, so that one
 * always wins over a slug whatever the input order), else get a slug of their title; authors get a
 * slug of their display name. Every id is claimed once across papers and authors (a taken one gets
 * `-2`, `-3`, ...), so one `node(id)` lookup is unambiguous.
 */
import { type MergedRecords, displayName } from './catalog-merge.ts';
import { slugify } from './names.ts';

export interface CatalogIds {
  /** Each paper's id, by its place in the merged papers. */
  readonly paperIds: readonly string[];
  /** Each author's id, by its place in the merged authors. */
  readonly authorIds: readonly string[];
  /**
   * The alternate ids of the papers that have some, by the paper's place: its records' other explicit
   * ids, each once, but for those that are another paper's or an author's id (those stay theirs).
   * The set of every id given out is not kept: at 1 M synthetic papers it was 80 MB, held beside the
   * records while the network's rows were made (the load's peak).
   */
  readonly alternateIds: ReadonlyMap<number, readonly string[]>;
}

/** A paper's alternate ids (`CatalogIds.alternateIds`; none for most). */
export function alternateIdsOf(ids: CatalogIds, paper: number): readonly string[] {
  return ids.alternateIds.get(paper) ?? [];
}

export function assignIds(merged: Pick<MergedRecords, 'papers' | 'authors'>): CatalogIds {
  const taken = new Set<string>();
  const claim = (base: string, fallback: string): string => {
    const root = base === '' ? fallback : base;
    // Most ids are free: one look-up (the add) tells, where `has` and then `add` took two.
    const before = taken.size;
    taken.add(root);
    if (taken.size > before) return root;
    let id = root;
    for (let n = 2; taken.has(id); n += 1) id = `${root}-${n}`;
    taken.add(id);
    return id;
  };
  const { papers, authors } = merged;
  const paperIds = new Array<string>(papers.length);
  for (let k = 0; k < papers.length; k += 1) {
    const { explicitId } = papers[k] as MergedRecords['papers'][number];
    if (explicitId !== null) paperIds[k] = claim(explicitId, 'paper');
  }
  for (let k = 0; k < papers.length; k += 1) {
    const paper = papers[k] as MergedRecords['papers'][number];
    if (paper.explicitId === null) paperIds[k] = claim(slugify(paper.record.title), 'paper');
  }
  const authorIds = new Array<string>(authors.length);
  for (let k = 0; k < authors.length; k += 1)
    authorIds[k] = claim(slugify(displayName(authors[k] as MergedRecords['authors'][number])), 'author');
  const alternateIds = new Map<number, string[]>();
  for (let k = 0; k < papers.length; k += 1) {
    const { otherIds } = papers[k] as MergedRecords['papers'][number];
    if (otherIds.length === 0) continue;
    const alternates = [...new Set(otherIds)].filter((other) => !taken.has(other));
    if (alternates.length > 0) alternateIds.set(k, alternates);
  }
  return { paperIds, authorIds, alternateIds };
}
