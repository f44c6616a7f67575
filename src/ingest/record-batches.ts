/**
 * Records as a few typed arrays and two strings (`PackedStrings`), to pass from one thread to
 * another: a batch of them is cloned as a handful of values, where the records themselves are an
 * object, a list and several strings each (cloning 500,000 records took 1.2 s to read back, about
 * what reading them from JSON took). A record read from a JSON papers line (json-papers.ts
 * `readPaper`) is held field by field; its byline as numbers in the sending thread's name table, with
 * the names that table took in since the batch before. A record of another shape (an OpenAlex work)
 * is carried whole.
 *
 * `RecordBatcher` makes batches in one thread; `BatchReader` turns them back into records in another,
 * equal to the ones sent (`toEqual`), each byline interned into the receiving thread's table in
 * order, so a table that took a file's first part itself and then reads the second part's batches
 * numbers every name as one table reading the whole file would.
 */
import type { NameTable } from './name-table.ts';
import { stringHash } from './string-table.ts';
import type { PaperRecord } from './records.ts';

/** A batch of records (`RecordBatcher.take`). */
export interface RecordBatch {
  /** Each record's line, as the sending thread counted it (one per record). */
  readonly lines: Int32Array;
  /** Each record's year, `NO_YEAR` for none. */
  readonly years: Int32Array;
  /** Which of a field-by-field record's strings are there (`FIELD_BITS`); `OTHER_SHAPE` for a record carried whole. */
  readonly fields: Uint8Array;
  /** The strings of the field-by-field records, in order: the title, then each field there, in `FIELD_BITS` order. */
  readonly strings: PackedStrings;
  /** Where each record's byline ends in `bylines` (a record carried whole has none there). */
  readonly bylineEnds: Int32Array;
  /** Author numbers in the sending thread's name table. */
  readonly bylines: Int32Array;
  /** The number of the first name in `names`: the names that table took in since the batch before, in number order. */
  readonly firstName: number;
  readonly names: PackedStrings;
  /** Each of those names' `stringHash` (made by the sending thread, not the receiving one). */
  readonly nameHashes: Int32Array;
  /** The records carried whole, in batch order, without their `source`. */
  readonly others: readonly Omit<PaperRecord, 'source'>[];
}

/**
 * Strings as two long ones, each string's characters in one of them: `text` holds those of Latin-1
 * characters only, `wideText` those with a character past U+00FF. V8 keeps a string of Latin-1 a byte
 * a character and any other two, and a piece cut from a long string keeps the long one (a short piece
 * copies its encoding): one text for all would make every string of a batch that holds one Chinese
 * title two bytes a character until the records are let go of.
 */
export interface PackedStrings {
  readonly text: string;
  readonly wideText: string;
  /** Where each string ends in its text. */
  readonly ends: Uint32Array;
  /** 1 where the string is in `wideText`. */
  readonly wide: Uint8Array;
}

const WIDE = /[^\u0000-\u00ff]/u;

/** `strings` packed (`PackedStrings`). */
export function packStrings(strings: readonly string[]): PackedStrings {
  const narrowParts: string[] = [];
  const wideParts: string[] = [];
  const ends = new Uint32Array(strings.length);
  const wide = new Uint8Array(strings.length);
  let narrowEnd = 0;
  let wideEnd = 0;
  for (let k = 0; k < strings.length; k += 1) {
    const value = strings[k] as string;
    if (WIDE.test(value)) {
      wide[k] = 1;
      wideParts.push(value);
      wideEnd += value.length;
      ends[k] = wideEnd;
    } else {
      narrowParts.push(value);
      narrowEnd += value.length;
      ends[k] = narrowEnd;
    }
  }
  return { text: narrowParts.join(''), wideText: wideParts.join(''), ends, wide };
}

/** Reads packed strings back, in order. */
class StringCursor {
  private k = 0;
  private narrowAt = 0;
  private wideAt = 0;

  constructor(private readonly packed: PackedStrings) {}

  next(): string {
    const { packed, k } = this;
    const end = packed.ends[k] as number;
    this.k = k + 1;
    if (packed.wide[k] === 1) {
      const value = packed.wideText.slice(this.wideAt, end);
      this.wideAt = end;
      return value;
    }
    const value = packed.text.slice(this.narrowAt, end);
    this.narrowAt = end;
    return value;
  }
}

const NO_YEAR = -0x80000000;
/** A `fields` value no field-by-field record has (their bits are below it). */
const OTHER_SHAPE = 0x80;
const FIELD_BITS = { id: 1, abstract: 2, venue: 4, url: 8, doi: 16 } as const;
const FIELDS = Object.keys(FIELD_BITS) as (keyof typeof FIELD_BITS)[];
/** The keys of a record `readPaper` makes: one with others (or without some) is carried whole. */
const PAPER_KEYS = ['id', 'doi', 'title', 'authors', 'abstract', 'year', 'venue', 'url', 'source', 'nameAt'];

/** Whether `record` is a papers line's, with its byline in `names` at `nameAt`. */
function fieldByField(record: PaperRecord, names: NameTable): boolean {
  const { nameAt } = record;
  if (nameAt === undefined || nameAt + record.authors.length > names.bylineCount) return false;
  const keys = Object.keys(record);
  if (keys.length !== PAPER_KEYS.length || !keys.every((key, k) => key === PAPER_KEYS[k])) return false;
  for (let k = 0; k < record.authors.length; k += 1)
    if (names.names[names.bylineIds[nameAt + k] as number] !== record.authors[k]) return false;
  return true;
}

/** The records a batcher holds until its next batch. */
function nothingPending() {
  return {
    lines: [] as number[],
    years: [] as number[],
    fields: [] as number[],
    strings: [] as string[],
    /** Characters of `strings` (a batch's texts are strings: V8 caps a string's length). */
    chars: 0,
    bylineEnds: [] as number[],
    bylines: [] as number[],
    others: [] as Omit<PaperRecord, 'source'>[],
  };
}

/** Makes batches of the records given to it, in order. */
export class RecordBatcher {
  private pending = nothingPending();
  /** Names of `names` already sent. */
  private namesSent = 0;

  constructor(private readonly names: NameTable) {}

  /** Records added since the last batch. */
  get size(): number {
    return this.pending.lines.length;
  }

  /** Characters of the field-by-field records' strings since the last batch. */
  get chars(): number {
    return this.pending.chars;
  }

  add(record: PaperRecord): void {
    const { pending } = this;
    pending.lines.push(record.source.line);
    pending.years.push(record.year ?? NO_YEAR);
    if (!fieldByField(record, this.names)) {
      const { source: _source, ...rest } = record;
      pending.fields.push(OTHER_SHAPE);
      pending.others.push(rest);
      pending.bylineEnds.push(pending.bylines.length);
      return;
    }
    let bits = 0;
    pending.strings.push(record.title);
    pending.chars += record.title.length;
    for (const field of FIELDS) {
      const value = record[field];
      if (value === null || value === undefined) continue;
      bits |= FIELD_BITS[field];
      pending.strings.push(value);
      pending.chars += value.length;
    }
    pending.fields.push(bits);
    const at = record.nameAt as number;
    for (let k = 0; k < record.authors.length; k += 1) pending.bylines.push(this.names.bylineIds[at + k] as number);
    pending.bylineEnds.push(pending.bylines.length);
  }

  /** The batch of the records added since the last one (and the arrays to transfer with it), and a fresh start. */
  take(): { batch: RecordBatch; transfer: ArrayBuffer[] } {
    const { pending } = this;
    this.pending = nothingPending();
    const strings = packStrings(pending.strings);
    const newNames = this.names.names.slice(this.namesSent);
    const names = packStrings(newNames);
    const nameHashes = new Int32Array(newNames.length);
    for (let k = 0; k < newNames.length; k += 1) nameHashes[k] = stringHash(newNames[k] as string);
    const batch: RecordBatch = {
      lines: Int32Array.from(pending.lines),
      years: Int32Array.from(pending.years),
      fields: Uint8Array.from(pending.fields),
      strings,
      bylineEnds: Int32Array.from(pending.bylineEnds),
      bylines: Int32Array.from(pending.bylines),
      firstName: this.namesSent,
      names,
      nameHashes,
      others: pending.others,
    };
    this.namesSent += newNames.length;
    const arrays = [
      batch.lines,
      batch.years,
      batch.fields,
      strings.ends,
      strings.wide,
      batch.bylineEnds,
      batch.bylines,
    ];
    arrays.push(names.ends, names.wide, nameHashes);
    return { batch, transfer: arrays.map((array) => array.buffer as ArrayBuffer) };
  }
}

/** Turns batches from one `RecordBatcher` back into records, in the order they were made. */
export class BatchReader {
  /** The sending table's name numbers → this table's. */
  private numbers = new Int32Array(1024);
  private known = 0;

  constructor(
    private readonly names: NameTable,
    private readonly file: string,
    /** Added to each line the batches give. */
    private readonly lineBase: number,
  ) {}

  /** Hands each record of `batch` to `each`, in order. */
  read(batch: RecordBatch, each: (record: PaperRecord) => void): void {
    if (batch.firstName !== this.known) throw new Error('record-batches: a batch is missing or out of order');
    this.learnNames(batch);
    const { names, file, lineBase, numbers } = this;
    const { bylines, bylineEnds } = batch;
    const strings = new StringCursor(batch.strings);
    let at = 0;
    let other = 0;
    for (let k = 0; k < batch.lines.length; k += 1) {
      const source = { file, line: (batch.lines[k] as number) + lineBase };
      const bits = batch.fields[k] as number;
      const end = bylineEnds[k] as number;
      if (bits === OTHER_SHAPE) {
        each({ ...(batch.others[other] as Omit<PaperRecord, 'source'>), source });
        other += 1;
        at = end;
        continue;
      }
      const title = strings.next();
      const id = bits & FIELD_BITS.id ? strings.next() : null;
      const abstract = bits & FIELD_BITS.abstract ? strings.next() : null;
      const venue = bits & FIELD_BITS.venue ? strings.next() : null;
      const url = bits & FIELD_BITS.url ? strings.next() : null;
      const doi = bits & FIELD_BITS.doi ? strings.next() : null;
      const authors = new Array<string>(end - at);
      const nameAt = names.bylineCount;
      for (let p = 0; at < end; at += 1, p += 1) {
        const number = numbers[bylines[at] as number] as number;
        names.pushByline(number);
        authors[p] = names.names[number] as string;
      }
      const year = batch.years[k] as number;
      // The keys in `readPaper`'s order.
      each({
        id,
        doi,
        title,
        authors,
        abstract,
        year: year === NO_YEAR ? null : year,
        venue,
        url,
        source,
        nameAt,
      });
    }
  }

  private learnNames(batch: RecordBatch): void {
    const count = batch.names.ends.length;
    if (this.known + count > this.numbers.length) {
      const larger = new Int32Array(Math.max(2 * this.numbers.length, this.known + count));
      larger.set(this.numbers);
      this.numbers = larger;
    }
    const names = new StringCursor(batch.names);
    for (let k = 0; k < count; k += 1)
      this.numbers[this.known + k] = this.names.intern(names.next(), batch.nameHashes[k] as number);
    this.known += count;
  }
}
