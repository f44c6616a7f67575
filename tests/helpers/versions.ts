/**
 * Network versions made directly in the tables (migration 0001), for tests of what follows a version
 * (the shared pass) without an importer: an `imports` row with the given input key and a version of it.
 */
import type { Database } from '../../src/db/database.ts';

export async function insertVersion(database: Database, inputKey = 'test-input'): Promise<string> {
  const { rows } = await database.query<{ id: string }>(
    `WITH i AS (INSERT INTO imports (input_key, files, paper_count) VALUES ($1, '[]'::jsonb, 0) RETURNING id)
     INSERT INTO network_versions (import_id, reason) SELECT id, 'import' FROM i RETURNING id`,
    [inputKey],
  );
  return (rows[0] as { id: string }).id;
}
