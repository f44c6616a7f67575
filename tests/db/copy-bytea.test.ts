import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryCopyColumn, copyByteaColumn } from '../../src/db/copy-bytea.ts';
import { type Database, connectDatabase } from '../../src/db/database.ts';
import { type TestDatabase, createTestDatabase, postgresAvailable } from '../helpers/database.ts';

/** Values compared by digest (a deep comparison of megabytes, byte by byte, takes seconds). */
function digests(values: (Buffer | null)[]): (string | null)[] {
  return values.map((value) =>
    value === null ? null : `${value.length}:${createHash('sha256').update(value).digest('hex')}`,
  );
}

/** A one-column binary COPY stream, written by hand from PostgreSQL's documented format. */
function stream(values: (Buffer | null)[], extension = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(19);
  Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1').copy(header);
  header.writeInt32BE(0, 11);
  header.writeInt32BE(extension.length, 15);
  const rows = values.map((value) => {
    const row = Buffer.alloc(6);
    row.writeInt16BE(1, 0);
    row.writeInt32BE(value === null ? -1 : value.length, 2);
    return value === null ? row : Buffer.concat([row, value]);
  });
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1, 0);
  return Buffer.concat([header, extension, ...rows, trailer]);
}

describe('reading a binary COPY of one bytea column', () => {
  it('gives every value in order, NULL as null, an empty value as empty, past a header extension', () => {
    const values = [Buffer.from('first'), null, Buffer.alloc(0), randomBytes(70_000)];
    expect(digests(binaryCopyColumn(stream(values)))).toEqual(digests(values));
    expect(digests(binaryCopyColumn(stream(values, Buffer.from('ext'))))).toEqual(digests(values));
    expect(binaryCopyColumn(stream([]))).toEqual([]);
  });

  it('refuses a stream that is not one, is cut short, has rows of two fields or bytes after its end', () => {
    const whole = stream([Buffer.from('value')]);
    expect(() => binaryCopyColumn(Buffer.from('plain text, not a COPY stream'))).toThrow(
      'binary COPY: not a binary COPY stream',
    );
    expect(() => binaryCopyColumn(whole.subarray(0, whole.length - 2))).toThrow(
      'binary COPY: the stream ends before its trailer',
    );
    expect(() => binaryCopyColumn(whole.subarray(0, whole.length - 4))).toThrow(
      'binary COPY: the stream ends inside a value',
    );
    const twoFields = Buffer.from(whole);
    twoFields.writeInt16BE(2, 19);
    expect(() => binaryCopyColumn(twoFields)).toThrow('binary COPY: a row of 2 fields, not 1');
    expect(() => binaryCopyColumn(Buffer.concat([whole, Buffer.from([0])]))).toThrow(
      'binary COPY: bytes after the trailer',
    );
  });
});

describe.skipIf(!postgresAvailable)('copyByteaColumn on a real PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('copy_bytea');
    database = connectDatabase(testDatabase.url);
  });
  afterAll(async () => {
    await database?.end();
    await testDatabase?.drop();
  });

  it('reads the values a SELECT reads, megabytes included, in the query’s order, and leaves the connection usable', async () => {
    await database.query('CREATE TABLE blobs (id int PRIMARY KEY, bytes bytea)');
    const values = [randomBytes(3_000_000), null, Buffer.alloc(0), Buffer.from([0, 1, 2, 255])];
    for (const [id, bytes] of values.entries()) await database.query('INSERT INTO blobs VALUES ($1, $2)', [id, bytes]);
    const client = await database.connect();
    try {
      const read = await copyByteaColumn(client, 'SELECT bytes FROM blobs ORDER BY id DESC');
      expect(digests(read)).toEqual(digests([...values].reverse()));
      const selected = await client.query<{ bytes: Buffer | null }>('SELECT bytes FROM blobs ORDER BY id DESC');
      expect(digests(read)).toEqual(digests(selected.rows.map((row) => row.bytes)));
      expect(await copyByteaColumn(client, 'SELECT bytes FROM blobs WHERE id < 0')).toEqual([]);
    } finally {
      client.release();
    }
  });
});
