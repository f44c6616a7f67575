import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { cachedSnapshotFile } from '../../src/snapshot/snapshot-cache.ts';
import { readSnapshotFile } from '../../src/snapshot/snapshot-file.ts';
import { captureIO } from '../helpers/files.ts';
import { STAGED_ESTIMATES, syntheticPapersJsonl } from '../helpers/networks.ts';

async function run(...args: string[]) {
  const io = captureIO();
  const code = await main(args, io);
  return { code, ...io };
}

const directory = mkdtempSync(join(tmpdir(), 'coauthor-graph-build-'));
const snapshot = join(directory, 'seed.cgsnap');

describe('build, then every command from the snapshot', () => {
  it('writes a snapshot of the bundled data with exact values', async () => {
    const { code, stdout } = await run('build', '--no-cache', '--out', snapshot);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^wrote .*seed\.cgsnap \(network version [0-9a-f]{16}\) in \d+\.\d s: 10 papers, 30 authors, 89 collaborations from 1 file .*; betweenness, closeness and harmonic exact\n$/u,
    );
    const { manifest } = readSnapshotFile(snapshot);
    // Besides the authors, papers and ties: what each table is checked against alone (one source file, no merged ids, 31 search keys of 30 authors).
    expect(manifest.counts).toEqual({ authors: 30, papers: 10, ties: 89, files: 1, alternateIds: 0, nameKeys: 31 });
    expect(manifest.inputKey).toMatch(/^[0-9a-f]{32}$/u);
    expect(Object.values(manifest.metrics).every((origin) => origin.exact)).toBe(true);
  });

  it('reports, exports and checks the same from the snapshot as from the files', async () => {
    for (const command of [
      ['report', '--metric', 'betweenness', '--top', '30', '--format', 'csv'],
      ['export', '--format', 'gexf'],
      ['export', '--format', 'csv', '--center', 'paul-vicol', '--depth', '2'],
    ]) {
      const fromFiles = await run(...command, '--no-cache');
      const fromSnapshot = await run(...command, '--snapshot', snapshot, '--no-cache');
      expect(fromSnapshot.code).toBe(0);
      expect(fromSnapshot.stdout).toBe(fromFiles.stdout);
    }
    const checked = await run('check', '--snapshot', snapshot);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('papers: 10\nauthors: 30\ncollaborations: 89\n');
    expect(checked.stdout).toContain('problems: 0 error(s), 0 warning(s) (checksums and structure verified)');
  });

  it('check says why a snapshot cannot be used, with exit code 1', async () => {
    const broken = join(directory, 'broken.cgsnap');
    writeFileSync(broken, 'x'.repeat(100));
    const { code, stdout } = await run('check', '--snapshot', broken);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `cannot use snapshot ${broken}: no ZIP end record at the end of the file (truncated, or not a snapshot)\n`,
    );
  });

  it('keeps the estimates from the whole sample, not a smaller first estimate', async () => {
    const data = join(directory, 'synthetic.jsonl');
    writeFileSync(data, syntheticPapersJsonl(7, 4000)); // about 5,000 authors: estimated, not computed in-thread
    const out = join(directory, 'synthetic.cgsnap');
    const { code, stdout } = await run('build', '--data', data, '--no-cache', ...STAGED_ESTIMATES, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('betweenness, closeness and harmonic estimated from 20 sources per large component');
    for (const metric of ['betweenness', 'closeness', 'harmonic'] as const)
      expect(readSnapshotFile(out).manifest.metrics[metric]).toMatchObject({ exact: false, sampleSize: 20 });
  }, 60_000);

  it('refuses to build data with an unreadable record', async () => {
    const bad = join(directory, 'bad.jsonl');
    writeFileSync(bad, '{"title": "Fine", "authors": ["Ann Lee"]}\n{not json\n');
    const { code, stderr } = await run('build', '--data', bad, '--no-cache', '--out', join(directory, 'bad.cgsnap'));
    expect(code).toBe(1);
    expect(stderr).toContain('cannot build: 1 record(s) could not be read');
    expect(stderr).toContain(`${bad}:2`);
  });
});

describe('options', () => {
  it.each([
    [['build'], '--out FILE is required'],
    [
      ['build', '--snapshot', 'x', '--out', 'y'],
      'build reads data files (--data); --snapshot is what it writes (--out)',
    ],
    [['serve', '--snapshot', 'x', '--data', 'y'], '--data cannot be used with --snapshot'],
    [
      ['report', '--metric', 'degree', '--snapshot', 'x', '--max-authors-per-paper', '5'],
      '--max-authors-per-paper cannot be used with --snapshot',
    ],
    [['serve', '--snapshot', 'x', '--watch'], '--watch re-reads data files; it does not apply to --snapshot'],
  ])('%j is refused: %s', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('a --snapshot file that is not there', () => {
  it('is refused with exit code 1 and its name, by check and by report', async () => {
    const missing = join(directory, 'missing.cgsnap');
    const checked = await run('check', '--snapshot', missing);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe(`cannot use snapshot ${missing}: there is no such file\n`);
    const reported = await run('report', '--metric', 'degree', '--snapshot', missing);
    expect(reported.code).toBe(1);
    expect(reported.stderr).toContain(`cannot report: cannot use snapshot ${missing}: there is no such file`);
  });
});

describe('build and the snapshot cache', () => {
  /** The shared-memory folder, when it is a file system of its own (a copy, not a second name, into the cache). */
  const otherFileSystem =
    existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? '/dev/shm' : null;

  it('puts the snapshot it writes into the cache as a second name of the same file, written once', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'coauthor-graph-cache-'));
    const out = join(directory, 'cached.cgsnap');
    const first = await run('build', '--cache-dir', cache, '--out', out);
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('cache');
    const { manifest } = readSnapshotFile(out);
    const cached = cachedSnapshotFile(cache, manifest.inputKey as string);
    expect(statSync(cached).ino).toBe(statSync(out).ino);
    // No temporary name left behind, and nothing else written there.
    expect(readdirSync(cache)).toEqual([basename(cached)]);
    // A second build on the same files is a snapshot load, and leaves the cache's file as it was.
    const again = join(directory, 'again.cgsnap');
    const second = await run('build', '--cache-dir', cache, '--out', again);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`via the cached snapshot ${cached}`);
    expect(statSync(cached).ino).toBe(statSync(out).ino);
    expect(readSnapshotFile(again).manifest.networkVersion).toBe(manifest.networkVersion);
  });

  it.skipIf(otherFileSystem === null)('copies it into a cache on another file system (/dev/shm here)', async () => {
    const cache = mkdtempSync(join(otherFileSystem as string, 'coauthor-graph-cache-'));
    const out = join(directory, 'copied.cgsnap');
    const { code, stderr } = await run('build', '--cache-dir', cache, '--out', out);
    expect(code).toBe(0);
    expect(stderr).not.toContain('cache');
    const cached = cachedSnapshotFile(cache, readSnapshotFile(out).manifest.inputKey as string);
    expect(statSync(cached).ino).not.toBe(statSync(out).ino);
    expect(readFileSync(cached).equals(readFileSync(out))).toBe(true);
    expect(readdirSync(cache)).toEqual([basename(cached)]);
  });

  it('says so when the cache cannot take it, and still succeeds with the snapshot written', async () => {
    const notAFolder = join(directory, 'not-a-folder');
    writeFileSync(notAFolder, 'a file where the cache folder should be');
    const out = join(directory, 'uncached.cgsnap');
    const { code, stderr } = await run('build', '--cache-dir', notAFolder, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^could not save the snapshot in the cache: .*not-a-folder/mu);
    expect(readSnapshotFile(out).manifest.counts.papers).toBe(10);
  });
});
