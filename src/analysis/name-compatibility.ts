/**
 * Could two spellings name the same person? A score in (0, 1] with the reasons, or null when the
 * names cannot be one person (different surnames, different full first names).
 *
 * Names are compared on a folded form: case, accents and the punctuation of initials removed.
 * Surnames must agree up to hyphens and transliteration (ue/ü, oe/ö, y/i, ph/f, doubled letters),
 * or one must be part of the other's hyphenated surname. First and middle names agree when equal,
 * when one is an initial of the other ("D. K." / "David K."), a known short form ("Bill" /
 * "William") or a prefix ("Jon" / "Jonathan"); a missing middle name is allowed. Names written in
 * the other order ("Wang Wei" / "Wei Wang") are compatible too.
 *
 * `blockingKeys` gives the keys under which a name is filed so that only names sharing a key are
 * compared: the transliterated surname with the first letter of the first name (both letters for a
 * known short form). Compatible names always share a key, so no pair is missed, and no pair of
 * names with different surnames is ever looked at: the cost grows with the size of the largest
 * surname block, not with the square of the number of authors.
 */
import { searchKey } from '../ingest/names.ts';
import { MAX_NAME_LENGTH } from '../ingest/input-limits.ts';

export interface NameComparison {
  readonly score: number;
  /** Why the names are thought compatible, in words, e.g. `first names "Jon" / "Jonathan": short form`. */
  readonly reasons: readonly string[];
}

export interface ParsedName {
  /** Given names in order, folded ("jorn-henrik" stays one token). */
  readonly given: readonly string[];
  readonly surname: string;
  readonly tokens: readonly string[];
  /** Computed once, compared often: given names split at hyphens, and their transliterations. */
  readonly givenParts: readonly string[];
  readonly givenPartsTransliterated: readonly string[];
  readonly surnameTransliterated: string;
  /** "jr", "iii", ... when the name ends with one. */
  readonly suffix: string | null;
}

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

export function parseName(name: string): ParsedName | null {
  // Longer is no person's name (the readers refuse it): not compared, whatever reached here.
  if (name.length > MAX_NAME_LENGTH) return null;
  const tokens = searchKey(name)
    .replace(/[.,]/gu, ' ')
    .split(/\s+/u)
    .filter((token) => token !== '' && /\p{L}/u.test(token));
  let suffix: string | null = null;
  while (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1] as string)) suffix = tokens.pop() as string;
  if (tokens.length < 2) return null;
  const given = tokens.slice(0, -1);
  const surname = tokens[tokens.length - 1] as string;
  const givenParts = given.flatMap((token) => token.split('-')).filter((token) => token !== '');
  return {
    given,
    surname,
    tokens,
    givenParts,
    givenPartsTransliterated: givenParts.map(transliterate),
    surnameTransliterated: transliterate(surname),
    suffix,
  };
}

/** A spelling-insensitive form for transliteration variants: "Jürgen" and "Juergen" agree. */
export function transliterate(token: string): string {
  const folded = token
    .replace(/ae/gu, 'a')
    .replace(/oe/gu, 'o')
    .replace(/ue/gu, 'u')
    .replace(/ph/gu, 'f')
    .replace(/ck/gu, 'k')
    .replace(/ks/gu, 'x')
    .replace(/w/gu, 'v')
    .replace(/[yj]/gu, 'i')
    .replace(/[^a-z0-9]/gu, '');
  return collapseRepeats(folded);
}

/**
 * "mm" → "m": each run of one character as one. A loop, not `/(.)\1+/`: that regular expression
 * backtracks through a recursion per character and overflowed the stack on a 5 MB name.
 */
function collapseRepeats(text: string): string {
  let out = '';
  let previous = '';
  for (const character of text) {
    if (character !== previous) out += character;
    previous = character;
  }
  return out;
}

export function blockingKeys(parsed: ParsedName): string[] {
  const keys = new Set<string>();
  // The first letter as written and as transliterated ("Philipp" is filed under p and f), and those
  // of its known short and full forms.
  const initials = (token: string) =>
    new Set(
      [token, ...(shortFormGroups.get(token) ?? [])]
        .flatMap((form) => [form[0] ?? '', transliterate(form)[0] ?? ''])
        .filter((letter) => letter !== ''),
    );
  const surnames = new Set(
    [parsed.surname, ...parsed.surname.split('-')].map(transliterate).filter((part) => part !== ''),
  );
  // A surname in a script without Latin letters ("Петров", "王") transliterates to nothing: it is filed as written.
  if (parsed.surnameTransliterated === '') surnames.add(parsed.surname);
  for (const surname of surnames)
    for (const initial of initials(parsed.given[0] as string)) keys.add(`${surname}|${initial}`);
  // The other order: "Wang Wei" is filed under surname "wei" with initial "w".
  if (parsed.given.length === 1) {
    const given = parsed.given[0] as string;
    keys.add(`${transliterate(given) || given}|${transliterate(parsed.surname[0] ?? '') || (parsed.surname[0] ?? '')}`);
  }
  return [...keys];
}

export function compareNames(a: string, b: string): NameComparison | null {
  const left = parseName(a);
  const right = parseName(b);
  return left === null || right === null ? null : compareParsedNames(left, right);
}

export function compareParsedNames(left: ParsedName, right: ParsedName): NameComparison | null {
  const direct = compareParsed(left, right);
  if (direct !== null) return direct;
  // Family name first on one side: "Wang Wei" / "Wei Wang".
  if (
    left.given.length === 1 &&
    right.given.length === 1 &&
    left.surname === right.given[0] &&
    left.given[0] === right.surname
  ) {
    return {
      score: 0.6,
      reasons: [`"${left.tokens.join(' ')}" / "${right.tokens.join(' ')}": the same names in the other order`],
    };
  }
  return null;
}

function compareParsed(left: ParsedName, right: ParsedName): NameComparison | null {
  const reasons: string[] = [];
  let score = 1;
  if (left.surname !== right.surname) {
    const dehyphen = (surname: string) => surname.replace(/-/gu, '');
    if (dehyphen(left.surname) === dehyphen(right.surname)) {
      score *= 0.95;
      reasons.push(`surnames "${left.surname}" / "${right.surname}": hyphenation`);
    } else if (left.surnameTransliterated !== '' && left.surnameTransliterated === right.surnameTransliterated) {
      score *= 0.85;
      reasons.push(`surnames "${left.surname}" / "${right.surname}": transliteration`);
    } else if (left.surname.split('-').includes(right.surname) || right.surname.split('-').includes(left.surname)) {
      score *= 0.7;
      reasons.push(`surname "${left.surname}" / "${right.surname}": part of a double surname`);
    } else {
      return null;
    }
  }

  // Hyphenated given names count as their parts: "Jörn-Henrik" = "Jorn Henrik" = "J.-H.".
  const leftFirst = left.givenParts[0] as string;
  const rightFirst = right.givenParts[0] as string;
  // Quick rejection of most pairs in a block: first names that cannot match.
  if (
    leftFirst[0] !== rightFirst[0] &&
    left.givenPartsTransliterated[0] !== right.givenPartsTransliterated[0] &&
    !sameShortFormGroup(leftFirst, rightFirst)
  )
    return null;
  if (left.given.length !== right.given.length || left.given.some((token, k) => token !== right.given[k])) {
    if (
      left.givenParts.length === right.givenParts.length &&
      left.givenParts.every((token, k) => token === right.givenParts[k])
    ) {
      score *= 0.95;
      reasons.push('given names differ only in hyphens');
    }
  }
  const [shorterName, longerName] = left.givenParts.length <= right.givenParts.length ? [left, right] : [right, left];
  const shorter = shorterName.givenParts;
  const longer = longerName.givenParts;
  // The first given name must match the first given name; middle names may be left out.
  let j = 0;
  for (let i = 0; i < shorter.length; i += 1) {
    const token = shorter[i] as string;
    let matched: { score: number; reason: string | null } | null = null;
    while (j < longer.length && matched === null) {
      matched = compareGiven(
        token,
        longer[j] as string,
        shorterName.givenPartsTransliterated[i] as string,
        longerName.givenPartsTransliterated[j] as string,
      );
      if (matched === null && i === 0) return null;
      j += 1;
    }
    if (matched === null) return null;
    score *= matched.score;
    if (matched.reason !== null) reasons.push(matched.reason);
  }
  if (longer.length > shorter.length) {
    score *= 0.9;
    reasons.push(`a middle name appears in one spelling only`);
  }
  if (left.suffix !== right.suffix) {
    if (left.suffix !== null && right.suffix !== null) return null; // Jr. and Sr. are two people
    score *= 0.98;
    reasons.push(`"${left.suffix ?? right.suffix}" in one spelling only`);
  }
  if (reasons.length === 0) reasons.push('the same name up to case, accents and punctuation');
  return { score: Math.round(score * 1000) / 1000, reasons };
}

function compareGiven(
  a: string,
  b: string,
  aTransliterated: string,
  bTransliterated: string,
): { score: number; reason: string | null } | null {
  if (a === b) return { score: 1, reason: null };
  if (a.length === 1 || b.length === 1) {
    return a[0] === b[0]
      ? { score: 0.6, reason: `"${a.length === 1 ? a : b}" is the initial of "${a.length === 1 ? b : a}"` }
      : null;
  }
  if (aTransliterated !== '' && aTransliterated === bTransliterated)
    return { score: 0.85, reason: `first names "${a}" / "${b}": transliteration` };
  if (sameShortFormGroup(a, b)) return { score: 0.8, reason: `first names "${a}" / "${b}": a known short form` };
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short))
    return { score: 0.75, reason: `first name "${short}" is the start of "${long}"` };
  return null;
}

/** Common short forms of first names (English, German, Russian transliterations). */
const SHORT_FORMS: readonly (readonly string[])[] = [
  ['jon', 'jonathan', 'john', 'jack', 'johnny'],
  ['jim', 'jimmy', 'james', 'jamie'],
  ['bill', 'billy', 'will', 'willy', 'william', 'liam'],
  ['bob', 'bobby', 'rob', 'robbie', 'robert', 'bert'],
  ['dick', 'rick', 'ricky', 'rich', 'richard'],
  ['mike', 'mick', 'mickey', 'michael', 'misha', 'mikhail'],
  ['dave', 'davy', 'david'],
  ['dan', 'danny', 'daniel'],
  ['chris', 'christopher', 'christian', 'kristopher'],
  ['alex', 'alexander', 'alexandra', 'sasha', 'aleksandr', 'aleksander', 'alessandro', 'sandy'],
  ['andy', 'drew', 'andrew', 'andreas'],
  ['tony', 'anthony', 'antonio', 'anton'],
  ['tom', 'tommy', 'thomas'],
  ['joe', 'joey', 'joseph', 'josef', 'sepp'],
  ['ben', 'benny', 'benjamin'],
  ['sam', 'sammy', 'samuel', 'samantha'],
  ['nick', 'nicky', 'nicholas', 'nikolai', 'nicolas', 'nikolaos'],
  ['matt', 'matthew', 'matthias', 'mat'],
  ['pete', 'peter'],
  ['steve', 'stephen', 'steven', 'stefan'],
  ['greg', 'gregory', 'grigory'],
  ['jeff', 'jeffrey', 'geoff', 'geoffrey'],
  ['ken', 'kenny', 'kenneth'],
  ['larry', 'lawrence', 'laurence'],
  ['liz', 'beth', 'betty', 'elizabeth', 'eliza', 'lisa'],
  ['kate', 'katie', 'kathy', 'katherine', 'catherine', 'kathryn', 'katya', 'ekaterina'],
  ['jen', 'jenny', 'jennifer'],
  ['sue', 'susie', 'susan', 'suzanne'],
  ['meg', 'maggie', 'peggy', 'margaret'],
  ['ted', 'ed', 'eddie', 'edward', 'eduard', 'edwin'],
  ['fred', 'freddie', 'frederick', 'friedrich', 'fritz'],
  ['hank', 'harry', 'henry', 'heinrich'],
  ['chuck', 'charlie', 'charles'],
  ['dima', 'dmitry', 'dmitri', 'dmitrii'],
  ['vova', 'volodya', 'vladimir'],
  ['kostya', 'konstantin', 'constantine'],
  ['lena', 'elena', 'helen', 'helena'],
  ['tanya', 'tatiana', 'tatyana'],
  ['zach', 'zack', 'zachary'],
  ['nate', 'nathan', 'nathaniel'],
  ['josh', 'joshua'],
  ['jake', 'jacob', 'jakob'],
  ['vince', 'vincent'],
  ['phil', 'philip', 'phillip', 'philipp'],
  ['ron', 'ronnie', 'ronald'],
  ['don', 'donny', 'donald'],
  ['tim', 'timmy', 'timothy'],
  ['pat', 'patrick', 'patricia', 'patty'],
  ['becky', 'rebecca'],
  ['vicky', 'victoria'],
  ['abby', 'abigail'],
  ['gabe', 'gabriel'],
  ['max', 'maximilian', 'maxim', 'maksim'],
  ['hans', 'johannes', 'johann'],
  ['ann', 'anna', 'anne', 'annie', 'hannah'],
  ['frank', 'francis', 'franz', 'francisco', 'francesco'],
  ['jo', 'joanna', 'johanna'],
  ['manny', 'manuel', 'emmanuel'],
  ['sergey', 'sergei', 'serge', 'sergio'],
];

/** Each short or full form → the forms it shares a group with. */
const shortFormGroups = new Map<string, string[]>();
for (const group of SHORT_FORMS)
  for (const form of group) shortFormGroups.set(form, [...(shortFormGroups.get(form) ?? []), ...group]);

function sameShortFormGroup(a: string, b: string): boolean {
  return shortFormGroups.get(a)?.includes(b) ?? false;
}
