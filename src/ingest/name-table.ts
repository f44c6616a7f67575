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
import { StringTable } from './string-table.ts';

export class NameTable {
  /** Names by number (string-table.ts). */
  private readonly table = new StringTable();
  /** Every name interned, by its number. */
  readonly names: string[] = this.table.strings;
  /** The bylines' name numbers, record after record: a record's are `bylineIds[nameAt ..]`, one per author. */
  bylineIds = new Int32Array(1024);
  bylineCount = 0;

  /** The name's number, given it on first sight (`hash`: its `stringHash`, when the caller has it already). */
  intern(name: string, hash?: number): number {
    return this.table.intern(name, hash);
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
