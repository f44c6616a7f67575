/**
 * The key of a data set: a SHA-256 over the bytes of every data file and of the alias file, in order,
 * and every option that changes the network. Anything computed from the network can be saved under
 * this key; a changed byte or option gives a new key, so nothing stale is ever reused.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataConfig } from '../config.ts';
import { effectiveDecisions } from '../ingest/identity-decisions.ts';

/** Bump when loading or network building changes what the same files give. */
const NETWORK_RULES_VERSION = 1;

export function inputKey(config: DataConfig): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      rules: NETWORK_RULES_VERSION,
      format: config.inputFormat,
      maxAuthorsPerPaper: config.maxAuthorsPerPaper,
      files: config.files.length,
      aliases: config.aliasFile !== null,
      // Curation: the decisions in effect change the network.
      ...(config.decisions === undefined || config.decisions.length === 0
        ? {}
        : { decisions: effectiveDecisions(config.decisions) }),
    }),
  );
  for (const file of [...config.files, ...(config.aliasFile === null ? [] : [config.aliasFile])]) {
    const bytes = readFileSync(file);
    hash.update(`\n${bytes.length}\n`).update(bytes);
  }
  return hash.digest('hex').slice(0, 32);
}
