/**
 * The catalog's last pass: the papers and authors as the rest of the program reads them, from the
 * merged records (src/ingest/catalog-merge.ts) and their ids (src/ingest/catalog-ids.ts).
 */
import type { AliasTable } from './aliases.ts';
import type { Catalog, CatalogAuthor, CatalogPaper } from './catalog.ts';
import { type CatalogIds, alternateIdsOf } from './catalog-ids.ts';
import { type MergedAuthor, type MergedRecords, displayName, idsOf, variantsOf } from './catalog-merge.ts';
import { identityKey } from './names.ts';

export function materialize(merged: MergedRecords, ids: CatalogIds, aliases: AliasTable): Catalog {
  const idOf = (list: readonly string[], index: number | undefined): string => {
    const id = index === undefined ? undefined : list[index];
    if (id === undefined)
      throw new Error('materialize: a paper or author without an id (assignIds was not run on these records)');
    return id;
  };
  const authorIndex = new Map<MergedAuthor, number>(merged.authors.map((author, index) => [author, index]));
  const authorId = (author: MergedAuthor) => idOf(ids.authorIds, authorIndex.get(author));
  const papersOf = new Map<MergedAuthor, string[]>();
  const papers: CatalogPaper[] = merged.papers.map((paper, index) => {
    const { record, fill } = paper;
    const id = idOf(ids.paperIds, index);
    for (const author of paper.byline) {
      const list = papersOf.get(author);
      if (list === undefined) papersOf.set(author, [id]);
      else list.push(id);
    }
    return {
      id,
      title: record.title,
      abstract: record.abstract ?? fill.abstract ?? null,
      year: record.year ?? fill.year ?? null,
      venue: record.venue ?? fill.venue ?? null,
      url: record.url ?? fill.url ?? null,
      doi: record.doi ?? fill.doi ?? null,
      authorIds: paper.byline.map(authorId),
      authorListIncomplete: paper.incomplete,
      source: record.source,
      sources: [...paper.sources],
      alternateIds: [...alternateIdsOf(ids, index)],
    };
  });

  const authors: CatalogAuthor[] = merged.authors.map((author, index) => {
    const name = displayName(author);
    const nameKey = identityKey(name);
    return {
      id: idOf(ids.authorIds, index),
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
      paperIds: papersOf.get(author) ?? [],
      externalIds: idsOf(author),
      occurrences: author.occurrences,
    };
  });

  return { papers, authors, duplicatesMerged: merged.duplicatesMerged, problems: merged.problems };
}
