/**
 * An import: parsed files become a new network version of the shared store, in ONE transaction.
 *
 * Imports take turns (a transaction-level advisory lock), so "the latest import" each compares with
 * is the one committed last. The same inputs as the latest import (same input key: the files' bytes,
 * the alias file, the options) are a no-op. Otherwise the import row, its records (COPY, see
 * paper-store.ts), the summary of what changed against the latest import (papers added, removed and
 * changed, by id) and the version row are written, the version is announced with NOTIFY (delivered
 * at commit), and the transaction commits. An import killed or failing at any point before the
 * commit leaves nothing: no import row, no papers, no version, no notification.
 *
 * A new version carries the identity decisions of the version it follows (`curation_through`):
 * curators' fixes survive a re-import.
 */
import type { AliasTable } from '../ingest/aliases.ts';
import type { Catalog } from '../ingest/catalog.ts';
import type { PaperRecord } from '../ingest/records.ts';
import { type Database, inTransaction } from './database.ts';
import { type ImportOptions, paperDigest, readPaperDigests, writeImportRows } from './paper-store.ts';

/** The channel new versions are announced on (payload: the version id), as migration 0001 says. */
export const VERSIONS_CHANNEL = 'coauthor_graph_versions';

/** Any constant of our own: imports take turns on it. */
const IMPORT_LOCK = 0x636f6169;

/** How many ids of each kind a summary keeps (the counts are always whole). */
export const SUMMARY_ID_LIMIT = 1000;

export interface ImportFile {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly role: 'data' | 'aliases';
}

export interface ImportInput extends ImportOptions {
  /** The input key (src/commands/input-key.ts). */
  readonly key: string;
  readonly files: readonly ImportFile[];
  readonly records: readonly PaperRecord[];
  readonly aliases: AliasTable;
  readonly catalog: Pick<Catalog, 'papers'>;
}

/** What changed against the import before (every paper is "added" for the first). */
export interface ImportSummary {
  readonly previousImportId: number | null;
  readonly papers: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly unchanged: number;
  /** The first SUMMARY_ID_LIMIT ids of each kind, sorted. */
  readonly addedIds: readonly string[];
  readonly removedIds: readonly string[];
  readonly changedIds: readonly string[];
}

export type ImportOutcome =
  | { readonly kind: 'unchanged'; readonly importId: number; readonly versionId: number }
  | {
      readonly kind: 'imported';
      readonly importId: number;
      readonly versionId: number;
      readonly summary: ImportSummary;
    };

export async function importVersion(database: Database, input: ImportInput): Promise<ImportOutcome> {
  return inTransaction(database, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    const latest = await client.query<{ import_id: string; input_key: string; version_id: string | null }>(
      `SELECT i.id AS import_id, i.input_key,
              (SELECT max(v.id) FROM network_versions v WHERE v.import_id = i.id) AS version_id
         FROM imports i ORDER BY i.id DESC LIMIT 1`,
    );
    const previous = latest.rows[0];
    if (previous !== undefined && previous.input_key === input.key && previous.version_id !== null) {
      return { kind: 'unchanged', importId: Number(previous.import_id), versionId: Number(previous.version_id) };
    }
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO imports (input_key, files, paper_count, input_format, max_authors_per_paper, alias_file, record_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        input.key,
        JSON.stringify(input.files),
        input.catalog.papers.length,
        input.inputFormat,
        input.maxAuthorsPerPaper,
        input.aliases.file,
        input.records.length,
      ],
    );
    const importId = Number(inserted.rows[0]!.id);
    await writeImportRows(client, importId, input.records, input.aliases, input.catalog);

    const before =
      previous === undefined ? new Map<string, string>() : await readPaperDigests(client, Number(previous.import_id));
    const summary = summarize(previous === undefined ? null : Number(previous.import_id), before, input.catalog);
    await client.query('UPDATE imports SET summary = $2 WHERE id = $1', [importId, JSON.stringify(summary)]);

    const curation = await client.query<{ curation_through: string }>(
      'SELECT curation_through FROM network_versions ORDER BY id DESC LIMIT 1',
    );
    const version = await client.query<{ id: string }>(
      `INSERT INTO network_versions (import_id, curation_through, reason, summary)
       VALUES ($1, $2, 'import', $3) RETURNING id`,
      [
        importId,
        curation.rows[0]?.curation_through ?? 0,
        JSON.stringify({ added: summary.added, removed: summary.removed, changed: summary.changed }),
      ],
    );
    const versionId = Number(version.rows[0]!.id);
    await client.query('SELECT pg_notify($1, $2)', [VERSIONS_CHANNEL, String(versionId)]);
    return { kind: 'imported', importId, versionId, summary };
  });
}

function summarize(
  previousImportId: number | null,
  before: ReadonlyMap<string, string>,
  catalog: Pick<Catalog, 'papers'>,
): ImportSummary {
  const added: string[] = [];
  const changed: string[] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const paper of catalog.papers) {
    seen.add(paper.id);
    const earlier = before.get(paper.id);
    if (earlier === undefined) added.push(paper.id);
    else if (earlier !== paperDigest(paper)) changed.push(paper.id);
    else unchanged += 1;
  }
  const removed = [...before.keys()].filter((id) => !seen.has(id));
  const first = (ids: string[]) => ids.sort().slice(0, SUMMARY_ID_LIMIT);
  return {
    previousImportId,
    papers: catalog.papers.length,
    added: added.length,
    removed: removed.length,
    changed: changed.length,
    unchanged,
    addedIds: first(added),
    removedIds: first(removed),
    changedIds: first(changed),
  };
}
