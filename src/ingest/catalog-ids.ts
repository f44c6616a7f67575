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
  /** Every id given out, papers' and authors'. */
  readonly taken: ReadonlySet<string>;
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
  return { paperIds, authorIds, taken };
}
