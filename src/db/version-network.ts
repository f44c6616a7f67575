/**
 * A network version of the shared store as a network in memory: the version's import read back from
 * the store (paper-store.ts), its catalog and columns built exactly as from files, by default in a
 * worker thread of its own (version-network-worker.ts) so a replica that is serving keeps answering
 * while the next version is built; the columns come back on shared memory, nothing is copied.
 *
 * The network's version id (`network.version`, `Query.networkVersion`, `x-network-version`) is the
 * store's version id: every replica serving version 7 says "7", whatever machine built it.
 *
 * Curation seam: a version is the papers of one import plus the identity decisions with an id up to
 * its `curation_through` (migration 0001). This module does not know how decisions are stored; a
 * caller that does passes `identity`, which turns a version into extra identity input for the
 * catalog build (`IdentityInput`, plain data so it can be posted to the worker). Without it, or
 * for `curation_through` 0, the import is built as it was imported.
 */
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { setCuratedIdentity } from '../graph/curated-identity.ts';
import { buildCatalog } from '../ingest/catalog.ts';
import { type IdentityDecision, applyIdentityDecisions, identityFromDecisions } from '../ingest/identity-decisions.ts';
import { identityKey } from '../ingest/names.ts';
import type { Problem } from '../ingest/records.ts';
import { type NetworkColumns, columnsFromCatalog } from '../graph/network-columns.ts';
import { type CoauthorNetwork, networkOf } from '../graph/network.ts';
import type { Database, DatabaseClient } from './database.ts';
import { readImportRows } from './paper-store.ts';

export interface StoredVersion {
  readonly id: number;
  readonly importId: number;
  /** Identity decisions with an id up to this one apply (0: none). */
  readonly curationThrough: number;
  readonly reason: string;
  readonly createdAt: Date;
}

/**
 * Extra identity input for a version's catalog build, made from its curation decisions. JSON-like
 * data only (it is posted to the worker thread). `aliases`: [variant, canonical] pairs applied over
 * the import's alias table (a later pair for the same variant wins).
 */
export interface IdentityInput {
  readonly aliases?: readonly (readonly [variant: string, canonical: string])[];
  /** Curators' decisions (merge, split, rename, ...), applied to the catalog as from a curation file. */
  readonly decisions?: readonly IdentityDecision[];
}

export type IdentitySeam = (version: StoredVersion, database: Database) => Promise<IdentityInput | null>;

export interface VersionLoadOptions {
  /** Build in a worker thread (default true); false builds in this thread (tools, tests). */
  readonly inWorker?: boolean;
  /** Curation: the version's identity decisions as catalog input (see the header). Unused by default. */
  readonly identity?: IdentitySeam;
}

export interface VersionNetwork {
  readonly version: StoredVersion;
  readonly network: CoauthorNetwork;
  readonly recordCount: number;
  readonly duplicatesMerged: number;
  /** The catalog's warnings (the records were checked when they were imported). */
  readonly problems: readonly Problem[];
}

/** What the builder hands back (from the worker: on shared memory). */
export interface BuiltVersion {
  readonly columns: NetworkColumns;
  readonly recordCount: number;
  readonly duplicatesMerged: number;
  readonly problems: readonly Problem[];
}

/** The ids merged away and the rejected pairs of a curated version, beside its network. */
export function applyCuratedIdentity(
  network: CoauthorNetwork,
  version: StoredVersion,
  decisions: readonly IdentityDecision[],
): void {
  setCuratedIdentity(network, { ...identityFromDecisions(decisions), curationThrough: version.curationThrough });
}

/** The name a version goes by in answers: its id in the store. */
export function storeVersionName(versionId: number): string {
  return String(versionId);
}

interface VersionRow {
  id: string;
  import_id: string;
  curation_through: string;
  reason: string;
  created_at: Date;
}

function versionOf(row: VersionRow): StoredVersion {
  return {
    id: Number(row.id),
    importId: Number(row.import_id),
    curationThrough: Number(row.curation_through),
    reason: row.reason,
    createdAt: row.created_at,
  };
}

const VERSION_COLUMNS = 'id, import_id, curation_through, reason, created_at';

/** The newest committed version (what replicas serve), or null before the first import. */
export async function currentVersion(database: Database | DatabaseClient | pg.Client): Promise<StoredVersion | null> {
  const { rows } = await database.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM network_versions ORDER BY id DESC LIMIT 1`,
  );
  return rows[0] === undefined ? null : versionOf(rows[0]);
}

export async function versionById(database: Database | DatabaseClient, id: number): Promise<StoredVersion | null> {
  const { rows } = await database.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM network_versions WHERE id = $1`, [
    id,
  ]);
  return rows[0] === undefined ? null : versionOf(rows[0]);
}

/** Reads a version's import and builds its columns (in whatever thread calls it). */
export async function buildVersionColumns(
  client: DatabaseClient | pg.Client,
  version: StoredVersion,
  identity: IdentityInput | null,
): Promise<BuiltVersion> {
  const stored = await readImportRows(client as DatabaseClient, version.importId);
  let aliases = stored.aliases;
  if (identity?.aliases !== undefined && identity.aliases.length > 0) {
    const canonicalByKey = new Map(aliases.canonicalByKey);
    for (const [variant, canonical] of identity.aliases) canonicalByKey.set(identityKey(variant), canonical);
    aliases = { canonicalByKey, file: aliases.file };
  }
  let catalog = buildCatalog(stored.records, aliases);
  if (identity?.decisions !== undefined && identity.decisions.length > 0) {
    catalog = applyIdentityDecisions(catalog, identity.decisions).catalog;
  }
  return {
    columns: columnsFromCatalog(catalog, { maxAuthorsPerPaper: stored.maxAuthorsPerPaper }),
    recordCount: stored.records.length,
    duplicatesMerged: catalog.duplicatesMerged,
    problems: catalog.problems,
  };
}

const WORKER_ENTRY = new URL('./version-network-worker.mjs', import.meta.url);

/** The URL a pool connects with (the worker opens a connection of its own). */
function urlOf(database: Database): string {
  const url = database.options.connectionString;
  if (url === undefined) throw new Error('version network: the database pool has no connection string');
  return url;
}

function buildInWorker(url: string, version: StoredVersion, identity: IdentityInput | null): Promise<BuiltVersion> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: { url, version, identity } });
    let settled = false;
    worker.once('message', (reply: ({ ok: true } & BuiltVersion) | { ok: false; message: string }) => {
      settled = true;
      if (reply.ok) resolve(reply);
      else reject(new Error(reply.message));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the version builder stopped (exit code ${code})`));
    });
  });
}

/** The network of store version `versionId` (an error when there is no such version). */
export async function loadVersionNetwork(
  database: Database,
  versionId: number,
  options: VersionLoadOptions = {},
): Promise<VersionNetwork> {
  const version = await versionById(database, versionId);
  if (version === null) throw new Error(`the store has no network version ${versionId}`);
  const identity =
    version.curationThrough > 0 && options.identity !== undefined ? await options.identity(version, database) : null;
  let built: BuiltVersion;
  if (options.inWorker === false) {
    const client = await database.connect();
    try {
      built = await buildVersionColumns(client, version, identity);
    } finally {
      client.release();
    }
  } else {
    built = await buildInWorker(urlOf(database), version, identity);
  }
  const network = networkOf(built.columns, { version: storeVersionName(version.id) });
  if (identity?.decisions !== undefined) applyCuratedIdentity(network, version, identity.decisions);
  return {
    version,
    network,
    recordCount: built.recordCount,
    duplicatesMerged: built.duplicatesMerged,
    problems: built.problems,
  };
}
