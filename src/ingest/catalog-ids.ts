/**
 * The catalog's second pass: ids. Papers keep their explicit source id (claimed first, so that one
 * always wins over a slug whatever the input order), else get a slug of their title; authors get a
 * slug of their display name. Every id is claimed once across papers and authors (a taken one gets
 * `-2`, `-3`, ...), so one `node(id)` lookup is unambiguous.
 */
import { type MergedAuthor, type MergedPaper, type MergedRecords, displayName } from './catalog-merge.ts';
import { slugify } from './names.ts';

export interface CatalogIds {
  readonly paperIds: ReadonlyMap<MergedPaper, string>;
  readonly authorIds: ReadonlyMap<MergedAuthor, string>;
  /** Every id given out, papers' and authors'. */
  readonly taken: ReadonlySet<string>;
}

export function assignIds(merged: Pick<MergedRecords, 'papers' | 'authors'>): CatalogIds {
  const taken = new Set<string>();
  const claim = (base: string, fallback: string): string => {
    const root = base === '' ? fallback : base;
    let id = root;
    for (let n = 2; taken.has(id); n += 1) id = `${root}-${n}`;
    taken.add(id);
    return id;
  };
  const paperIds = new Map<MergedPaper, string>();
  for (const paper of merged.papers) {
    if (paper.explicitId !== null) paperIds.set(paper, claim(paper.explicitId, 'paper'));
  }
  for (const paper of merged.papers) {
    if (!paperIds.has(paper)) paperIds.set(paper, claim(slugify(paper.record.title), 'paper'));
  }
  const authorIds = new Map<MergedAuthor, string>();
  for (const author of merged.authors) authorIds.set(author, claim(slugify(displayName(author)), 'author'));
  return { paperIds, authorIds, taken };
}
