/**
 * Name and text normalization shared by every parser and by identity resolution.
 *
 * - `cleanText`: NFC plus whitespace folding; what we store and display.
 * - `searchKey`: `cleanText`, case folded, accents removed; used for lookups and search.
 * - `identityKey`: `searchKey` with the punctuation of initials folded ("T.Q." = "T. Q." = "T Q");
 *   two spellings without external ids that share this key are one person.
 * - `slugify`: ASCII, lower-case, hyphenated, at most 80 characters cut at a word boundary; readable ids.
 * Every key drops format-control characters (Unicode category Cf: zero-width spaces and joiners,
 * bidirectional controls, soft hyphens, a stray BOM): they are invisible, so two names that differ
 * only by them display alike and must be one author (`check` flags them: see input-limits.ts).
 */

/** Printable ASCII with single inner spaces: already clean (most names and titles; the common case is kept cheap). */
const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/u;

export function cleanText(text: string): string {
  if (PLAIN.test(text)) return text;
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The spelling up to Unicode form, whitespace and case: tells "Jörn" from "Jorn" where identity does not.
 * (`toLowerCase` is the Unicode default, root-locale case mapping, as `toLocaleLowerCase('und')`, at a
 * fraction of the cost: no locale is resolved per call.)
 */
export function spellingKey(name: string): string {
  const clean = cleanText(withoutFormatControls(name));
  return PLAIN.test(clean) ? clean.toLowerCase() : clean.toLowerCase().normalize('NFC');
}

export function identityKey(name: string): string {
  // A plain name's search key is its lower case, with single inner spaces and none at its ends: only
  // its full stops to fold (most names have none).
  if (PLAIN.test(name)) {
    const key = name.toLowerCase();
    return key.includes('.') ? foldedInitials(key) : key;
  }
  return foldedInitials(searchKey(name));
}

function foldedInitials(key: string): string {
  return key.replace(/\./gu, ' ').replace(/\s+/gu, ' ').trim();
}

/** `text` without format-control characters (category Cf; U+FEFF too, which `\s` counts as a space). */
export function withoutFormatControls(text: string): string {
  return /\p{Cf}/u.test(text) ? text.replace(/\p{Cf}+/gu, '') : text;
}

export function searchKey(text: string): string {
  // Plain text (most names and titles) has no format control, is clean and has nothing to decompose or
  // fold beyond case: one test, where the steps below test three times (a tenth of a second of the
  // ACL Anthology's start, where keys are made for every title and name several times).
  if (PLAIN.test(text)) return text.toLowerCase();
  const clean = cleanText(withoutFormatControls(text));
  // ASCII that needed cleaning (runs of spaces, tabs, a format control): nothing to decompose or fold beyond case.
  if (/^[\x20-\x7e]*$/u.test(clean)) return clean.toLowerCase();
  return (
    clean
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[ıİßøØłŁđĐæÆœŒ]/gu, (letter) => FOLDED_LETTERS.get(letter) ?? letter)
      // Typographic hyphens and dashes ("Jörn‐Henrik" with U+2010) are the hyphen.
      .replace(/[\u2010-\u2015\u2212]/gu, '-')
  );
}

const FOLDED_LETTERS: ReadonlyMap<string, string> = new Map([
  ['ı', 'i'],
  ['İ', 'i'],
  ['ß', 'ss'],
  ['ø', 'o'],
  ['Ø', 'o'],
  ['ł', 'l'],
  ['Ł', 'l'],
  ['đ', 'd'],
  ['Đ', 'd'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
]);

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
