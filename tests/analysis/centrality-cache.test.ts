/**
 * The centrality cache does not trust its directory (issue 12, point 7): a tampered score (NaN,
 * Infinity, negative, out of range) or date makes the file ignored with a warning, a FIFO at its name
 * is refused at once instead of hanging `serve`, and the writer never follows a link planted in the
 * directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { centralityCache } from '../../src/analysis/centrality-cache.ts';

const ids = ['a', 'b', 'c', 'd'];
const good = () => ({ betweenness: Float64Array.from([0, 0.5, 1, 0]), closeness: Float64Array.from([0.25, 0.5, 1, 0]), harmonic: Float64Array.from([1, 2, 3, 0]) });

function cacheIn(directory: string) {
  const warnings: string[] = [];
  return { cache: centralityCache(directory, 'key', ids, (message) => warnings.push(message)), warnings };
}

/** The cache file with one float64 replaced (column: 0 betweenness, 1 closeness, 2 harmonic). */
function tamper(file: string, column: number, author: number, value: number): void {
  const bytes = readFileSync(file);
  const body = bytes.indexOf(0x0a) + 1;
  bytes.writeDoubleLE(value, body + (column * ids.length + author) * 8);
  writeFileSync(file, bytes);
}

describe('centrality cache: reading', () => {
  it('reads back what it wrote, in a file of mode 0600', () => {
    const { cache, warnings } = cacheIn(mkdtempSync(join(tmpdir(), 'coauthor-cache-')));
    cache.write(good(), new Date('2026-01-02T03:04:05Z'), 12.5);
    expect(cache.read()).toEqual({ scores: good(), computedAt: new Date('2026-01-02T03:04:05Z'), seconds: 12.5 });
    expect(statSync(cache.file).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([]);
  });

  it.each([
    [0, 1, Number.NaN, 'a betweenness score of NaN (expected 0 to 1)'],
    [0, 1, Number.POSITIVE_INFINITY, 'a betweenness score of Infinity (expected 0 to 1)'],
    [1, 2, -0.5, 'a closeness score of -0.5 (expected 0 to 1)'],
    [0, 0, 2, 'a betweenness score of 2 (expected 0 to 1)'],
    [2, 0, 4, 'a harmonic score of 4 (expected 0 to 3)'],
  ])('ignores a file whose column %i, author %i holds %d, with a warning', (column, author, value, problem) => {
    const { cache, warnings } = cacheIn(mkdtempSync(join(tmpdir(), 'coauthor-cache-')));
    cache.write(good(), new Date(), 1);
    tamper(cache.file, column, author, value);
    expect(cache.read()).toBeNull();
    expect(warnings).toEqual([`centrality cache ignored: ${cache.file} holds ${problem}; the scores are computed again`]);
  });

  it('ignores a file whose date does not parse or whose duration is not a number', () => {
    const { cache, warnings } = cacheIn(mkdtempSync(join(tmpdir(), 'coauthor-cache-')));
    cache.write(good(), new Date(), 1);
    const original = readFileSync(cache.file);
    const header = JSON.parse(original.subarray(0, original.indexOf(0x0a)).toString()) as Record<string, unknown>;
    const withHeader = (changes: Record<string, unknown>) => writeFileSync(cache.file, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...changes })}\n`), original.subarray(original.indexOf(0x0a) + 1)]));
    withHeader({ computedAt: 'yesterday-ish' });
    expect(cache.read()).toBeNull();
    withHeader({ seconds: -3 });
    expect(cache.read()).toBeNull();
    expect(warnings).toEqual([
      `centrality cache ignored: ${cache.file} holds a date that does not parse ("yesterday-ish"); the scores are computed again`,
      `centrality cache ignored: ${cache.file} holds a duration of -3 seconds; the scores are computed again`,
    ]);
  });

  it('refuses a FIFO at the cache file\u2019s name at once (no hang), with a warning', () => {
    const { cache, warnings } = cacheIn(mkdtempSync(join(tmpdir(), 'coauthor-cache-')));
    execFileSync('mkfifo', [cache.file]);
    expect(cache.read()).toBeNull();
    expect(warnings).toEqual([`centrality cache ignored: ${cache.file} is a FIFO (named pipe), not a regular file; refusing to read it`]);
  });
});

describe('centrality cache: writing', () => {
  it('never follows a link planted at the old predictable temporary name', () => {
    const directory = mkdtempSync(join(tmpdir(), 'coauthor-cache-'));
    const { cache } = cacheIn(directory);
    const victim = join(directory, 'victim');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, `${cache.file}.${process.pid}.tmp`);
    cache.write(good(), new Date(), 1);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(cache.read()?.seconds).toBe(1);
  });
});
