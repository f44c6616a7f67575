/**
 * Hostile data files against the real commands (issue 12, point 4): a 5 MB author name, terminal
 * escape sequences and bidirectional controls in names.
 */
import { describe, expect, it } from 'vitest';
import { parseName, transliterate } from '../../src/analysis/name-compatibility.ts';
import { main } from '../../src/cli.ts';
import { MAX_NAME_LENGTH } from '../../src/ingest/input-limits.ts';
import { captureIO, tempFiles } from '../helpers/files.ts';

async function run(...args: string[]) {
  const io = captureIO();
  const code = await main(args, io);
  return { code, ...io };
}

describe('a 5 MB author name', () => {
  const huge = `Ada ${'a'.repeat(5_000_000)}`;
  const file = tempFiles({
    'huge.jsonl': [
      JSON.stringify({ title: 'Normal', authors: ['Ada Lovelace', 'Charles Babbage'] }),
      JSON.stringify({ title: 'Hostile', authors: [huge, 'Charles Babbage'] }),
    ].join('\n'),
  })['huge.jsonl']!;

  it('is reported by check with file:line, the record skipped, and no crash', async () => {
    const { code, stdout } = await run('check', '--data', file);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${file}:2: error: author 1's name is ${huge.length} characters long; the limit is ${MAX_NAME_LENGTH}: record skipped`,
    );
    expect(stdout).toContain('papers: 1');
    expect(stdout.length).toBeLessThan(5000);
  });

  it('does not overflow the stack in transliteration, and is never compared for duplicates', () => {
    expect(transliterate('a'.repeat(5_000_000))).toBe('a');
    expect(transliterate('Muellerr-Schmitt')).toBe(transliterate('Mulerr-Schmit'));
    expect(parseName(huge)).toBeNull();
  });
});

describe('control characters in names never reach the terminal', () => {
  const hostile = [
    'Eve \u001b[2J\u001b]8;;http://evil.example\u0007Mallory',
    'Ada\r Lovelace \u202Eecalevol',
    'Bob\u0085 \u009b31mRed',
  ];
  const file = tempFiles({
    'escapes.jsonl': [
      JSON.stringify({ title: 'One', authors: hostile }),
      JSON.stringify({ title: 'Two', authors: [hostile[0], 'Charles Babbage'] }),
    ].join('\n'),
  })['escapes.jsonl']!;
  const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

  it.each(['table', 'markdown', 'csv'])('report --format %s prints none', async (format) => {
    const { code, stdout } = await run(
      'report',
      '--data',
      file,
      '--metric',
      'degree',
      '--format',
      format,
      '--no-cache',
    );
    expect(code).toBe(0);
    expect(stdout).not.toMatch(UNPRINTABLE);
    expect(stdout).toContain('Eve [2J]8;;http://evil.exampleMallory');
  });

  it('check prints none', async () => {
    const { stdout } = await run('check', '--data', file, '--candidates', '20');
    expect(stdout).not.toMatch(UNPRINTABLE);
  });

  it('report --csv-raw writes the bytes as they are', async () => {
    const { stdout } = await run(
      'report',
      '--data',
      file,
      '--metric',
      'degree',
      '--format',
      'csv',
      '--csv-raw',
      '--no-cache',
    );
    expect(stdout).toContain('\u001b[2J');
  });
});

describe('duplicate candidates with a huge name that bypassed the readers', () => {
  it('are computed without a stack overflow, and the huge name is never a candidate', async () => {
    const { networkFromRecords, paperRecord } = await import('../helpers/networks.ts');
    const { findDuplicateCandidates } = await import('../../src/analysis/duplicate-candidates.ts');
    const huge = `Jon ${'Lorraine'.repeat(600_000)}`; // about 5 MB
    const network = networkFromRecords([
      paperRecord('One', ['Jon Lorraine', 'Paul Vicol']),
      paperRecord('Two', ['Jonathan Lorraine', 'Paul Vicol']),
      paperRecord('Three', [huge, 'Jonathan Lorraine']),
    ]);
    const candidates = findDuplicateCandidates(network);
    expect(candidates.map((candidate) => candidate.authors.map((author) => author.name).sort())).toContainEqual([
      'Jon Lorraine',
      'Jonathan Lorraine',
    ]);
    for (const candidate of candidates)
      for (const author of candidate.authors) expect(author.name.length).toBeLessThan(100);
  });
});
