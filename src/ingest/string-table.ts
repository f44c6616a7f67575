/**
 * Strings numbered in order of first sight, found through an open-addressing hash table over typed
 * arrays: slot `s` is `[hash, number + 1]` at `2s` (0: empty), probed linearly, at most half full.
 * The hash is compared before the string, so a probe past another string rarely reads it.
 *
 * A load's names are interned in one (name-table.ts): a `Map` from name to number took 2.9 s of the
 * loading thread at 1 M synthetic papers (4.1 M bylines, 1.3 M names), this table about 60% of that.
 * Where each string is added once and looked up rarely (the ids a catalog gives out, 2.3 M at 1 M
 * papers) it is no faster than a `Set`: 1.49 s against 1.41 s, as hashing each new string is most of
 * the work either way.
 */
export class StringTable {
  /** Every string, by its number. */
  readonly strings: string[] = [];
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;

  get size(): number {
    return this.strings.length;
  }

  /** The string's number, given it on first sight (`hash`: its `stringHash`, when the caller has it already). */
  intern(value: string, hash: number = stringHash(value)): number {
    const slot = this.slotOf(value, hash);
    const found = this.slots[2 * slot + 1] as number;
    if (found !== 0) return found - 1;
    const number = this.strings.length;
    this.strings.push(value);
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = number + 1;
    if (2 * this.strings.length > this.mask + 1) this.grow();
    return number;
  }

  /** The string's number, or −1 when it has none. */
  find(value: string, hash: number = stringHash(value)): number {
    return (this.slots[2 * this.slotOf(value, hash) + 1] as number) - 1;
  }

  /** The slot holding `value`, or the empty slot where it would go. */
  private slotOf(value: string, hash: number): number {
    const { slots, mask, strings } = this;
    let slot = hash & mask;
    for (;;) {
      const found = slots[2 * slot + 1] as number;
      if (found === 0 || (slots[2 * slot] === hash && strings[found - 1] === value)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** Twice the slots, every string placed again. */
  private grow(): void {
    const old = this.slots;
    const count = 2 * (this.mask + 1);
    const slots = new Int32Array(2 * count);
    const mask = count - 1;
    for (let at = 0; at < old.length; at += 2) {
      const found = old[at + 1] as number;
      if (found === 0) continue;
      const hash = old[at] as number;
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = found;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

const INITIAL_SLOTS = 1024;

/** FNV-1a over the UTF-16 code units, with a final mix so that the low bits (the slot) depend on every unit. */
export function stringHash(value: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < value.length; k += 1) hash = Math.imul(hash ^ value.charCodeAt(k), 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return hash ^ (hash >>> 12);
}
