/**
 * The explorer's operations as a trusted-documents list (`src/web/persisted-operations.json`: each
 * operation's SHA-256 hash, in hex, to its text), the format `serve --persisted-only FILE` reads.
 * `npm run persisted:write` rewrites the file from src/web/api-client.ts; a test fails when it is stale.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explorerOperations } from './api-client.ts';
import { progressSubscription } from './progress-bar.ts';

export const persistedOperationsFile = join(dirname(fileURLToPath(import.meta.url)), 'persisted-operations.json');

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The list's JSON text (hashes in the order of the operations, one per line). */
export function persistedOperationsJson(
  operations: readonly string[] = [...Object.values(explorerOperations), progressSubscription],
): string {
  return `${JSON.stringify(Object.fromEntries(operations.map((text) => [sha256Hex(text), text])), null, 2)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(persistedOperationsFile, persistedOperationsJson());
  process.stdout.write(`persisted operations written to ${persistedOperationsFile}\n`);
}
