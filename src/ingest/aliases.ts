/**
 * The alias file: a JSON object mapping a name variant to the canonical name of the same person,
 * e.g. `{ "Jon Lorraine": "Jonathan Lorraine" }`.
 *
 * Keys and values are compared by `identityKey` (NFC, whitespace and case folded). Chains resolve
 * (A → B, B → C gives A → C); a cycle or a variant mapped to two names is reported, never guessed.
 */
import { readFileSync } from 'node:fs';
import { type Node, getNodeValue } from 'jsonc-parser';
import { parseJsonTree } from './json-tree.ts';
import { lineLocator } from './line-locator.ts';
import { cleanText, identityKey } from './names.ts';
import type { Problem } from './records.ts';
import { errorMessage } from '../error-message.ts';

export interface AliasTable {
  /** identityKey of a variant → canonical display name. */
  readonly canonicalByKey: ReadonlyMap<string, string>;
  /** The file the table came from, or null for an empty table. */
  readonly file: string | null;
}

export const noAliases: AliasTable = { canonicalByKey: new Map(), file: null };

export interface AliasLoadResult {
  readonly aliases: AliasTable;
  readonly problems: Problem[];
}

export function loadAliasFile(file: string): AliasLoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return failed(file, `cannot read alias file: ${errorMessage(error)}`);
  }
  return parseAliases(text, file);
}

export function parseAliases(text: string, file: string): AliasLoadResult {
  const body = text.replace(/^\uFEFF/u, '');
  // The syntax tree, not JSON.parse: it keeps repeated keys (a variant written twice with two names
  // is reported) and the offset of every entry, for its line.
  const tree = parseJsonTree(body);
  if ('error' in tree) {
    const what = body.trim() === '' ? 'the file is empty' : `${tree.error.what} at offset ${tree.error.offset}`;
    return failed(file, `alias file is not valid JSON: ${what}`);
  }
  const { root } = tree;
  if (root.type !== 'object') {
    return failed(file, 'alias file must be a JSON object mapping "Variant Name" to "Canonical Name"');
  }

  const problems: Problem[] = [];
  const direct = new Map<string, { canonical: string; variant: string; line: number }>();
  for (const { rawVariant, rawCanonical, line } of entriesOf(root, lineLocator(body))) {
    if (typeof rawCanonical !== 'string' || cleanText(rawCanonical) === '' || cleanText(rawVariant) === '') {
      problems.push({
        severity: 'error',
        file,
        line,
        message: `alias "${rawVariant}" must map a non-empty name to a non-empty name`,
      });
      continue;
    }
    const variantKey = identityKey(rawVariant);
    const canonical = cleanText(rawCanonical);
    const earlier = direct.get(variantKey);
    if (earlier && identityKey(earlier.canonical) !== identityKey(canonical)) {
      problems.push({
        severity: 'error',
        file,
        line,
        message: `"${rawVariant}" is mapped to both "${earlier.canonical}" and "${canonical}"`,
      });
      continue;
    }
    // The same mapping written again adds nothing; problems name its first line.
    if (earlier) continue;
    if (variantKey !== identityKey(canonical)) direct.set(variantKey, { canonical, variant: rawVariant, line });
  }

  const canonicalByKey = new Map<string, string>();
  for (const [variantKey, { canonical, variant, line }] of direct) {
    const seen = new Set([variantKey]);
    let target = canonical;
    let next = direct.get(identityKey(target));
    while (next) {
      if (seen.has(identityKey(target))) {
        problems.push({ severity: 'error', file, line, message: `alias cycle through "${variant}"` });
        target = '';
        break;
      }
      seen.add(identityKey(target));
      target = next.canonical;
      next = direct.get(identityKey(target));
    }
    if (target !== '') canonicalByKey.set(variantKey, target);
  }
  return { aliases: { canonicalByKey, file }, problems };
}

/** The object's entries in file order, repeated keys included, each with its line. */
function entriesOf(
  root: Node,
  lineOf: (offset: number) => number,
): { rawVariant: string; rawCanonical: unknown; line: number }[] {
  return (root.children ?? []).map((property) => {
    const [key, value] = property.children ?? [];
    return {
      rawVariant: String(key?.value ?? ''),
      rawCanonical: value === undefined ? undefined : (getNodeValue(value) as unknown),
      line: lineOf(property.offset),
    };
  });
}

function failed(file: string, message: string): AliasLoadResult {
  return { aliases: { canonicalByKey: new Map(), file }, problems: [{ severity: 'error', file, line: null, message }] };
}
