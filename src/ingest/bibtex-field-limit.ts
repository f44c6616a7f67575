/**
 * BibTeX entries with a field over `MAX_FIELD_LENGTH`, found before `@retorquere/bibtex-parser` sees
 * them. The parser's memory grows much faster than a field's length (a 1 MB field cost 1.5 GB and 9 s,
 * 2 MB 3.7 GB), so such an entry is blanked out of the text (its characters replaced by nothing but
 * its line ends, so every later line keeps its number) and reported as not loaded.
 *
 * One linear pass that follows the entry's braces: `@type{` (or `@type(`) opens an entry; inside it a
 * `{` at the entry's top level, or a `"`, opens a field value, which ends where its braces balance
 * again (or at the closing `"`). Files below the limit are not scanned at all.
 */
import { MAX_FIELD_LENGTH } from './input-limits.ts';

export interface OversizedEntry {
  /** Offset of the entry's `@`. */
  readonly start: number;
  /** Offset just after the entry's closing brace (or the end of the text when it has none). */
  readonly end: number;
  /** The citation key, as written (may be empty). */
  readonly key: string;
  /** Length of its longest field value, in characters. */
  readonly fieldLength: number;
}

const ENTRY_START = /@\s*[A-Za-z]+\s*([{(])\s*([^,\s{}()]*)/uy;

export function oversizedEntries(text: string, limit = MAX_FIELD_LENGTH): OversizedEntry[] {
  const found: OversizedEntry[] = [];
  if (text.length <= limit) return found;
  let at = text.indexOf('@');
  while (at !== -1) {
    ENTRY_START.lastIndex = at;
    const head = ENTRY_START.exec(text);
    if (head === null) {
      at = text.indexOf('@', at + 1);
      continue;
    }
    const closer = head[1] === '{' ? '}' : ')';
    let depth = 1;
    let valueStart = -1;
    let quoted = false;
    let longest = 0;
    let i = at + head[0].length;
    for (; i < text.length && depth > 0; i += 1) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === 0x7b) depth += 1;
        else if (c === 0x7d) depth -= 1;
        else if (c === 0x22 && depth === 1) {
          quoted = false;
          longest = Math.max(longest, i - valueStart);
        }
      } else if (c === 0x7b) {
        depth += 1;
        if (depth === 2) valueStart = i;
      } else if (c === 0x7d) {
        if (depth === 2) longest = Math.max(longest, i - valueStart);
        if (depth === 1 && closer === '}') depth = 0;
        else depth -= 1;
      } else if (c === 0x29 && depth === 1 && closer === ')') {
        depth = 0;
      } else if (c === 0x22 && depth === 1) {
        quoted = true;
        valueStart = i;
      }
    }
    // A value still open at the end of the text counts to the end.
    if (depth > 0 && valueStart >= 0) longest = Math.max(longest, text.length - valueStart);
    if (longest > limit) found.push({ start: at, end: i, key: head[2] ?? '', fieldLength: longest });
    at = text.indexOf('@', i);
  }
  return found;
}

/** `text` with each of `entries` reduced to its line ends. */
export function withoutEntries(text: string, entries: readonly OversizedEntry[]): string {
  if (entries.length === 0) return text;
  let out = '';
  let from = 0;
  for (const entry of entries) {
    out += text.slice(from, entry.start) + text.slice(entry.start, entry.end).replace(/[^\n\r]+/gu, '');
    from = entry.end;
  }
  return out + text.slice(from);
}
