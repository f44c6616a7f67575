/**
 * The author names of one load, each spelling once, numbered in order of first sight, and the bylines
 * of the records read so far as those numbers.
 *
 * A reader that is given a table (JSON Lines and DBLP XML: the formats large corpora come in) interns
 * each record's byline once the record is read, and gives the record `nameAt`: where its byline's
 * numbers start in `bylineIds`. The merge (catalog-merge.ts) then goes from a byline position to its
 * person through the number, with no look-up by name: at a million papers the look-ups by name were
 * a fifth of the merge. A record without `nameAt` (another format, a record made by hand) has its
 * names interned by the merge instead, and so does one whose numbers are not this table's (checked
 * name by name).
 */
import type { PaperRecord } from './records.ts';

export class NameTable {
  /** Every name interned, by its number. */
  readonly names: string[] = [];
  /**
   * An open-addressing table over the names: slot `s` is `[hash, number + 1]` at `2s` (0: empty),
   * probed linearly, at most half full. A `Map` from name to number took 2.9 s of the loading thread
   * at 1 M synthetic papers (4.1 M bylines, 1.3 M names), this table about 60% of that: the hash is
   * compared before the name, so a probe past another name rarely reads that name's string.
   */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  /** The bylines' name numbers, record after record: a record's are `bylineIds[nameAt ..]`, one per author. */
  bylineIds = new Int32Array(1024);
  bylineCount = 0;

  /** The name's number, given it on first sight (`hash`: its `nameHash`, when the caller has it already). */
  intern(name: string, hash: number = nameHash(name)): number {
    const { slots, mask, names } = this;
    let slot = hash & mask;
    for (;;) {
      const found = slots[2 * slot + 1] as number;
      if (found === 0) break;
      if (slots[2 * slot] === hash && names[found - 1] === name) return found - 1;
      slot = (slot + 1) & mask;
    }
    const number = names.length;
    names.push(name);
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = number + 1;
    if (2 * names.length > mask + 1) this.grow();
    return number;
  }

  /** Twice the slots, every name placed again. */
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

  /** Appends one byline position's name (a reader calls this for each author of a record, in order). */
  pushByline(number: number): void {
    if (this.bylineCount === this.bylineIds.length) {
      const larger = new Int32Array(this.bylineIds.length * 2);
      larger.set(this.bylineIds);
      this.bylineIds = larger;
    }
    this.bylineIds[this.bylineCount] = number;
    this.bylineCount += 1;
  }

  /**
   * Interns a whole byline (each name replaced by the table's one string for it) and appends its
   * numbers; returns where they start (the record's `nameAt`).
   */
  internByline(authors: string[]): number {
    const at = this.bylineCount;
    for (let k = 0; k < authors.length; k += 1) {
      const number = this.intern(authors[k] as string);
      this.pushByline(number);
      authors[k] = this.names[number] as string;
    }
    return at;
  }

  /**
   * The number of the record's `index`th author: read from `bylineIds` when the record was read into
   * this table (and the number names that very name), else interned now.
   */
  nameOf(record: Pick<PaperRecord, 'authors' | 'nameAt'>, index: number): number {
    const name = record.authors[index] as string;
    const at = record.nameAt;
    if (at !== undefined && at + index < this.bylineCount) {
      const number = this.bylineIds[at + index] as number;
      if (this.names[number] === name) return number;
    }
    return this.intern(name);
  }
}

const INITIAL_SLOTS = 1024;

/** FNV-1a over the UTF-16 code units, with a final mix so that the low bits (the slot) depend on every unit. */
export function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < name.length; k += 1) hash = Math.imul(hash ^ name.charCodeAt(k), 0x01000193);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  return hash ^ (hash >>> 12);
}
