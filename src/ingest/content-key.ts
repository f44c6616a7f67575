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

/** The content hash from the title's part (`titleHash`) and the person keys. */
export function contentHashFrom(titlePart: number, personKeys: readonly string[]): number {
  let hash = titlePart;
  for (const key of personKeys) hash = fnv(Math.imul(hash ^ SEPARATOR, FNV_PRIME), key);
  return hash >>> 0;
}

/** A 32-bit hash (FNV-1a) of the content key `${titleKey}|${personKeys.join('|')}`, without making it. */
export function contentHash(titleKeyText: string, personKeys: readonly string[]): number {
  return contentHashFrom(titleHash(titleKeyText), personKeys);
}

function fnv(start: number, text: string): number {
  let hash = start;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}
