/**
 * Name and text normalization shared by every parser and by identity resolution.
 *
 * - `cleanText`: NFC plus whitespace folding; what we store and display.
 * - `identityKey`: `cleanText` then case folding; two spellings with the same key are one person.
 * - `searchKey`: `identityKey` with accents removed; used for lookups and search only, never to merge.
 * - `slugify`: ASCII, lower-case, hyphenated, at most 80 characters cut at a word boundary; readable ids.
 */

/** Printable ASCII with single inner spaces: already clean (most names and titles; the common case is kept cheap). */
const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/u;

export function cleanText(text: string): string {
  if (PLAIN.test(text)) return text;
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

// `toLowerCase` is the Unicode default (root locale) case mapping, as `toLocaleLowerCase('und')`, at a
// fraction of the cost: no locale is resolved per call.
export function identityKey(name: string): string {
  const clean = cleanText(name);
  return PLAIN.test(clean) ? clean.toLowerCase() : clean.toLowerCase().normalize('NFC');
}

export function searchKey(text: string): string {
  const clean = cleanText(text);
  if (PLAIN.test(clean)) return clean.toLowerCase();
  return clean
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ıİ]/gu, 'i')
    .replace(/ß/gu, 'ss')
    .replace(/[øØ]/gu, 'o')
    .replace(/[łŁ]/gu, 'l')
    .replace(/[đĐ]/gu, 'd')
    .replace(/[æÆ]/gu, 'ae')
    .replace(/[œŒ]/gu, 'oe');
}

export function slugify(text: string): string {
  const slug = searchKey(text)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // Long titles: cut at the last word boundary that fits, never inside a word.
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const boundary = cut.lastIndexOf('-');
  return boundary > 0 ? cut.slice(0, boundary) : slug.slice(0, MAX_SLUG_LENGTH);
}

const MAX_SLUG_LENGTH = 80;
