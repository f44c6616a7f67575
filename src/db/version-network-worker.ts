/**
 * Builds one store version's network columns off the main thread (see version-network.ts): reads the
 * import over a connection of its own, builds the catalog and the columns, posts them back (shared
 * memory: nothing is copied) and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { type IdentityInput, type StoredVersion, buildVersionColumns } from './version-network.ts';
import { errorMessage } from '../error-message.ts';

const { url, version, identity } = workerData as {
  url: string;
  version: StoredVersion;
  identity: IdentityInput | null;
};
const client = new pg.Client({ connectionString: url, application_name: 'coauthor-graph version builder' });
try {
  await client.connect();
  const built = await buildVersionColumns(client, version, identity);
  parentPort?.postMessage({ ok: true, ...built });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: errorMessage(error) });
} finally {
  await client.end().catch(() => undefined);
}
