/**
 * What tells a paper without an explicit id from another (catalog-merge.ts): its title key and its
 * people's keys, in byline order, as one content key `${titleKey}|${personKeys.join('|')}`, and a
 * 32-bit FNV-1a hash of that key made without the key. The hash goes in two steps, the title's part
 * first, so the title's part can be made elsewhere (title-hashes.ts: on a second core while the
 * files are read) and the people's keys, known only once identity is settled, added after.
 */
import { searchKey } from './names.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEPARATOR = 0x7c; // '|'

/** A title for duplicate detection: search key with punctuation and spacing ignored. */
export function titleKey(title: string): string {
  const key = searchKey(title);
  return (/^[\x20-\x7e]*$/u.test(key) ? key.replace(/[^a-z0-9]+/gu, ' ') : key.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
}

/** The content key itself (made only to confirm that two papers whose hashes agree are one). */
export function contentKey(title: string, personKeys: readonly string[]): string {
  return `${titleKey(title)}|${personKeys.join('|')}`;
}

/** The content hash's state after the title key: `contentHashFrom` goes on with the people. */
export function titleHash(titleKeyText: string): number {
  return fnv(FNV_OFFSET, titleKeyText) >>> 0;
}

/**
 * `titleHash(titleKey(title))` in one pass over a title of printable ASCII (most titles), with no key
 * string made: such a title's key is the title lowercased, each run of characters other than letters
 * and digits one space, trimmed. Any other title goes through `titleKey`. The merge makes one per
 * record (catalog-merge.ts): with `titleKey`'s four string passes, the merge of 2 M DBLP-shaped
 * papers took 37.0 s, with this 29.5 s (medians of three, alternated).
 */
export function titleKeyHash(title: string): number {
  let hash = FNV_OFFSET;
  let started = false;
  let gap = false;
  for (let i = 0; i < title.length; i += 1) {
    let code = title.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return titleHash(titleKey(title));
    if (code >= 0x41 && code <= 0x5a) code += 0x20; // A-Z
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (gap && started) hash = Math.imul(hash ^ 0x20, FNV_PRIME);
      hash = Math.imul(hash ^ code, FNV_PRIME);
      started = true;
      gap = false;
    } else gap = true;
  }
  return hash >>> 0;
}

/** The content hash from the title's part (`titleHash`) and the person keys. */
export function contentHashFrom(titlePart: number, personKeys: readonly string[]): number {
  let hash = titlePart;
  for (const key of personKeys) hash = fnv(Math.imul(hash ^ SEPARATOR, FNV_PRIME), key);
  return hash >>> 0;
}

function fnv(start: number, text: string): number {
  let hash = start;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}
