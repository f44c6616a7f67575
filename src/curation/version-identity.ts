/**
 * The curation seam of the shared store (src/db/version-network.ts): a version applies every identity
 * decision up to its `curation_through`; this reads them, so that every way of loading a version
 * (replicas, report/export/check with --database, centrality workers) builds the same curated network.
 */
import type { Database } from '../db/database.ts';
import type { IdentitySeam } from '../db/version-network.ts';
import { loadIdentityDecisions } from './pg-store.ts';

export const versionIdentity: IdentitySeam = async (version, database: Database) =>
  version.curationThrough === 0 ? null : { decisions: await loadIdentityDecisions(database, version.curationThrough) };
