/**
 * Which network a version is, for `centrality-worker` until versions load from the database: the files
 * (`--data`, `--aliases`, ...) or the snapshot (`--snapshot`) given on the command line, parsed once,
 * and accepted for a version only when they are what the version was imported from: the same input
 * key (src/commands/input-key.ts) as the version's import, and no curation applied on top of them.
 * The shared pass checks the network's fingerprint besides (src/db/shared-pass.ts).
 */
import type { DataConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { PassNetwork } from '../db/shared-pass.ts';
import { inputKey } from './input-key.ts';
import { loadData } from './load-data.ts';
import { progressBar } from './progress-bar.ts';

/** Gives the network of a version, or throws `VersionNotLoadable`. */
export type VersionLoader = (versionId: string) => Promise<PassNetwork>;

/** This process cannot hold the version's network (another worker may). */
export class VersionNotLoadable extends Error {
  override readonly name = 'VersionNotLoadable';
}

export function fileVersionLoader(database: Database, data: DataConfig): VersionLoader {
  let loaded: { network: PassNetwork; key: string | null } | null = null;
  const load = () => {
    if (loaded !== null) return loaded;
    const result = loadData(data, progressBar(process.stderr));
    loaded = {
      network: result.network,
      key: data.snapshotFile != null ? (result.snapshot?.manifest.inputKey ?? null) : inputKey(data),
    };
    return loaded;
  };
  return async (versionId) => {
    const { rows } = await database.query<{ input_key: string; curation_through: string }>(
      `SELECT i.input_key, v.curation_through FROM network_versions v JOIN imports i ON i.id = v.import_id
        WHERE v.id = $1`,
      [versionId],
    );
    const row = rows[0];
    if (row === undefined) throw new VersionNotLoadable(`version ${versionId} does not exist`);
    if (row.curation_through !== '0')
      throw new VersionNotLoadable(
        `version ${versionId} has curation decisions applied: the files alone are not its network`,
      );
    const { network, key } = load();
    if (key !== null && row.input_key !== '' && row.input_key !== key)
      throw new VersionNotLoadable(
        `version ${versionId} was imported from other inputs (input key ${row.input_key}, these files give ${key})`,
      );
    return network;
  };
}
