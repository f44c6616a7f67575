/**
 * PostgreSQL's COPY text format, both ways: rows of fields separated by tabs, one row per line, `\N`
 * for null, and backslash escapes for the characters that would break that (backslash, tab, newline,
 * carriage return; COPY TO also writes \b, \f and \v). Bulk COPY is what makes an import and a
 * replica's first load fast: no statement per row, no row objects built by the driver.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DatabaseClient } from './database.ts';

export type CopyField = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/u;

function encodeField(value: CopyField): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/gu, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One row as a line of COPY text. */
export function encodeCopyRow(fields: readonly CopyField[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i += 1) line += (i === 0 ? '' : '\t') + encodeField(fields[i] ?? null);
  return `${line}\n`;
}

const UNESCAPE: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function decodeField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/gsu, (_match, c: string) => UNESCAPE[c] ?? c);
}

/** A line of COPY text (without its newline) as its fields. */
export function decodeCopyRow(line: string): (string | null)[] {
  return line.split('\t').map(decodeField);
}

/** Streams `rows` (lines made by `encodeCopyRow`) into `COPY <target> FROM STDIN`. */
export async function copyRowsIn(client: DatabaseClient, target: string, rows: Iterable<string>): Promise<void> {
  function* batches(): Generator<Buffer> {
    let batch = '';
    for (const row of rows) {
      batch += row;
      if (batch.length >= 1 << 16) {
        yield Buffer.from(batch, 'utf8');
        batch = '';
      }
    }
    if (batch !== '') yield Buffer.from(batch, 'utf8');
  }
  await pipeline(Readable.from(batches()), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
}

/** Runs `COPY (<query>) TO STDOUT` and hands each row's fields to `onRow`, in order. */
export async function copyRowsOut(
  client: DatabaseClient,
  query: string,
  onRow: (fields: (string | null)[]) => void,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  const take = (text: string) => {
    const lines = (carry + text).split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) onRow(decodeCopyRow(line));
  };
  await pipeline(
    client.query(copyTo(`COPY (${query}) TO STDOUT`)),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        take(decoder.write(chunk));
        done();
      },
      final(done) {
        take(decoder.end());
        if (carry !== '') onRow(decodeCopyRow(carry));
        done();
      },
    }),
  );
}
