/**
 * `coauthor-graph alias add "Variant" "Canonical"`: writes one entry into the alias file, keeping the
 * file's other entries and layout. The result is checked before anything is written: a cycle, a
 * variant already mapped elsewhere or a broken file is reported and the file is left as it was.
 * The file is replaced in one step (files/atomic-file.ts: a random temporary name created exclusively,
 * then renamed), so a watching server never reads half of it; a symlinked alias file has its target
 * replaced and keeps its mode. The whole read-modify-write holds a lock beside the file, so two
 * `alias add` at once both land.
 */
import { applyEdits, modify } from 'jsonc-parser';
import { aliasConfig } from '../config.ts';
import { parseAliases } from '../ingest/aliases.ts';
import { cleanText, identityKey } from '../ingest/names.ts';
import { formatProblem } from '../ingest/records.ts';
import {
  FileLockedError,
  UnsafeFileError,
  readRegularFile,
  withFileLock,
  writeFileAtomic,
} from '../files/atomic-file.ts';
import type { CommandIO } from './io.ts';
import { errorMessage } from '../error-message.ts';

export function aliasCommand(args: readonly string[], io: CommandIO): number {
  const { aliasFile } = aliasConfig(args);
  try {
    return withFileLock(aliasFile, () => addAlias(args, io));
  } catch (error) {
    if (!(error instanceof FileLockedError || error instanceof UnsafeFileError)) throw error;
    io.err(`alias add: ${error.message}; nothing was written\n`);
    return 1;
  }
}

function addAlias(args: readonly string[], io: CommandIO): number {
  const { variant: rawVariant, canonical: rawCanonical, aliasFile } = aliasConfig(args);
  const variant = cleanText(rawVariant);
  const canonical = cleanText(rawCanonical);
  if (variant === '' || canonical === '') {
    io.err('alias add: both names must be non-empty\n');
    return 1;
  }
  if (identityKey(variant) === identityKey(canonical)) {
    io.err(
      `alias add: "${variant}" and "${canonical}" are already the same name (up to case, accents and punctuation); nothing to add\n`,
    );
    return 1;
  }

  let text = '{}\n';
  try {
    text = readRegularFile(aliasFile)?.toString('utf8') ?? text;
  } catch (error) {
    if (error instanceof UnsafeFileError) throw error;
    io.err(`alias add: cannot read ${aliasFile}: ${errorMessage(error)}\n`);
    return 1;
  }
  const before = parseAliases(text, aliasFile);
  if (before.problems.length > 0) {
    io.err(
      `alias add: ${aliasFile} has problems; fix them first, nothing was written:\n${before.problems.map(formatProblem).join('\n')}\n`,
    );
    return 1;
  }
  const current = before.aliases.canonicalByKey.get(identityKey(variant));
  if (current !== undefined) {
    if (identityKey(current) === identityKey(canonical)) {
      io.out(`"${variant}" already maps to "${current}" in ${aliasFile}; nothing changed\n`);
      return 0;
    }
    io.err(
      `alias add: "${variant}" already maps to "${current}" in ${aliasFile}; edit the file to change it. Nothing was written.\n`,
    );
    return 1;
  }

  const edits = modify(text, [variant], canonical, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' },
  });
  const updated = applyEdits(text, edits);
  const after = parseAliases(updated, aliasFile);
  if (after.problems.length > 0) {
    io.err(
      `alias add: adding "${variant}" → "${canonical}" would break ${aliasFile}; nothing was written:\n${after.problems.map(formatProblem).join('\n')}\n`,
    );
    return 1;
  }
  writeFileAtomic(aliasFile, updated.endsWith('\n') ? updated : `${updated}\n`);
  io.out(
    `added "${variant}" → "${after.aliases.canonicalByKey.get(identityKey(variant)) ?? canonical}" to ${aliasFile}\n`,
  );
  return 0;
}
