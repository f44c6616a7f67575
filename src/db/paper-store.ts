/**
 * The papers of each import in the shared store (tables of migration 0002): written once by
 * `coauthor-graph import` with COPY, read back by every replica that builds the import's network.
 *
 * What is kept is what was parsed, not the network: every `PaperRecord` in input order (ids, title,
 * abstract, year, venue, url, DOI, byline spellings with their external ids, file and line) and the
 * alias table. The catalog and the network are built from them exactly as from the files, so a
 * version built from the store has the same network version id as the same files loaded directly;
 * a change to the building rules applies to every stored import alike.
 */
import { createHash } from 'node:crypto';
import type { AliasTable } from '../ingest/aliases.ts';
import type { Catalog, CatalogPaper } from '../ingest/catalog.ts';
import type { ExternalId, PaperRecord } from '../ingest/records.ts';
import { copyRowsIn, copyRowsOut, encodeCopyRow } from './copy-text.ts';
import type { DatabaseClient } from './database.ts';

/** Everything that shapes an import's network besides its records. */
export interface ImportOptions {
  readonly inputFormat: string | null;
  readonly maxAuthorsPerPaper: number | null;
}

export interface StoredImport extends ImportOptions {
  readonly importId: number;
  readonly records: PaperRecord[];
  readonly aliases: AliasTable;
}

/** Writes an import's records, aliases and paper digests with COPY; the caller holds the transaction. */
export async function writeImportRows(
  client: DatabaseClient,
  importId: number,
  records: readonly PaperRecord[],
  aliases: AliasTable,
  catalog: Pick<Catalog, 'papers'>,
): Promise<void> {
  const id = String(importId);
  await copyRowsIn(
    client,
    'papers (import_id, position, source_id, title, abstract, year, venue, url, doi, author_list_incomplete, source_file, source_line)',
    (function* () {
      for (const [position, record] of records.entries()) {
        yield encodeCopyRow([
          id,
          position,
          record.id,
          record.title,
          record.abstract,
          record.year,
          record.venue,
          record.url,
          record.doi ?? null,
          record.authorListIncomplete === true,
          record.source.file,
          record.source.line,
        ]);
      }
    })(),
  );
  await copyRowsIn(
    client,
    'authorships (import_id, paper_position, position, name, external_ids)',
    (function* () {
      for (const [paper, record] of records.entries()) {
        for (const [position, name] of record.authors.entries()) {
          const ids = record.authorIdentities?.[position] ?? [];
          yield encodeCopyRow([id, paper, position, name, ids.length === 0 ? null : JSON.stringify(ids)]);
        }
      }
    })(),
  );
  await copyRowsIn(
    client,
    'import_aliases (import_id, variant_key, canonical)',
    (function* () {
      for (const [variantKey, canonical] of aliases.canonicalByKey) yield encodeCopyRow([id, variantKey, canonical]);
    })(),
  );
  await copyRowsIn(
    client,
    'import_paper_digests (import_id, paper_id, digest)',
    (function* () {
      for (const paper of catalog.papers) yield encodeCopyRow([id, paper.id, paperDigest(paper)]);
    })(),
  );
}

/**
 * A digest of what a paper says (title, abstract, year, venue, url, DOI, authors, other ids), not of
 * where it was read: a paper that only moved in its file is not "changed".
 */
export function paperDigest(paper: CatalogPaper): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        paper.title,
        paper.abstract,
        paper.year,
        paper.venue,
        paper.url,
        paper.doi,
        paper.authorIds,
        paper.alternateIds,
        paper.authorListIncomplete,
      ]),
    )
    .digest('base64');
}

/** The records and the alias table of an import, as they were written. */
export async function readImportRows(client: DatabaseClient, importId: number): Promise<StoredImport> {
  const { rows } = await client.query<{
    input_format: string | null;
    max_authors_per_paper: number | null;
    alias_file: string | null;
  }>('SELECT input_format, max_authors_per_paper, alias_file FROM imports WHERE id = $1', [importId]);
  const row = rows[0];
  if (row === undefined) throw new Error(`paper store: import ${importId} does not exist`);
  const id = Number(importId);
  if (!Number.isSafeInteger(id)) throw new Error(`paper store: import id ${importId} is not an integer`);

  interface Pending {
    id: string | null;
    title: string;
    authors: string[];
    identities: ExternalId[][];
    anyIdentity: boolean;
    abstract: string | null;
    year: number | null;
    venue: string | null;
    url: string | null;
    doi: string | null;
    incomplete: boolean;
    file: string;
    line: number;
  }
  const pending: Pending[] = [];
  await copyRowsOut(
    client,
    `SELECT position, source_id, title, abstract, year, venue, url, doi, author_list_incomplete, source_file, source_line FROM papers WHERE import_id = ${id} ORDER BY position`,
    (fields) => {
      if (Number(fields[0]) !== pending.length)
        throw new Error(`paper store: import ${id} misses record ${pending.length}`);
      pending.push({
        id: fields[1] ?? null,
        title: fields[2] ?? '',
        authors: [],
        identities: [],
        anyIdentity: false,
        abstract: fields[3] ?? null,
        year: fields[4] == null ? null : Number(fields[4]),
        venue: fields[5] ?? null,
        url: fields[6] ?? null,
        doi: fields[7] ?? null,
        incomplete: fields[8] === 't',
        file: fields[9] ?? '',
        line: Number(fields[10]),
      });
    },
  );
  await copyRowsOut(
    client,
    `SELECT paper_position, name, external_ids FROM authorships WHERE import_id = ${id} ORDER BY paper_position, position`,
    (fields) => {
      const paper = pending[Number(fields[0])];
      if (paper === undefined) throw new Error(`paper store: an authorship of import ${id} names no record`);
      paper.authors.push(fields[1] ?? '');
      const ids = fields[2] == null ? [] : (JSON.parse(fields[2]) as ExternalId[]);
      if (ids.length > 0) paper.anyIdentity = true;
      paper.identities.push(ids);
    },
  );
  const canonicalByKey = new Map<string, string>();
  await copyRowsOut(
    client,
    `SELECT variant_key, canonical FROM import_aliases WHERE import_id = ${id} ORDER BY variant_key`,
    (fields) => canonicalByKey.set(fields[0] ?? '', fields[1] ?? ''),
  );
  const records = pending.map((paper): PaperRecord => ({
    id: paper.id,
    title: paper.title,
    authors: paper.authors,
    abstract: paper.abstract,
    year: paper.year,
    venue: paper.venue,
    url: paper.url,
    source: { file: paper.file, line: paper.line },
    doi: paper.doi,
    ...(paper.anyIdentity ? { authorIdentities: paper.identities } : {}),
    ...(paper.incomplete ? { authorListIncomplete: true } : {}),
  }));
  return {
    importId: id,
    records,
    aliases: { canonicalByKey, file: row.alias_file },
    inputFormat: row.input_format,
    maxAuthorsPerPaper: row.max_authors_per_paper,
  };
}

/** Paper id → digest of an import's papers. */
export async function readPaperDigests(client: DatabaseClient, importId: number): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  await copyRowsOut(
    client,
    `SELECT paper_id, digest FROM import_paper_digests WHERE import_id = ${Number(importId)}`,
    (fields) => digests.set(fields[0] ?? '', fields[1] ?? ''),
  );
  return digests;
}
