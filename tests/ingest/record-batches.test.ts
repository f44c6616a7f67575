/**
 * Records as batches (record-batches.ts): read back, they equal the records sent, their names interned
 * into the receiving table after its own; strings of Latin-1 are packed apart from the others; a batch
 * counts its strings' characters (the worker sends one early when they grow long); a batch missing or
 * out of order is refused.
 */
import { describe, expect, it } from 'vitest';
import { NameTable } from '../../src/ingest/name-table.ts';
import { BatchReader, RecordBatcher, packStrings } from '../../src/ingest/record-batches.ts';
import type { PaperRecord } from '../../src/ingest/records.ts';

/** A record as the JSON papers reader makes it, its byline interned into `names`. */
function paper(names: NameTable, line: number, title: string, authors: string[], extra: Partial<PaperRecord> = {}) {
  const byline = [...authors];
  const nameAt = names.internByline(byline);
  return {
    id: extra.id ?? null,
    doi: extra.doi ?? null,
    title,
    authors: byline,
    abstract: extra.abstract ?? null,
    year: extra.year ?? null,
    venue: extra.venue ?? null,
    url: extra.url ?? null,
    source: { file: 'sent.jsonl', line },
    nameAt,
  } satisfies PaperRecord;
}

describe('record batches', () => {
  it('read back equal to the records sent, names numbered after the receiving table’s own', () => {
    const sent = new NameTable();
    const batcher = new RecordBatcher(sent);
    const records: PaperRecord[] = [
      paper(sent, 1, 'One', ['Ada Lovelace', 'Alan Turing'], { id: 'p1', year: 1843, venue: 'Notes' }),
      paper(sent, 3, 'Two', ['Alan Turing'], { doi: '10.1/two', url: 'https://example.org/2', abstract: 'Short.' }),
      // Carried whole: a shape of its own (ids per author, a byline cut short).
      {
        id: 'w3',
        title: 'Three',
        authors: ['Grace Hopper'],
        authorIdentities: [[{ scheme: 'orcid', value: '0000-0002-0000-0001' }]],
        authorListIncomplete: false,
        abstract: null,
        year: 2020,
        venue: null,
        url: null,
        doi: null,
        source: { file: 'sent.jsonl', line: 4 },
      },
      paper(sent, 7, 'Four', ['Émile Zola', 'Ada Lovelace', '李 明'], { year: 0 }),
    ];
    const batches = [];
    for (const [k, record] of records.entries()) {
      batcher.add(record);
      if (k === 1) batches.push(batcher.take().batch);
    }
    batches.push(batcher.take().batch);

    // The receiving table has names of its own already: one of the sent names among them.
    const received = new NameTable();
    received.internByline(['Bo Chen', 'Alan Turing']);
    const reader = new BatchReader(received, 'file.jsonl', 100);
    const read: PaperRecord[] = [];
    for (const batch of batches) reader.read(batch, (record) => read.push(record));

    const moved = (record: PaperRecord) => ({
      ...record,
      source: { file: 'file.jsonl', line: record.source.line + 100 },
    });
    expect(read.map(({ nameAt: _nameAt, ...record }) => record)).toEqual(
      records.map((record) => {
        const { nameAt: _nameAt, ...rest } = moved(record);
        return rest;
      }),
    );
    // The record carried whole has no numbers (as its reader gave none): the merge interns its names.
    expect(received.names).toEqual(['Bo Chen', 'Alan Turing', 'Ada Lovelace', 'Émile Zola', '李 明']);
    // Each field-by-field record's byline is in the receiving table at its `nameAt`.
    for (const record of read.filter((record) => record.nameAt !== undefined))
      expect(
        record.authors.map((_, k) => received.names[received.bylineIds[(record.nameAt as number) + k] as number]),
      ).toEqual(record.authors);
    // One string per name in the receiving table, shared by the bylines.
    expect(read[0]?.authors[0]).toBe(read[3]?.authors[1]);
  });

  it('packs strings of Latin-1 apart from the others, so that one wide string leaves the rest a byte a character', () => {
    const strings = ['Plain title', '图论', 'Émile Zola', '', 'Łódź', 'naïve'];
    const packed = packStrings(strings);
    expect(packed.text).toBe('Plain titleÉmile Zolanaïve');
    expect(packed.wideText).toBe('图论Łódź');
    expect([...packed.wide]).toEqual([0, 1, 0, 0, 1, 0]);
    // Through a batch and back: the same strings, in order.
    const names = new NameTable();
    const batcher = new RecordBatcher(names);
    for (const [k, title] of strings.entries())
      if (title !== '') batcher.add(paper(names, k + 1, title, [title.toUpperCase()], { venue: title }));
    const { batch } = batcher.take();
    expect(batch.strings.wideText).toBe('图论图论ŁódźŁódź');
    expect(batch.names.wideText).toBe('图论ŁÓDŹ');
    const read: PaperRecord[] = [];
    new BatchReader(new NameTable(), 'file.jsonl', 0).read(batch, (record) => read.push(record));
    expect(read.map((record) => [record.title, record.venue, record.authors[0]])).toEqual(
      strings.filter((title) => title !== '').map((title) => [title, title, title.toUpperCase()]),
    );
  });

  it('counts the characters of a batch’s strings, from zero after each batch', () => {
    const names = new NameTable();
    const batcher = new RecordBatcher(names);
    batcher.add(paper(names, 1, 'Title', ['A'], { abstract: 'x'.repeat(1000), venue: 'V' }));
    expect(batcher.chars).toBe(5 + 1000 + 1);
    batcher.take();
    expect(batcher.chars).toBe(0);
    batcher.add(paper(names, 2, 'T', ['A'], { id: 'id' }));
    expect(batcher.chars).toBe(3);
  });

  it('refuses a batch missing or out of order', () => {
    const names = new NameTable();
    const batcher = new RecordBatcher(names);
    batcher.add(paper(names, 1, 'One', ['Ada Lovelace']));
    batcher.take();
    batcher.add(paper(names, 2, 'Two', ['Alan Turing']));
    const second = batcher.take().batch;
    const reader = new BatchReader(new NameTable(), 'file.jsonl', 0);
    expect(() => reader.read(second, () => {})).toThrow(/missing or out of order/u);
  });
});
